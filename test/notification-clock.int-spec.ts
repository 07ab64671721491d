import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { localDate, TimeScale } from '../libs/domain/src';
import { useApps } from './support/apps';
import { shortClockEnv } from './support/clock';
import { examples } from './support/examples';
import { sql } from './support/fixtures';
import { client, eventually } from './support/http';

/**
 * The notifications the clock brings: a coordinating opinion overdue reaches the lead unit, and a result
 * found wanting at verification reopens the item for the lead unit. One day lasts three seconds.
 */
describe('notifications on the clock', () => {
  let api: INestApplication;

  const apps = useApps({
    env: () => ({ TEMPORAL_TASK_QUEUE: 'ngk-notification-clock-test', ...shortClockEnv(3) }),
  });

  beforeAll(() => {
    api = apps.api;
  });

  const kindsFor = async (id: string, username: string) =>
    (
      await sql<{ kind: string }>(
        `SELECT n.kind FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE n.recommendation_id = $1 AND u.username = $2 ORDER BY n.id`,
        [id, username],
      )
    ).map((n) => n.kind);

  it('tells the lead unit when a coordinating opinion is overdue, and the coordinating unit too', async () => {
    const http = client(api);
    const item = await http.submit('cadre.hoaloi', {
      ...(await examples()).road26,
      title: `Phối hợp trễ ${randomUUID().slice(0, 6)}`,
    });
    expect(item.status).toBe(201);
    const id = item.body.id as string;
    await eventually(
      async () => [await kindsFor(id, 'officer.thanhphu'), await kindsFor(id, 'officer.dpi')],
      ([lead, coordinating]) =>
        lead.includes('coordination-overdue') && coordinating.includes('coordination-overdue'),
      60_000,
    );
    const [event] = await sql<{ clock: string }>(
      `SELECT e.payload->>'clock' AS clock FROM notifications n
         JOIN recommendation_events e ON e.recommendation_id = n.recommendation_id AND e.seq = n.event_seq
         JOIN users u ON u.id = n.user_id
        WHERE n.recommendation_id = $1 AND u.username = 'officer.thanhphu' AND n.kind = 'coordination-overdue'`,
      [id],
    );
    expect(event.clock).toBe('coordination');
  });

  it('tells the lead unit when the cadre reopens an item whose result falls short', async () => {
    const http = client(api);
    const planned = await http.submit('cadre.phule', {
      ...(await examples()).propaganda,
      title: `Mở lại ${randomUUID().slice(0, 6)}`,
    });
    const id = planned.body.id as string;
    const scale = TimeScale.dayLasts(
      3,
      Date.parse(process.env.NGK_CLOCK_EPOCH!),
      Date.parse(process.env.NGK_CLOCK_START!),
    );
    const planDate = localDate(scale.toVirtual(Date.now()) + 2 * 86_400_000);
    expect((await http.act('officer.propaganda', id, 'acknowledge')).status).toBe(200);
    const resolved = await http.act('officer.propaganda', id, 'resolve', {
      response: 'Đưa vào kế hoạch.',
      outcome: 'planned',
      planDate,
      budgetYear: Number(planDate.slice(0, 4)),
    });
    expect(resolved.status).toBe(200);
    expect((await http.act('cadre.phule', id, 'feedback', { verdict: 'accept' })).status).toBe(200);
    await eventually(
      async () => kindsFor(id, 'cadre.phule'),
      (kinds) => kinds.includes('verification-due'),
      60_000,
    );
    const reopened = await http.act('cadre.phule', id, 'verify', {
      verdict: 'reopen',
      reason: 'Chưa tập huấn.',
    });
    expect(reopened.status).toBe(200);
    expect(await kindsFor(id, 'officer.propaganda')).toContain('reopened');
    expect(await kindsFor(id, 'cadre.phule')).not.toContain('reopened');
  });
});
