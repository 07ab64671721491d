import { addDays, ATTENDANCE_GRACE_DAYS } from '@ngk/domain';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import {
  clickNav,
  expectNoOverflow,
  expectOneLanguage,
  NARROW_PHONE,
  screenshot,
  useBrowserPages,
} from '../support/browser';
import { ownCadre, sql } from '../support/fixtures';
import { authAs, client } from '../support/http';

const STEP_TIMEOUT = 120_000;

/**
 * The cadre records attendance on a 360 px phone, told first what waits; an absence without a reason
 * is refused under its field. The Organization Board then sees the meeting nobody recorded as missed,
 * and follows the cadre's name to their record.
 */
describe('meetings and the cadre’s record in the browser', () => {
  let api: INestApplication;
  const pages = useBrowserPages({ viewport: NARROW_PHONE });
  const as = pages.as;
  const CADRE = 'cadre.meetings-ui';
  let commune: string;
  let today: string;
  let pastGrace: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ api } = pages.app);
    const [{ parentId }] = await sql<{ parentId: string }>(
      `SELECT parent_id AS "parentId" FROM units WHERE code = 'phu-le'`,
    );
    commune = await client(api).addUnit({ kind: 'commune', parentId });
    const [{ code }] = await sql<{ code: string }>(`SELECT code FROM units WHERE id = $1`, [commune]);
    await ownCadre(CADRE, code);
    today = (await request(api.getHttpServer()).get('/api/calendar/today')).body.today;
    const enter = async (heldOn: string, kind: string) => {
      const res = await request(api.getHttpServer())
        .post('/api/meetings')
        .set(await authAs(api, CADRE))
        .send({ kind, unitId: commune, heldOn, title: `Hội nghị ${kind} ${heldOn}` });
      if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
      return res.body.id as string;
    };
    // One meeting held today, one held before the days to record it ran out, with nothing recorded: missed.
    pastGrace = addDays(today, -(ATTENDANCE_GRACE_DAYS + 1));
    ids.today = await enter(today, 'commune-quarterly');
    ids.missed = await enter(pastGrace, 'commune-year-end');
  }, STEP_TIMEOUT);

  it(
    'a cadre on a 360 px phone sees what waits and records an absence, refused first without a reason',
    async () => {
      const page = await as(CADRE);
      await clickNav(page, 'meetings');
      await page.getByTestId('meeting-list').waitFor();
      expect(await page.getByTestId('meetings-waiting').textContent()).toMatch(/chờ bạn ghi nhận/);
      const card = page.locator(`[data-testid="meeting"][data-id="${ids.today}"]`);
      await card.getByTestId('attendance-status').selectOption('absent');
      await card.getByTestId('attendance-save').click();
      await card.locator('[data-testid="error-reason"] [data-code="attendance.reason-required"]').waitFor();
      expect(await card.getByTestId('error-reason').textContent()).toBe('Vui lòng ghi lý do vắng mặt.');
      await expectNoOverflow(page, 'meetings at 360 px');
      await screenshot(page, 'cadre-meetings-narrow');
      await card.getByTestId('input-reason').fill('Dự tập huấn của tỉnh');
      await card.getByTestId('attendance-save').click();
      await page.locator(`[data-testid="meeting"][data-id="${ids.today}"][data-outcome="absent"]`).waitFor();
      const [row] = await sql(`SELECT status, reason FROM meeting_attendance WHERE meeting_id = $1`, [
        ids.today,
      ]);
      expect(row).toEqual({ status: 'absent', reason: 'Dự tập huấn của tỉnh' });
      await expectNoOverflow(page, 'meetings at 360 px after recording');
      await expectOneLanguage(page, 'meetings');
    },
    STEP_TIMEOUT,
  );

  it(
    'the Organization Board sees the missed meeting and opens the cadre’s record; other unit staff have no such screen',
    async () => {
      const page = await as('officer.organization', { width: 1366, height: 900 });
      await clickNav(page, 'attendance');
      await page.getByTestId('board-totals').waitFor();
      const quarter = Math.floor((Number(pastGrace.slice(5, 7)) - 1) / 3) + 1;
      await page.goto(`/#/attendance?year=${pastGrace.slice(0, 4)}&quarter=${quarter}`);
      const unit = page.locator(`[data-testid="board-unit"][data-unit="${commune}"]`);
      await unit.waitFor();
      expect(
        await unit
          .locator(`[data-testid="board-meeting"][data-id="${ids.missed}"] [data-testid="board-attendance"]`)
          .getAttribute('data-outcome'),
      ).toBe('missed');
      await screenshot(page, 'organization-board-attendance');
      await unit.locator(`[data-testid="board-attendance"][data-cadre="${CADRE}"] a`).first().click();
      await page.locator('[data-testid="record-body"][data-loaded="true"]').waitFor();
      expect(await page.getByTestId('record-absent').textContent()).toBe('1');
      await screenshot(page, 'organization-board-record');
      await expectOneLanguage(page, 'record');

      const other = await as('officer.dard', { width: 1366, height: 900 });
      expect(await other.getByTestId('nav-attendance').count()).toBe(0);
      expect(await other.getByTestId('nav-record').count()).toBe(0);
      await other.goto('/#/record');
      await other.waitForURL((url) => !url.hash.startsWith('#/record'));
    },
    STEP_TIMEOUT,
  );

  it(
    'the Standing Committee records its meeting with a locality on its attendance screen, at 360 px',
    async () => {
      const page = await as('member.standing');
      await clickNav(page, 'attendance');
      const entry = page.getByTestId('meeting-entry');
      await entry.locator('summary').click();
      const title = `Ban Thường vụ làm việc với xã ${randomUUID().slice(0, 6)}`;
      await entry.getByTestId('input-unitId').selectOption(commune);
      await entry.getByTestId('input-heldOn').fill(today);
      await entry.getByTestId('input-title').fill(title);
      await expectNoOverflow(page, 'the committee meeting form');
      await entry.locator('button[type="submit"]').click();
      await page.getByTestId('banner').filter({ hasText: 'Đã thêm cuộc họp vào lịch.' }).waitFor();
      const [row] = await sql<{ kind: string; source: string }>(
        `SELECT kind, source FROM meetings WHERE title = $1`,
        [title],
      );
      expect(row).toEqual({ kind: 'sc-locality-quarterly', source: 'entered' });
      await screenshot(page, 'standing-committee-locality-meeting');
    },
    STEP_TIMEOUT,
  );
});
