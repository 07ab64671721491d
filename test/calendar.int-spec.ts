import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { useApps } from './support/apps';
import { ownerSql, sql } from './support/fixtures';
import { authAs } from './support/http';

/** The working calendar through the API: statute and overrides, and who may change them. */
describe('calendar API', () => {
  let api: INestApplication;
  const http = () => request(api.getHttpServer());

  const apps = useApps({ worker: false });
  beforeAll(() => {
    api = apps.api;
  });
  afterAll(async () => {
    await sql(`DELETE FROM calendar_overrides WHERE date >= '2032-01-01' AND date < '2033-01-01'`);
  });

  it('lists Tết 2026 with its legal basis and counts the working days of February', async () => {
    const res = await http().get('/api/calendar').query({ from: '2026-02-01', to: '2026-02-28' }).expect(200);
    const tet = res.body.days.filter((d: { name: string }) => d.name === 'Tết Âm lịch');
    expect(tet.map((d: { date: string }) => d.date)).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
    expect(tet[0]).toMatchObject({
      kind: 'holiday',
      source: 'statute',
      legalBasis: expect.stringContaining('Điều 112'),
    });
    // 20 weekdays in February 2026, 5 of them Tết.
    expect(res.body.workingDays).toBe(15);
  });

  it('shows the compensatory days of Tết 2027, which falls on a weekend', async () => {
    const res = await http().get('/api/calendar').query({ from: '2027-02-01', to: '2027-02-14' }).expect(200);
    expect(res.body.days.map((d: { date: string }) => d.date)).toEqual([
      '2027-02-05',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
    ]);
    expect(res.body.days.slice(-2).every((d: { name: string }) => d.name.startsWith('Nghỉ bù'))).toBe(true);
  });

  it('refuses a malformed or oversized range, naming the field', async () => {
    const bad = await http().get('/api/calendar').query({ from: '2026-13-01', to: '2026-12-31' }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'from' })]);
    const reversed = await http()
      .get('/api/calendar')
      .query({ from: '2026-12-31', to: '2026-01-01' })
      .expect(400);
    expect(reversed.body.errors).toEqual([
      { field: 'to', code: 'range.end-before-start', reason: 'to must not be before from' },
    ]);
    const long = await http()
      .get('/api/calendar')
      .query({ from: '2026-01-01', to: '2027-06-01' })
      .expect(400);
    expect(long.body.errors[0].field).toBe('to');
    await http().get('/api/calendar').query({ from: '2026-01-01' }).expect(400);
  });

  it('an admin sets and removes an override; nobody else may, and bad bodies are named', async () => {
    const day = { kind: 'working', name: 'Làm bù thứ Bảy', legalBasis: 'Thông báo hoán đổi ngày làm việc' };
    await http().put('/api/calendar/overrides/2032-03-06').send(day).expect(401);
    const forbidden = await http()
      .put('/api/calendar/overrides/2032-03-06')
      .set(await authAs(api, 'officer.dot'))
      .send(day);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toBe('a unit-officer may not use this route; it is for: admin');

    const badBody = await http()
      .put('/api/calendar/overrides/2032-03-06')
      .set(await authAs(api, 'admin'))
      .send({ kind: 'sometimes', name: ' ' });
    expect(badBody.status).toBe(400);
    expect(badBody.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'name']);
    const badDate = await http()
      .put('/api/calendar/overrides/2032-02-30')
      .set(await authAs(api, 'admin'))
      .send(day);
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors).toEqual([expect.objectContaining({ field: 'date' })]);
    // A Wednesday is a working day already: saying so again is a mistake worth naming.
    const pointless = await http()
      .put('/api/calendar/overrides/2032-03-03')
      .set(await authAs(api, 'admin'))
      .send(day);
    expect(pointless.status).toBe(400);
    expect(pointless.body.errors).toEqual([
      { field: 'kind', code: 'calendar.already-working-day', reason: '2032-03-03 is already a working day' },
    ]);
    expect(await sql(`SELECT 1 FROM calendar_overrides WHERE date IN ('2032-03-03', '2032-03-06')`)).toEqual(
      [],
    );

    const set = await http()
      .put('/api/calendar/overrides/2032-03-06')
      .set(await authAs(api, 'admin'))
      .send(day)
      .expect(200);
    expect(set.body).toMatchObject({ date: '2032-03-06', kind: 'working', name: 'Làm bù thứ Bảy' });
    const week = await http()
      .get('/api/calendar')
      .query({ from: '2032-03-01', to: '2032-03-07' })
      .expect(200);
    expect(week.body.workingDays).toBe(6);
    expect(week.body.days).toEqual([expect.objectContaining({ date: '2032-03-06', source: 'override' })]);

    await http()
      .delete('/api/calendar/overrides/2032-03-06')
      .set(await authAs(api, 'admin'))
      .set('X-Request-Id', 'audit-delete-2032-03-06')
      .expect(204);
    // Both changes are on record, with who, which request, and the row before and after.
    const audit = await sql(
      `SELECT a.action, a.actor_role, u.username, a.request_id, a.before, a.after
         FROM admin_audit a JOIN users u ON u.id = a.actor_user_id
        WHERE a.entity = 'calendar_override' AND a.entity_key = '2032-03-06' ORDER BY a.id`,
    );
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'create',
        actor_role: 'admin',
        username: 'admin',
        before: null,
        after: expect.objectContaining({ kind: 'working', name: 'Làm bù thứ Bảy' }),
      }),
      expect.objectContaining({
        action: 'delete',
        request_id: 'audit-delete-2032-03-06',
        before: expect.objectContaining({ kind: 'working' }),
        after: null,
      }),
    ]);
    // The audit log is append-only in the database itself, for its owner too (the apps lack the grants).
    await expect(
      ownerSql(`UPDATE admin_audit SET action = 'update' WHERE entity_key = '2032-03-06'`),
    ).rejects.toThrow(/append-only/);
    await expect(ownerSql(`DELETE FROM admin_audit WHERE entity_key = '2032-03-06'`)).rejects.toThrow(
      /append-only/,
    );
    await http()
      .delete('/api/calendar/overrides/2032-03-06')
      .set(await authAs(api, 'admin'))
      .expect(404);
    const after = await http()
      .get('/api/calendar')
      .query({ from: '2032-03-01', to: '2032-03-07' })
      .expect(200);
    expect(after.body.workingDays).toBe(5);
  });

  it('lists the SLA policies with their reminder points', async () => {
    await http().get('/api/sla-policies').expect(401);
    const res = await http()
      .get('/api/sla-policies')
      .set(await authAs(api, 'viewer.leadership'))
      .expect(200);
    expect(res.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'default-normal',
          acknowledgeDays: 2,
          resolutionDays: 15,
          directiveDays: 10,
          reminderPoints: [
            { workingDaysBefore: 2, at: '08:00' },
            { workingDaysBefore: 0, at: '08:00' },
          ],
        }),
        expect.objectContaining({ code: 'default-urgent', acknowledgeDays: 1, resolutionDays: 5 }),
      ]),
    );
  });
});
