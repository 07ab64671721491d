import { clickNav, expectNoOverflow, NARROW_PHONE, screenshot, useBrowserPages } from '../support/browser';
import { ownCadre, sql, unitId } from '../support/fixtures';

/** Slow steps: an item's workflow behind the submission. */
const STEP_TIMEOUT = 120_000;

/**
 * On a 360 px phone: a cadre finds the report waiting, drafts it, submits it, amends it and turns an
 * emerging issue into a recommendation from a pre-filled form; the Organization Board's officer sees
 * who reported and flags the issue for the agenda, on a screen other units' staff are not offered.
 */
describe("the cadre's periodic report, on a phone", () => {
  const pages = useBrowserPages({ viewport: NARROW_PHONE });
  const as = pages.as;
  let reportId = '';
  const cadre = 'cadre.browser-report';
  const issue = 'Cầu khỉ ấp 2 xuống cấp, học sinh đi lại nguy hiểm';

  beforeAll(async () => {
    await ownCadre(cadre);
    // The report a period's run would open: the file's own cadre, so no other file's period meets it.
    const [row] = await sql<{ id: string }>(
      `INSERT INTO cadre_reports (cadre_user_id, commune_unit_id, period_kind, period_start, period_end, due_at)
       SELECT u.id, $2, 'quarter', DATE '2026-10-01', DATE '2026-12-31', now() + interval '30 days'
         FROM users u WHERE u.username = $1 RETURNING id`,
      [cadre, await unitId('hoa-loi')],
    );
    reportId = row.id;
  }, STEP_TIMEOUT);

  it(
    'lets the cadre draft, submit, amend, and make a recommendation of an issue',
    async () => {
      const page = await as(cadre);
      // The cadre's home says a report waits, and leads to it.
      const waiting = page.getByTestId('waiting-reports');
      await waiting.waitFor();
      expect(await waiting.textContent()).toContain('1');
      await waiting.click();
      const row = page.locator(`[data-testid="creport-row"][data-id="${reportId}"]`);
      await row.waitFor();
      await expect(page.getByTestId('creport-waiting').textContent()).resolves.toContain('1');
      await expectNoOverflow(page, 'report list');
      await row.locator('a').click();

      await page.getByTestId('add-issue').click();
      await page.getByTestId('input-issue-category').selectOption('infrastructure');
      await page.getByTestId('input-issue-text').fill(issue);
      await page.getByTestId('add-visit').click();
      await page.getByTestId('input-visit-date').fill('2026-10-15');
      await page.getByTestId('input-visit-place').fill('Ấp 2');
      await page.getByTestId('input-note').fill('Tình hình ổn định.');
      await page.getByTestId('creport-save').click();
      await page.locator('[data-testid="creport-issue"]', { hasText: issue }).waitFor();
      await expectNoOverflow(page, 'report form');
      await screenshot(page, 'cadre-report-draft-narrow');

      await page.getByTestId('creport-submit').click();
      await page.getByTestId('creport-amend').waitFor();
      await page.getByTestId('input-text').fill('Bổ sung: cầu dài khoảng 15 m.');
      await page.getByTestId('creport-amend-send').click();
      await page.locator('[data-testid="creport-timeline"] li[data-kind="amended"]').waitFor();
      const kinds = await page
        .locator('[data-testid="creport-timeline"] li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
      expect(kinds).toEqual(['opened', 'submitted', 'amended']);
      await expectNoOverflow(page, 'submitted report');
      await screenshot(page, 'cadre-report-submitted-narrow');

      await page.getByTestId('issue-to-recommendation').click();
      await page.getByTestId('from-issue').waitFor();
      expect(await page.getByTestId('input-title').inputValue()).toBe(issue);
      expect(await page.getByTestId('input-categoryCode').inputValue()).toBe('infrastructure');
      await page.getByTestId('input-proposal').fill('Đề nghị huyện hỗ trợ kinh phí làm cầu bê tông.');
      await page.getByTestId('submit-recommendation').click();
      await page.waitForURL(/#\/item\//);
      const itemId = decodeURIComponent(page.url().split('#/item/')[1]);
      const [linked] = await sql<{ recommendationId: string }>(
        `SELECT recommendation_id AS "recommendationId" FROM report_issues i
           JOIN cadre_reports r ON r.id = i.report_id WHERE r.id = $1`,
        [reportId],
      );
      expect(linked.recommendationId).toBe(itemId);
    },
    STEP_TIMEOUT,
  );

  it(
    "gives the Organization Board who reported and the issues to flag; other units' staff are not offered it",
    async () => {
      const other = await as('officer.dard');
      await other.getByTestId('logout').waitFor();
      expect(await other.getByTestId('nav-report-board').count()).toBe(0);

      const page = await as('officer.organization');
      await clickNav(page, 'report-board');
      await page.locator('[data-testid="board-body"][data-loaded="true"]').waitFor();
      await page.getByTestId('board-period').selectOption('quarter:2026-10-01');
      await page.locator('[data-testid="board-body"][data-loaded="true"]').waitFor();
      await page.locator('[data-testid="board-row"][data-standing="on-time"]').first().waitFor();
      const card = page.locator('[data-testid="board-issue"]', { hasText: issue });
      await card.getByTestId('issue-flag').click();
      await page.locator('[data-testid="board-issue"][data-flagged="true"]', { hasText: issue }).waitFor();
      await expectNoOverflow(page, 'report board');
      await screenshot(page, 'report-board-narrow');
    },
    STEP_TIMEOUT,
  );
});
