import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { useApps } from './support/apps';
import { examples } from './support/examples';
import { ownCadre, ownerSql, unitId } from './support/fixtures';
import { authAs, client } from './support/http';

/**
 * Similar items at submission: while a cadre writes a title, the API offers up to five items alike,
 * open or closed recently, in the same commune or category, and only items the cadre may see. Items run
 * in two communes and a category of this file's own, so no other file's items are among them.
 */
const CATEGORY = 'similar-test';

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('similar items while a cadre writes a title', () => {
  let api: INestApplication;
  let http: ReturnType<typeof client>;
  /** A follows `here`, B follows `there`: both communes are the file's own. */
  let here: string;
  let there: string;
  const a = 'cadre.similar-a';
  const b = 'cadre.similar-b';
  const lead = 'officer.propaganda';
  const stamp = randomUUID().slice(0, 6);
  const ids: Record<string, string> = {};

  const apps = useApps();

  const similar = async (username: string, query: Record<string, string>) => {
    const res = await request(api.getHttpServer())
      .get('/api/recommendations/similar')
      .query(query)
      .set(await authAs(api, username));
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return (res.body.items as Payload[]).map((x) => x.id as string);
  };
  const submit = async (username: string, key: string, title: string, localityUnitId: string) => {
    const res = await http.submit(username, {
      ...(await examples()).propaganda,
      categoryCode: CATEGORY,
      localityUnitId,
      title,
    });
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    ids[key] = res.body.id;
  };

  beforeAll(async () => {
    api = apps.api;
    http = client(api);
    const [{ parentId }] = await ownerSql<{ parentId: string }>(
      `SELECT parent_id AS "parentId" FROM units WHERE code = 'hoa-loi'`,
    );
    here = await http.addUnit({ kind: 'commune', parentId });
    there = await http.addUnit({ kind: 'commune', parentId });
    const codeOf = async (id: string) =>
      (await ownerSql<{ code: string }>(`SELECT code FROM units WHERE id = $1`, [id]))[0].code;
    await ownerSql(
      `INSERT INTO categories (code, name_vi, name_en) VALUES ($1, 'Thử kiến nghị tương tự', 'Similar test')
       ON CONFLICT DO NOTHING`,
      [CATEGORY],
    );
    await ownerSql(
      `INSERT INTO routing_rules (code, category_code, lead_unit_id, priority)
       SELECT $1, $1, $2, 100 WHERE NOT EXISTS (SELECT 1 FROM routing_rules WHERE code = $1)`,
      [CATEGORY, await unitId('propaganda-board')],
    );
    await ownCadre(a, await codeOf(here));
    await ownCadre(b, await codeOf(there));
    // Seven alike in A's commune, one unlike, and one alike in B's commune that A may not see.
    for (let n = 1; n <= 7; n++) await submit(a, `alike${n}`, `Nạo vét kênh thủy lợi ${stamp} ấp ${n}`, here);
    await submit(a, 'unlike', `Tập huấn tuyên truyền viên ${stamp}`, here);
    await submit(b, 'hidden', `Nạo vét kênh thủy lợi ${stamp} ấp Bến`, there);
  });

  it('offers at most five alike items in the commune, not unlike ones, most alike first', async () => {
    const found = await similar(a, { title: `nao vet kenh thuy loi ${stamp}`, localityUnitId: here });
    expect(found).toHaveLength(5);
    const alike = Object.entries(ids)
      .filter(([key]) => key.startsWith('alike'))
      .map(([, id]) => id);
    for (const id of found) expect(alike).toContain(id);
    expect(found).not.toContain(ids.unlike);
    // The most alike is the one whose title it is, diacritics aside.
    const exact = await similar(a, { title: `Nạo vét kênh thủy lợi ${stamp} ấp 3`, localityUnitId: here });
    expect(exact[0]).toBe(ids.alike3);
  });

  it('offers the items of a commune merged into the one written for', async () => {
    const [{ parentId }] = await ownerSql<{ parentId: string }>(
      `SELECT parent_id AS "parentId" FROM units WHERE id = $1`,
      [here],
    );
    const merged = await http.addUnit({ kind: 'commune', parentId });
    await ownerSql(`INSERT INTO unit_successors (unit_id, successor_id, decided_by) VALUES ($1, $2, 'thử')`, [
      here,
      merged,
    ]);
    const found = await similar(a, { title: `Nạo vét kênh thủy lợi ${stamp} ấp 3`, localityUnitId: merged });
    expect(found[0]).toBe(ids.alike3);
  });

  it('never offers an item the cadre may not see, though it is in the category asked', async () => {
    const mine = await similar(a, { title: `Nạo vét kênh thủy lợi ${stamp} ấp Bến`, categoryCode: CATEGORY });
    expect(mine).not.toContain(ids.hidden);
    expect(mine.length).toBeGreaterThan(0);
    const theirs = await similar(b, {
      title: `Nạo vét kênh thủy lợi ${stamp} ấp Bến`,
      categoryCode: CATEGORY,
    });
    expect(theirs).toEqual([ids.hidden]);
  });

  it('finds nothing for a short title, and refuses a malformed place', async () => {
    expect(await similar(a, { title: 'Nạo', localityUnitId: here })).toEqual([]);
    expect(await similar(a, { title: '  n  v  ', localityUnitId: here })).toEqual([]);
    const bad = await request(api.getHttpServer())
      .get('/api/recommendations/similar')
      .query({ title: `Nạo vét ${stamp}`, localityUnitId: 'hoa-loi' })
      .set(await authAs(api, a));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: Payload) => e.field)).toContain('localityUnitId');
    const officer = await request(api.getHttpServer())
      .get('/api/recommendations/similar')
      .query({ title: `Nạo vét ${stamp}` })
      .set(await authAs(api, lead));
    expect(officer.status).toBe(403);
  });

  it('offers a closed item while it is recent, and no longer once it closed long ago', async () => {
    const id = ids.hidden;
    expect((await http.act(lead, id, 'acknowledge')).status).toBe(200);
    expect(
      (await http.act(lead, id, 'resolve', { response: 'Đã nạo vét.', outcome: 'implemented' })).status,
    ).toBe(200);
    expect((await http.act(b, id, 'feedback', { verdict: 'accept' })).status).toBe(200);
    const [row] = await ownerSql<{ status: string }>(`SELECT status FROM recommendations WHERE id = $1`, [
      id,
    ]);
    expect(row.status).toBe('closed');
    const title = `Nạo vét kênh thủy lợi ${stamp} ấp Bến`;
    expect(await similar(b, { title, localityUnitId: there })).toEqual([id]);
    // Closed long before the recent window: the same item is not offered any more.
    await ownerSql(`UPDATE recommendations SET closed_at = closed_at - interval '200 days' WHERE id = $1`, [
      id,
    ]);
    expect(await similar(b, { title, localityUnitId: there })).toEqual([]);
  });
});
