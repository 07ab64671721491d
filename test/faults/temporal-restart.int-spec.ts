import { shortClockEnv } from '../support/clock';
import { examples } from '../support/examples';
import { sql } from '../support/fixtures';
import { client, eventually } from '../support/http';
import { useAppsOnOwnTemporal } from '../support/own-temporal';

/** The Temporal server stopped and started again on the same state while timers are pending. */
describe('faults: Temporal restarted with timers pending', () => {
  // One day lasts a second, from a Monday morning: an urgent item reaches level 2 in a few seconds.
  const own = useAppsOnOwnTemporal('faults-temporal-restart', () => shortClockEnv(1));

  it('fires the escalation timers once the server is back', async () => {
    const http = client(own.api);
    const urgent = {
      ...(await examples()).propaganda,
      urgency: 'urgent',
      title: 'Sự cố: Temporal khởi động lại',
    };
    const submitted = await http.submit('cadre.phongnam', urgent);
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;

    // Past the acknowledgement deadline and the grace period while no server runs.
    let downAt = new Date();
    await own.temporal.restart(async () => {
      downAt = new Date();
      await new Promise((r) => setTimeout(r, 4000));
    });

    const escalations = await eventually(
      () =>
        sql<{ level: number; occurred_at: Date }>(
          `SELECT (payload->>'level')::int AS level, occurred_at FROM recommendation_events
            WHERE recommendation_id = $1 AND type = 'escalated' ORDER BY seq`,
          [id],
        ),
      (rows) => rows.some((r) => r.level === 2),
      // The worker's polls back off while the server is down and come back on their own schedule: once,
      // with the real server restarted beside four other test files, they were still being retried near
      // the end of a one-minute wait, and nothing had escalated yet.
      150_000,
    );
    expect(escalations.map((e) => e.level)).toEqual([1, 2]);
    // Level 2 came after the restart: its timer was kept in the server's database and fired then. An
    // event's time is its workflow task's start, which no stopped server gives; the moment the restart
    // returns is no bound, as the server may fire the timer while it is still being waited for.
    expect(escalations[1].occurred_at.getTime()).toBeGreaterThanOrEqual(downAt.getTime());
  }, 240_000);
});
