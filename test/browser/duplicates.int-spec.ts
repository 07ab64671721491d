import type { INestApplication } from '@nestjs/common';
import { expectNoOverflow, NARROW_PHONE, screenshot, useBrowserPages } from '../support/browser';
import { examples } from '../support/examples';
import { ownCadre, unitId } from '../support/fixtures';
import { client } from '../support/http';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Slow steps: a real workflow behind a click. */
const STEP_TIMEOUT = 120_000;

/**
 * On a 360 px phone: the lead unit finds the original by its number and marks the item as its duplicate;
 * the duplicate links to the original, the original lists the duplicate, and the duplicate's cadre sees
 * the original in "Kiến nghị của tôi" as followed.
 */
describe('merging duplicates, on a narrow phone', () => {
  let api: INestApplication;
  const pages = useBrowserPages({ viewport: NARROW_PHONE });
  const as = pages.as;
  const items = { original: { id: '', reference: '' }, duplicate: { id: '', reference: '' } };
  const cadres = { original: 'cadre.browser-dup-a', duplicate: 'cadre.browser-dup-b' };

  beforeAll(async () => {
    ({ api } = pages.app);
    const http = client(api);
    await ownCadre(cadres.original);
    await ownCadre(cadres.duplicate);
    const road = { ...(await examples()).road26, localityUnitId: await unitId('hoa-loi') };
    const submit = async (cadre: string, title: string) => {
      const res = await http.submit(cadre, { ...road, title });
      if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
      return { id: (res.body as Json).id as string, reference: (res.body as Json).reference as string };
    };
    items.original = await submit(cadres.original, 'Nâng cấp đường 26 Hòa Lợi (bản gốc)');
    items.duplicate = await submit(cadres.duplicate, 'Mở rộng đường 26 Hòa Lợi (gửi lại)');
  }, STEP_TIMEOUT);

  it(
    'the lead unit marks the duplicate, picking the original by its number',
    async () => {
      const page = await as('officer.thanhphu');
      await page.goto(`/#/item/${items.duplicate.id}`);
      const action = page.getByTestId('action-mark-duplicate');
      await action.locator('summary').click();
      await action.getByTestId('mark-duplicate-originalId-search').fill(items.original.reference);
      const picked = action.getByTestId('input-mark-duplicate-originalId');
      await picked.locator(`option[value="${items.original.id}"]`).waitFor({ state: 'attached' });
      expect(await picked.inputValue()).toBe(items.original.id);
      await action.getByTestId('input-mark-duplicate-reason').fill('Cùng tuyến đường 26, đã gửi trước');
      await expectNoOverflow(page, 'the duplicate form on a narrow phone');
      await screenshot(page, 'mark-duplicate-form-narrow-vi');
      await action.getByTestId('action-mark-duplicate-submit').click();

      await page.locator('[data-testid="item-status"][data-status="closed"]').waitFor();
      const of = page.getByTestId('duplicate-of');
      expect(await of.textContent()).toContain(items.original.reference);
      const merged = page.locator('[data-testid="event"][data-type="marked-duplicate"]');
      expect(await merged.textContent()).toContain(
        `Trùng với kiến nghị ${items.original.reference} · Nâng cấp đường 26 Hòa Lợi (bản gốc): Cùng tuyến đường 26, đã gửi trước`,
      );
      await expectNoOverflow(page, 'a merged duplicate on a narrow phone');
      await screenshot(page, 'merged-duplicate-narrow-vi');

      // The link leads to the original, which lists the duplicate merged into it.
      await of.getByTestId('item-link').click();
      await page.getByTestId('merged-duplicates').waitFor();
      expect(await page.getByTestId('item-reference').textContent()).toBe(items.original.reference);
      expect(await page.getByTestId('merged-duplicates').textContent()).toContain(items.duplicate.reference);
      await page.getByTestId('lang-toggle').click();
      await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
      expect(await page.getByTestId('item-duplicates').locator('h2').textContent()).toBe('Duplicates');
      await expectNoOverflow(page, 'an original with its duplicates, in English');
      await screenshot(page, 'original-with-duplicates-narrow-en');
    },
    STEP_TIMEOUT,
  );

  it(
    "the duplicate's cadre finds the original in their own list, marked as followed",
    async () => {
      const page = await as(cadres.duplicate);
      await page.goto('/#/mine');
      const row = page.locator(`[data-testid="rec-row"][data-id="${items.original.id}"]`);
      await row.waitFor();
      expect(await row.getByTestId('followed').textContent()).toBe('Đang theo dõi');
      const own = page.locator(`[data-testid="rec-row"][data-id="${items.duplicate.id}"]`);
      expect(await own.getByTestId('duplicate-badge').textContent()).toBe('Trùng');
      await expectNoOverflow(page, "a follower's own list on a narrow phone");
      await screenshot(page, 'mine-followed-narrow-vi');
    },
    STEP_TIMEOUT,
  );
});
