import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { useApps } from './support/apps';
import { examples } from './support/examples';
import { foldStats, ownCadre, ownerSql, sql, unitId } from './support/fixtures';
import { authAs, client, leadershipDashboard, refusedWithoutWrites } from './support/http';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Units are dated: a unit that has ended (or not begun) cannot be named for new work, and the refusal
 * names its successor; a commune moved to another district counts under each district for the items of
 * its own days, in the dashboard and in the quarterly report.
 */
describe('dated units', () => {
  const apps = useApps();
  let api: INestApplication;
  let http: ReturnType<typeof client>;
  let province: string;
  let district: string;
  /** A department that ended on 2020-12-31, and the one that took over. */
  let endedDept: string;
  let successorDept: string;
  /** A commune that ended, its successor, and one that begins in 2999. */
  let endedCommune: string;
  let successorCommune: string;
  let futureCommune: string;

  const send = async (method: 'post' | 'patch', path: string, body: object, username = 'admin') =>
    request(api.getHttpServer())
      [method](path)
      .set(await authAs(api, username))
      .send(body);
  const addUnit = async (fields: Record<string, unknown>): Promise<string> => {
    const code = `${String(fields.kind)}-${randomUUID().slice(0, 8)}`;
    const res = await send('post', '/api/units', {
      code,
      nameVi: `Đơn vị ${code}`,
      nameEn: `Unit ${code}`,
      validFrom: '2015-01-01',
      ...fields,
    });
    if (res.status !== 201) throw new Error(`cannot add unit ${code}: ${res.status} ${res.text}`);
    return res.body.id as string;
  };
  /** A 422 naming `field`, the ended unit's code and its successor. */
  const endedRefusal = (field: string, successorId: string) => ({
    code: 'reference.unit-ended',
    errors: [
      expect.objectContaining({
        field,
        code: 'reference.unit-ended',
        params: expect.objectContaining({ validTo: '2020-12-31', successorIds: successorId }),
      }),
    ],
  });

  beforeAll(async () => {
    api = apps.api;
    http = client(api);
    province = await unitId('ben-tre');
    await ownCadre('cadre.dated-units');
    district = await addUnit({ kind: 'district', parentId: province });
    successorDept = await addUnit({ kind: 'department', parentId: province });
    endedDept = await addUnit({
      kind: 'department',
      parentId: province,
      validTo: '2020-12-31',
      successorIds: [successorDept],
      successorDecision: 'Nghị quyết số 1/2020',
    });
    successorCommune = await addUnit({ kind: 'commune', parentId: district });
    endedCommune = await addUnit({
      kind: 'commune',
      parentId: district,
      validTo: '2020-12-31',
      successorIds: [successorCommune],
    });
    futureCommune = await addUnit({ kind: 'commune', parentId: district, validFrom: '2999-01-01' });
  });

  describe('naming a unit for new work', () => {
    it('refuses a submission from an ended locality, or suggesting an ended unit, and takes the successor', async () => {
      const body = (await examples()).road26;
      const ended = await refusedWithoutWrites({ username: 'cadre.dated-units' }, () =>
        http.submit('cadre.dated-units', { ...body, localityUnitId: endedCommune }),
      );
      expect(ended.status).toBe(422);
      expect(ended.body).toMatchObject(endedRefusal('localityUnitId', successorCommune));
      const suggested = await http.submit('cadre.dated-units', { ...body, suggestedUnitId: endedDept });
      expect(suggested.status).toBe(422);
      expect(suggested.body).toMatchObject(endedRefusal('suggestedUnitId', successorDept));
      const future = await http.submit('cadre.dated-units', { ...body, localityUnitId: futureCommune });
      expect(future.status).toBe(422);
      expect(future.body.errors[0]).toMatchObject({
        field: 'localityUnitId',
        code: 'reference.unit-not-begun',
        params: { validFrom: '2999-01-01' },
      });
      const taken = await http.submit('cadre.dated-units', {
        ...body,
        localityUnitId: successorCommune,
        suggestedUnitId: successorDept,
      });
      expect(taken.status).toBe(201);
    });

    it('refuses a submission naming an unknown category, locality or suggested unit, field by field', async () => {
      const body = (await examples()).road26;
      const nobody = '2f0f6a0e-3b7f-4c51-9d1e-5a1b2c3d4e5f';
      const refusals = [
        [{ categoryCode: 'no-such-category' }, 'categoryCode', 'reference.unknown-category'],
        [{ localityUnitId: nobody }, 'localityUnitId', 'reference.unknown-unit'],
        [{ suggestedUnitId: nobody }, 'suggestedUnitId', 'reference.unknown-unit'],
        // The category is checked first: a body wrong twice names the category.
        [
          { categoryCode: 'no-such-category', localityUnitId: nobody },
          'categoryCode',
          'reference.unknown-category',
        ],
        [{ localityUnitId: province }, 'localityUnitId', 'reference.locality-kind'],
      ] as const;
      for (const [change, field, code] of refusals) {
        const res = await refusedWithoutWrites({ username: 'cadre.dated-units' }, () =>
          http.submit('cadre.dated-units', { ...body, localityUnitId: successorCommune, ...change }),
        );
        expect(res.status).toBe(422);
        expect(res.body).toMatchObject({ code });
        expect(res.body.errors).toEqual([expect.objectContaining({ field, code })]);
      }
    });

    it('answers a retried submission with its item after its commune has ended', async () => {
      const commune = await addUnit({ kind: 'commune', parentId: district });
      const body = { ...(await examples()).road26, localityUnitId: commune };
      const first = await http.submit('cadre.dated-units', body, 'before-the-merger');
      expect(first.status).toBe(201);
      const ended = await send('patch', `/api/units/${commune}`, {
        validTo: '2020-12-31',
        successorIds: [successorCommune],
      });
      expect(ended.status).toBe(200);
      const retried = await http.submit('cadre.dated-units', body, 'before-the-merger');
      expect(retried.status).toBeLessThan(300);
      expect(retried.body.id).toBe(first.body.id);
      // A new submission under the ended commune is still refused.
      const fresh = await http.submit('cadre.dated-units', body, 'after-the-merger');
      expect(fresh.status).toBe(422);
      expect(fresh.body.errors[0]).toMatchObject({ field: 'localityUnitId', code: 'reference.unit-ended' });
    });

    it('refuses routing, transferring and directing to an ended unit, and takes current ones', async () => {
      const item = await http.submit('cadre.phule', {
        ...(await examples()).quarterlyMeetings,
        title: 'Nhà văn hóa ấp',
        categoryCode: 'social',
      });
      expect(item.status).toBe(201);
      const id = item.body.id as string;
      const route = (body: object) => http.act('officer.partyoffice', id, 'route', body);
      const lead = await refusedWithoutWrites({ recommendationId: id }, () =>
        route({ leadUnitId: endedDept }),
      );
      expect(lead.status).toBe(422);
      expect(lead.body).toMatchObject(endedRefusal('leadUnitId', successorDept));
      const coordinating = await route({
        leadUnitId: await unitId('dpi'),
        coordinatingUnitIds: [successorDept, endedDept],
      });
      expect(coordinating.status).toBe(422);
      expect(coordinating.body).toMatchObject(endedRefusal('coordinatingUnitIds.1', successorDept));
      const routed = await route({ leadUnitId: await unitId('dpi'), coordinatingUnitIds: [successorDept] });
      expect(routed.status).toBe(200);

      const transfer = (toUnitId: string) =>
        http.act('officer.dpi', id, 'transfer', { toUnitId, reason: 'Thuộc thẩm quyền đơn vị khác.' });
      const refused = await transfer(endedDept);
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject(endedRefusal('toUnitId', successorDept));
      // Standing committee members see every item; the unit is checked before the lifecycle's rules.
      const directive = await http.act('member.standing', id, 'directive', {
        kind: 'new-lead-unit',
        leadUnitId: endedDept,
        reason: 'Giao đơn vị khác.',
      });
      expect(directive.status).toBe(422);
      expect(directive.body).toMatchObject(endedRefusal('leadUnitId', successorDept));
      // A current unit passes the check, and meets the lifecycle's own rules instead.
      const current = await http.act('member.standing', id, 'directive', {
        kind: 'new-lead-unit',
        leadUnitId: successorDept,
        reason: 'Giao đơn vị khác.',
      });
      expect(current.status).toBe(409);
      expect(current.body.code).toBe('lifecycle.not-allowed-in-state');
      const transferred = await transfer(await unitId('dot'));
      expect(transferred.status).toBe(200);
    });

    it('refuses an ended unit in a routing rule, and keeps a rule that already named it editable', async () => {
      const rule = { code: `rule-${randomUUID().slice(0, 8)}`, categoryCode: 'social', priority: -50 };
      const lead = await send('post', '/api/routing-rules', { ...rule, leadUnitId: endedDept });
      expect(lead.status).toBe(422);
      expect(lead.body).toMatchObject(endedRefusal('leadUnitId', successorDept));
      const coordinating = await send('post', '/api/routing-rules', {
        ...rule,
        leadUnitId: successorDept,
        coordinatingUnitIds: [endedDept],
      });
      expect(coordinating.status).toBe(422);
      expect(coordinating.body).toMatchObject(endedRefusal('coordinatingUnitIds.0', successorDept));
      const created = await send('post', '/api/routing-rules', { ...rule, leadUnitId: successorDept });
      expect(created.status).toBe(201);
      const relead = await send('patch', `/api/routing-rules/${created.body.id}`, { leadUnitId: endedDept });
      expect(relead.status).toBe(422);
      expect(relead.body).toMatchObject(endedRefusal('leadUnitId', successorDept));
      // A rule whose unit ended since is still switched off without naming it anew.
      await sql(`UPDATE routing_rules SET coordinating_unit_ids = $2 WHERE id = $1`, [
        created.body.id,
        [endedDept],
      ]);
      expect((await send('patch', `/api/routing-rules/${created.body.id}`, { active: false })).status).toBe(
        200,
      );
    });

    it('refuses an ended unit for an account, a cadre’s assignment, or a new unit’s parent', async () => {
      const user = {
        username: `officer.${randomUUID().slice(0, 8)}`,
        displayName: 'Cán bộ thử',
        password: 'mat-khau-dai-du',
      };
      const officer = await send('post', '/api/users', { ...user, role: 'unit-officer', unitId: endedDept });
      expect(officer.status).toBe(422);
      expect(officer.body).toMatchObject(endedRefusal('unitId', successorDept));
      const cadre = await send('post', '/api/users', {
        ...user,
        username: `cadre.${randomUUID().slice(0, 8)}`,
        role: 'cadre',
      });
      expect(cadre.status).toBe(201);
      const assigned = await send('post', `/api/users/${cadre.body.id}/assignments`, {
        unitId: endedCommune,
        decisionNo: '1/QĐ-UBND',
        validFrom: '2019-01-01',
      });
      expect(assigned.status).toBe(422);
      expect(assigned.body).toMatchObject(endedRefusal('unitId', successorCommune));
      const created = await send('post', '/api/users', {
        ...user,
        role: 'unit-officer',
        unitId: successorDept,
      });
      expect(created.status).toBe(201);
      const moved = await send('patch', `/api/users/${created.body.id}`, { unitId: endedDept });
      expect(moved.status).toBe(422);
      expect(moved.body).toMatchObject(endedRefusal('unitId', successorDept));
      const child = await send('post', '/api/units', {
        code: `commune-${randomUUID().slice(0, 8)}`,
        kind: 'commune',
        nameVi: 'Xã con',
        nameEn: 'Child',
        validFrom: '2025-01-01',
        parentId: endedCommune,
      });
      expect(child.status).toBe(422);
      expect(child.body).toMatchObject(endedRefusal('parentId', successorCommune));
    });
  });

  describe('successors', () => {
    it('lists ended units with their dates, successors and parents', async () => {
      const res = await request(api.getHttpServer())
        .get('/api/units')
        .set(await authAs(api, 'viewer.leadership'))
        .expect(200);
      const ended = (res.body as Json[]).find((u) => u.id === endedDept)!;
      expect(ended).toMatchObject({
        validFrom: '2015-01-01',
        validTo: '2020-12-31',
        successors: [expect.objectContaining({ id: successorDept, decidedBy: 'Nghị quyết số 1/2020' })],
        parents: [{ parentId: province, parentCode: 'ben-tre', validFrom: '2015-01-01', validTo: null }],
      });
    });

    it('refuses itself, a unit without an end, a successor not in force after the end, and a cycle', async () => {
      const patch = (id: string, body: object) => send('patch', `/api/units/${id}`, body);
      const self = await patch(endedDept, { successorIds: [endedDept] });
      expect(self.body.errors[0]).toMatchObject({
        field: 'successorIds.0',
        code: 'reference.successor-self',
      });
      const open = await patch(successorDept, { successorIds: [endedDept] });
      expect(open.body.errors[0]).toMatchObject({
        field: 'validTo',
        code: 'reference.successor-without-end',
      });
      const late = await patch(endedDept, { successorIds: [futureCommune] });
      expect(late.body.errors[0]).toMatchObject({
        field: 'successorIds.0',
        code: 'reference.successor-not-in-force',
      });
      // The successor's own end moved before its predecessor's: naming it back would close a loop.
      const loop = await patch(successorDept, { validTo: '2019-12-31', successorIds: [endedDept] });
      expect(loop.status).toBe(422);
      expect(loop.body.errors[0]).toMatchObject({
        field: 'successorIds.0',
        code: 'reference.successor-cycle',
      });
      const [links] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM unit_successors WHERE unit_id = $1`,
        [successorDept],
      );
      expect(links.n).toBe(0);
    });
  });

  describe('a commune moved to another district', () => {
    let districtA: string;
    let districtB: string;
    let commune: string;
    let lead: string;

    /** An item of the commune submitted at `created`, written to the read model as history. */
    const item = async (created: string) => {
      const [cadre] = await sql<{ id: string }>(`SELECT id FROM users WHERE username = 'cadre.hoaloi'`);
      const id = randomUUID();
      await sql(
        `INSERT INTO recommendations (id, workflow_id, title, situation, proposal, category_code, locality_unit_id,
           urgency, submitted_by, status, lead_unit_id, created_at)
         VALUES ($1, $2, 'Đường liên ấp', 'Tình hình', 'Đề xuất', 'infrastructure', $3, 'normal', $4, 'in-progress',
                 $5, $6)`,
        [id, `dated-${id}`, commune, cadre.id, lead, created],
      );
    };
    const dashboard = (query: Record<string, string>) => leadershipDashboard(api, query);
    const report = async (query: Record<string, unknown>) =>
      (
        await request(api.getHttpServer())
          .get('/api/reports/quarterly')
          .query(query)
          .set(await authAs(api, 'viewer.leadership'))
          .expect(200)
      ).body as Json;
    const districtTotal = (d: Json, id: string) =>
      (d.byDistrict as Json[]).find((row) => row.id === id)?.total ?? 0;

    beforeAll(async () => {
      districtA = await addUnit({ kind: 'district', parentId: province });
      districtB = await addUnit({ kind: 'district', parentId: province });
      commune = await addUnit({ kind: 'commune', parentId: districtA });
      lead = await addUnit({ kind: 'department', parentId: province });
      // Two items before the move (the last one at 23:59 of its eve in Việt Nam), one after.
      await item('2023-02-10T03:00:00Z');
      await item('2023-06-30T16:59:00Z');
      await item('2023-08-10T03:00:00Z');
      const moved = await send('post', `/api/units/${commune}/moves`, {
        parentId: districtB,
        from: '2023-07-01',
      });
      expect(moved.status).toBe(201);
      expect(moved.body.parentId).toBe(districtB);
      expect(moved.body.parents).toEqual([
        { parentId: districtA, validFrom: '2015-01-01', validTo: '2023-06-30' },
        { parentId: districtB, validFrom: '2023-07-01', validTo: null },
      ]);
      // Submitted after the move was recorded: counted by the trigger, under the district of its day.
      await item('2023-09-01T03:00:00Z');
      await item('2023-03-01T03:00:00Z');
    });

    it('has one definition of the district of an item, by its day in Việt Nam', async () => {
      const [row] = await sql<{ before: string; after: string }>(
        `SELECT ngk_item_district($1, '2023-06-30T16:59:59Z') AS before,
                ngk_item_district($1, '2023-06-30T17:00:00Z') AS after`,
        [commune],
      );
      expect(row).toEqual({ before: districtA, after: districtB });
    });

    it('counts the dashboard under A before the move and under B after, filtered or not', async () => {
      const first = { from: '2023-01-01', to: '2023-06-30' };
      const second = { from: '2023-07-01', to: '2023-12-31' };
      for (const [period, a, b] of [
        [first, 3, 0],
        [second, 0, 2],
      ] as const) {
        const all = await dashboard(period);
        expect([districtTotal(all, districtA), districtTotal(all, districtB)]).toEqual([a, b]);
        expect((await dashboard({ ...period, districtId: districtA })).totals.total).toBe(a);
        const filtered = await dashboard({ ...period, districtId: districtB });
        expect(filtered.totals.total).toBe(b);
        expect(districtTotal(filtered, districtB)).toBe(b);
        const byLead = await dashboard({ ...period, unitId: lead });
        expect([districtTotal(byLead, districtA), districtTotal(byLead, districtB)]).toEqual([a, b]);
      }
    });

    it('counts the quarterly report under A before the move and under B after', async () => {
      const count = async (quarter: number, districtId: string) =>
        (await report({ year: 2023, quarter, districtId })).summary.newCount as number;
      expect([await count(1, districtA), await count(1, districtB)]).toEqual([2, 0]);
      expect([await count(2, districtA), await count(2, districtB)]).toEqual([1, 0]);
      expect([await count(3, districtA), await count(3, districtB)]).toEqual([0, 2]);
      const q3 = await report({ year: 2023, quarter: 3 });
      const names = (q3.emergingIssues as Json[]).map((e) => e.districtVi);
      expect(names).toContain(
        `Đơn vị ${(await sql<{ code: string }>(`SELECT code FROM units WHERE id = $1`, [districtB]))[0].code}`,
      );
    });

    it('rebuilds the summaries to the figures the trigger and the move kept', async () => {
      const rows = () =>
        Promise.all([
          sql(
            `SELECT grain, period_start::text, district_unit_id, total FROM recommendation_stats
              WHERE locality_unit_id = $1 AND total <> 0 ORDER BY 1, 2, 3`,
            [commune],
          ),
          sql(
            `SELECT grain, period_start::text, member, total FROM recommendation_stats_by
              WHERE dimension = 'district' AND member = ANY($1) AND total <> 0 ORDER BY 1, 2, 3`,
            [[districtA, districtB]],
          ),
        ]);
      await foldStats();
      const kept = await rows();
      expect(kept[0]).toContainEqual({
        grain: 'year',
        period_start: '2023-01-01',
        district_unit_id: districtB,
        total: 2,
      });
      await ownerSql(`SELECT recommendation_stats_rebuild()`);
      expect(await rows()).toEqual(kept);
    });

    it('refuses a move to an ended parent, before the unit began, or in the future', async () => {
      const move = (body: object) => send('post', `/api/units/${commune}/moves`, body);
      expect((await move({ parentId: endedCommune, from: '2023-07-01' })).body.code).toBe(
        'reference.unit-ended',
      );
      expect((await move({ parentId: districtA, from: '2014-12-31' })).body.code).toBe(
        'range.move-before-unit',
      );
      expect((await move({ parentId: districtA, from: '2999-01-01' })).body.code).toBe(
        'range.move-in-future',
      );
      expect((await move({ parentId: commune, from: '2023-07-01' })).body.code).toBe('reference.own-parent');
    });
  });
});
