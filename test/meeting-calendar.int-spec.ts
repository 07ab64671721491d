import { ConfigService } from '@nestjs/config';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { MEETING_CALENDAR_SCHEDULE_ID } from '@ngk/temporal';
import { useApps } from './support/apps';
import { ownCadre, sql } from './support/fixtures';
import { client } from './support/http';

/**
 * The quarter's Schedule puts the policy's commune meetings on the calendar for every commune with a
 * cadre: a run made twice adds nothing, and a commune without a cadre gets none.
 */
describe('the meeting calendar by policy', () => {
  const apps = useApps();
  let temporal: Client;
  const communes = { followed: '', unfollowed: '' };

  beforeAll(async () => {
    temporal = apps.worker.get(Client);
    const [{ parentId }] = await sql<{ parentId: string }>(
      `SELECT parent_id AS "parentId" FROM units WHERE code = 'hoa-loi'`,
    );
    const http = client(apps.api);
    communes.followed = await http.addUnit({ kind: 'commune', parentId });
    communes.unfollowed = await http.addUnit({ kind: 'commune', parentId });
    const [{ code }] = await sql<{ code: string }>(`SELECT code FROM units WHERE id = $1`, [
      communes.followed,
    ]);
    await ownCadre('cadre.meeting-calendar', code);
  });

  /** One run of the Schedule's workflow for the year's last quarter, as the Schedule would start it. */
  const run = () =>
    temporal.workflow.execute('meetingCalendarWorkflow', {
      taskQueue: apps.worker.get(ConfigService).get<string>('TEMPORAL_TASK_QUEUE')!,
      workflowId: `meeting-calendar-test-${randomUUID()}`,
      args: [{ year: 2027, quarter: 4 }],
    }) as Promise<{ year: number; quarter: number; created: number; existing: number }>;

  it('is a Schedule at the start of each quarter', async () => {
    const schedule = await temporal.schedule.getHandle(MEETING_CALENDAR_SCHEDULE_ID).describe();
    expect(schedule.action).toMatchObject({ workflowType: 'meetingCalendarWorkflow' });
    expect(schedule.spec.calendars?.[0]).toMatchObject({ dayOfMonth: [{ start: 1, end: 1, step: 1 }] });
  });

  it("generates the quarter's meetings once, by nobody, for the communes with a cadre", async () => {
    const first = await run();
    expect(first).toMatchObject({ year: 2027, quarter: 4 });
    expect(first.created).toBeGreaterThan(0);
    const again = await run();
    expect(again.created).toBe(0);
    expect(again.existing).toBeGreaterThanOrEqual(first.created + first.existing);
    const rows = await sql(
      `SELECT unit_id AS "unitId", kind, held_on::text AS "heldOn", source, created_by AS "createdBy"
         FROM meetings WHERE unit_id = ANY($1::uuid[]) AND held_on >= '2027-10-01' ORDER BY held_on`,
      [[communes.followed, communes.unfollowed]],
    );
    expect(rows).toEqual([
      {
        unitId: communes.followed,
        kind: 'commune-quarterly',
        heldOn: '2027-12-15',
        source: 'policy',
        createdBy: null,
      },
      {
        unitId: communes.followed,
        kind: 'commune-year-end',
        heldOn: '2027-12-28',
        source: 'policy',
        createdBy: null,
      },
    ]);
  });
});
