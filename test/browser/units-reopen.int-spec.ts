import type { INestApplication } from '@nestjs/common';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import { addDays, localDate } from '@ngk/domain';
import { clickNav, DESKTOP, expectNoOverflow, PHONE, screenshot, useBrowserPages } from '../support/browser';
import { examples } from '../support/examples';
import { ownCadre, sql, unitId } from '../support/fixtures';
import { authAs, client } from '../support/http';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Slow steps: a real workflow behind a click, and the admin screen drawn again after each save. */
const STEP_TIMEOUT = 120_000;

async function ok(res: Promise<{ status: number; body: Json; text: string }>, status = 200): Promise<Json> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  return r.body;
}

/**
 * On a phone: the admin gives an ended commune its successor (the decision shown and kept), moves a
 * commune under another district (offered districts and the province only, a unit in force only), and
 * a cadre sees until when a closed item may be reopened, and reopens it.
 */
describe('dated units and reopening, on a phone', () => {
  let api: INestApplication;
  const pages = useBrowserPages({ viewport: PHONE });
  const as = pages.as;
  const decision = 'Nghị quyết số 1656/NQ-UBTVQH15';
  const today = localDate(Date.now());
  const ids = { province: '', from: '', to: '', moved: '', ended: '', item: '' };
  const codes = { moved: '', ended: '' };
  const cadre = 'cadre.browser-reopen';

  beforeAll(async () => {
    ({ api } = pages.app);
    const http = client(api);
    ids.province = await unitId('ben-tre');
    ids.from = await http.addUnit({ kind: 'district', parentId: ids.province });
    ids.to = await http.addUnit({ kind: 'district', parentId: ids.province });
    ids.moved = await http.addUnit({ kind: 'commune', parentId: ids.from });
    ids.ended = await http.addUnit({ kind: 'commune', parentId: ids.from });
    const code = async (id: string) =>
      (await sql<{ code: string }>(`SELECT code FROM units WHERE id = $1`, [id]))[0].code;
    codes.moved = await code(ids.moved);
    codes.ended = await code(ids.ended);

    // A closed item of a cadre of this file's own, answered by the lead unit and accepted.
    await ownCadre(cadre);
    const road = { ...(await examples()).road26, localityUnitId: await unitId('hoa-loi') };
    ids.item = (await ok(http.submit(cadre, { ...road, title: 'Đường liên ấp: xin mở lại' }), 201)).id;
    await ok(http.act('officer.thanhphu', ids.item, 'acknowledge'));
    await ok(
      http.act('officer.thanhphu', ids.item, 'resolve', {
        response: 'Đã vá mặt đường.',
        outcome: 'implemented',
      }),
    );
    const closed = await ok(http.act(cadre, ids.item, 'feedback', { verdict: 'accept' }));
    expect(closed).toMatchObject({ status: 'closed' });
    // The list gives its submitter the end of the reopening window, and nobody else.
    const rowOf = async (username: string) => {
      const res = await request(api.getHttpServer())
        .get('/api/recommendations')
        .query({ limit: 100 })
        .set(await authAs(api, username));
      return (res.body.items as Json[]).find((r) => r.id === ids.item)!;
    };
    expect((await rowOf(cadre)).reopenUntil).toBe(closed.reopenUntil);
    expect((await rowOf('officer.thanhphu')).reopenUntil).toBeNull();
  }, STEP_TIMEOUT);

  /** The units screen with one unit's card open. */
  async function unitCard(page: Page, code: string) {
    await page.goto('/#/admin/units');
    const card = page.getByTestId(`unit-${code}`);
    await card.locator('summary').click();
    await card.getByTestId('unit-edit').waitFor();
    return card;
  }

  /**
   * The same screen in English and at the office size too, for people reviewing a run: the whole page,
   * or only `part` of it (a unit's card in a long list).
   */
  async function inEveryLanguageAndSize(page: Page, name: string, part?: Locator): Promise<void> {
    const shot = async (suffix: string) => {
      // The screen is drawn again in the other language: a card opens again.
      if (part && (await part.evaluate((el) => el instanceof HTMLDetailsElement && !el.open)))
        await part.locator('summary').first().click();
      return part
        ? part.screenshot({
            path: path.resolve(__dirname, `../../test-artifacts/screenshots/${name}-${suffix}.png`),
          })
        : screenshot(page, `${name}-${suffix}`);
    };
    await shot('phone-vi');
    await page.getByTestId('lang-toggle').click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    await expectNoOverflow(page, `${name} in English`);
    await shot('phone-en');
    await page.setViewportSize(DESKTOP);
    await shot('desktop-en');
    await page.getByTestId('lang-toggle').click();
    await page.locator('html[lang="vi"]').waitFor({ state: 'attached' });
    await shot('desktop-vi');
    await page.setViewportSize(PHONE);
  }

  it(
    'gives an ended commune its successor and the decision, shows and keeps the decision, and offers no move',
    async () => {
      const page = await as('admin');
      let card = await unitCard(page, codes.ended);
      const edit = card.getByTestId('unit-edit');
      await edit.getByTestId('input-validTo').fill(addDays(today, -1));
      await edit.getByTestId('input-successorIds').selectOption([ids.moved]);
      await edit.getByTestId('input-successorDecision').fill(decision);
      await edit.getByTestId('unit-edit-submit').click();
      await page.getByTestId('banner').filter({ hasText: 'Đã lưu.' }).waitFor();

      card = await unitCard(page, codes.ended);
      const facts = await card.locator('.admin-record-facts').textContent();
      expect(facts).toContain(`Đơn vị kế thừa: Đơn vị ${codes.moved}`);
      expect(facts).toContain(`theo ${decision}`);
      // The form shows the decision; saving another change keeps it.
      expect(await card.getByTestId('input-successorDecision').inputValue()).toBe(decision);
      expect(await card.getByTestId('unit-edit-section').locator('h3').textContent()).toBe(
        'Thông tin đơn vị',
      );
      // Ended: nothing to move.
      expect(await card.getByTestId('unit-move-section').count()).toBe(0);
      await card.getByTestId('input-headTitle').fill('Chủ tịch UBND xã');
      await card.getByTestId('unit-edit-submit').click();
      await page.getByTestId('banner').filter({ hasText: 'Đã lưu.' }).waitFor();
      const [row] = await sql<{ decided_by: string }>(
        `SELECT decided_by FROM unit_successors WHERE unit_id = $1 AND successor_id = $2`,
        [ids.ended, ids.moved],
      );
      expect(row.decided_by).toBe(decision);

      card = await unitCard(page, codes.ended);
      await expectNoOverflow(page, 'an ended unit on a phone');
      await inEveryLanguageAndSize(page, 'unit-ended-successor', card);
    },
    STEP_TIMEOUT,
  );

  it(
    'moves a commune under another district: districts and the province offered, in force only',
    async () => {
      const page = await as('admin');
      const card = await unitCard(page, codes.moved);
      const move = card.getByTestId('unit-move-section');
      expect(await move.locator('h3').textContent()).toBe('Chuyển đơn vị cấp trên');
      const offered = await move
        .getByTestId('input-move-parentId')
        .locator('option')
        .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      const kinds = await sql<{ id: string; kind: string; ended: boolean }>(
        `SELECT id, kind, valid_to < $2::date AS ended FROM units WHERE id = ANY($1::uuid[])`,
        [offered, today],
      );
      expect(kinds.length).toBe(offered.length);
      expect(new Set(kinds.map((u) => u.kind))).toEqual(new Set(['district', 'province']));
      expect(kinds.some((u) => u.ended)).toBe(false);
      expect(offered).toContain(ids.to);
      expect(offered).not.toContain(ids.from);
      expect(await move.getByTestId('input-move-from').getAttribute('max')).toBe(today);
      await expectNoOverflow(page, 'the move form on a phone');

      await move.getByTestId('input-move-parentId').selectOption(ids.to);
      await move.getByTestId('input-move-from').fill(today);
      await move.getByTestId('unit-move-submit').click();
      await page.getByTestId('banner').filter({ hasText: 'Đã chuyển.' }).waitFor();
      const moved = await unitCard(page, codes.moved);
      expect(await moved.locator('.admin-record-facts').textContent()).toContain('Trực thuộc:');
      const [{ parent_id }] = await sql<{ parent_id: string }>(`SELECT parent_id FROM units WHERE id = $1`, [
        ids.moved,
      ]);
      expect(parent_id).toBe(ids.to);
      await inEveryLanguageAndSize(page, 'unit-moved', moved);
    },
    STEP_TIMEOUT,
  );

  it(
    'shows the cadre until when a closed item may be reopened, and reopens it',
    async () => {
      const page = await as(cadre);
      expect(page.url()).toContain('#/mine');
      const row = page.locator(`[data-testid="rec-row"][data-id="${ids.item}"]`);
      await row.waitFor();
      expect(await row.getByTestId('reopen-hint').textContent()).toMatch(
        /^Chưa hài lòng\? Có thể mở lại đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/,
      );
      await expectNoOverflow(page, "the cadre's list on a phone");
      await inEveryLanguageAndSize(page, 'mine-reopen-hint');

      await row.getByTestId('item-link').click();
      // Folded until asked for: reopening is not what a closed item usually needs.
      await page.getByTestId('action-reopen').locator('summary').click();
      await page.getByTestId('input-reopen-reason').fill('Mặt đường lại bong tróc sau mưa.');
      await page.getByTestId('action-reopen-submit').click();
      await page.locator('[data-testid="item-status"][data-status="routed"]').waitFor();
      expect(await page.locator('[data-testid="event"][data-type="reopened-after-closure"]').count()).toBe(1);
      await screenshot(page, 'item-reopened-phone-vi');

      await clickNav(page, 'mine');
      const after = page.locator(`[data-testid="rec-row"][data-id="${ids.item}"]`);
      await after.waitFor();
      expect(await after.getByTestId('reopen-hint').count()).toBe(0);
    },
    STEP_TIMEOUT,
  );

  it(
    'says on an open item whose lead unit has ended that it waits for an admin, and marks the unit ended',
    async () => {
      // No rule for "social": the triage office routes the item by hand to a department that then ends.
      const http = client(api);
      const department = await http.addUnit({ kind: 'department', parentId: ids.province });
      const road = { ...(await examples()).road26, localityUnitId: await unitId('hoa-loi') };
      const { id } = await ok(
        http.submit(cadre, { ...road, categoryCode: 'social', title: 'Nhà văn hóa ấp 3 xuống cấp' }),
        201,
      );
      await ok(http.act('officer.partyoffice', id, 'route', { leadUnitId: department }));
      const lastDay = addDays(today, -1);
      await ok(
        request(api.getHttpServer())
          .patch(`/api/units/${department}`)
          .set(await authAs(api, 'admin'))
          .send({ validTo: lastDay }),
      );

      const page = await as(cadre);
      await page.goto(`/#/item/${id}`);
      const banner = page.getByTestId('item-ended-units');
      await banner.waitFor();
      const [y, m, d] = lastDay.split('-');
      expect(await banner.textContent()).toContain(`đã kết thúc ngày ${d}/${m}/${y}`);
      expect(await banner.textContent()).toContain('chờ quản trị hệ thống');
      expect(await page.getByTestId('item-lead-unit').textContent()).toContain(
        `(đã kết thúc ngày ${d}/${m}/${y})`,
      );
      await expectNoOverflow(page, 'an item waiting for an admin on a phone');
      await inEveryLanguageAndSize(page, 'item-lead-ended');
    },
    STEP_TIMEOUT,
  );

  it(
    'opens the trend chart on a phone on the latest month with figures, this one',
    async () => {
      const page = await as('viewer.leadership');
      await page.locator('[data-testid="dashboard-body"][data-loaded="true"]').waitFor();
      const box = page.locator('.chart-scroll').filter({ has: page.getByTestId('chart-trend') });
      await box.scrollIntoViewIfNeeded();
      // This file's item was submitted this month, the last of the chart: scrolled to the end.
      const scroll = await box.evaluate((el) => ({
        left: el.scrollLeft,
        width: el.clientWidth,
        total: el.scrollWidth,
      }));
      expect(scroll.total).toBeGreaterThan(scroll.width);
      expect(scroll.left + scroll.width).toBeGreaterThanOrEqual(scroll.total - 1);
      // The values' axis follows the scroll: its labels stay at the box's left edge.
      const axis = await box.evaluate((el) => {
        const label = el.querySelector('text[data-tick]')!.getBoundingClientRect();
        return { label: label.left, box: el.getBoundingClientRect().left };
      });
      expect(axis.label).toBeGreaterThanOrEqual(axis.box);
      expect(axis.label).toBeLessThan(axis.box + 60);
      await inEveryLanguageAndSize(page, 'dashboard-trend', box);
    },
    STEP_TIMEOUT,
  );
});
