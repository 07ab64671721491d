import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { startApi } from '../support/apps';
import { ownCadre, sql, unitId } from '../support/fixtures';
import { launchBrowser, openPage, screenshot, signIn } from '../support/browser';

/** What a Vietnamese reader sees (apps/api/public/app/i18n/vi.js). */
const vi = {
  'admin.passwordMismatch': 'Hai lần nhập mật khẩu không khớp nhau.',
  'error.fields': 'Vui lòng sửa các trường được đánh dấu.',
  'admin.created': 'Đã tạo.',
  'admin.saved': 'Đã lưu.',
  'admin.deleted': 'Đã xóa.',
  'admin.field.nameVi': 'Tên tiếng Việt',
  'admin.field.headTitle': 'Chức danh người đứng đầu',
  'admin.change.create': 'Tạo mới',
  'admin.assignments.standing.current': 'Đang hiệu lực',
  'admin.assignments.standing.ended': 'Đã kết thúc',
  'err.assignment.handover-in-future':
    'Chuyển giao địa bàn có hiệu lực từ hôm nay trở về trước: hãy ghi nhận vào ngày bắt đầu.',
  'reorg.created': 'Đã lưu quyết định sắp xếp.',
};

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
/** The narrowest phone the UI is made for. */
const NARROW = { width: 360, height: 780 };

/**
 * The admin's screens in a real browser: an account made in the form (its own rule and the API's shown
 * under their fields, in Vietnamese where the form speaks), a unit changed and its history of who and
 * when, and a session that survives a reload and a closed tab.
 */
describe('admin screens in a browser', () => {
  let api: INestApplication;
  let browser: Browser;
  let baseUrl: string;
  let page: Page;
  let errors: string[];
  const stamp = Date.now().toString(36);
  const unitCode = `so-thu-${stamp}`;

  beforeAll(async () => {
    api = await startApi();
    await api.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    ({ page, errors } = await openPage(browser, baseUrl));
    await page.setViewportSize(DESKTOP);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  afterEach(() => {
    // No script error and no CSP refusal on any admin screen.
    expect(errors.splice(0)).toEqual([]);
  });

  /** Nothing sticks out sideways: the page is no wider than the window. */
  async function expectNoSidewaysScroll(): Promise<void> {
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
  }

  it('creates a user in the form: the form says in Vietnamese what is wrong, the API names its field', async () => {
    await signIn(page, 'admin');
    await page.getByTestId('nav-admin').click();
    await page.waitForURL(/#\/admin\/users$/);
    const create = page.getByTestId('admin-create-users');
    await create.locator('summary').click();
    const form = create.getByTestId('user-create');
    await form.getByTestId('input-username').fill(`officer.thu.${stamp}`);
    await form.getByTestId('input-displayName').fill('Chuyên viên thử nghiệm');
    await form.getByTestId('input-role').selectOption('unit-officer');
    await form.getByTestId('input-password').fill('mat-khau-dai-du');
    await form.getByTestId('input-passwordConfirm').fill('mat-khau-khac');
    await form.getByTestId('user-create-submit').click();

    const mismatch = form.getByTestId('error-passwordConfirm');
    await mismatch.waitFor({ state: 'visible' });
    expect(await mismatch.textContent()).toBe(vi['admin.passwordMismatch']);
    expect(await form.getByTestId('form-error').textContent()).toBe(vi['error.fields']);
    expect(await form.getByTestId('input-passwordConfirm').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'admin-user-form-error');

    // The API's own rule: a unit officer belongs to a unit. Its refusal lands under the unit's select.
    await form.getByTestId('input-passwordConfirm').fill('mat-khau-dai-du');
    await form.getByTestId('user-create-submit').click();
    const unitError = form.getByTestId('error-unitId');
    await unitError.waitFor({ state: 'visible' });
    expect((await unitError.textContent())?.trim()).not.toBe('');
    expect(await form.getByTestId('error-passwordConfirm').isVisible()).toBe(false);
    expect(await form.getByTestId('input-unitId').getAttribute('aria-invalid')).toBe('true');

    await form.getByTestId('input-unitId').selectOption(await unitId('ba-tri'));
    await form.getByTestId('user-create-submit').click();
    await page.getByTestId('banner').filter({ hasText: vi['admin.created'] }).waitFor();
    const card = page.getByTestId(`user-officer.thu.${stamp}`);
    await card.waitFor();
    expect(await card.getByTestId('last-change').textContent()).toContain('Quản trị hệ thống');
    await screenshot(page, 'admin-users');
  });

  it('edits a unit and shows who changed it and when', async () => {
    await page.getByTestId('admin-tab-units').click();
    await page.waitForURL(/#\/admin\/units$/);
    const create = page.getByTestId('admin-create-units');
    await create.locator('summary').click();
    const form = create.getByTestId('unit-create');
    await form.getByTestId('input-code').fill(unitCode);
    await form.getByTestId('input-kind').selectOption('department');
    await form.getByTestId('input-nameVi').fill('Sở Thử nghiệm');
    await form.getByTestId('input-nameEn').fill('Department of Trials');
    await form.getByTestId('input-validFrom').fill('2025-07-01');
    await form.getByTestId('unit-create-submit').click();
    await page.getByTestId('banner').filter({ hasText: vi['admin.created'] }).waitFor();

    const card = page.getByTestId(`unit-${unitCode}`);
    await card.locator('summary').click();
    const edit = card.getByTestId('unit-edit');
    await edit.getByTestId('input-nameVi').fill('Sở Thử nghiệm và Đổi mới');
    await edit.getByTestId('input-headTitle').fill('Giám đốc Sở');
    const before = Date.now();
    await edit.getByTestId('unit-edit-submit').click();
    await page.getByTestId('banner').filter({ hasText: vi['admin.saved'] }).waitFor();

    const changed = page.getByTestId(`unit-${unitCode}`);
    expect(await changed.locator('summary').textContent()).toContain('Sở Thử nghiệm và Đổi mới');
    const line = await changed.getByTestId('last-change').textContent();
    expect(line).toContain('Sửa lần cuối: Quản trị hệ thống');
    // A day (d/m/yy or dd/mm/yyyy) and a time (HH:mm) in Việt Nam time, within the minutes of the save.
    const day = /(\d{1,2})\/(\d{1,2})\/(\d{2,4})/.exec(line ?? '');
    const time = /(\d{1,2}):(\d{2})/.exec(line ?? '');
    expect(day).not.toBeNull();
    expect(time).not.toBeNull();
    const pad = (n: string) => n.padStart(2, '0');
    const year = day![3].length === 2 ? `20${day![3]}` : day![3];
    const at = Date.parse(`${year}-${pad(day![2])}-${pad(day![1])}T${pad(time![1])}:${time![2]}:00+07:00`);
    expect(Math.abs(at - before)).toBeLessThan(2 * 60_000);

    await changed.locator('summary').click();
    const history = changed.getByTestId('admin-history');
    await history.waitFor();
    const entries = await history.locator('li').allTextContents();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toContain('Quản trị hệ thống (admin)');
    expect(entries[0]).toContain(vi['admin.field.nameVi']);
    expect(entries[0]).toContain(vi['admin.field.headTitle']);
    expect(entries[1]).toContain(vi['admin.change.create']);
    await screenshot(page, 'admin-unit-history');
  });

  it('keeps the admin signed in across a reload and a closed tab', async () => {
    await page.reload();
    await page.getByTestId(`unit-${unitCode}`).waitFor();
    expect(page.url()).toMatch(/#\/admin\/units$/);
    expect(await page.getByTestId('logout').isVisible()).toBe(true);

    // The tab closes; a new one in the same browser opens signed in.
    const context = page.context();
    await page.close();
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    await page.setViewportSize(DESKTOP);
    const refreshes: string[] = [];
    page.on('request', (req) => {
      if (req.url().endsWith('/api/auth/refresh')) refreshes.push(req.url());
    });
    // The page's clock, so the access token it holds in memory can be made to near its end.
    await page.clock.install();
    await page.goto('/#/admin/rules');
    await page.getByTestId('admin-rules').waitFor();
    expect(page.url()).toMatch(/#\/admin\/rules$/);
    expect(refreshes).toHaveLength(1);

    // Nine hours on, the token the page holds is past its end: the next call renews it first.
    await page.clock.fastForward('09:00:00');
    await page.getByTestId('admin-tab-units').click();
    await page.getByTestId('admin-units').waitFor();
    expect(refreshes).toHaveLength(2);
    await page.getByTestId('admin-tab-rules').click();
    await page.getByTestId('admin-rules').waitFor();
    await screenshot(page, 'admin-rules');
    for (const tab of ['sla']) {
      await page.getByTestId(`admin-tab-${tab}`).click();
      await page.getByTestId(`admin-${tab}`).waitFor();
      await screenshot(page, `admin-${tab}`);
    }
  });

  it('shows the API refusals of rules and SLA policies under their fields, and sets and removes a day off', async () => {
    // Refusals only: a saved rule or policy would change how other tests' items are routed and timed.
    await page.goto('/#/admin/sla');
    const policy = page.getByTestId('policy-default-normal');
    await policy.locator('summary').click();
    const form = policy.getByTestId('policy-edit');
    await form.getByTestId('input-acknowledgeDays').fill('0');
    await form.getByTestId('policy-edit-submit').click();
    await form.getByTestId('error-acknowledgeDays').waitFor({ state: 'visible' });
    expect(await form.getByTestId('error-resolutionDays').isVisible()).toBe(false);

    await page.getByTestId('admin-tab-rules').click();
    const create = page.getByTestId('admin-create-rules');
    await create.locator('summary').click();
    const rule = create.getByTestId('rule-create');
    await rule.getByTestId('input-code').fill(`rule-${stamp}`);
    await rule.getByTestId('rule-create-submit').click();
    await rule.getByTestId('error-leadUnitId').waitFor({ state: 'visible' });

    await page.getByTestId('admin-tab-calendar').click();
    await page.getByTestId('admin-create-calendar').locator('summary').click();
    const day = page.getByTestId('override-create');
    await day.getByTestId('input-name').fill('Nghỉ bù Quốc khánh (thử)');
    await day.getByTestId('override-create-submit').click();
    await day.getByTestId('error-date').waitFor({ state: 'visible' });
    await day.getByTestId('input-date').fill('2099-09-03');
    await day.getByTestId('override-create-submit').click();
    await page.getByTestId('banner').filter({ hasText: vi['admin.saved'] }).waitFor();
    const card = page.getByTestId('override-2099-09-03');
    expect(await card.getByTestId('last-change').textContent()).toContain('Quản trị hệ thống');
    await screenshot(page, 'admin-calendar');
    await card.locator('summary').click();
    page.once('dialog', (dialog) => void dialog.accept());
    await card.getByTestId('override-delete').click();
    await page.getByTestId('banner').filter({ hasText: vi['admin.deleted'] }).waitFor();
    expect(await page.getByTestId('override-2099-09-03').count()).toBe(0);
  });

  it('fits a phone', async () => {
    await page.setViewportSize(PHONE);
    for (const tab of ['users', 'units', 'rules', 'sla', 'calendar']) {
      await page.goto(`/#/admin/${tab}`);
      await page.getByTestId(`admin-${tab}`).waitFor();
      await expectNoSidewaysScroll();
    }
    await page.goto('/#/admin/units');
    const card = page.getByTestId(`unit-${unitCode}`);
    await card.locator('summary').click();
    await card.getByTestId('admin-history').waitFor();
    await expectNoSidewaysScroll();
    await screenshot(page, 'admin-unit-history-phone');
    await page.goto('/#/admin/users');
    await page.getByTestId('admin-create-users').locator('summary').click();
    await expectNoSidewaysScroll();
    await screenshot(page, 'admin-users-phone');
  });

  it("shows a cadre's assignments at 360 px, and reassigns a locality to another cadre", async () => {
    await page.setViewportSize(NARROW);
    const leaving = await ownCadre(`cadre.br-a-${stamp}`, 'hoa-loi');
    const taking = await ownCadre(`cadre.br-b-${stamp}`, 'an-thanh');
    const [{ id: takingId }] = await sql<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [
      taking,
    ]);
    // The screen was open already: read again, with the cadres just made.
    await page.goto('/#/admin/users');
    await page.reload();
    const card = page.getByTestId(`user-${leaving}`);
    await card.locator(':scope > summary').click();
    const panel = card.getByTestId('user-assignments');
    await panel.locator(':scope > summary').click();
    const assignment = panel.getByTestId('assignment');
    await assignment.waitFor();
    expect(await assignment.textContent()).toContain(vi['admin.assignments.standing.current']);
    expect(await assignment.textContent()).toContain('Phân công kiểm thử');
    await expectNoSidewaysScroll();
    await screenshot(page, 'admin-assignments-phone');

    // The API's refusal lands under the first day: a reassignment is not scheduled ahead.
    const form = assignment.getByTestId('assignment-reassign');
    await form.getByTestId('input-reassign-toUserId').selectOption(takingId);
    await form.getByTestId('input-reassign-decisionNo').fill('9/QĐ-UBND');
    await form.getByTestId('input-reassign-validFrom').fill('2999-01-01');
    await form.getByTestId('assignment-reassign-submit').click();
    const error = form.getByTestId('error-reassign-validFrom');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toBe(vi['err.assignment.handover-in-future']);

    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    await form.getByTestId('input-reassign-validFrom').fill(today);
    await form.getByTestId('assignment-reassign-submit').click();
    await page.getByTestId('banner').filter({ hasText: 'Đã chuyển địa bàn' }).waitFor();
    const after = page.getByTestId(`user-${leaving}`);
    await after.locator(':scope > summary').click();
    await after.getByTestId('user-assignments').locator(':scope > summary').click();
    const ended = after.getByTestId('assignment');
    await ended.waitFor();
    expect(await ended.getAttribute('data-standing')).toBe('ended');
    expect(await ended.textContent()).toContain(vi['admin.assignments.standing.ended']);
    const [taken] = await sql<{ decision: string }>(
      `SELECT a.decision_no AS decision FROM cadre_assignments a JOIN users u ON u.id = a.user_id
        WHERE u.username = $1 AND a.valid_from = $2`,
      [taking, today],
    );
    expect(taken).toEqual({ decision: '9/QĐ-UBND' });
    await expectNoSidewaysScroll();
  });

  it('records a reorganization in its form at 360 px, names a bad CSV line under the file, and previews it', async () => {
    // A draft that ends the unit made above, with no successor: it is never run, so nothing moves.
    await page.setViewportSize(NARROW);
    await page.goto('/#/admin/reorganizations');
    await page.getByTestId('admin-reorganizations').waitFor();
    await expectNoSidewaysScroll();
    const create = page.getByTestId('admin-create-reorganizations');
    await create.locator('summary').click();
    const form = create.getByTestId('reorg-create');
    await form.getByTestId('input-decisionDate').fill('2026-06-01');
    await form.getByTestId('input-effectiveDate').fill('2026-05-01');
    await form.getByTestId('reorg-create-submit').click();
    await form.getByTestId('error-decisionNo').waitFor({ state: 'visible' });
    const decisionNo = `Nghị quyết số ${stamp}/NQ-HĐND`;
    await form.getByTestId('input-decisionNo').fill(decisionNo);
    await form.getByTestId('reorg-create-submit').click();
    await form.getByTestId('error-effectiveDate').waitFor({ state: 'visible' });
    expect(await form.getByTestId('error-effectiveDate').textContent()).toContain('Ngày có hiệu lực');
    await form.getByTestId('input-effectiveDate').fill('2026-07-01');
    await form.getByTestId('input-units.n.unitId').selectOption(await unitId(unitCode));
    await expectNoSidewaysScroll();
    await form.getByTestId('reorg-create-submit').click();
    await page.getByTestId('banner').filter({ hasText: vi['reorg.created'] }).waitFor();

    const card = page.getByTestId(/^reorganization-/).filter({ hasText: decisionNo });
    await card.locator('summary').click();
    expect(await card.getByTestId('reorg-unit-list').textContent()).toContain('Sở Thử nghiệm và Đổi mới');
    const communes = card.getByTestId('reorg-communes');
    await communes.getByTestId('input-reorg-csv').fill('xa-cu,xa-moi\nmột dòng sai\n');
    await communes.getByTestId('reorg-communes-submit').click();
    const lineError = communes.getByTestId('error-reorg-csv');
    await lineError.waitFor({ state: 'visible' });
    expect(await lineError.textContent()).toContain('Dòng 2');
    await card.getByTestId('reorg-preview').click();
    const preview = card.getByTestId('reorg-preview-result');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('Quy tắc phân công');
    await expectNoSidewaysScroll();
    await screenshot(page, 'admin-reorganization-phone');
  });

  it('signing out ends the session: a reload shows the sign-in screen', async () => {
    await page.setViewportSize(DESKTOP);
    await page.getByTestId('logout').click();
    await page.waitForURL(/#\/login/);
    await page.reload();
    await page.getByTestId('login-username').waitFor();
    await page.goto('/#/admin/users');
    await page.waitForURL(/#\/login/);
  });
});
