import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { useApps } from './support/apps';
import { examples, vietnamToday } from './support/examples';
import { ownCadre, ownerSql, sql, unitId } from './support/fixtures';
import { authAs, client, eventually } from './support/http';

/**
 * Cadres follow communes by dated assignment: what a cadre sees follows the assignments in force today
 * (and the cadre's own submissions, for ever), and a reassignment hands the commune's items that wait for
 * the leaving cadre to the new one, each with an event. Items run in a commune of this file's own, on a
 * category and routing rule of its own, so no other file's items are in the commune.
 */
const CATEGORY = 'assignment-test';

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Another day, YYYY-MM-DD, `days` after this one. */
function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe('cadre assignments: visibility by dated assignment, and the handover of waiting items', () => {
  let api: INestApplication;
  let http: ReturnType<typeof client>;
  /** The file's own commune, and its cadres: A follows it first, B takes it over, C is assigned for a while. */
  let commune: string;
  let a: string;
  let b: string;
  let c: string;
  const ids: Record<string, string> = {};

  const apps = useApps();

  const send = async (method: 'get' | 'post' | 'patch', path: string, body?: object, as = 'admin') =>
    request(api.getHttpServer())
      [method](path)
      .set(await authAs(api, as))
      .send(body);
  const ok = async (res: Promise<request.Response>, status = 200) => {
    const done = await res;
    if (done.status !== status) throw new Error(`${done.status} ${JSON.stringify(done.body)}`);
    return done.body;
  };
  const submit = async (username: string, title: string) =>
    (await ok(
      http.submit(username, {
        ...(await examples()).propaganda,
        categoryCode: CATEGORY,
        localityUnitId: commune,
        title,
      }),
      201,
    )) as Payload;
  const userId = async (username: string) =>
    (await ownerSql<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [username]))[0].id;

  beforeAll(async () => {
    api = apps.api;
    http = client(api);
    const [{ parentId }] = await ownerSql<{ parentId: string }>(
      `SELECT parent_id AS "parentId" FROM units WHERE code = 'hoa-loi'`,
    );
    commune = await http.addUnit({ kind: 'commune', parentId });
    const [{ code }] = await ownerSql<{ code: string }>(`SELECT code FROM units WHERE id = $1`, [commune]);
    await ownerSql(
      `INSERT INTO categories (code, name_vi, name_en) VALUES ($1, 'Thử phân công', 'Assignment test')
       ON CONFLICT DO NOTHING`,
      [CATEGORY],
    );
    await ownerSql(
      `INSERT INTO routing_rules (code, category_code, lead_unit_id, priority)
       SELECT $1, $1, $2, 100 WHERE NOT EXISTS (SELECT 1 FROM routing_rules WHERE code = $1)`,
      [CATEGORY, await unitId('propaganda-board')],
    );
    a = await ownCadre('cadre.assign-a', code);
    b = await ownCadre('cadre.assign-b');
    c = await ownCadre('cadre.assign-c');
    for (const name of [a, b, c]) ids[name] = await userId(name);
  });

  describe('the admin API', () => {
    it("lists a cadre's assignments, adds one, refuses an overlap, and ends one", async () => {
      const before = await ok(send('get', `/api/users/${ids[c]}/assignments`));
      expect(before).toHaveLength(1);
      const added = await ok(
        send('post', `/api/users/${ids[c]}/assignments`, {
          unitId: commune,
          decisionNo: '  12/QĐ-UBND ',
          validFrom: '2020-01-01',
        }),
        201,
      );
      expect(added).toMatchObject({
        userId: ids[c],
        unitId: commune,
        decisionNo: '12/QĐ-UBND',
        validFrom: '2020-01-01',
        validTo: null,
      });
      const overlap = await send('post', `/api/users/${ids[c]}/assignments`, {
        unitId: commune,
        decisionNo: '13/QĐ-UBND',
        validFrom: '2019-06-01',
        validTo: '2020-01-01',
      });
      expect(overlap.status).toBe(409);
      expect(overlap.body).toMatchObject({ code: 'assignment.overlap' });
      // Back to back is no overlap: the earlier one ends the day before.
      const earlier = await ok(
        send('post', `/api/users/${ids[c]}/assignments`, {
          unitId: commune,
          decisionNo: '11/QĐ-UBND',
          validFrom: '2019-06-01',
          validTo: '2019-12-31',
        }),
        201,
      );
      const list = await ok(send('get', `/api/users/${ids[c]}/assignments`));
      expect(list.map((x: Payload) => x.id)).toEqual(expect.arrayContaining([added.id, earlier.id]));
      expect(list).toHaveLength(3);

      const reopened = await send('patch', `/api/assignments/${earlier.id}`, { validTo: null });
      expect(reopened.status).toBe(409);
      expect(reopened.body).toMatchObject({ code: 'assignment.overlap' });
      const audit = await ok(send('get', `/api/admin/audit?entity=cadre_assignment&key=${added.id}`));
      expect(JSON.stringify(audit)).toContain('12/QĐ-UBND');
      // The assignment stays for the visibility test, which ends it.
      ids.cAssignment = added.id;
    });

    it('refuses bad requests with a stable code, naming the field', async () => {
      const officer = await userId('officer.propaganda');
      const body = { unitId: commune, decisionNo: '1/QĐ', validFrom: '2020-01-01' };
      const cases: [string, object, number, string, string?][] = [
        [`/api/users/${officer}/assignments`, body, 422, 'assignment.not-a-cadre', 'userId'],
        [`/api/users/00000000-0000-4000-8000-000000000000/assignments`, body, 404, 'user.not-found'],
        [
          `/api/users/${ids[c]}/assignments`,
          { ...body, unitId: '00000000-0000-4000-8000-000000000000' },
          422,
          'reference.unknown-unit',
          'unitId',
        ],
        [
          `/api/users/${ids[c]}/assignments`,
          { ...body, unitId: await unitId('propaganda-board') },
          422,
          'reference.followed-unit-kind',
          'unitId',
        ],
        [
          `/api/users/${ids[c]}/assignments`,
          { ...body, validTo: '2019-12-31' },
          422,
          'range.end-before-start',
          'validTo',
        ],
        [
          `/api/users/${ids[c]}/assignments`,
          { ...body, decisionNo: ' ' },
          400,
          'validation.failed',
          'decisionNo',
        ],
        [
          '/api/assignments/reassign',
          {
            unitId: commune,
            fromUserId: ids[a],
            toUserId: ids[b],
            decisionNo: '2/QĐ',
            validFrom: addDays(vietnamToday(), 1),
          },
          422,
          'assignment.handover-in-future',
          'validFrom',
        ],
        [
          '/api/assignments/reassign',
          {
            unitId: commune,
            fromUserId: ids[b],
            toUserId: ids[a],
            decisionNo: '2/QĐ',
            validFrom: vietnamToday(),
          },
          422,
          'assignment.not-assigned',
          'fromUserId',
        ],
        [
          '/api/assignments/reassign',
          {
            unitId: commune,
            fromUserId: ids[a],
            toUserId: officer,
            decisionNo: '2/QĐ',
            validFrom: vietnamToday(),
          },
          422,
          'assignment.not-a-cadre',
          'toUserId',
        ],
      ];
      for (const [path, sent, status, code, field] of cases) {
        const res = await send('post', path, sent);
        expect([path, res.status, res.body.code]).toEqual([path, status, code]);
        if (field)
          expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      }
      const missing = await send('patch', '/api/assignments/00000000-0000-4000-8000-000000000000', {
        validTo: '2020-01-01',
      });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('assignment.not-found');
      // A cadre may not manage assignments.
      expect((await send('get', `/api/users/${ids[c]}/assignments`, undefined, c)).status).toBe(403);
    });
  });

  it("visibility follows the assignments in force; the cadre's own submissions stay visible", async () => {
    const ofA = await submit(a, 'Phân công: của cán bộ A');
    const ofC = await submit(c, 'Phân công: của cán bộ C');
    // C is assigned the commune (since 2020, by the first test): C sees A's item.
    expect((await http.get(c, ofA.id)).status).toBe(200);
    const listed = await ok(send('get', `/api/recommendations?communeId=${commune}&limit=100`, undefined, c));
    expect(listed.items.map((x: Payload) => x.id)).toEqual(expect.arrayContaining([ofA.id, ofC.id]));
    // The assignment ends yesterday: the commune's items are gone, C's own submission stays.
    await ok(send('patch', `/api/assignments/${ids.cAssignment}`, { validTo: addDays(vietnamToday(), -1) }));
    expect((await http.get(c, ofA.id)).status).toBe(404);
    expect((await http.get(c, ofC.id)).status).toBe(200);
    const after = await ok(send('get', `/api/recommendations?communeId=${commune}&limit=100`, undefined, c));
    expect(after.items.map((x: Payload) => x.id)).toEqual([ofC.id]);
    const me = await ok(send('get', '/api/auth/me', undefined, c));
    expect(me.followedUnitIds ?? []).not.toContain(commune);
  });

  it('a reassignment hands the items waiting for the leaving cadre to the new one, each with an event', async () => {
    const officer = 'officer.propaganda';
    // Waiting for information, for feedback, for verification, and one still with the unit.
    const info = await submit(a, 'Phân công: chờ bổ sung');
    await ok(http.act(officer, info.id, 'acknowledge'));
    await ok(http.act(officer, info.id, 'request-info', { question: 'Ấp nào?' }));
    const feedback = await submit(a, 'Phân công: chờ phản hồi');
    await ok(http.act(officer, feedback.id, 'acknowledge'));
    await ok(http.act(officer, feedback.id, 'resolve', { response: 'Đã xử lý.', outcome: 'implemented' }));
    const verify = await submit(a, 'Phân công: chờ kiểm tra');
    await ok(http.act(officer, verify.id, 'acknowledge'));
    await ok(
      http.act(officer, verify.id, 'resolve', {
        response: 'Đưa vào kế hoạch.',
        outcome: 'planned',
        planDate: vietnamToday(),
        budgetYear: Number(vietnamToday().slice(0, 4)),
      }),
    );
    await ok(http.act(a, verify.id, 'feedback', { verdict: 'accept' }));
    await eventually(
      () => ok(http.get(a, verify.id)),
      (r) => r.status === 'awaiting-verification',
    );
    const working = await submit(a, 'Phân công: đơn vị đang xử lý');
    await ok(http.act(officer, working.id, 'acknowledge'));
    const waiting = [info.id, feedback.id, verify.id].sort();
    expect((await http.get(b, info.id)).status).toBe(404);

    const body = {
      unitId: commune,
      fromUserId: ids[a],
      toUserId: ids[b],
      decisionNo: '15/QĐ-UBND',
      validFrom: vietnamToday(),
    };
    const moved = await ok(send('post', '/api/assignments/reassign', body), 201);
    expect([...moved.handedOver].sort()).toEqual(waiting);
    expect(moved.unchanged).toEqual([]);
    expect(moved.ended).toMatchObject({ userId: ids[a], validTo: addDays(vietnamToday(), -1) });
    expect(moved.started).toMatchObject({ userId: ids[b], validFrom: vietnamToday(), validTo: null });

    for (const [id, step, action, input] of [
      [info.id, 'provide-info', 'provide-info', { answer: 'Ấp 2.' }],
      [feedback.id, 'feedback', 'feedback', { verdict: 'accept' }],
      [verify.id, 'verify', 'verify', { verdict: 'done' }],
    ] as const) {
      const events = await http.timeline(id);
      const handed = events.filter((e) => e.type === 'handed-over');
      expect(handed).toHaveLength(1);
      expect(handed[0]).toMatchObject({
        actorUsername: 'admin',
        statusBefore: handed[0].statusAfter,
        payload: { decisionNo: '15/QĐ-UBND', fromUserId: ids[a], toUserId: ids[b] },
      });
      expect(handed[0].reason).toContain('15/QĐ-UBND');
      // The new cadre sees it waiting and may act; the leaving cadre, its submitter, no longer may.
      const forB = await ok(http.get(b, id));
      expect(forB).toMatchObject({ cadreInCharge: ids[b], waitingForYou: { step } });
      expect(forB.allowedActions).toContain(action);
      const forA = await ok(http.get(a, id));
      expect(forA.waitingForYou).toBeNull();
      const refused = await http.act(a, id, action, input);
      expect([refused.status, refused.body.code]).toEqual([403, 'lifecycle.only-submitter']);
      await ok(http.act(b, id, action, input));
    }
    // The item still with the unit stays with its submitter.
    expect((await ok(http.get(a, working.id))).cadreInCharge).toBe(ids[a]);
    expect((await http.get(b, working.id)).status).toBe(200);

    // Both cadres are told, once per item.
    const told = await sql<{ username: string; n: number }>(
      `SELECT u.username, count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.kind = 'handed-over' AND n.recommendation_id = ANY($1::uuid[]) GROUP BY u.username ORDER BY 1`,
      [waiting],
    );
    expect(told).toEqual([
      { username: a, n: 3 },
      { username: b, n: 3 },
    ]);
    // B's own list holds the items handed over.
    const mine = await ok(send('get', '/api/recommendations?mine=true&limit=100', undefined, b));
    expect(mine.items.map((x: Payload) => x.id)).toEqual(expect.arrayContaining(waiting));

    // The same reassignment sent again writes nothing more.
    const again = await ok(send('post', '/api/assignments/reassign', body), 201);
    expect(again).toMatchObject({ ended: null, handedOver: [], started: { id: moved.started.id } });
    const [{ events }] = await sql<{ events: number }>(
      `SELECT count(*)::int AS events FROM recommendation_events
        WHERE type = 'handed-over' AND recommendation_id = ANY($1::uuid[])`,
      [waiting],
    );
    expect(events).toBe(3);
  });
});
