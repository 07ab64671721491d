import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { useApps } from './support/apps';
import { examples } from './support/examples';
import { ownCadre, ownerSql, sql, unitId } from './support/fixtures';
import { authAs, client, eventually, refusedWithoutWrites } from './support/http';

/**
 * Merging duplicates: the lead unit marks an item as a duplicate of another, with a reason. The duplicate
 * closes for good, both timelines say so, its cadre is told and from then on sees the original and hears
 * of it as its own cadre does; the dashboard does not count the duplicate as resolved. The items run on a
 * category, routing rule, lead unit and communes of this file's own, so no other file's items mix in.
 */
const CATEGORY = 'duplicates-test';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('merging duplicates', () => {
  let api: INestApplication;
  let http: ReturnType<typeof client>;
  let lead: string;
  const ids = { original: '', duplicate: '', other: '', ruled: '' };

  const apps = useApps();

  const send = async (method: 'get' | 'post', path: string, as: string, body?: object) =>
    request(api.getHttpServer())
      [method](path)
      .set(await authAs(api, as))
      .send(body);
  const ok = async (res: Promise<request.Response>, status = 200) => {
    const done = await res;
    if (done.status !== status) throw new Error(`${done.status} ${JSON.stringify(done.body)}`);
    return done.body as Json;
  };
  const submit = async (username: string, commune: string, title: string) =>
    (
      await ok(
        http.submit(username, {
          ...(await examples()).road26,
          categoryCode: CATEGORY,
          localityUnitId: commune,
          title,
        }),
        201,
      )
    ).id as string;
  const markDuplicate = (as: string, id: string, body: object) => http.act(as, id, 'mark-duplicate', body);
  const userId = async (username: string) =>
    (await sql<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [username]))[0].id;
  const notified = async (username: string, id: string) =>
    (
      await sql<{ kind: string }>(
        `SELECT kind FROM notifications WHERE user_id = $1 AND recommendation_id = $2 ORDER BY id`,
        [await userId(username), id],
      )
    ).map((n) => n.kind);
  const dashboard = async () =>
    (await ok(send('get', `/api/dashboard?unitId=${lead}`, 'viewer.leadership'))).totals as Json;

  /** A user of a unit of this file, signing in with the demo password. */
  const staff = async (username: string, role: string, unit: string) => {
    await sql(
      `INSERT INTO users (username, display_name, role, unit_id, password_hash)
       SELECT $1, $1, $2, $3, password_hash FROM users WHERE username = 'cadre.hoaloi'
       ON CONFLICT DO NOTHING`,
      [username, role, unit],
    );
    return username;
  };

  beforeAll(async () => {
    api = apps.api;
    http = client(api);
    const province = await unitId('ben-tre');
    const [{ parentId }] = await ownerSql<{ parentId: string }>(
      `SELECT parent_id AS "parentId" FROM units WHERE code = 'hoa-loi'`,
    );
    const communeA = await http.addUnit({ kind: 'commune', parentId });
    const communeB = await http.addUnit({ kind: 'commune', parentId });
    lead = await http.addUnit({ kind: 'department', parentId: province });
    const coordinating = await http.addUnit({ kind: 'department', parentId: province });
    const code = async (id: string) =>
      (await ownerSql<{ code: string }>(`SELECT code FROM units WHERE id = $1`, [id]))[0].code;
    await ownCadre('cadre.dup-a', await code(communeA));
    await ownCadre('cadre.dup-b', await code(communeB));
    await staff('officer.dup-lead', 'unit-officer', lead);
    await staff('officer.dup-coord', 'unit-officer', coordinating);
    await ownerSql(
      `INSERT INTO categories (code, name_vi, name_en) VALUES ($1, 'Thử trùng lặp', 'Duplicates test')
       ON CONFLICT DO NOTHING`,
      [CATEGORY],
    );
    await ownerSql(
      `INSERT INTO routing_rules (code, category_code, lead_unit_id, coordinating_unit_ids, priority)
       SELECT $1, $1, $2, ARRAY[$3::uuid], 100 WHERE NOT EXISTS (SELECT 1 FROM routing_rules WHERE code = $1)`,
      [CATEGORY, lead, coordinating],
    );
    ids.original = await submit('cadre.dup-a', communeA, 'Nâng cấp đường 26 xã mới A');
    ids.duplicate = await submit('cadre.dup-b', communeB, 'Mở rộng đường 26 (trùng)');
    ids.other = await submit('cadre.dup-b', communeB, 'Một kiến nghị khác');
    // Closed for good by the Standing Committee after two disputes: no original any more.
    ids.ruled = await submit('cadre.dup-b', communeB, 'Kiến nghị đã có kết luận');
    const answer = { response: 'Chưa bố trí được vốn', outcome: 'not-accepted', reason: 'Hết vốn' };
    await ok(http.act('officer.dup-lead', ids.ruled, 'acknowledge', {}));
    for (let round = 0; round < 2; round++) {
      await ok(http.act('officer.dup-lead', ids.ruled, 'resolve', answer));
      await ok(http.act('cadre.dup-b', ids.ruled, 'feedback', { verdict: 'dispute', reason: 'Cần làm' }));
    }
    await ok(http.act('member.standing', ids.ruled, 'directive', { kind: 'close', reason: 'Kết luận' }));
  });

  it("the duplicate's cadre does not see the original before the merge", async () => {
    expect((await http.get('cadre.dup-b', ids.original)).status).toBe(404);
  });

  it('refuses another unit (403), the item itself (422) and an unknown original (404), writing nothing', async () => {
    const scope = { recommendationId: ids.duplicate };
    const coord = await refusedWithoutWrites(scope, () =>
      markDuplicate('officer.dup-coord', ids.duplicate, { originalId: ids.original, reason: 'trùng' }),
    );
    expect([coord.status, coord.body.code]).toEqual([403, 'lifecycle.only-lead-unit']);
    const itself = await refusedWithoutWrites(scope, () =>
      markDuplicate('officer.dup-lead', ids.duplicate, { originalId: ids.duplicate, reason: 'trùng' }),
    );
    expect([itself.status, itself.body.code, itself.body.errors[0].field]).toEqual([
      422,
      'duplicate.original-is-itself',
      'originalId',
    ]);
    const unknown = await refusedWithoutWrites(scope, () =>
      markDuplicate('officer.dup-lead', ids.duplicate, { originalId: randomUUID(), reason: 'trùng' }),
    );
    expect([unknown.status, unknown.body.code, unknown.body.errors[0].field]).toEqual([
      404,
      'duplicate.original-not-found',
      'originalId',
    ]);
    const blank = await refusedWithoutWrites(scope, () =>
      markDuplicate('officer.dup-lead', ids.duplicate, { originalId: ids.original, reason: ' ' }),
    );
    expect(blank.status).toBe(400);
  });

  it('merges: the duplicate closes for good, both timelines say it, its cadre is told', async () => {
    const merged = await ok(
      markDuplicate('officer.dup-lead', ids.duplicate, {
        originalId: ids.original,
        reason: 'Cùng tuyến đường 26',
      }),
    );
    expect(merged).toMatchObject({ status: 'closed', duplicateOfId: ids.original, reopenUntil: null });
    // Every task ended: the lead's done, the pending opinion cancelled.
    expect(merged.tasks.filter((t: Json) => t.status === 'open')).toEqual([]);
    expect(merged.tasks.find((t: Json) => t.role === 'lead').status).toBe('done');
    expect(merged.tasks.find((t: Json) => t.role === 'coordinating').status).toBe('cancelled');

    const own = (await http.timeline(ids.duplicate)).at(-1)!;
    const [original] = await sql<{ reference: string }>(
      `SELECT reference FROM recommendations WHERE id = $1`,
      [ids.original],
    );
    expect(own).toMatchObject({
      type: 'marked-duplicate',
      reason: 'Cùng tuyến đường 26',
      statusAfter: 'closed',
      payload: { original: { id: ids.original, reference: original.reference } },
    });
    const noted = await eventually(
      () => http.timeline(ids.original),
      (events) => events.some((e) => e.type === 'duplicate-merged'),
    );
    expect(noted.find((e) => e.type === 'duplicate-merged')).toMatchObject({
      reason: 'Cùng tuyến đường 26',
      actorUsername: 'officer.dup-lead',
      statusAfter: 'routed',
      payload: { duplicate: { id: ids.duplicate } },
    });
    expect(await notified('cadre.dup-b', ids.duplicate)).toContain('marked-duplicate');

    const around = await ok(
      send('get', `/api/recommendations/${ids.original}/duplicates`, 'officer.dup-lead'),
    );
    expect(around).toMatchObject({ duplicateOf: null, duplicates: [{ id: ids.duplicate }] });
    const back = await ok(send('get', `/api/recommendations/${ids.duplicate}/duplicates`, 'cadre.dup-b'));
    expect(back.duplicateOf).toMatchObject({ id: ids.original, reference: original.reference });
  });

  it("the duplicate's cadre follows the original: sees it, lists it as followed, hears of it", async () => {
    expect((await http.get('cadre.dup-b', ids.original)).status).toBe(200);
    const mine = await ok(send('get', '/api/recommendations?mine=true&limit=50', 'cadre.dup-b'));
    const rows = mine.items as Json[];
    expect(rows.find((r) => r.id === ids.original)).toMatchObject({ followed: true });
    expect(rows.find((r) => r.id === ids.duplicate)).toMatchObject({ followed: false });
    // The original's own cadre still hears, and now the follower too.
    await ok(http.act('officer.dup-lead', ids.original, 'acknowledge', {}));
    await ok(
      http.act('officer.dup-lead', ids.original, 'resolve', {
        response: 'Đã đưa vào kế hoạch và thi công xong',
        outcome: 'implemented',
      }),
    );
    expect(await notified('cadre.dup-a', ids.original)).toContain('resolved');
    expect(await notified('cadre.dup-b', ids.original)).toContain('resolved');
  });

  it('refuses to reopen the duplicate, to merge into it (409 naming the original) or into an item closed for good', async () => {
    const reopen = await refusedWithoutWrites({ recommendationId: ids.duplicate }, () =>
      http.act('cadre.dup-b', ids.duplicate, 'reopen', { reason: 'chưa xong' }),
    );
    expect([reopen.status, reopen.body.code]).toEqual([409, 'lifecycle.closed-as-duplicate']);
    const [original] = await sql<{ reference: string }>(
      `SELECT reference FROM recommendations WHERE id = $1`,
      [ids.original],
    );
    const chained = await refusedWithoutWrites({ recommendationId: ids.other }, () =>
      markDuplicate('officer.dup-lead', ids.other, { originalId: ids.duplicate, reason: 'trùng' }),
    );
    expect([chained.status, chained.body.code, chained.body.errors[0].field]).toEqual([
      409,
      'duplicate.original-is-duplicate',
      'originalId',
    ]);
    expect(chained.body.params).toEqual({ reference: original.reference, originalId: ids.original });
    const ruled = await refusedWithoutWrites({ recommendationId: ids.other }, () =>
      markDuplicate('officer.dup-lead', ids.other, { originalId: ids.ruled, reason: 'trùng' }),
    );
    expect([ruled.status, ruled.body.code, ruled.body.errors[0].field]).toEqual([
      409,
      'duplicate.original-closed',
      'originalId',
    ]);
    const again = await markDuplicate('officer.dup-lead', ids.duplicate, {
      originalId: ids.other,
      reason: 'trùng',
    });
    expect(again.status).toBe(409);
  });

  it('the dashboard counts the answered items, not the merged duplicate, as resolved', async () => {
    // Resolved: the original and the item the committee closed; closed: that one and the duplicate.
    const totals = await eventually(dashboard, (t) => t.resolved === 2);
    expect(totals).toMatchObject({ total: 4, resolved: 2 });
    expect(totals.byStatus).toMatchObject({ closed: 2, resolved: 1, routed: 1 });
    const [row] = await sql<{ resolvedAt: Date | null }>(
      `SELECT resolved_at AS "resolvedAt" FROM recommendations WHERE id = $1`,
      [ids.duplicate],
    );
    expect(row.resolvedAt).toBeNull();
  });
});
