import type { Queryable } from '@ngk/persistence';

/** The kind of each of these units that exists, in one query: an id missing from the map is no unit. */
export async function unitKinds(
  db: Queryable,
  ids: (string | null | undefined)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = (await db.query(`SELECT id, kind FROM units WHERE id = ANY($1::uuid[])`, [wanted])) as {
    id: string;
    kind: string;
  }[];
  return new Map(rows.map((r) => [r.id, r.kind]));
}
