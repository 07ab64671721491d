import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
import {
  clickNav,
  dictionary,
  openPage,
  screenshot,
  signIn,
  startBrowserApp,
  stopBrowserApp,
} from '../support/browser';
import { sql, unitId } from '../support/fixtures';

/** The bad form's situation, which no other file writes. */
const SITUATION = 'Đường ấp 3 xuống cấp, mùa mưa ngập sâu, xe không qua được.';

const SIZES = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/**
 * The cadre's submit form refuses an empty title and an amount with a decimal part: under each field the
 * UI's own words for the refusal's code, in Vietnamese, then in English after switching, never the
 * API's English. Nothing is submitted.
 */
describe('refusals in the user’s language, in a browser', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  const vi = { ...dictionary('vi'), ...dictionary('errors.vi') };
  const en = { ...dictionary('en'), ...dictionary('errors.en') };

  beforeAll(async () => {
    ({ worker, api, browser, baseUrl } = await startBrowserApp());
  });

  afterAll(async () => {
    await stopBrowserApp({ browser, api, worker });
  });

  /**
   * Items with this file's situation: other files submit as the same cadre into the same database while
   * this one runs, so a count of the cadre's items could move without this page sending anything.
   */
  async function items(): Promise<number> {
    const [row] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM recommendations WHERE situation = $1`,
      [SITUATION],
    );
    return row.n;
  }

  /** Fills the form with a blank title and "1.500.000,5" đồng, sends it, and waits for the refusal. */
  async function submitBadForm(page: Page, shows = 'error-costEstimateVnd'): Promise<void> {
    await page.getByTestId('input-title').fill('   ');
    await page.getByTestId('input-situation').fill(SITUATION);
    await page.getByTestId('input-proposal').fill('Nâng cấp đường ấp 3, bê tông hóa mặt đường 3 m.');
    await page.getByTestId('input-categoryCode').selectOption('infrastructure');
    await page.getByTestId('input-localityUnitId').selectOption(await unitId('phong-nam'));
    await page.getByTestId('input-costEstimateVnd').fill('1.500.000,5');
    await page.getByTestId('submit-recommendation').click();
    await page.getByTestId(shows).waitFor({ state: 'visible' });
  }

  async function shown(page: Page) {
    return {
      title: (await page.getByTestId('error-title').textContent())?.trim(),
      cost: (await page.getByTestId('error-costEstimateVnd').textContent())?.trim(),
      banner: (await page.getByTestId('form-error').textContent())?.trim(),
    };
  }

  it.each(SIZES)(
    'shows Vietnamese texts, then English ones, under the fields ($name)',
    async ({ name, width, height }) => {
      const { page, errors } = await openPage(browser, baseUrl);
      await page.setViewportSize({ width, height });
      const before = await items();
      await signIn(page, 'cadre.phongnam');
      await clickNav(page, 'submit');
      await page.getByTestId('submit-form').waitFor();

      await submitBadForm(page);
      expect(await shown(page)).toEqual({
        title: vi['err.isNotEmpty'],
        cost: vi['err.vndAmountDecimal'],
        banner: vi['error.fields'],
      });
      expect(await page.getByTestId('input-costEstimateVnd').getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, `errors-submit-vi-${name}`);

      await page.getByTestId('lang-toggle').click();
      await page.getByRole('heading', { name: en['submit.title'] }).waitFor();
      await submitBadForm(page);
      expect(await shown(page)).toEqual({
        title: en['err.isNotEmpty'],
        cost: en['err.vndAmountDecimal'],
        banner: en['error.fields'],
      });
      // Not a word of the API's own English.
      const body = (await page.locator('main').textContent()) ?? '';
      expect(body).not.toMatch(/should not be empty|costEstimateVnd|Validation failed/);
      await screenshot(page, `errors-submit-en-${name}`);

      await page.getByTestId('lang-toggle').click();
      expect(await items()).toBe(before);
      await page.context().close();
      expect(errors).toEqual([]);
    },
    120_000,
  );

  it('words a code it has no text for by its kind, never in the API’s English', async () => {
    const { page, errors } = await openPage(browser, baseUrl);
    await signIn(page, 'cadre.phongnam');
    await clickNav(page, 'submit');
    await page.getByTestId('submit-form').waitFor();
    // A newer API's refusals, with codes this UI does not know yet.
    const answers = [
      {
        status: 422,
        body: {
          statusCode: 422,
          message: 'a rule this UI has never heard of',
          code: 'brand.new-rule',
          errors: [{ field: 'title', code: 'brand.new-rule', reason: 'title breaks a brand new rule' }],
        },
      },
      { status: 409, body: { statusCode: 409, message: 'an English conflict', code: 'brand.new-conflict' } },
    ];
    await page.route('**/api/recommendations', (route) => {
      const answer = answers.shift()!;
      return route.fulfill({ status: answer.status, json: answer.body });
    });
    await submitBadForm(page, 'error-title');
    expect(await shown(page)).toEqual({
      title: vi['err.generic.field'],
      cost: '',
      banner: vi['error.fields'],
    });
    await page.getByTestId('submit-recommendation').click();
    await page.getByTestId('error-title').waitFor({ state: 'hidden' });
    // The banner is cleared, then filled: wait for the second answer's words, then hold them to it.
    await page.getByTestId('form-error').filter({ hasText: vi['error.409'] }).waitFor();
    expect((await page.getByTestId('form-error').textContent())?.trim()).toBe(`${vi['error.409']}.`);
    expect((await page.locator('main').textContent()) ?? '').not.toMatch(/rule|English|brand/);
    await page.context().close();
    expect(errors).toEqual([]);
  });
});
