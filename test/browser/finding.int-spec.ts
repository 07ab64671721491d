import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { openPage, screenshot, signIn, startBrowserApp, stopBrowserApp } from '../support/browser';
import { examples } from '../support/examples';
import { unitId } from '../support/fixtures';
import { client } from '../support/http';

const STEP_TIMEOUT = 120_000;
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

/**
 * Finding an item again in the web UI: an officer whose unit transferred an item finds it through
 * "handled by my unit", the filters live in the URL and survive a reload, the list downloads as CSV,
 * a unit head reads their unit's dashboard, and a cadre searches by reference number.
 */
describe('finding items in the browser', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  const open: { page: Page; errors: string[] }[] = [];
  const marker = `tim${randomUUID().slice(0, 6)}`;
  let item = { id: '', reference: '' };

  beforeAll(async () => {
    ({ worker, api, browser, baseUrl } = await startBrowserApp());
    // The item reaches Thạnh Phú, which transfers it: it leaves the officer's inbox.
    const http = client(api);
    const { road26 } = await examples();
    const submitted = await http.submit('cadre.hoaloi', { ...road26, title: `Đường liên ấp ${marker}` });
    if (submitted.status !== 201) throw new Error(`submit: ${submitted.status} ${submitted.text}`);
    item = { id: submitted.body.id, reference: submitted.body.reference };
    const moved = await http.act('officer.thanhphu', item.id, 'transfer', {
      reason: 'Thuộc thẩm quyền Sở Giao thông vận tải.',
      toUnitId: await unitId('dot'),
    });
    if (moved.status !== 200) throw new Error(`transfer: ${moved.status} ${moved.text}`);
  }, STEP_TIMEOUT);

  afterAll(async () => {
    await stopBrowserApp({ browser, api, worker });
  });

  afterEach(async () => {
    for (const { page, errors } of open.splice(0)) {
      await page.context().close();
      expect(errors).toEqual([]);
    }
  });

  async function as(username: string, viewport = DESKTOP): Promise<Page> {
    const session = await openPage(browser, baseUrl);
    open.push(session);
    await session.page.setViewportSize(viewport);
    await signIn(session.page, username);
    return session.page;
  }

  const listed = (page: Page) => page.locator('[data-testid="items-list-paged"][data-loaded="true"]');
  const row = (page: Page) => page.locator(`[data-testid="items-list"] [data-id="${item.id}"]`);

  /** Waits until the list shows this item alone: the screen drawn again for the new address. */
  async function onlyTheItem(page: Page): Promise<void> {
    const rows = page.locator('[data-testid="items-list"] [data-testid="rec-row"]');
    const deadline = Date.now() + 30_000;
    while ((await rows.count()) !== 1 || (await rows.first().getAttribute('data-id')) !== item.id) {
      if (Date.now() > deadline) throw new Error(`the list did not show ${item.reference} alone`);
      await page.waitForTimeout(100);
    }
  }

  /** Nothing on the page is wider than the screen: no sideways scrolling. */
  async function noSidewaysScroll(page: Page): Promise<void> {
    // A string, evaluated in the page: the test's own TypeScript knows no DOM.
    const widths = (await page.evaluate(
      '({ page: document.documentElement.scrollWidth, screen: window.innerWidth })',
    )) as { page: number; screen: number };
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
  }

  it(
    'lets an officer find a transferred item through "handled by my unit", with filters that survive a reload',
    async () => {
      const page = await as('officer.thanhphu');
      expect(page.url()).toContain('#/inbox');
      await page.getByTestId('page-title').waitFor();
      expect(await page.locator(`[data-testid="task-row"][data-id="${item.id}"]`).count()).toBe(0);

      await page.getByTestId('inbox-handled').click();
      await listed(page).waitFor();
      expect(await page.getByTestId('input-handledByMyUnit').isChecked()).toBe(true);
      await page.getByTestId('search-input').fill(marker);
      await page.getByText(/Lọc và sắp xếp/).click();
      await page.getByTestId('input-status').selectOption('routed');
      await page.getByTestId('input-sort').selectOption('activity');
      await page.getByTestId('items-apply').click();
      await onlyTheItem(page);
      expect(await row(page).getByTestId('rec-ref').textContent()).toBe(item.reference);

      const hash = new URL(page.url()).hash;
      expect(hash).toMatch(/^#\/items\?/);
      const query = new URLSearchParams(hash.split('?')[1]);
      expect(Object.fromEntries(query)).toEqual({
        text: marker,
        status: 'routed',
        handledByMyUnit: 'true',
        sort: 'activity',
      });
      await screenshot(page, 'items-handled-by-unit');

      // The same view after a reload, as a bookmark or a shared link would open it.
      await page.reload();
      await onlyTheItem(page);
      expect(await page.getByTestId('search-input').inputValue()).toBe(marker);
      expect(await page.getByTestId('input-status').inputValue()).toBe('routed');
      expect(await page.getByTestId('input-sort').inputValue()).toBe('activity');
      expect(await page.getByTestId('input-handledByMyUnit').isChecked()).toBe(true);

      // The list as CSV: what is on the screen, for Excel.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('items-csv').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^kien-nghi-\d{8}-\d{4}\.csv$/);
      const file = fs.readFileSync(await download.path());
      expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = file.subarray(3).toString('utf8').trim().split('\r\n');
      expect(lines).toHaveLength(2);
      expect(lines[0].startsWith('Số tham chiếu,')).toBe(true);
      expect(lines[1].startsWith(`${item.reference},Đường liên ấp ${marker},`)).toBe(true);

      // The item page carries the reference above the title and beside the timeline.
      await row(page).getByTestId('item-link').click();
      await page.getByTestId('item-reference').waitFor();
      expect(await page.getByTestId('item-reference').textContent()).toBe(item.reference);
    },
    STEP_TIMEOUT,
  );

  it(
    'fits the list and its filters on a phone',
    async () => {
      const page = await as('officer.thanhphu', PHONE);
      await page.goto(`/#/items?handledByMyUnit=true&text=${marker}&sort=deadline`);
      await onlyTheItem(page);
      await noSidewaysScroll(page);
      await screenshot(page, 'items-handled-by-unit-phone');
    },
    STEP_TIMEOUT,
  );

  it(
    "shows a unit's figures to its head and officers",
    async () => {
      for (const [username, viewport, shot] of [
        ['head.thanhphu', DESKTOP, 'dashboard-unit-head'],
        ['officer.thanhphu', PHONE, 'dashboard-unit-officer-phone'],
      ] as const) {
        const page = await as(username, viewport);
        await page.goto('/#/dashboard');
        await page.locator('[data-testid="dashboard-body"][data-loaded="true"]').waitFor();
        expect(await page.getByTestId('dashboard-own-unit').textContent()).toContain('Thạnh Phú');
        await screenshot(page, shot);
      }
    },
    STEP_TIMEOUT,
  );

  it(
    'lets a cadre search their own items by reference number',
    async () => {
      for (const [viewport, shot] of [
        [DESKTOP, 'items-cadre'],
        [PHONE, 'items-cadre-phone'],
      ] as const) {
        const page = await as('cadre.hoaloi', viewport);
        if (viewport === DESKTOP) await page.getByTestId('nav-items').click();
        else await page.goto('/#/items');
        await page.getByTestId('search-input').fill(item.reference.slice(-6));
        await page.getByTestId('items-apply').click();
        await onlyTheItem(page);
        expect(new URL(page.url()).hash).toBe(`#/items?text=${item.reference.slice(-6)}`);
        await screenshot(page, shot);
      }
    },
    STEP_TIMEOUT,
  );
});
