import type { INestApplication } from '@nestjs/common';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { spawnWorker, startApi } from '../support/apps';
import { examples } from '../support/examples';
import { client } from '../support/http';
import { expectEachRoutedOnce } from './routed-once';

/** Submissions in flight: `npm test` sends a short burst, `npm run test:faults` the full 300. */
const COUNT = Number(process.env.NGK_FAULTS_SUBMISSIONS ?? 30);
const CONCURRENCY = 8;

/** The worker process killed without warning in the middle of a burst of submissions, then started again. */
describe('faults: worker killed during submissions', () => {
  let api: INestApplication;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    // A task queue of its own: only the worker this file kills serves it.
    process.env.TEMPORAL_TASK_QUEUE = 'ngk-faults-worker-kill';
    api = await startApi();
    worker = await spawnWorker();
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await api?.close();
  });

  it(`routes every one of ${COUNT} submissions exactly once`, async () => {
    const http = client(api);
    const base = (await examples()).propaganda;
    const run = randomUUID().slice(0, 8);
    let answered = 0;
    const results: { status: number; body: { id: string; code?: string; message?: string } }[] = [];
    let next = 0;
    const sender = async () => {
      while (next < COUNT) {
        const i = next++;
        const res = await http.submit(
          'cadre.phongnam',
          { ...base, title: `Sự cố ${run} #${i}` },
          `${run}-${i}`,
        );
        results[i] = { status: res.status, body: res.body };
        answered++;
      }
    };
    const killer = async () => {
      while (answered < COUNT / 3) await new Promise((r) => setTimeout(r, 20));
      worker!.kill('SIGKILL');
      await new Promise((resolve) => worker!.once('exit', resolve));
      worker = await spawnWorker();
    };
    await Promise.all([...Array.from({ length: CONCURRENCY }, sender), killer()]);

    // Any other answer is shown whole: its code and message say which refusal it was.
    expect(results.map((r) => (r.status === 201 ? 201 : r))).toEqual(new Array(COUNT).fill(201));
    await expectEachRoutedOnce(results.map((r) => r.body.id));
  });
});
