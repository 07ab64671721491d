import { Client } from '@temporalio/client';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { spawnWorker, useApps } from './support/apps';
import { examples } from './support/examples';
import { ownCadre, sql, unitId } from './support/fixtures';
import { authAs, client, DEMO_PASSWORD, eventually } from './support/http';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DECISION = 'Nghị quyết số 17/NQ-HĐND';

/**
 * A reorganization ends two departments with 50 open items between them (and one closed item its cadre
 * may still reopen), and a third without a single
 * successor. The dry run writes nothing; the run (its worker killed in the middle of a batch) moves every
 * item once, through the item's own workflow, with the decision as the reason; running it again changes
 * nothing; the third unit's items wait in the review list, untouched.
 */
describe('reorganization', () => {
  // The worker runs as its own process, so that it can be killed without warning.
  const apps = useApps({ worker: false, env: { TEMPORAL_TASK_QUEUE: 'ngk-reorganization-test' } });
  let worker: ChildProcess | undefined;
  let http: ReturnType<typeof client>;
  const send = async (
    method: 'get' | 'post' | 'patch',
    path: string,
    body?: object | string,
    type?: string,
  ) => {
    const req = request(apps.api.getHttpServer())
      [method](path)
      .set(await authAs(apps.api, 'admin'));
    if (type) req.set('Content-Type', type);
    return body === undefined ? req : req.send(body);
  };

  let province: string;
  let commune: string;
  let communeCode: string;
  /** Ended departments and their successors; `split` ends with its work divided, so no single successor. */
  const units = { a: '', b: '', succA: '', succB: '', split: '' };
  let category: string;
  let supervisor: string;
  const items = { a: [] as string[], b: [] as string[], split: [] as string[], closed: '' };
  /** Staff of A and B (whose accounts move) and of each successor (who are told), by id. */
  const officer = { a: '', b: '', succA: '', succB: '' };
  const officerA = `officer.reorg-a-${randomUUID().slice(0, 6)}`;
  const officerB = `officer.reorg-b-${randomUUID().slice(0, 6)}`;

  const addUser = async (username: string, unit: string): Promise<string> => {
    const res = await send('post', '/api/users', {
      username,
      displayName: username,
      role: 'unit-officer',
      unitId: unit,
      password: DEMO_PASSWORD,
    });
    if (res.status !== 201) throw new Error(`cannot add ${username}: ${res.status} ${res.text}`);
    return res.body.id as string;
  };
  const addRule = async (leadUnitId: string, categoryCode: string, coordinatingUnitIds: string[] = []) => {
    const res = await send('post', '/api/routing-rules', {
      code: `reorg-${randomUUID().slice(0, 8)}`,
      categoryCode,
      localityUnitId: commune,
      leadUnitId,
      coordinatingUnitIds,
      priority: 100,
    });
    if (res.status !== 201) throw new Error(`cannot add rule: ${res.status} ${res.text}`);
    return res.body.id as string;
  };

  beforeAll(async () => {
    worker = await spawnWorker();
    http = client(apps.api);
    province = await unitId('ben-tre');
    const district = await http.addUnit({ kind: 'district', parentId: province });
    commune = await http.addUnit({ kind: 'commune', parentId: district });
    [{ code: communeCode }] = await sql<{ code: string }>('SELECT code FROM units WHERE id = $1', [commune]);
    for (const key of Object.keys(units) as (keyof typeof units)[])
      units[key] = await http.addUnit({ kind: 'department', parentId: province });
    // A's successor answers to another body than A did: the moved items' supervising body follows it.
    supervisor = await unitId('provincial-peoples-committee');
    const supervised = await send('patch', `/api/units/${units.succA}`, { supervisorId: supervisor });
    expect(supervised.status).toBe(200);
    officer.a = await addUser(officerA, units.a);
    officer.b = await addUser(officerB, units.b);
    officer.succA = await addUser(`officer.reorg-sa-${randomUUID().slice(0, 6)}`, units.succA);
    officer.succB = await addUser(`officer.reorg-sb-${randomUUID().slice(0, 6)}`, units.succB);
    await ownCadre('cadre.reorganization', communeCode);
    // Three categories, so each rule routes its own items: A leads with B coordinating, B leads, split leads.
    const categories = ['infrastructure', 'propaganda', 'party-organization'];
    category = categories[0];
    await addRule(units.a, categories[0], [units.b]);
    await addRule(units.b, categories[1]);
    await addRule(units.split, categories[2]);
    const body = (await examples()).road26;
    const submit = async (categoryCode: string, i: number) => {
      const res = await http.submit('cadre.reorganization', {
        ...body,
        title: `Sắp xếp ${categoryCode} #${i}`,
        categoryCode,
        localityUnitId: commune,
      });
      if (res.status !== 201) throw new Error(`cannot submit: ${res.status} ${res.text}`);
      return res.body as Json;
    };
    for (let i = 0; i < 30; i++) items.a.push((await submit(categories[0], i)).id);
    for (let i = 0; i < 20; i++) items.b.push((await submit(categories[1], i)).id);
    // One of B's is resolved and accepted: closed, and open to reopening for the policy's 30 days.
    items.closed = (await submit(categories[1], 20)).id;
    for (const [who, action, body] of [
      [officerB, 'acknowledge', {}],
      [officerB, 'resolve', { response: 'Đã sửa xong.', outcome: 'implemented' }],
      ['cadre.reorganization', 'feedback', { verdict: 'accept' }],
    ] as const) {
      const res = await http.act(who, items.closed, action, body);
      expect([action, res.status]).toEqual([action, 200]);
    }
    for (let i = 0; i < 3; i++) items.split.push((await submit(categories[2], i)).id);
    // Some of A's items are being handled already: the successor takes them as they stand.
    for (const id of items.a.slice(0, 5)) {
      const res = await http.act(officerA, id, 'acknowledge', {});
      expect(res.status).toBe(200);
    }
  }, 600_000);

  afterAll(() => {
    worker?.kill('SIGKILL');
  });

  let reorganization: string;

  it('refuses a decision naming a unit twice, a successor of another kind, or an effective date before it', async () => {
    const base = { decisionNo: DECISION, decisionDate: '2026-06-01', effectiveDate: '2026-07-01' };
    const twice = await send('post', '/api/reorganizations', {
      ...base,
      units: [
        { unitId: units.a, successorId: units.succA },
        { unitId: units.a, successorId: units.succB },
      ],
    });
    expect(twice.status).toBe(422);
    expect(twice.body.errors[0]).toMatchObject({
      field: 'units.1.unitId',
      code: 'reorganization.unit-twice',
    });
    const kind = await send('post', '/api/reorganizations', {
      ...base,
      units: [{ unitId: units.a, successorId: commune }],
    });
    expect(kind.status).toBe(422);
    expect(kind.body.errors[0]).toMatchObject({
      field: 'units.0.successorId',
      code: 'reorganization.successor-kind',
    });
    const chained = await send('post', '/api/reorganizations', {
      ...base,
      units: [
        { unitId: units.a, successorId: units.b },
        { unitId: units.b, successorId: units.succB },
      ],
    });
    expect(chained.status).toBe(422);
    expect(chained.body.errors[0]).toMatchObject({ code: 'reorganization.successor-ends' });
    const office = await send('post', '/api/reorganizations', {
      ...base,
      units: [{ unitId: await unitId('party-office'), successorId: units.succA }],
    });
    expect(office.status).toBe(422);
    expect(office.body.errors[0]).toMatchObject({
      field: 'units.0.unitId',
      code: 'reorganization.lifecycle-unit',
    });
    const backwards = await send('post', '/api/reorganizations', {
      ...base,
      effectiveDate: '2026-05-01',
      units: [],
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0]).toMatchObject({
      field: 'effectiveDate',
      code: 'range.effective-before-decision',
    });
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM reorganization_units WHERE unit_id = ANY($1::uuid[])`,
      [[units.a, units.b]],
    );
    expect(n).toBe(0);
  });

  it('takes commune mergers as CSV, naming the lines it refuses, and leaves a commune split in two undecided', async () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const created = await send('post', '/api/reorganizations', {
      decisionNo: 'Nghị quyết số 18/NQ-HĐND',
      decisionDate: today,
      effectiveDate: today,
      units: [],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const district = await http.addUnit({ kind: 'district', parentId: province });
    const code = async (unit: string) =>
      (await sql<{ code: string }>('SELECT code FROM units WHERE id = $1', [unit]))[0].code;
    const [x1, x2, x3, merged, other] = await Promise.all(
      [1, 2, 3, 4, 5].map(() => http.addUnit({ kind: 'commune', parentId: district })),
    );
    const bad = await send(
      'post',
      `/api/reorganizations/${id}/communes`,
      `old_code,new_code\n${await code(x1)},${await code(merged)}\nnot a line\n${await code(x2)},no-such-unit\n`,
      'text/csv',
    );
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/lines 3/);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ field: 'line.3', code: 'reorganization.csv-invalid', params: { line: 3 } }),
    ]);
    const unknown = await send(
      'post',
      `/api/reorganizations/${id}/communes`,
      `${await code(x1)},${await code(merged)}\n${await code(x2)},no-such-unit\n`,
      'text/csv',
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ field: 'line.2', code: 'reference.unknown-unit' }),
    ]);
    const file = [x1, x2, x3].map((u) => u);
    const lines = [
      `${await code(file[0])},${await code(merged)}`,
      `${await code(file[1])},${await code(merged)}`,
      `${await code(file[2])},${await code(merged)}`,
      `${await code(file[2])},${await code(other)}`,
    ];
    const taken = await send('post', `/api/reorganizations/${id}/communes`, lines.join('\r\n'), 'text/csv');
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({ lines: 4, units: 3, ambiguous: 1 });
    const rows = await sql<{ unit_id: string; successor_id: string | null }>(
      `SELECT unit_id, successor_id FROM reorganization_units WHERE reorganization_id = $1`,
      [id],
    );
    expect(Object.fromEntries(rows.map((r) => [r.unit_id, r.successor_id]))).toEqual({
      [x1]: merged,
      [x2]: merged,
      [x3]: null,
    });
  });

  /** What the reorganization's items and units look like in the database, to show a dry run wrote nothing. */
  const snapshot = async () =>
    sql(
      `SELECT (SELECT count(*)::int FROM recommendation_events WHERE recommendation_id = ANY($1::uuid[])) AS events,
              (SELECT count(*)::int FROM tasks WHERE recommendation_id = ANY($1::uuid[]) AND status = 'open') AS open,
              (SELECT count(*)::int FROM notifications WHERE recommendation_id = ANY($1::uuid[])) AS told,
              (SELECT count(*)::int FROM units WHERE id = ANY($2::uuid[]) AND valid_to IS NOT NULL) AS ended,
              (SELECT count(*)::int FROM routing_rules WHERE lead_unit_id = ANY($2::uuid[])) AS rules,
              (SELECT count(*)::int FROM users WHERE unit_id = ANY($2::uuid[])) AS accounts,
              (SELECT count(*)::int FROM reorganization_items) AS recorded`,
      [
        [...items.a, ...items.b, ...items.split, items.closed],
        [units.a, units.b, units.split],
      ],
    );

  it('previews what would move, writing nothing', async () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const created = await send('post', '/api/reorganizations', {
      decisionNo: DECISION,
      decisionDate: today,
      effectiveDate: today,
      note: 'Hợp nhất các sở',
      units: [
        { unitId: units.a, successorId: units.succA },
        { unitId: units.b, successorId: units.succB },
        { unitId: units.split },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', total: null, done: 0 });
    reorganization = created.body.id;
    const before = await snapshot();
    const preview = await send('get', `/api/reorganizations/${reorganization}/preview`);
    expect(preview.status).toBe(200);
    const { items: planned, rules, accounts } = preview.body as Json;
    expect(planned.total).toBe(54);
    const moving = new Map<string, Json>(planned.move.map((i: Json) => [i.id, i.moves]));
    expect(moving.size).toBe(51);
    expect(moving.get(items.closed)).toEqual({ [units.b]: units.succB });
    for (const id of items.a)
      expect(moving.get(id)).toEqual({ [units.a]: units.succA, [units.b]: units.succB });
    for (const id of items.b) expect(moving.get(id)).toEqual({ [units.b]: units.succB });
    expect(planned.review.map((i: Json) => i.id).sort()).toEqual([...items.split].sort());
    expect(rules.move).toHaveLength(2);
    expect(rules.decide).toHaveLength(1);
    expect(accounts.move.map((a: Json) => a.id).sort()).toEqual([officer.a, officer.b].sort());
    expect(await snapshot()).toEqual(before);
  });

  it('moves every item once, through its workflow, though the worker is killed in the middle of a batch', async () => {
    const started = await send('post', `/api/reorganizations/${reorganization}/run`);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ id: reorganization, status: 'running' });
    // Killed as soon as the first items are recorded: the rest of the batch is in flight.
    const atKill = await eventually(
      async () => (await send('get', `/api/reorganizations/${reorganization}`)).body as Json,
      (p) => p.done >= 1,
      120_000,
      20,
    );
    worker!.kill('SIGKILL');
    await new Promise((resolve) => worker!.once('exit', resolve));
    expect(atKill.done).toBeLessThan(54);
    worker = await spawnWorker();
    const done = await eventually(
      async () => (await send('get', `/api/reorganizations/${reorganization}`)).body as Json,
      (p) => p.status === 'done',
      180_000,
    );
    expect(done).toMatchObject({ total: 54, done: 54, moved: 51, review: 3, skipped: 0 });
    // The kill caught a batch in flight: it was taken again, on the new worker.
    const history = await apps.api
      .get(Client)
      .workflow.getHandle(`reorganization-${reorganization}`)
      .fetchHistory();
    const attempts = (history.events ?? []).map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0);
    expect(Math.max(...attempts)).toBeGreaterThan(1);
    await expectMovedOnce();
  }, 300_000);

  it('runs again as a no-op that answers the same progress', async () => {
    const before = await snapshot();
    const again = await send('post', `/api/reorganizations/${reorganization}/run`);
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ status: 'done', total: 54, done: 54, moved: 51, review: 3 });
    // Nothing is sent to the items again: a short wait would let a second run show.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await snapshot()).toEqual(before);
    await expectMovedOnce();
    const listed = (await send('get', '/api/reorganizations')).body as Json[];
    expect(listed.find((r) => r.id === reorganization)).toMatchObject({
      status: 'done',
      units: expect.arrayContaining([expect.objectContaining({ unitId: units.split, successorId: null })]),
    });
  });

  it('lists the items whose unit has no single successor, untouched, and its accounts to decide', async () => {
    const review = await send('get', `/api/reorganizations/${reorganization}/review`);
    expect(review.status).toBe(200);
    expect(review.body.items.map((i: Json) => i.id).sort()).toEqual([...items.split].sort());
    expect(review.body.items[0].unitIds).toEqual([units.split]);
    const rows = await sql<{ lead: string; moved: number }>(
      `SELECT r.lead_unit_id AS lead,
              (SELECT count(*)::int FROM recommendation_events e
                WHERE e.recommendation_id = r.id AND e.type = 'reorganized') AS moved
         FROM recommendations r WHERE r.id = ANY($1::uuid[])`,
      [items.split],
    );
    expect(rows).toEqual(items.split.map(() => ({ lead: units.split, moved: 0 })));
  });

  it('closed the ended units, naming their successors, and moved their rules and accounts', async () => {
    const ended = await sql<{ id: string; valid_to: string | null }>(
      `SELECT id, valid_to::text FROM units WHERE id = ANY($1::uuid[])`,
      [[units.a, units.b, units.split]],
    );
    const yesterday = new Date(Date.now() + 7 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    expect(ended.every((u) => u.valid_to === yesterday)).toBe(true);
    const successors = await sql<{ unit_id: string; successor_id: string; decided_by: string }>(
      `SELECT unit_id, successor_id, decided_by FROM unit_successors WHERE unit_id = ANY($1::uuid[])`,
      [[units.a, units.b, units.split]],
    );
    expect(successors).toHaveLength(2);
    expect(successors[0].decided_by).toContain(DECISION);
    const [rule] = await sql<{ lead_unit_id: string; coordinating_unit_ids: string[] }>(
      `SELECT lead_unit_id, coordinating_unit_ids FROM routing_rules
        WHERE locality_unit_id = $1 AND category_code = $2`,
      [commune, category],
    );
    expect(rule).toEqual({ lead_unit_id: units.succA, coordinating_unit_ids: [units.succB] });
    const [account] = await sql<{ unit_id: string }>(`SELECT unit_id FROM users WHERE id = $1`, [officer.a]);
    expect(account.unit_id).toBe(units.succA);
    // Each change is in the admin audit, as made by the admin who started the run.
    const audited = await sql<Json>(
      `SELECT a.entity, a.entity_key AS key, u.username AS actor, a.before, a.after
         FROM admin_audit a JOIN users u ON u.id = a.actor_user_id
        WHERE a.request_id = $1`,
      [`reorganization-${reorganization}`],
    );
    expect(audited).toEqual(
      expect.arrayContaining([
        {
          entity: 'unit',
          key: units.a,
          actor: 'admin',
          before: { validTo: null },
          after: { validTo: yesterday },
        },
        {
          entity: 'user',
          key: officer.a,
          actor: 'admin',
          before: { unitId: units.a },
          after: { unitId: units.succA },
        },
      ]),
    );
    expect(audited.filter((a) => a.entity === 'unit')).toHaveLength(3);
    expect(audited.filter((a) => a.entity === 'routing_rule')).toHaveLength(2);
  });

  it('waits for a later effective date: until then nothing closes and nothing moves', async () => {
    const province = await unitId('ben-tre');
    const [ending, successor] = [
      await http.addUnit({ kind: 'department', parentId: province }),
      await http.addUnit({ kind: 'department', parentId: province }),
    ];
    await addRule(ending, 'agriculture-resources');
    const item = await http.submit('cadre.reorganization', {
      ...(await examples()).road26,
      title: 'Sắp xếp sau này',
      categoryCode: 'agriculture-resources',
      localityUnitId: commune,
    });
    expect(item.status).toBe(201);
    const tomorrow = new Date(Date.now() + 7 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    const created = await send('post', '/api/reorganizations', {
      decisionNo: 'Nghị quyết số 19/NQ-HĐND',
      decisionDate: tomorrow,
      effectiveDate: tomorrow,
      units: [{ unitId: ending, successorId: successor }],
    });
    expect(created.status).toBe(201);
    const started = await send('post', `/api/reorganizations/${created.body.id}/run`);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', total: null, done: 0 });
    // The run is asleep until tomorrow: give it the time it would take to close and move.
    await new Promise((r) => setTimeout(r, 3_000));
    const [unit] = await sql<{ valid_to: string | null }>(`SELECT valid_to::text FROM units WHERE id = $1`, [
      ending,
    ]);
    expect(unit.valid_to).toBeNull();
    const [row] = await sql<{ lead: string }>(
      `SELECT lead_unit_id AS lead FROM recommendations WHERE id = $1`,
      [item.body.id],
    );
    expect(row.lead).toBe(ending);
    expect((await send('get', `/api/reorganizations/${created.body.id}`)).body).toMatchObject({
      status: 'running',
      total: null,
    });
  });

  /** Every item of A and B moved exactly once, its lead, tasks, timeline and notifications as a transfer's. */
  async function expectMovedOnce(): Promise<void> {
    const rows = await sql<Json>(
      `SELECT r.id, r.lead_unit_id AS lead, r.coordinating_unit_ids AS coordinating, r.status,
              r.supervising_unit_id AS supervising,
              (SELECT json_agg(json_build_object('type', e.type, 'reason', e.reason, 'seq', e.seq,
                                                 'actor', e.actor_user_id) ORDER BY e.seq)
                 FROM recommendation_events e WHERE e.recommendation_id = r.id AND e.type = 'reorganized') AS events,
              (SELECT json_agg(json_build_object('unit', t.unit_id, 'role', t.role) ORDER BY t.role)
                 FROM tasks t WHERE t.recommendation_id = r.id AND t.status = 'open') AS open,
              (SELECT count(*)::int FROM tasks t WHERE t.recommendation_id = r.id AND t.status = 'open'
                  AND t.unit_id = ANY($2::uuid[])) AS "openOfEnded"
         FROM recommendations r WHERE r.id = ANY($1::uuid[])`,
      [
        [...items.a, ...items.b],
        [units.a, units.b],
      ],
    );
    expect(rows).toHaveLength(50);
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    for (const id of [...items.a, ...items.b]) {
      const row = byId.get(id)!;
      const fromA = items.a.includes(id);
      expect(row.lead).toBe(fromA ? units.succA : units.succB);
      expect(row.coordinating).toEqual(fromA ? [units.succB] : []);
      expect(row.openOfEnded).toBe(0);
      expect(row.supervising).toBe(fromA ? supervisor : province);
      expect(row.events).toHaveLength(1);
      expect(row.events[0].actor).toBeNull();
      expect(row.events[0].reason).toMatch(
        new RegExp(`^Theo ${DECISION} ngày \\d\\d/\\d\\d/\\d{4}: chuyển từ`),
      );
      expect(row.open).toEqual(
        fromA
          ? [
              { unit: units.succB, role: 'coordinating' },
              { unit: units.succA, role: 'lead' },
            ]
          : [{ unit: units.succB, role: 'lead' }],
      );
    }
    // The acknowledged items stay acknowledged, with the successor at work on them.
    const statuses = rows.filter((r) => items.a.slice(0, 5).includes(r.id)).map((r) => r.status);
    expect(statuses).toEqual(statuses.map(() => 'in-progress'));
    // The successors' staff are told once per item, as of a transfer.
    const told = await sql<{ user_id: string; n: number }>(
      `SELECT user_id, count(*)::int AS n FROM notifications n
        JOIN recommendation_events e ON e.recommendation_id = n.recommendation_id AND e.seq = n.event_seq
       WHERE n.recommendation_id = ANY($1::uuid[]) AND e.type = 'reorganized'
         AND n.kind = 'transferred-to-your-unit' GROUP BY user_id`,
      [[...items.a, ...items.b, items.closed]],
    );
    const count = Object.fromEntries(told.map((t) => [t.user_id, t.n]));
    expect(count[officer.succA]).toBe(30);
    expect(count[officer.succB]).toBe(51);
    // The closed item keeps its status and opens no task; reopened, it would go to B's successor.
    const [closed] = await sql<Json>(
      `SELECT r.status, r.lead_unit_id AS lead,
              (SELECT count(*)::int FROM tasks t WHERE t.recommendation_id = r.id AND t.status = 'open') AS open,
              (SELECT count(*)::int FROM recommendation_events e
                WHERE e.recommendation_id = r.id AND e.type = 'reorganized') AS moved
         FROM recommendations r WHERE r.id = $1`,
      [items.closed],
    );
    expect(closed).toEqual({ status: 'closed', lead: units.succB, open: 0, moved: 1 });
  }
});
