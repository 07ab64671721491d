import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { RecommendationActivities, type ProjectedEvent } from '@ngk/activities';
import { preparedName } from '@ngk/persistence';
import { useApps } from './support/apps';
import { ownerSql, sql, unitId } from './support/fixtures';

/** The first event of a new item in Hòa Lợi, submitted by its cadre. */
async function submittedEvent(id: string, title: string): Promise<ProjectedEvent> {
  const [cadre] = await sql<{ id: string }>(`SELECT id FROM users WHERE username = 'cadre.hoaloi'`);
  return {
    recommendationId: id,
    seq: 1,
    type: 'submitted',
    actorUserId: cadre.id,
    actorUnitId: null,
    occurredAt: new Date().toISOString(),
    reason: null,
    statusBefore: null,
    statusAfter: 'submitted',
    payload: {},
    create: {
      workflowId: `recommendation-${id}`,
      submittedAt: new Date().toISOString(),
      submission: {
        title,
        situation: 'Đường 26 chưa có đèn chiếu sáng.',
        proposal: 'Lắp đèn chiếu sáng dọc đường 26.',
        categoryCode: 'infrastructure',
        localityUnitId: await unitId('hoa-loi'),
        urgency: 'normal',
        legalReferences: [],
        attachments: [],
        submittedByUserId: cadre.id,
      },
    },
  };
}

/** The item's second event: routed by rule to Thạnh Phú, whose lead task opens. */
async function routedToThanhPhu(submitted: ProjectedEvent): Promise<ProjectedEvent> {
  const thanhPhu = await unitId('thanh-phu');
  return {
    ...submitted,
    create: undefined,
    seq: 2,
    type: 'routed',
    statusBefore: 'submitted',
    statusAfter: 'routed',
    patch: { leadUnitId: thanhPhu },
    tasks: { open: [{ unitId: thanhPhu, role: 'lead' }] },
  };
}

/** Activities are retried by Temporal: projecting the same event twice must change nothing the second time. */
describe('read-model projection', () => {
  let app: INestApplicationContext;

  const apps = useApps({ api: false, env: { TEMPORAL_TASK_QUEUE: 'ngk-projection-test' } });

  beforeAll(() => {
    app = apps.worker;
  });

  it('writes each (item, sequence) once, however often the activity is retried', async () => {
    const activities = app.get(RecommendationActivities);
    const id = randomUUID();
    const submitted = await submittedEvent(id, 'Chiếu sáng đường 26');
    const routed = await routedToThanhPhu(submitted);
    expect(await activities.projectEvent(submitted)).toEqual({ applied: true, emails: 0 });
    expect(await activities.projectEvent(routed)).toMatchObject({ applied: true });
    // Retries, including a late retry of an older event after a newer one was applied.
    expect(await activities.projectEvent(routed)).toEqual({ applied: false, emails: 0 });
    expect(await activities.projectEvent(submitted)).toEqual({ applied: false, emails: 0 });

    const [row] = await sql(
      `SELECT status, last_event_seq,
              (SELECT count(*)::int FROM recommendation_events WHERE recommendation_id = $1) AS events,
              (SELECT count(*)::int FROM tasks WHERE recommendation_id = $1) AS tasks,
              (SELECT count(*)::int FROM notifications WHERE recommendation_id = $1) AS notifications
         FROM recommendations WHERE id = $1`,
      [id],
    );
    // The lead unit's two demo users heard of the routing once, however often it was retried.
    expect(row).toEqual({ status: 'routed', last_event_seq: 2, events: 2, tasks: 1, notifications: 2 });
  });

  it('writes a submission and its routing together in one transaction, once, however often retried', async () => {
    const activities = app.get(RecommendationActivities);
    const id = randomUUID();
    const submitted = await submittedEvent(id, 'Chiếu sáng đường 26, đoạn hai');
    const routed = await routedToThanhPhu(submitted);
    expect(await activities.projectEvents([submitted, routed])).toEqual([
      { applied: true, emails: 0 },
      { applied: true, emails: 0 },
    ]);
    // A retry (the result lost after the commit) and a late single retry change nothing.
    expect(await activities.projectEvents([submitted, routed])).toEqual([
      { applied: false, emails: 0 },
      { applied: false, emails: 0 },
    ]);
    expect(await activities.projectEvent(routed)).toEqual({ applied: false, emails: 0 });
    const [row] = await sql(
      `SELECT status, last_event_seq,
              (SELECT count(*)::int FROM recommendation_events WHERE recommendation_id = $1) AS events,
              (SELECT count(DISTINCT xmin::text)::int FROM recommendation_events WHERE recommendation_id = $1)
                AS transactions,
              (SELECT count(*)::int FROM tasks WHERE recommendation_id = $1) AS tasks,
              (SELECT count(*)::int FROM notifications WHERE recommendation_id = $1) AS notifications
         FROM recommendations WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({
      status: 'routed',
      last_event_seq: 2,
      events: 2,
      transactions: 1,
      tasks: 1,
      notifications: 2,
    });
  });

  it("writes a new item's row as its submission leaves it: two versions of the row with its routing, not three", async () => {
    const activities = app.get(RecommendationActivities);
    const title = `Phiên bản dòng ${randomUUID()}`;
    // Every version of this item's row, counted as it is written (an insert or an update each). In a
    // schema of its own, out of the way of the tests that check every table of the public schema.
    await ownerSql(`CREATE SCHEMA test_probe`);
    await ownerSql(`CREATE TABLE test_probe.row_versions (op text NOT NULL)`);
    await ownerSql(`
      CREATE FUNCTION test_probe.count_row_version() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN INSERT INTO test_probe.row_versions VALUES (TG_OP); RETURN NULL; END $$`);
    await ownerSql(`
      CREATE TRIGGER test_probe_row_versions AFTER INSERT OR UPDATE ON recommendations FOR EACH ROW
      WHEN (NEW.title = '${title}') EXECUTE FUNCTION test_probe.count_row_version()`);
    try {
      const submitted = await submittedEvent(randomUUID(), title);
      const routed = await routedToThanhPhu(submitted);
      await activities.projectEvents([submitted, routed]);
      const versions = await ownerSql<{ op: string }>(`SELECT op FROM test_probe.row_versions`);
      expect(versions.map((v) => v.op)).toEqual(['INSERT', 'UPDATE']);
      const [row] = await sql(
        `SELECT status, last_event_seq, updated_at = $2::timestamptz AS "updatedAtRouted"
           FROM recommendations WHERE id = $1`,
        [submitted.recommendationId, routed.occurredAt],
      );
      expect(row).toEqual({ status: 'routed', last_event_seq: 2, updatedAtRouted: true });
    } finally {
      await ownerSql(`DROP TRIGGER test_probe_row_versions ON recommendations`);
      await ownerSql(`DROP SCHEMA test_probe CASCADE`);
    }
  });

  it('writes a submission alone at its sequence number, as it leaves the row', async () => {
    const activities = app.get(RecommendationActivities);
    const submitted = await submittedEvent(randomUUID(), 'Chiếu sáng đường 26, đoạn năm');
    expect(await activities.projectEvent(submitted)).toEqual({ applied: true, emails: expect.any(Number) });
    const [row] = await sql(
      `SELECT status, last_event_seq, updated_at = $2::timestamptz AS "updatedAtEvent",
              created_at = $3::timestamptz AS "createdAtSubmission",
              (SELECT count(*)::int FROM recommendation_events WHERE recommendation_id = $1) AS events
         FROM recommendations WHERE id = $1`,
      [submitted.recommendationId, submitted.occurredAt, submitted.create!.submittedAt],
    );
    expect(row).toEqual({
      status: 'submitted',
      last_event_seq: 1,
      updatedAtEvent: true,
      createdAtSubmission: true,
      events: 1,
    });
  });

  it('writes an event, its task changes, its notifications and the row in one statement', async () => {
    const activities = app.get(RecommendationActivities);
    const id = randomUUID();
    const submitted = await submittedEvent(id, 'Chiếu sáng đường 26, đoạn ba');
    await activities.projectEvent(submitted);
    const routed = await routedToThanhPhu(submitted);
    const statements = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      expect(await activities.projectEvent(routed)).toEqual({ applied: true, emails: 0 });
      // A retry is the same statement, and changes nothing.
      expect(await activities.projectEvent(routed)).toEqual({ applied: false, emails: 0 });
      // Each statement would be a round trip, and a transaction two more: the event needs neither.
      expect(statements.mock.calls.map(([query]) => query.trim().split(/\s+/, 2).join(' '))).toEqual([
        'WITH appended',
        'WITH appended',
      ]);
    } finally {
      statements.mockRestore();
    }
    const [row] = await sql(
      `SELECT status, last_event_seq, lead_unit_id = $2 AS "leadSet",
              (SELECT count(*)::int FROM recommendation_events WHERE recommendation_id = $1) AS events,
              (SELECT count(*)::int FROM tasks WHERE recommendation_id = $1 AND role = 'lead') AS tasks,
              (SELECT count(*)::int FROM notifications WHERE recommendation_id = $1) AS notifications
         FROM recommendations WHERE id = $1`,
      [id, await unitId('thanh-phu')],
    );
    // The lead unit's two demo users heard of the routing, once.
    expect(row).toEqual({
      status: 'routed',
      last_event_seq: 2,
      leadSet: true,
      events: 2,
      tasks: 1,
      notifications: 2,
    });
  });

  it('sends each shape of event as one named statement, whatever the item: planned once per connection', async () => {
    const activities = app.get(RecommendationActivities);
    /** The texts one item's submission and routing send, in order, in both of the projection's paths. */
    const textsOf = async (title: string) => {
      const submitted = await submittedEvent(randomUUID(), title);
      const routed = await routedToThanhPhu(submitted);
      const other = await submittedEvent(randomUUID(), `${title} (2)`);
      const statements = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        await activities.projectEvents([submitted, routed]);
        await activities.projectEvent(other);
        await activities.projectEvent(await routedToThanhPhu(other));
        // The projection's own statements: the worker's background work (the summaries' fold, the
        // mail outbox) may query on other connections meanwhile.
        return statements.mock.calls
          .map(([query]) => query)
          .filter((query) =>
            /^\s*(WITH appended|INSERT INTO recommendations |UPDATE recommendations )/.test(query),
          );
      } finally {
        statements.mockRestore();
      }
    };
    const first = await textsOf('Chiếu sáng đường 26, đoạn bốn');
    const second = await textsOf('Nạo vét kênh 418');
    // The insert, the two events in the transaction, then the insert and two events alone.
    expect(first.length).toBeGreaterThanOrEqual(5);
    // Another item, another title: the same texts, each named, so no connection plans them again.
    expect(second).toEqual(first);
    expect(first.filter((query) => preparedName(query) === undefined)).toEqual([]);
  });

  it("applies an event's task changes in order: closes, opens, deadlines, then overdue flags", async () => {
    const activities = app.get(RecommendationActivities);
    const id = randomUUID();
    const [thanhPhu, dot, dpi, dard] = await Promise.all(
      ['thanh-phu', 'dot', 'dpi', 'dard'].map((code) => unitId(code)),
    );
    const at = (day: number) => new Date(Date.UTC(2027, 0, day, 10)).toISOString();
    const submitted = await submittedEvent(id, 'Nạo vét kênh Ba Lai');
    const base = { ...submitted, create: undefined, actorUserId: null };
    await activities.projectEvent(submitted);
    // Routed: every coordinating unit's deadline, then DPI's own; DARD already late.
    await activities.projectEvent({
      ...base,
      seq: 2,
      type: 'routed',
      statusBefore: 'submitted',
      statusAfter: 'routed',
      patch: { leadUnitId: thanhPhu },
      tasks: {
        open: [
          { unitId: thanhPhu, role: 'lead', dueAt: at(20) },
          { unitId: dpi, role: 'coordinating' },
          { unitId: dard, role: 'coordinating' },
        ],
        due: [
          { role: 'coordinating', dueAt: at(10) },
          { role: 'coordinating', unitId: dpi, dueAt: at(12) },
        ],
        overdue: [{ role: 'coordinating', unitId: dard, overdue: true }],
      },
    });
    const coordinating = await sql(
      `SELECT u.code AS unit, t.due_at AS "dueAt", t.overdue FROM tasks t JOIN units u ON u.id = t.unit_id
        WHERE t.recommendation_id = $1 AND t.role = 'coordinating' ORDER BY t.id`,
      [id],
    );
    expect(coordinating).toEqual([
      { unit: 'dpi', dueAt: new Date(at(12)), overdue: false },
      { unit: 'dard', dueAt: new Date(at(10)), overdue: true },
    ]);
    // Transferred: the old lead task is cancelled before the new one opens, and the new deadline of every
    // coordinating task clears DARD's overdue flag before this event sets it again.
    await activities.projectEvent({
      ...base,
      seq: 3,
      type: 'transferred',
      reason: 'thuộc thẩm quyền Sở Giao thông',
      statusBefore: 'routed',
      statusAfter: 'routed',
      patch: { leadUnitId: dot },
      tasks: {
        close: [{ role: 'lead', status: 'cancelled', note: 'transferred' }],
        open: [{ unitId: dot, role: 'lead' }],
        due: [
          { role: 'lead', dueAt: at(25) },
          { role: 'coordinating', dueAt: at(15) },
        ],
        overdue: [{ role: 'coordinating', unitId: dard, overdue: true }],
      },
    });
    const tasks = await sql<Record<string, unknown>>(
      `SELECT u.code AS unit, t.role, t.status, t.opened_seq AS opened, t.closed_seq AS closed,
              t.outcome_note AS note, t.due_at AS "dueAt", t.overdue
         FROM tasks t JOIN units u ON u.id = t.unit_id WHERE t.recommendation_id = $1 ORDER BY t.id`,
      [id],
    );
    // unit, role, status, opened and closed by which event, note, deadline, overdue
    expect(tasks.map(Object.values)).toEqual([
      ['thanh-phu', 'lead', 'cancelled', 2, 3, 'transferred', new Date(at(20)), false],
      ['dpi', 'coordinating', 'open', 2, null, null, new Date(at(15)), false],
      ['dard', 'coordinating', 'open', 2, null, null, new Date(at(15)), true],
      ['dot', 'lead', 'open', 3, null, null, new Date(at(25)), false],
    ]);
  });
});
