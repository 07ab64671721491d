import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { REORGANIZATIONS_2025 } from '@ngk/persistence';
import { submitDemoRecommendations } from '../scripts/lib/demo-data';
import { applyDemoReorganizations, demoAccountLines } from '../scripts/lib/demo-reorganizations';
import { openDemoReportPeriod } from '../scripts/lib/demo-reports';
import { useAppsOnOwnDatabase } from './support/apps';
import { sqlAt } from './support/fixtures';
import { authAs, eventually } from './support/http';

/**
 * The demo shows the 2025 reorganization as `npm run up` applies it: the article's recommendations are
 * raised under the 2024 units, then the 2025 decisions run through the admin's operation. On a database of
 * its own, so the demo's units end here only.
 */
describe("the demo's 2025 reorganization", () => {
  const apps = useAppsOnOwnDatabase('demo_reorganization');
  let api: INestApplication;
  let base: string;
  let demo: Awaited<ReturnType<typeof submitDemoRecommendations>>;
  const lines: string[] = [];
  const db = <T>(text: string, params: unknown[] = []) => sqlAt<T>(process.env.DATABASE_URL!, text, params);

  /** Each demo item's lead and coordinating units by code. */
  const units = async (key: keyof typeof demo) => {
    const [row] = await db<{ lead: string; coordinating: string[] }>(
      `SELECT l.code AS lead, ARRAY(SELECT c.code FROM units c WHERE c.id = ANY(r.coordinating_unit_ids)
                                     ORDER BY c.code) AS coordinating
         FROM recommendations r JOIN units l ON l.id = r.lead_unit_id WHERE r.id = $1`,
      [demo[key].id],
    );
    return row;
  };
  const counts = async () =>
    (
      await db<{ events: number; reorganized: number }>(
        `SELECT count(*)::int AS events, count(*) FILTER (WHERE type = 'reorganized')::int AS reorganized
           FROM recommendation_events WHERE recommendation_id = ANY($1::uuid[])`,
        [Object.values(demo).map((d) => d.id)],
      )
    )[0];
  const sees = async (username: string, id: string) =>
    (
      await request(api.getHttpServer())
        .get(`/api/recommendations/${id}`)
        .set(await authAs(api, username))
    ).status;

  beforeAll(async () => {
    api = apps.api;
    await api.listen(0, '127.0.0.1');
    base = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    demo = await submitDemoRecommendations(base);
  });

  it('raises the items under the 2024 units', async () => {
    expect(await units('road26')).toEqual({ lead: 'thanh-phu', coordinating: ['dot', 'dpi'] });
    expect(await units('wells418')).toEqual({ lead: 'dard', coordinating: ['donre', 'thanh-phu'] });
    expect(await sees('cadre.hoaloi', demo.wells418.id)).toBe(404);
  });

  it('runs the decisions: departments and boards move to the merged ones, a district waits for review', async () => {
    await applyDemoReorganizations(base, (line) => lines.push(line));
    expect(lines).toHaveLength(REORGANIZATIONS_2025.length);
    // Road 26: its coordinating departments merged; its lead, a district, has no single successor.
    expect(await units('road26')).toEqual({ lead: 'thanh-phu', coordinating: ['dof', 'doc'].sort() });
    // Wells 418: the two merged departments are one, the lead; the district still coordinates, for review.
    expect(await units('wells418')).toEqual({ lead: 'dae', coordinating: ['thanh-phu'] });
    expect(await units('propaganda')).toEqual({
      lead: 'propaganda-mass-mobilization-board',
      coordinating: [],
    });
    expect(await units('reportFormat')).toEqual({
      lead: 'organization-board',
      coordinating: ['internal-affairs-board', 'propaganda-mass-mobilization-board'],
    });
    const review = await db<{ id: string; decision: string }>(
      `SELECT ri.recommendation_id AS id, g.decision_no AS decision
         FROM reorganization_items ri JOIN reorganizations g ON g.id = ri.reorganization_id
        WHERE ri.outcome = 'review' ORDER BY ri.recommendation_id`,
    );
    expect(review.map((r) => r.id).sort()).toEqual([demo.road26.id, demo.wells418.id].sort());
    expect(new Set(review.map((r) => r.decision))).toEqual(new Set(['Nghị quyết số 202/2025/QH15']));
    // Each move is in the item's timeline with the decision as the reason.
    const reasons = await db<{ reason: string }>(
      `SELECT coalesce(reason, payload::text) AS reason FROM recommendation_events
        WHERE recommendation_id = $1 AND type = 'reorganized'`,
      [demo.propaganda.id],
    );
    expect(reasons).toHaveLength(1);
    expect(reasons[0].reason).toContain('Hợp nhất Ban Tuyên giáo và Ban Dân vận Tỉnh ủy');
  });

  it('ends the 2024 units the day before, names their successors, and moves the cadres to the merged communes', async () => {
    const ended = await db<{ code: string; to: string; successors: string[] }>(
      `SELECT u.code, u.valid_to::text AS to,
              ARRAY(SELECT s.code FROM unit_successors us JOIN units s ON s.id = us.successor_id
                     WHERE us.unit_id = u.id ORDER BY s.code) AS successors
         FROM units u WHERE u.code = ANY($1) ORDER BY u.code`,
      [['dard', 'ben-tre', 'thanh-phu', 'hoa-loi']],
    );
    expect(ended).toEqual([
      { code: 'ben-tre', to: '2025-06-30', successors: ['vinh-long'] },
      { code: 'dard', to: '2025-02-28', successors: ['dae'] },
      { code: 'hoa-loi', to: '2025-06-30', successors: ['demo-commune-hoa-loi-an-thanh'] },
      { code: 'thanh-phu', to: '2025-06-30', successors: [] },
    ]);
    const assigned = await db<{ code: string; from: string; to: string | null }>(
      `SELECT n.code, a.valid_from::text AS from, a.valid_to::text AS to
         FROM cadre_assignments a JOIN users u ON u.id = a.user_id JOIN units n ON n.id = a.unit_id
        WHERE u.username = 'cadre.hoaloi' ORDER BY a.valid_from`,
    );
    expect(assigned).toEqual([
      { code: 'hoa-loi', from: expect.any(String), to: '2025-06-30' },
      { code: 'demo-commune-hoa-loi-an-thanh', from: '2025-07-01', to: null },
    ]);
    // The merged commune's cadre follows what its communes raised before the merger.
    expect(await sees('cadre.hoaloi', demo.wells418.id)).toBe(200);
    // `up` lists each account where it stands now: the transport officer in the merged department.
    const accounts = await demoAccountLines(base);
    expect(accounts.find((l) => l.trim().startsWith('officer.dot '))).toMatch(/· Sở Xây dựng$/);
    expect(accounts.find((l) => l.trim().startsWith('cadre.hoaloi '))).toMatch(
      /· Xã mới gồm Hòa Lợi, An Thạnh \(tên minh họa\)$/,
    );
    const edition = await request(api.getHttpServer()).get('/api/reference-data/edition').expect(200);
    expect(edition.body).toMatchObject({ province: { code: 'vinh-long' }, since: '2025-07-01', demo: true });
  });

  it('changes nothing when the demo starts again', async () => {
    const before = await counts();
    expect(before.reorganized).toBeGreaterThan(0);
    const again: string[] = [];
    await applyDemoReorganizations(base, (line) => again.push(line));
    expect(again).toEqual(lines);
    expect(await counts()).toEqual(before);
    const [{ n }] = await db<{ n: number }>(`SELECT count(*)::int AS n FROM reorganizations`);
    expect(n).toBe(REORGANIZATIONS_2025.length);
    // The demo's submissions, retried under their keys after the merger, find their items.
    const retried = await submitDemoRecommendations(base);
    expect(retried.road26.id).toBe(demo.road26.id);
  });

  it("opens the cadres' reports on the last period, once, as up does on a Temporal of its own", async () => {
    const opened: string[] = [];
    await openDemoReportPeriod(base, process.env.TEMPORAL_ADDRESS!, (line) => opened.push(line));
    expect(opened).toHaveLength(1);
    const reports = await eventually(
      async () =>
        (
          await request(api.getHttpServer())
            .get('/api/cadre-reports')
            .set(await authAs(api, 'cadre.hoaloi'))
            .expect(200)
        ).body as { commune: { nameVi: string } }[],
      (list) => list.length > 0,
    );
    expect(reports.map((r) => r.commune.nameVi)).toContain('Xã mới gồm Hòa Lợi, An Thạnh (tên minh họa)');
    const again: string[] = [];
    await openDemoReportPeriod(base, process.env.TEMPORAL_ADDRESS!, (line) => again.push(line));
    expect(again).toEqual([]);
  });
});
