import { useApps } from '../support/apps';
import { examples } from '../support/examples';
import { client, eventually } from '../support/http';
import { useOwnTemporalServer } from '../support/own-temporal';

/**
 * The real server with frontend, history, matching and worker each in its own process, as a cluster runs
 * them; the history service is killed without warning while an item is open and a person acts on it.
 */
describe('faults: the history service killed on a split Temporal server', () => {
  const temporal = useOwnTemporalServer('history-kill', { split: true });
  const apps = useApps();

  it('holds the action until history is back, then the item goes on as if nothing happened', async () => {
    const http = client(apps.api);
    const submitted = await http.submit('cadre.phongnam', {
      ...(await examples()).propaganda,
      title: 'Sự cố: dịch vụ history dừng đột ngột',
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    expect(temporal.server.processes.size).toBe(4);

    const history = temporal.server.processes.get('history')!;
    const killed = new Promise((resolve) => history.once('exit', resolve));
    history.kill('SIGKILL');
    await killed;

    // The officer acts while no history service runs; the answer waits for it rather than failing.
    const acknowledging = http.act('officer.propaganda', id, 'acknowledge');
    await new Promise((r) => setTimeout(r, 3000));
    await temporal.server.restart('history');
    const acknowledged = await acknowledging;
    expect([acknowledged.status, acknowledged.body.status]).toEqual([200, 'in-progress']);

    const progressed = await http.act('officer.propaganda', id, 'progress', {
      note: 'Đã có dự thảo sổ tay.',
    });
    expect(progressed.status).toBe(200);
    const timeline = await eventually(
      () => http.timeline(id),
      (events) => events.some((e) => e.type === 'progress'),
      30_000,
    );
    // Each action recorded once: nothing lost, nothing doubled by the retries during the outage.
    const types = timeline.map((e) => e.type);
    expect(types.filter((t) => t === 'acknowledged')).toHaveLength(1);
    expect(types.filter((t) => t === 'progress')).toHaveLength(1);
  });
});
