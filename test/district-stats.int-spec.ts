import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { useApps } from './support/apps';
import { foldStats, ownerSql, sql, unitId } from './support/fixtures';
import { authAs, client, leadershipDashboard } from './support/http';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const MEASURES = [
  'total',
  'by_status',
  'overdue',
  'escalated_1',
  'escalated_2',
  'resolved',
  'resolved_on_time',
  'acknowledge_hours',
  'resolve_hours',
  'resolved_after_extension',
  'resolve_working_days',
  'resolve_working_days_sum',
  'reopened',
];

type Measures = Record<string, number | number[]>;

const add = (into: Measures, row: Json) => {
  for (const m of MEASURES) {
    const v = row[m];
    if (Array.isArray(v)) {
      const sum = (into[m] as number[] | undefined) ?? v.map(() => 0);
      into[m] = sum.map((x, i) => x + Number(v[i]));
    } else into[m] = ((into[m] as number | undefined) ?? 0) + Number(v);
  }
};
const isZero = (m: Measures) =>
  Object.values(m).every((v) => (Array.isArray(v) ? v.every((x) => x === 0) : v === 0));

/**
 * The per-district summary is the per-combination one summed inside each district: row for row, at every
 * grain, after inserts, updates and deletes of many items in one statement, after a commune moves to
 * another district from a date, and after a rebuild. The dashboard filtered by a district reads it and
 * shows what the other two summaries show for the same items.
 */
describe('the per-district summary', () => {
  const apps = useApps();
  let api: INestApplication;
  let http: ReturnType<typeof client>;
  let districtA: string;
  let districtB: string;
  let communes: string[];
  let leads: string[];

  const dashboard = (query: Record<string, string>) => leadershipDashboard(api, query);

  /** The per-district summary's rows of a district, and what summing its per-combination rows gives. */
  const bothWays = async (district: string) => {
    await foldStats();
    const columns = MEASURES.join(', ');
    const combinations = await sql<Json>(
      `SELECT s.grain, s.period_start::text AS period, s.category_code, s.lead_unit_id,
              CASE WHEN l.kind = 'commune' THEN l.id END AS commune, ${columns}
         FROM recommendation_stats s JOIN units l ON l.id = s.locality_unit_id
        WHERE s.district_unit_id = $1`,
      [district],
    );
    const summed = new Map<string, Measures>();
    for (const c of combinations) {
      const members: [string, string | null][] = [
        ['all', ''],
        ['unit', c.lead_unit_id],
        ['commune', c.commune],
        ['category', c.category_code],
      ];
      for (const [dimension, member] of members) {
        if (member === null) continue;
        const key = `${c.grain} ${c.period} ${dimension} ${member}`;
        if (!summed.has(key)) summed.set(key, {});
        add(summed.get(key)!, c);
      }
    }
    const kept = new Map<string, Measures>();
    for (const r of await sql<Json>(
      `SELECT grain, period_start::text AS period, dimension, member, ${columns}
         FROM recommendation_stats_in_district WHERE district_unit_id = $1`,
      [district],
    )) {
      const m: Measures = {};
      add(m, r);
      kept.set(`${r.grain} ${r.period} ${r.dimension} ${r.member}`, m);
    }
    const nonZero = (map: Map<string, Measures>) =>
      Object.fromEntries([...map].filter(([, m]) => !isZero(m)).sort(([a], [b]) => a.localeCompare(b)));
    return { kept: nonZero(kept), summed: nonZero(summed) };
  };

  /** What the district's dashboard shows, next to the same figures read from the other summaries. */
  const agreeOnTheDashboard = async (district: string, period: Record<string, string>) => {
    const inDistrict = await dashboard({ ...period, districtId: district });
    const unfiltered = await dashboard(period);
    const line = (unfiltered.byDistrict as Json[]).find((r) => r.id === district);
    if (!line) {
      expect(inDistrict.totals.total).toBe(0);
      return;
    }
    expect(inDistrict.byDistrict).toEqual([line]);
    expect(inDistrict.totals).toEqual(
      // The tiles are the district's line without its name.
      Object.fromEntries(
        Object.entries(line).filter(([k]) => !['id', 'code', 'nameVi', 'nameEn'].includes(k)),
      ),
    );
    for (const commune of inDistrict.byCommune as Json[]) {
      // Per combination: the commune's items of this district's days.
      const own = await dashboard({ ...period, communeId: commune.id, districtId: district });
      expect(own.byCommune).toEqual([commune]);
    }
    for (const unit of inDistrict.byUnit as Json[]) {
      const own = await dashboard({ ...period, unitId: unit.id, districtId: district });
      expect(own.byUnit).toEqual([unit]);
    }
    // The trend, month by month, is the sum of the two categories' (per combination).
    const byCategory = await Promise.all(
      ['infrastructure', 'social'].map((category) =>
        dashboard({ ...period, districtId: district, category }),
      ),
    );
    expect(inDistrict.trend).toEqual(
      byCategory[0].trend.map((m: Json, i: number) =>
        Object.fromEntries(
          Object.entries(m).map(([k, v]) => [
            k,
            k === 'month' ? v : (v as number) + byCategory[1].trend[i][k],
          ]),
        ),
      ),
    );
  };

  const ragged = { from: '2021-01-30', to: '2021-03-05' };

  beforeAll(async () => {
    api = apps.api;
    http = client(api);
    const province = await unitId('ben-tre');
    districtA = await http.addUnit({ kind: 'district', parentId: province });
    districtB = await http.addUnit({ kind: 'district', parentId: province });
    communes = [
      await http.addUnit({ kind: 'commune', parentId: districtA }),
      await http.addUnit({ kind: 'commune', parentId: districtA }),
    ];
    leads = [
      await http.addUnit({ kind: 'department', parentId: province }),
      await http.addUnit({ kind: 'department', parentId: province }),
    ];
    const [cadre] = await sql<{ id: string }>(`SELECT id FROM users WHERE username = 'cadre.hoaloi'`);
    // Thirty items over a ragged stretch of days, in one statement: two communes and the district itself,
    // two lead units and none, two categories, open, overdue, escalated and resolved ones.
    const ids = Array.from({ length: 30 }, () => randomUUID());
    await sql(
      `INSERT INTO recommendations (id, workflow_id, title, situation, proposal, category_code, locality_unit_id,
         urgency, submitted_by, status, lead_unit_id, overdue, max_escalation_level, resolved_at,
         resolved_on_time, resolve_working_days, created_at)
       SELECT v.id, 'district-stats-' || v.id, 'Đường liên ấp', 'Tình hình', 'Đề xuất',
              CASE WHEN v.n % 3 = 0 THEN 'social' ELSE 'infrastructure' END,
              (ARRAY[$2, $3, $4]::uuid[])[1 + v.n % 3], 'normal', $5,
              CASE WHEN v.n % 7 = 0 THEN 'triage' WHEN v.n % 4 = 0 THEN 'closed' ELSE 'in-progress' END,
              CASE WHEN v.n % 7 = 0 THEN NULL ELSE (ARRAY[$6, $7]::uuid[])[1 + v.n % 2] END,
              v.n % 5 = 1, v.n % 3,
              CASE WHEN v.n % 4 = 0 AND v.n % 7 <> 0 THEN '2021-03-20T03:00:00Z'::timestamptz END,
              CASE WHEN v.n % 4 = 0 AND v.n % 7 <> 0 THEN v.n % 8 = 0 END,
              CASE WHEN v.n % 4 = 0 AND v.n % 7 <> 0 THEN v.n END,
              '2021-01-28T03:00:00Z'::timestamptz + v.n * interval '37 hours'
         FROM unnest($1::uuid[]) WITH ORDINALITY AS v(id, n)`,
      [ids, communes[0], communes[1], districtA, cadre.id, leads[0], leads[1]],
    );
  });

  it('sums the per-combination rows inside each district, after inserts', async () => {
    const { kept, summed } = await bothWays(districtA);
    expect(Object.keys(kept).length).toBeGreaterThan(40);
    expect(kept).toEqual(summed);
    await agreeOnTheDashboard(districtA, ragged);
  });

  it('follows updates and deletes of many items in one statement', async () => {
    await sql(
      `UPDATE recommendations SET status = 'resolved', overdue = false, resolved_at = created_at + interval '3 days',
              resolved_on_time = true, resolve_working_days = 2, lead_unit_id = $2
        WHERE workflow_id LIKE 'district-stats-%' AND locality_unit_id = $1 AND status = 'in-progress'`,
      [communes[0], leads[1]],
    );
    // Items with no events or tasks yet: a statement may remove them.
    await ownerSql(
      `DELETE FROM recommendations WHERE workflow_id LIKE 'district-stats-%' AND locality_unit_id = $1
          AND status = 'triage'`,
      [communes[1]],
    );
    const { kept, summed } = await bothWays(districtA);
    expect(kept).toEqual(summed);
    await agreeOnTheDashboard(districtA, ragged);
  });

  it('counts a commune moved to another district under each by the day of its items', async () => {
    const moved = await request(api.getHttpServer())
      .post(`/api/units/${communes[1]}/moves`)
      .set(await authAs(api, 'admin'))
      .send({ parentId: districtB, from: '2021-02-15' });
    expect(moved.status).toBe(201);
    for (const district of [districtA, districtB]) {
      const { kept, summed } = await bothWays(district);
      expect(kept).toEqual(summed);
      for (const period of [
        ragged,
        { from: '2021-01-30', to: '2021-02-14' },
        { from: '2021-02-15', to: '2021-03-05' },
      ]) {
        await agreeOnTheDashboard(district, period);
      }
    }
    const before = await dashboard({ from: '2021-01-01', to: '2021-02-14', districtId: districtB });
    expect(before.totals.total).toBe(0);
    const after = await dashboard({ from: '2021-02-15', to: '2021-12-31', districtId: districtB });
    expect(after.byCommune.map((c: Json) => c.id)).toEqual([communes[1]]);
  });

  it('rebuilds to the rows the triggers and the move kept', async () => {
    const kept = await Promise.all([bothWays(districtA), bothWays(districtB)]);
    await ownerSql(`SELECT recommendation_stats_rebuild()`);
    expect(await Promise.all([bothWays(districtA), bothWays(districtB)])).toEqual(kept);
  });
});
