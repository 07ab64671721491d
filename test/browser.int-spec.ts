import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import {
  openDashboard,
  openPage,
  reloadUntil,
  screenshot,
  signIn,
  startBrowserApp,
  stopBrowserApp,
} from './support/browser';
import { unitId } from './support/fixtures';

/** Slow steps: a real workflow behind each click, and a page reload per poll. */
const STEP_TIMEOUT = 180_000;

/**
 * The web UI in a real browser, against the real API, worker, Temporal and PostgreSQL: one
 * recommendation from the cadre's form to the leadership dashboard. The steps tell one story and
 * run in order; each starts from what the one before left.
 */
describe('web UI in a browser', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  const open: { page: Page; errors: string[] }[] = [];

  // A word no other item has, so lists and search find this item alone.
  const marker = `kt${randomUUID().slice(0, 6)}`;
  const title = `Tổ tuyên truyền ấp ${marker}: tập huấn tuyên truyền viên miệng`;
  let itemId = '';
  let before = { total: 0, closed: 0 };

  beforeAll(async () => {
    ({ worker, api, browser, baseUrl } = await startBrowserApp());
  });

  afterAll(async () => {
    await stopBrowserApp({ browser, api, worker });
  });

  /** A page in its own browser context; its script and CSP errors are checked after each step. */
  async function newPage(): Promise<Page> {
    const session = await openPage(browser, baseUrl);
    open.push(session);
    return session.page;
  }

  async function as(username: string): Promise<Page> {
    const page = await newPage();
    await signIn(page, username);
    return page;
  }

  afterEach(async () => {
    for (const { page, errors } of open.splice(0)) {
      await page.context().close();
      expect(errors).toEqual([]);
    }
  });

  const statusOf = (page: Page) => page.getByTestId('item-status').getAttribute('data-status');

  async function kpi(page: Page, key: string): Promise<number> {
    await page.locator('[data-testid="dashboard-body"][data-loaded="true"]').waitFor();
    return Number(await page.getByTestId(`kpi-${key}`).getAttribute('data-value'));
  }

  /** Reloads the item until its status is `status`. */
  async function untilStatus(page: Page, status: string): Promise<void> {
    await reloadUntil(page, async () => (await statusOf(page)) === status, { what: `status ${status}` });
  }

  /**
   * The dashboard filtered to the story's commune and category: other test files share the database,
   * and one of them deletes items of its own, which the whole province's totals would lose meanwhile.
   */
  async function storyDashboard(page: Page): Promise<void> {
    await openDashboard(page, { communeId: await unitId('phong-nam'), category: 'propaganda' });
  }

  it(
    'shows leadership the figures before the story starts',
    async () => {
      const page = await as('viewer.leadership');
      expect(page.url()).toContain('#/dashboard');
      await storyDashboard(page);
      before = { total: await kpi(page, 'total'), closed: await kpi(page, 'closed') };
    },
    STEP_TIMEOUT,
  );

  it(
    'lets a cadre submit a recommendation, showing the field error first',
    async () => {
      const page = await newPage();
      await page.goto('/#/login');
      await page.getByTestId('login-username').waitFor();
      await screenshot(page, 'login');
      await signIn(page, 'cadre.phongnam');
      expect(page.url()).toContain('#/mine');

      await page.getByTestId('nav-submit').click();
      await page.getByTestId('input-title').fill('Tổ');
      await page
        .getByTestId('input-situation')
        .fill('Nội dung tuyên truyền chưa đến từng hộ; thiếu tuyên truyền viên.');
      await page
        .getByTestId('input-proposal')
        .fill('Tập huấn tuyên truyền viên miệng ở từng ấp, biên soạn sổ tay hỏi đáp.');
      await page.getByTestId('input-categoryCode').selectOption('propaganda');
      await page.getByTestId('input-localityUnitId').selectOption({ label: 'Xã Phong Nẫm' });
      await page.getByTestId('submit-recommendation').click();

      // The title's refusal in Vietnamese, under the title, and nothing submitted.
      const titleError = page.getByTestId('error-title');
      await titleError.waitFor({ state: 'visible' });
      expect(await titleError.textContent()).toBe('Cần ít nhất 5 ký tự.');
      expect(await page.locator('[data-field="title"] [data-testid="error-title"]').count()).toBe(1);
      expect(await page.getByTestId('input-title').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('error-situation').isVisible()).toBe(false);
      expect(page.url()).toContain('#/submit');
      await screenshot(page, 'submit-field-error');

      await page.getByTestId('input-title').fill(title);
      await page.getByTestId('submit-recommendation').click();
      await page.waitForURL(/#\/item\/[0-9a-f-]{36}$/, { timeout: 60_000 });
      itemId = page.url().split('#/item/')[1];
      await untilStatus(page, 'routed');
      expect(await page.getByTestId('item-title').textContent()).toBe(title);
      expect(await page.getByTestId('item-lead-unit').textContent()).toBe('Ban Tuyên giáo Tỉnh ủy');
      // Nothing waits for the cadre: the one step open to them, asking the Standing Committee to rule,
      // stays folded.
      const ruling = page.getByTestId('action-request-ruling');
      expect(await ruling.isVisible()).toBe(true);
      expect(await ruling.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
      await screenshot(page, 'item-submitted');

      await page.getByTestId('nav-mine').click();
      const row = page.locator(`[data-testid="rec-row"][data-id="${itemId}"]`);
      await row.waitFor();
      expect(await row.getByTestId('status').getAttribute('data-status')).toBe('routed');
      await screenshot(page, 'mine');
    },
    STEP_TIMEOUT,
  );

  it(
    'lets the lead unit find it in its inbox, acknowledge and resolve it',
    async () => {
      const page = await as('officer.propaganda');
      expect(page.url()).toContain('#/inbox');
      const task = page.locator(`[data-testid="task-row"][data-id="${itemId}"]`);
      await reloadUntil(page, () => task.isVisible(), { what: 'the task in the inbox' });
      await screenshot(page, 'inbox');

      await task.getByTestId('item-link').click();
      await page.getByTestId('action-acknowledge').waitFor();
      await screenshot(page, 'item-unit');
      await page.getByTestId('action-acknowledge-submit').click();
      await untilStatus(page, 'in-progress');

      // An answer without its text: the refusal is shown under the fields concerned.
      await page.getByTestId('action-resolve-submit').click();
      await page.getByTestId('error-resolve-response').waitFor({ state: 'visible' });
      expect(await page.getByTestId('error-resolve-outcome').isVisible()).toBe(true);
      await screenshot(page, 'resolve-field-error');

      await page.getByTestId('input-resolve-response').fill('Ban hành sổ tay hỏi đáp và kế hoạch tập huấn.');
      await page.getByTestId('input-resolve-outcome').selectOption('implemented');
      await page.getByTestId('action-resolve-submit').click();
      await untilStatus(page, 'resolved');
      expect(await page.getByTestId('item-outcome').textContent()).toBe('Đã thực hiện');
      await screenshot(page, 'item-resolved');
    },
    STEP_TIMEOUT,
  );

  it(
    'lets the cadre accept the answer, which closes the item',
    async () => {
      const page = await as('cadre.phongnam');
      await page.goto(`/#/item/${itemId}`);
      await page.getByTestId('action-feedback').waitFor();
      expect(await page.getByTestId('input-feedback-verdict').inputValue()).toBe('accept');
      await page.getByTestId('action-feedback-submit').click();
      await untilStatus(page, 'closed');
      expect(await page.locator('[data-testid="event"][data-type="accepted"]').count()).toBe(1);
      await screenshot(page, 'item-closed');
    },
    STEP_TIMEOUT,
  );

  it(
    'counts it on the dashboard, finds it without diacritics, gives the report, and speaks English',
    async () => {
      const page = await as('viewer.leadership');
      await storyDashboard(page);
      await reloadUntil(
        page,
        async () =>
          (await kpi(page, 'total')) >= before.total + 1 && (await kpi(page, 'closed')) >= before.closed + 1,
        { what: 'the new item in the totals' },
      );
      expect(await page.getByTestId('chart-trend').count()).toBe(1);
      await screenshot(page, 'dashboard');

      await page.getByTestId('search-input').fill(`tuyen truyen ${marker}`);
      await page.getByTestId('search-submit').click();
      await page.locator(`[data-testid="search-list"] [data-id="${itemId}"]`).waitFor();

      // The report needs the Bearer token, so it arrives as a blob: a download, and a printable page.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('report-xlsx').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const [printable] = await Promise.all([
        page.context().waitForEvent('page'),
        page.getByTestId('report-html').click(),
      ]);
      await printable.waitForURL(/^blob:/);
      expect(await printable.locator('h1').textContent()).toMatch(/quý/i);
      await screenshot(printable, 'report-printable');
      await printable.close();

      const heading = page.getByTestId('page-title');
      expect(await heading.textContent()).toBe('Bảng điều khiển');
      await page.getByTestId('lang-toggle').click();
      await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
      expect(await heading.textContent()).toBe('Dashboard');
      expect(await page.getByTestId('nav-dashboard').textContent()).toBe('Dashboard');
      await screenshot(page, 'dashboard-en');
      await page.getByTestId('lang-toggle').click();
      await page.locator('html[lang="vi"]').waitFor({ state: 'attached' });
      expect(await heading.textContent()).toBe('Bảng điều khiển');
    },
    STEP_TIMEOUT,
  );

  it(
    'gives the Standing Committee its directive queue',
    async () => {
      const page = await as('member.standing');
      expect(page.url()).toContain('#/directives');
      await page.locator('[data-testid="directive-list-paged"][data-loaded="true"]').waitFor();
      await screenshot(page, 'directives');
    },
    STEP_TIMEOUT,
  );
});
