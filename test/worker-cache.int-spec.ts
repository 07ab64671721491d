import { TemporalWorkerService } from '../apps/worker/src/temporal-worker.service';
import { useApps } from './support/apps';
import { examples } from './support/examples';
import { sql } from './support/fixtures';
import { client } from './support/http';

// A worker that keeps two items in memory, on a task queue of its own: every other item it reaches is
// replayed from its history first.
process.env.TEMPORAL_TASK_QUEUE = 'ngk-worker-cache';
process.env.TEMPORAL_MAX_CACHED_WORKFLOWS = '2';

describe('worker cache bound', () => {
  const apps = useApps();

  it('items past TEMPORAL_MAX_CACHED_WORKFLOWS are replayed when reached and act as any other', async () => {
    const http = client(apps.api);
    const body = (await examples()).propaganda;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await http.submit('cadre.phongnam', { ...body, title: `Bộ nhớ đệm ${i}` });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const worker = apps.worker.get(TemporalWorkerService);
    expect(worker.cachedWorkflows()).toBeLessThanOrEqual(2);

    // The earliest items left the cache long ago: each action replays them first.
    for (const id of ids) {
      const res = await http.act('officer.propaganda', id, 'acknowledge');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('in-progress');
    }
    const first = await http.act('officer.propaganda', ids[0], 'progress', { note: 'Đã có dự thảo.' });
    expect(first.status).toBe(200);
    expect(worker.cachedWorkflows()).toBeLessThanOrEqual(2);

    const events = await sql<{ id: string; n: number; last: number; types: string[] }>(
      `SELECT recommendation_id AS id, count(*)::int AS n, max(seq) AS last, array_agg(type ORDER BY seq) AS types
         FROM recommendation_events WHERE recommendation_id = ANY($1) GROUP BY recommendation_id`,
      [ids],
    );
    expect(events).toHaveLength(5);
    for (const e of events) {
      expect(e.n).toBe(e.last);
      expect(e.types.slice(0, 3)).toEqual(['submitted', 'routed', 'acknowledged']);
    }
  });
});
