import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { screenshot, signIn, startBrowserApp, stopBrowserApp } from '../support/browser';
import { examples } from '../support/examples';
import { ownCadre } from '../support/fixtures';
import { authAs, client } from '../support/http';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

/**
 * A cadre on a phone learns from the bell that the unit answered, without reloading, opens the
 * notification, sees the item waiting for them with their feedback deadline, and disputes the answer.
 * The cadre is this file's own, so the bell counts only what this file does.
 */
describe('notifications in the browser', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  const contexts: { context: BrowserContext; errors: string[] }[] = [];
  const cadre = 'cadre.notifications-browser';

  beforeAll(async () => {
    ({ worker, api, browser, baseUrl } = await startBrowserApp());
    await ownCadre(cadre);
  });

  afterAll(async () => {
    for (const { context } of contexts) await context.close();
    await stopBrowserApp({ browser, api, worker });
  });

  /** A page of the given size in its own context, collecting script errors and CSP refusals. */
  async function pageOf(viewport: {
    width: number;
    height: number;
  }): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ baseURL: baseUrl, viewport });
    const errors: string[] = [];
    contexts.push({ context, errors });
    const page = await context.newPage();
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        errors.push(`console: ${message.text()}`);
      }
    });
    return { page, errors };
  }

  const bellCount = async (page: Page) => Number(await page.getByTestId('bell').getAttribute('data-count'));
  /** How far the page is wider than its viewport: 0 when nothing scrolls sideways. */
  const overflow = (page: Page) =>
    page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  /** Waits, without reloading, until the bell shows `n`. */
  const bellShows = (page: Page, n: number, timeout = 10_000) =>
    page.locator(`[data-testid="bell"][data-count="${n}"]`).waitFor({ timeout });

  it('a cadre sees the bell rise after the unit resolves, opens the notification and disputes, at phone size', async () => {
    const http = client(api);
    const title = `Chuông báo ${randomUUID().slice(0, 6)}: đèn đường ấp 3`;
    const submitted = await http.submit(cadre, { ...(await examples()).road26, title });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    expect((await http.act('officer.thanhphu', id, 'acknowledge')).status).toBe(200);

    const { page, errors } = await pageOf(PHONE);
    await signIn(page, cadre);
    await page.locator('[data-testid="bell"][data-count]').waitFor();
    // The first poll has answered once the bell carries a count.
    await page.waitForLoadState('networkidle');
    expect(await bellCount(page)).toBe(0);
    await page.evaluate('window.stillHere = true');
    await screenshot(page, 'notifications-bell-before-390');

    const resolved = await http.act('officer.thanhphu', id, 'resolve', {
      response: 'Đã lắp 12 bóng đèn năng lượng mặt trời.',
      outcome: 'implemented',
    });
    expect(resolved.status).toBe(200);

    // No reload: the bell polls every 30 s and finds the new notification.
    await bellShows(page, 1, 45_000);
    expect(await page.evaluate('window.stillHere === true')).toBe(true);
    expect(await page.getByTestId('bell').getAttribute('aria-label')).toBe('Thông báo: 1 chưa đọc');
    await screenshot(page, 'notifications-bell-after-390');

    await page.getByTestId('bell').click();
    await page.waitForURL(/#\/notifications$/);
    const entry = page.locator('[data-testid="notification"]', { hasText: title }).first();
    await entry.waitFor();
    expect(await entry.getAttribute('data-kind')).toBe('resolved');
    expect(await entry.locator('.notification-subject').textContent()).toBe(
      `Kiến nghị đã có trả lời, đề nghị phản hồi: ${title}`,
    );
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'notifications-page-390');

    // Opening it marks it read and shows the item, waiting for this cadre with the feedback deadline.
    await entry.getByTestId('notification-open').click();
    await page.waitForURL(new RegExp(`#/item/${id}$`));
    await page.getByTestId('item-title').waitFor();
    const waiting = page.getByTestId('waiting');
    expect(await waiting.getAttribute('data-step')).toBe('feedback');
    expect(await waiting.textContent()).toContain('Cần bạn xử lý');
    expect(await page.getByTestId('waiting-due').textContent()).toMatch(/Hạn của bạn: \d/);
    // Read now: the API says so, and the bell counts it no more.
    const mine = await request(api.getHttpServer())
      .get('/api/notifications')
      .set(await authAs(api, cadre))
      .expect(200);
    const opened = mine.body.items.find(
      (n: { recommendationId: string; kind: string }) => n.recommendationId === id && n.kind === 'resolved',
    );
    expect(opened.readAt).not.toBeNull();
    // Opening asked the bell again; it does not wait for the next 30 s poll.
    await bellShows(page, 0);
    await screenshot(page, 'notifications-item-waiting-390');

    // "Kiến nghị của tôi" marks the item too, with the deadline, not "—".
    await page.goto('/#/mine');
    const row = page.locator(`[data-testid="rec-row"][data-id="${id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('waiting-due').textContent()).toMatch(/Hạn của bạn: \d/);
    await screenshot(page, 'notifications-mine-390');

    // The dispute, from the item page.
    await page.goto(`/#/item/${id}`);
    await page.getByTestId('action-feedback').waitFor();
    await page.getByTestId('input-feedback-verdict').selectOption('dispute');
    await page.getByTestId('input-feedback-reason').fill('Mới lắp 8 bóng, còn thiếu 4.');
    await page.getByTestId('action-feedback-submit').click();
    await page.locator('[data-testid="item-status"][data-status="in-progress"]').waitFor();
    expect(await page.getByTestId('waiting').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 180_000);

  it('shows the notifications page and the email choices on a desktop, in both languages', async () => {
    // A dispute for the lead unit to hear of.
    const http = client(api);
    const item = await http.submit('cadre.hoaloi', {
      ...(await examples()).road26,
      title: `Tranh chấp ${randomUUID().slice(0, 6)}: cống ấp 2`,
    });
    const id = item.body.id as string;
    expect((await http.act('officer.thanhphu', id, 'acknowledge')).status).toBe(200);
    expect(
      (await http.act('officer.thanhphu', id, 'resolve', { response: 'Đã nạo vét.', outcome: 'implemented' }))
        .status,
    ).toBe(200);
    expect(
      (await http.act('cadre.hoaloi', id, 'feedback', { verdict: 'dispute', reason: 'Cống vẫn tắc.' }))
        .status,
    ).toBe(200);

    const { page, errors } = await pageOf(DESKTOP);
    await signIn(page, 'officer.thanhphu');
    await page.goto('/#/notifications');
    await page.getByTestId('notification-list').waitFor();
    // The dispute of the test before reached the lead unit.
    expect(await page.locator('[data-testid="notification"][data-kind="disputed"]').count()).toBeGreaterThan(
      0,
    );
    await screenshot(page, 'notifications-page-1366');

    await page.getByTestId('pref-digest').selectOption('daily');
    await page.locator('[data-testid="banner"].banner-success').waitFor();
    await page.reload();
    await page.getByTestId('notification-list').waitFor();
    expect(await page.getByTestId('pref-digest').inputValue()).toBe('daily');
    await page.getByTestId('pref-digest').selectOption('immediate');
    await page.locator('[data-testid="banner"].banner-success').waitFor();

    await page.getByTestId('read-all').click();
    await bellShows(page, 0);
    expect(await page.locator('.notification-unread').count()).toBe(0);

    await page.getByTestId('lang-toggle').click();
    await page.getByText('Notification email').waitFor();
    expect(await page.getByTestId('page-title').textContent()).toBe('Notifications');
    expect(await page.locator('[data-kind="disputed"] .notification-subject').first().textContent()).toMatch(
      /^The cadre disputes the answer: /,
    );
    await screenshot(page, 'notifications-page-en-1366');
    expect(errors).toEqual([]);
  }, 120_000);
});
