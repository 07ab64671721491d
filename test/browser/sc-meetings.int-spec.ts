import type { INestApplication } from '@nestjs/common';
import {
  clickNav,
  expectNoOverflow,
  NARROW_PHONE,
  reloadUntil,
  screenshot,
  useBrowserPages,
} from '../support/browser';
import { examples } from '../support/examples';
import { ownCadre, unitId } from '../support/fixtures';
import { client } from '../support/http';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Slow steps: a workflow behind a click, and the agenda drawn again after each one. */
const STEP_TIMEOUT = 150_000;

/**
 * On a 360 px phone: a cadre asks the Standing Committee to rule on an item; the Party Office creates a
 * meeting whose proposed agenda lists it, freezes the agenda and records the committee's ruling; the
 * ruling becomes a directive that the cadre reads in the item's timeline with the meeting's date. The
 * Organization Board's staff see no meetings screen.
 */
describe("the Standing Committee's meetings, on a phone", () => {
  let api: INestApplication;
  const pages = useBrowserPages({ viewport: NARROW_PHONE });
  const as = pages.as;
  const cadre = 'cadre.browser-ruling';
  let itemId = '';

  beforeAll(async () => {
    ({ api } = pages.app);
    const http = client(api);
    await ownCadre(cadre);
    const road = { ...(await examples()).road26, localityUnitId: await unitId('hoa-loi') };
    const submitted = await http.submit(cadre, { ...road, title: 'Cầu ấp 5: xin Ban Thường vụ chỉ đạo' });
    expect(submitted.status).toBe(201);
    itemId = (submitted.body as Json).id;
    expect((await http.act('head.thanhphu', itemId, 'acknowledge')).status).toBe(200);
  }, STEP_TIMEOUT);

  it(
    'a ruling asked for, put on the agenda, ruled on, and read in the timeline',
    async () => {
      const mine = await as(cadre);
      await mine.goto(`/#/item/${itemId}`);
      const form = mine.getByTestId('action-request-ruling');
      await form.locator('summary').click();
      await mine.getByTestId('input-request-ruling-reason').fill('Vượt khả năng ngân sách của huyện');
      await mine.getByTestId('action-request-ruling-submit').click();
      await mine.locator('[data-testid="event"][data-type="ruling-requested"]').waitFor();

      const office = await as('officer.partyoffice');
      await clickNav(office, 'sc-meetings');
      await office.getByTestId('sc-create').waitFor();
      await expectNoOverflow(office, 'the meetings screen');
      await office.getByTestId('input-title').fill('Phiên họp thường kỳ');
      await office.locator('[data-testid="sc-create"] button[type="submit"]').click();
      const line = office
        .getByTestId('sc-line')
        .filter({ has: office.locator(`a[href="#/item/${itemId}"]`) });
      await line.waitFor();
      expect(await line.getAttribute('data-source')).toBe('ruling-request');
      await expectNoOverflow(office, 'a draft agenda');
      await screenshot(office, 'sc-meeting-draft-360');

      await office.getByTestId('sc-freeze').click();
      await office.locator('[data-testid="sc-status"]').filter({ hasText: /./ }).waitFor();
      await line.getByTestId('sc-ruling-form').waitFor();
      expect(await line.getByTestId('sc-save-note').count()).toBe(0);
      await line.getByTestId('input-sc-kind').selectOption('new-deadline');
      await line.getByTestId('input-sc-working-days').fill('10');
      await line
        .getByTestId('input-sc-text')
        .fill('Huyện phối hợp Sở Giao thông hoàn thành trong 10 ngày làm việc');
      await line.getByTestId('sc-rule').click();
      await reloadUntil(office, () => line.getByTestId('sc-directive').isVisible(), {
        what: 'the directive the ruling created',
      });
      await office.getByTestId('sc-minutes').waitFor();
      await expectNoOverflow(office, 'a frozen agenda with a ruling');
      await screenshot(office, 'sc-meeting-ruled-360');

      await mine.goto(`/#/item/${itemId}`);
      await mine.reload();
      const ruling = mine.getByTestId('event-meeting-ruling');
      await ruling.waitFor();
      expect(await ruling.textContent()).toMatch(
        /^Ban Thường vụ kết luận tại phiên họp ngày \d\d\/\d\d\/\d{4}: Huyện phối hợp/,
      );
      await expectNoOverflow(mine, 'the timeline with a ruling');

      const board = await as('officer.organization');
      expect(await board.getByTestId('nav-sc-meetings').count()).toBe(0);
      await board.goto('/#/sc-meetings');
      await board.waitForURL((url) => !url.hash.startsWith('#/sc-meetings'));
    },
    STEP_TIMEOUT,
  );
});
