import type { INestApplication } from '@nestjs/common';
import { useApps } from './support/apps';
import { examples } from './support/examples';
import { sql } from './support/fixtures';
import { client } from './support/http';

/** A worker stopped mid-flow and started again: the item continues, no event lost or doubled. */
describe('worker restart', () => {
  let api: INestApplication;

  // A task queue of its own: stopping this worker must not delay other test files' workflows.
  const apps = useApps({ env: { TEMPORAL_TASK_QUEUE: 'ngk-worker-restart-test' } });

  beforeAll(() => {
    api = apps.api;
  });

  it('finishes an action sent while no worker runs, once the worker is back', async () => {
    const http = client(api);
    const submitted = await http.submit('cadre.anthanh', {
      ...(await examples()).wells418,
      title: 'Giếng vùng 418: khởi động lại worker',
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    expect((await http.act('officer.dard', id, 'acknowledge')).status).toBe(200);

    await apps.stopWorker();
    // Sent while nothing polls the task queue: the request waits, nothing is lost.
    const pending = http.act('officer.dard', id, 'progress', { note: 'Đang khảo sát thực địa ấp An Điền.' });
    await new Promise((r) => setTimeout(r, 1500));
    await apps.restartWorker();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('in-progress');

    expect(
      (
        await http.act('officer.dard', id, 'resolve', {
          response: 'Đã ban hành văn bản.',
          outcome: 'implemented',
        })
      ).status,
    ).toBe(200);
    const events = await sql<{ seq: number; type: string }>(
      'SELECT seq, type FROM recommendation_events WHERE recommendation_id = $1 ORDER BY seq',
      [id],
    );
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.type)).toEqual([
      'submitted',
      'routed',
      'acknowledged',
      'progress',
      'resolved',
    ]);
  });
});
