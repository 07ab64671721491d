import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RecommendationActivities, type ProjectedEvent } from '@ngk/activities';
import { useApps } from './support/apps';
import { sql, unitId } from './support/fixtures';

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
    const [cadre] = await sql<{ id: string }>(`SELECT id FROM users WHERE username = 'cadre.hoaloi'`);
    const submitted: ProjectedEvent = {
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
          title: 'Chiếu sáng đường 26',
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
    const routed: ProjectedEvent = {
      ...submitted,
      create: undefined,
      seq: 2,
      type: 'routed',
      statusBefore: 'submitted',
      statusAfter: 'routed',
      patch: { leadUnitId: await unitId('thanh-phu') },
      tasks: { open: [{ unitId: await unitId('thanh-phu'), role: 'lead' }] },
    };
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
});
