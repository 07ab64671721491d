import { prepared } from '@ngk/persistence';
import type { DataSource, EntityManager } from 'typeorm';

/** A unit's successor as a refusal names it. */
export interface SuccessorRef {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
}

/** A unit with what decides whether it may be named for new work. */
export interface DatedUnitRow {
  id: string;
  code: string;
  kind: string;
  nameVi: string;
  nameEn: string;
  validFrom: string;
  validTo: string | null;
  successors: SuccessorRef[];
}

/** The columns of a `DatedUnitRow`, of the units table aliased `u`. */
export const DATED_UNIT_COLUMNS = `u.id, u.code, u.kind, u.name_vi AS "nameVi", u.name_en AS "nameEn",
            u.valid_from::text AS "validFrom", u.valid_to::text AS "validTo",
            COALESCE((SELECT json_agg(json_build_object('id', s.id, 'code', s.code, 'nameVi', s.name_vi,
                                                        'nameEn', s.name_en) ORDER BY s.code)
                        FROM unit_successors us JOIN units s ON s.id = us.successor_id
                       WHERE us.unit_id = u.id), '[]') AS successors`;

/** The ids actually named among `ids`, each once. */
export function namedIds(ids: (string | null | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => !!id))];
}

/** The units among `ids` that exist, with their dates and successors, by id. */
export async function datedUnits(
  db: DataSource | EntityManager,
  ids: (string | null | undefined)[],
): Promise<Map<string, DatedUnitRow>> {
  const wanted = namedIds(ids);
  if (wanted.length === 0) return new Map();
  const rows: DatedUnitRow[] = await db.query(
    prepared(`SELECT ${DATED_UNIT_COLUMNS} FROM units u WHERE u.id = ANY($1::uuid[])`),
    [wanted],
  );
  return new Map(rows.map((r) => [r.id, r]));
}
