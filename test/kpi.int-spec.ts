import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import {
  addDays,
  localDate,
  SlaClock,
  TimeScale,
  WorkingCalendar,
  workingDayFigures,
  workingDaysHistogram,
  type CalendarDay,
} from '@ngk/domain';
import { vietnamDaysOfYear } from '@ngk/domain/calendar/vietnam-holidays';
import { useAppsOnOwnDatabase } from './support/apps';
import { CLOCK_START, shortClockEnv } from './support/clock';
import { examples } from './support/examples';
import { sqlAt } from './support/fixtures';
import { authAs, client } from './support/http';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One day lasts two seconds: the road-26 policy's 20 working days pass in about a minute. */
const DAY_SECONDS = 2;
const EPOCH = new Date().toISOString();
const scale = TimeScale.dayLasts(DAY_SECONDS, Date.parse(EPOCH), Date.parse(CLOCK_START));
/** Past an instant on the real clock, with room for the server's timers. */
const until = (iso: string) =>
  new Promise((r) => setTimeout(r, Math.max(0, Date.parse(iso) - Date.now()) + 1500));

/**
 * The three-way KPI on a crafted set of items driven through the real workflow, on a database of the
 * file's own: on time (then closed and reopened twice by its cadre), on time after an approved
 * extension, late, late despite an extension, and one unresolved. The dashboard's tiles, its per-unit table, its trend and the quarterly report (JSON and
 * XLSX) must show exactly that split, the one reopened item, and the same working days to resolve,
 * counted on the SLA calendar with its overrides.
 */
describe('three-way KPI and working days to resolve', () => {
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const [key, value] of Object.entries(shortClockEnv(DAY_SECONDS, EPOCH))) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
  });
  afterAll(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  const apps = useAppsOnOwnDatabase('kpi');
  let api: INestApplication;
  let http: ReturnType<typeof client>;
  const sql = <T = Json>(text: string, params: unknown[] = []) =>
    sqlAt<T>(process.env.DATABASE_URL!, text, params);
  const ok = async (res: Promise<request.Response>, status = 200) => {
    const r = await res;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
    return r.body as Json;
  };
  const get = async (path: string, query: Record<string, unknown> = {}) =>
    request(api.getHttpServer())
      .get(path)
      .query(query)
      .set(await authAs(api, 'viewer.leadership'))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });

  const ids = { onTime: '', afterExtension: '', late: '', lateExtended: '', open: '' };
  const expectedDays: number[] = [];
  let override: CalendarDay;

  beforeAll(async () => {
    api = apps.api;
    http = client(api);
    // A day off declared by the province, a working weekday a few days ahead on the shortened clock:
    // deadlines and the time to resolve both skip it.
    let day = addDays(localDate(scale.toVirtual(Date.now())), 3);
    while ([0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) day = addDays(day, 1);
    override = { date: day, kind: 'holiday', name: 'Nghỉ theo quyết định của tỉnh' };
    await sql(`INSERT INTO calendar_overrides (date, kind, name) VALUES ($1, $2, $3)`, [
      override.date,
      override.kind,
      override.name,
    ]);

    const [hoaLoi] = await sql<{ id: string }>(`SELECT id FROM units WHERE code = 'hoa-loi'`);
    const road = { ...(await examples()).road26, localityUnitId: hoaLoi.id };
    const start = async (title: string) => {
      const item = await ok(http.submit('cadre.hoaloi', { ...road, title }), 201);
      await ok(http.act('officer.thanhphu', item.id, 'acknowledge'));
      return item.id as string;
    };
    const extend = async (id: string, workingDays: number) => {
      await ok(http.act('officer.thanhphu', id, 'request-extension', { workingDays, reason: 'Chờ vốn.' }));
      await ok(http.act('head.thanhphu', id, 'decide-extension', { decision: 'approve' }));
      const events = (await http.timeline(id)) as Json[];
      return events.find((e) => e.type === 'extension-approved')!.payload.deadline as Json;
    };
    const resolve = (id: string) =>
      ok(http.act('officer.thanhphu', id, 'resolve', { response: 'Đã bố trí vốn.', outcome: 'implemented' }));
    const dueOf = async (id: string) =>
      (await ok(http.get('officer.thanhphu', id))).resolutionDueAt as string;

    await Promise.all([
      (async () => {
        ids.onTime = await start('KPI: đúng hạn');
        await resolve(ids.onTime);
        // Closed by its cadre and reopened twice, resolved again each time: one reopened item.
        for (const round of [1, 2]) {
          await ok(http.act('cadre.hoaloi', ids.onTime, 'feedback', { verdict: 'accept' }));
          await ok(
            http.act('cadre.hoaloi', ids.onTime, 'reopen', { reason: `Lần ${round}: đường vẫn hỏng.` }),
          );
          await ok(http.act('officer.thanhphu', ids.onTime, 'acknowledge'));
          await resolve(ids.onTime);
        }
      })(),
      (async () => {
        ids.afterExtension = await start('KPI: đúng hạn sau gia hạn');
        const deadline = await extend(ids.afterExtension, 10);
        // Past the original deadline, well before the extended one.
        await until(deadline.before);
        await resolve(ids.afterExtension);
      })(),
      (async () => {
        ids.late = await start('KPI: trễ hạn');
        await until(await dueOf(ids.late));
        await resolve(ids.late);
      })(),
      (async () => {
        ids.lateExtended = await start('KPI: trễ hạn dù đã gia hạn');
        const deadline = await extend(ids.lateExtended, 1);
        await until(deadline.after);
        await resolve(ids.lateExtended);
      })(),
      (async () => {
        ids.open = await start('KPI: chưa giải quyết');
      })(),
    ]);

    // What each resolved item took, worked out here from the instants the API shows, on the calendar
    // the worker uses: the shortened clock, the statutory days off and the province's override.
    const clock = new SlaClock(
      new WorkingCalendar({ daysOfYear: (year) => vietnamDaysOfYear(year, [override]) }),
      scale,
    );
    for (const id of [ids.onTime, ids.afterExtension, ids.late, ids.lateExtended]) {
      const item = await ok(http.get('officer.thanhphu', id));
      const resolved = ((await http.timeline(id)) as Json[]).find((e) => e.type === 'resolved')!;
      expectedDays.push(
        clock.workingDaysBetween(Date.parse(item.createdAt), Date.parse(resolved.occurredAt)),
      );
    }
  }, 240_000);

  const split = { onTime: 1, onTimeAfterExtension: 1, late: 2 };
  const days = () =>
    workingDayFigures(
      workingDaysHistogram(expectedDays),
      expectedDays.reduce((a, b) => a + b),
    );

  it('the reopened item was reopened twice', async () => {
    // Resolved a third time since; whether its cadre's feedback window has passed too depends on the clock.
    expect(await ok(http.get('officer.thanhphu', ids.onTime))).toMatchObject({ reopenedCount: 2 });
  });

  it('the items took what the deadlines say', () => {
    // The late ones went past the road-26 policy's 20 working days.
    expect(expectedDays[2]).toBeGreaterThanOrEqual(20);
    expect(expectedDays[3]).toBeGreaterThanOrEqual(21);
    expect(days().count).toBe(4);
  });

  it('the dashboard tiles and the per-unit table show the split and the working days', async () => {
    const d = JSON.parse((await get('/api/dashboard')).body.toString()) as Json;
    expect(d.totals).toMatchObject({ total: 5, resolved: 4, resolvedOnTime: 2, timeliness: split });
    expect(d.totals.timelinessShares).toEqual({ onTime: 0.25, onTimeAfterExtension: 0.25, late: 0.5 });
    expect(d.totals.resolveWorkingDays).toEqual(days());
    // Reopened twice, counted once, as a share of the resolved.
    expect(d.totals).toMatchObject({ reopened: 1, reopenedShare: 0.25 });
    const unit = d.byUnit.find((u: Json) => u.code === 'thanh-phu');
    expect(unit).toMatchObject({
      total: 5,
      resolved: 4,
      timeliness: split,
      resolveWorkingDays: days(),
      reopened: 1,
    });
    // The filtered dashboard reads the other summary: the same figures.
    const filtered = JSON.parse((await get('/api/dashboard', { unitId: unit.id })).body.toString()) as Json;
    expect(filtered.totals).toMatchObject({
      total: 5,
      timeliness: split,
      resolveWorkingDays: days(),
      reopened: 1,
    });
  });

  it('the trend shows the split in the month of submission', async () => {
    const d = JSON.parse((await get('/api/dashboard')).body.toString()) as Json;
    const months = d.trend.filter((m: Json) => m.total > 0);
    expect(months).toEqual([expect.objectContaining({ total: 5, resolved: 4, ...split, reopened: 1 })]);
  });

  it('the quarterly report shows the split and the working days, in JSON and XLSX', async () => {
    const today = new Date(Date.now() + 7 * 3600_000);
    const query = { year: today.getUTCFullYear(), quarter: Math.floor(today.getUTCMonth() / 3) + 1 };
    const r = JSON.parse((await get('/api/reports/quarterly', query)).body.toString()) as Json;
    expect(r.summary).toMatchObject({
      resolved: 4,
      timeliness: split,
      resolveWorkingDays: days(),
      reopened: 1,
    });
    expect(r.units).toEqual([
      expect.objectContaining({
        code: 'thanh-phu',
        resolved: 4,
        timeliness: split,
        resolveWorkingDays: days(),
        reopened: 1,
      }),
    ]);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await get('/api/reports/quarterly', { ...query, format: 'xlsx' })).body);
    const summary = book.getWorksheet('Tổng hợp')!;
    const rows = Object.fromEntries(
      Array.from({ length: 13 }, (_, i) => [
        summary.getCell(`A${i + 6}`).value,
        summary.getCell(`B${i + 6}`).value,
      ]),
    );
    expect(rows).toMatchObject({
      'Đã giải quyết': 4,
      'Đúng hạn': 1,
      'Đúng hạn sau gia hạn': 1,
      'Trễ hạn': 2,
      'Thời gian giải quyết, trung vị (ngày làm việc)': days().median,
      'Thời gian giải quyết, trung bình (ngày làm việc)': days().mean,
      'Mở lại trong quý': 1,
    });
    const units = book.getWorksheet('Theo đơn vị')!;
    expect((units.getRow(2).values as unknown[]).slice(1, 9)).toEqual([
      expect.any(String),
      5,
      4,
      1,
      1,
      2,
      0.5,
      days().median,
    ]);
    // The reopened column comes last.
    expect((units.getRow(2).values as unknown[]).at(-1)).toBe(1);

    const page = (
      await get('/api/reports/quarterly', { ...query, format: 'html', lang: 'en' })
    ).body.toString();
    expect(page).toContain('<td>On time after extension</td><td>1</td>');
    expect(page).toContain('<td>Late</td><td>2</td>');
    expect(page).toContain('<td>Reopened during the quarter</td><td>1</td>');
  });
});
