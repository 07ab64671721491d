import { sql } from '../support/fixtures';

/**
 * What a fault must not break: every accepted item is in the read model, routed exactly once, its events
 * numbered 1…n with no gap and no repeat, and the same people told once for each (as many notifications
 * for every item, and some).
 */
export async function expectEachRoutedOnce(ids: string[]): Promise<void> {
  expect(new Set(ids).size).toBe(ids.length);
  const rows = await sql<{ id: string; status: string; events: number; last: number; routed: number }>(
    `SELECT r.id, r.status, count(e.*)::int AS events, max(e.seq) AS last,
            count(*) FILTER (WHERE e.type = 'routed')::int AS routed
       FROM recommendations r JOIN recommendation_events e ON e.recommendation_id = r.id
      WHERE r.id = ANY($1) GROUP BY r.id, r.status`,
    [ids],
  );
  expect(rows).toHaveLength(ids.length);
  for (const row of rows) {
    expect(row).toMatchObject({ status: 'routed', routed: 1 });
    expect(row.events).toBe(row.last);
  }
  const told = await sql<{ n: number }>(
    `SELECT count(n.id)::int AS n FROM unnest($1::uuid[]) AS i(id)
       LEFT JOIN notifications n ON n.recommendation_id = i.id GROUP BY i.id`,
    [ids],
  );
  expect(new Set(told.map((t) => t.n)).size).toBe(1);
  expect(told[0].n).toBeGreaterThan(0);
}
