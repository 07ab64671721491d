import { Client, Connection } from '@temporalio/client';
import { useApps } from '../support/apps';
import { examples } from '../support/examples';
import { client } from '../support/http';

/**
 * Temporal refuses a run's 2,001st Update, which froze an item for good. A run now continues as new
 * with the item's state well before that: here after ten Updates, so a few dozen actions cross the
 * boundary several times, some of them sent together.
 */
describe('an item outlives many runs of its workflow', () => {
  const apps = useApps({ env: { WORKFLOW_UPDATES_PER_RUN: '10', TEMPORAL_TASK_QUEUE: 'ngk-hostile-long' } });
  let http: ReturnType<typeof client>;
  let temporal: Connection;
  beforeAll(async () => {
    http = client(apps.api);
    temporal = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  });
  afterAll(() => temporal?.close());

  it('takes every action across the runs, loses none, and closes', async () => {
    const submitted = await http.submit('cadre.phule', {
      ...(await examples()).propaganda,
      title: 'Sống lâu',
    });
    expect(submitted.status).toBe(201);
    const id: string = submitted.body.id;
    expect((await http.act('officer.propaganda', id, 'acknowledge')).status).toBe(200);

    // Sequential notes, then bursts of notes sent together, crossing run boundaries both ways.
    const notes: string[] = [];
    for (let i = 0; i < 12; i++) {
      notes.push(`Ghi chú ${i}`);
      expect((await http.act('officer.propaganda', id, 'progress', { note: `Ghi chú ${i}` })).status).toBe(
        200,
      );
    }
    for (let burst = 0; burst < 3; burst++) {
      const batch = Array.from({ length: 8 }, (_, i) => `Đợt ${burst} ghi chú ${i}`);
      notes.push(...batch);
      const answers = await Promise.all(
        batch.map((note) => http.act('officer.propaganda', id, 'progress', { note })),
      );
      expect(answers.map((a) => a.status)).toEqual(batch.map(() => 200));
    }

    const resolved = await http.act('officer.propaganda', id, 'resolve', {
      outcome: 'implemented',
      response: 'Đã tổ chức tuyên truyền tại các xã.',
    });
    expect(resolved.status).toBe(200);
    expect((await http.act('cadre.phule', id, 'feedback', { verdict: 'accept' })).status).toBe(200);

    const item = (await http.get('cadre.phule', id)).body;
    expect(item.status).toBe('closed');
    const events = await http.timeline(id);
    // Every note once, and the events numbered without a gap or a repeat across the runs.
    expect(
      events
        .filter((e) => e.type === 'progress')
        .map((e) => e.reason)
        .sort(),
    ).toEqual([...notes].sort());
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));

    const runs = [];
    for await (const run of new Client({ connection: temporal }).workflow.list({
      query: `WorkflowId = '${item.workflowId}'`,
    }))
      runs.push(run.status.name);
    // 39 Updates (the submission included) at ten a run: at least four runs, each continued as new but the
    // last, which waits out the closed item's reopening window (30 days on this real clock).
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(runs.filter((s) => s === 'CONTINUED_AS_NEW').length).toBe(runs.length - 1);
    expect(runs).toContain('RUNNING');
  });
});

/** The hostile run that froze an item: 2,500 actions, at the default number of Updates a run. */
describe('an item that takes 2,500 actions', () => {
  const apps = useApps({ env: { TEMPORAL_TASK_QUEUE: 'ngk-hostile-2500' } });

  it('answers every one, then resolves and closes', async () => {
    const http = client(apps.api);
    const submitted = await http.submit('cadre.phule', {
      ...(await examples()).propaganda,
      title: '2.500 thao tác',
    });
    const id: string = submitted.body.id;
    expect((await http.act('officer.propaganda', id, 'acknowledge')).status).toBe(200);
    const statuses = new Map<number, number>();
    // Ten at a time: the workflow takes them one by one, the HTTP round trips overlap.
    for (let i = 0; i < 2_500; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          http.act('officer.propaganda', id, 'progress', { note: `#${i + j}` }),
        ),
      );
      for (const answer of batch) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: 2_500 });
    const resolved = await http.act('officer.propaganda', id, 'resolve', {
      outcome: 'implemented',
      response: 'Đã xong.',
    });
    expect(resolved.status).toBe(200);
    expect((await http.act('cadre.phule', id, 'feedback', { verdict: 'accept' })).status).toBe(200);
    expect((await http.get('cadre.phule', id)).body.status).toBe('closed');
  }, 900_000);
});
