import type { Queryable } from './returning';

/**
 * The reads a reorganization's preview (the API) and its run (the worker) share, so that what the preview
 * shows is what the run does.
 */

/** One ended unit of a reorganization and where its work goes. */
export interface ReorganizationUnitRow {
  unitId: string;
  code: string;
  kind: string;
  nameVi: string;
  successorId: string | null;
  successorCode: string | null;
  successorNameVi: string | null;
}

export async function reorganizationUnits(db: Queryable, id: string): Promise<ReorganizationUnitRow[]> {
  return (await db.query(
    `SELECT ru.unit_id AS "unitId", u.code, u.kind, u.name_vi AS "nameVi", ru.successor_id AS "successorId",
            s.code AS "successorCode", s.name_vi AS "successorNameVi"
       FROM reorganization_units ru
       JOIN units u ON u.id = ru.unit_id
       LEFT JOIN units s ON s.id = ru.successor_id
      WHERE ru.reorganization_id = $1
      ORDER BY u.code`,
    [id],
  )) as ReorganizationUnitRow[];
}

/**
 * An open item held by one of the ended units: as lead, for triage, or owing a coordinating opinion. A
 * closed item its cadre may still reopen counts as open: reopened, it goes to the successor.
 */
export interface HeldItemRow {
  id: string;
  workflowId: string;
  leadUnitId: string | null;
  /** Every unit the item names as coordinating, and those with an open coordinating task. */
  coordinatingUnitIds: string[];
}

const HELD = `
  (r.status <> 'closed' OR r.reopen_until > now())
  AND (r.lead_unit_id = ANY($1::uuid[]) OR r.coordinating_unit_ids && $1::uuid[]
       OR EXISTS (SELECT 1 FROM tasks t WHERE t.recommendation_id = r.id AND t.status = 'open'
                    AND t.role IN ('lead', 'coordinating', 'triage') AND t.unit_id = ANY($1::uuid[])))`;

/** The item columns a reorganization reads: where it stands, and the units holding it. */
const ITEM_COLUMNS = `
  r.id, r.workflow_id AS "workflowId", r.lead_unit_id AS "leadUnitId",
  ARRAY(SELECT DISTINCT c FROM unnest(r.coordinating_unit_ids || ARRAY(
          SELECT t.unit_id FROM tasks t WHERE t.recommendation_id = r.id AND t.status = 'open'
             AND t.role = 'coordinating')) c)::text[] AS "coordinatingUnitIds"`;

/** A page of the open items the units hold, by id after `after`. */
export async function heldItems(
  db: Queryable,
  unitIds: string[],
  page: { after: string | null; limit: number },
): Promise<HeldItemRow[]> {
  return (await db.query(
    `SELECT ${ITEM_COLUMNS}
       FROM recommendations r
      WHERE ${HELD} AND ($2::uuid IS NULL OR r.id > $2::uuid)
      ORDER BY r.id
      LIMIT $3`,
    [unitIds, page.after, page.limit],
  )) as HeldItemRow[];
}

/**
 * Lists the open items the units hold as the reorganization's items, pending, once: a second call (a
 * retried activity) adds none. Returns how many were listed now.
 */
export async function listHeldItems(
  db: Queryable,
  reorganizationId: string,
  unitIds: string[],
): Promise<number> {
  const listed = (await db.query(
    `INSERT INTO reorganization_items (reorganization_id, recommendation_id)
     SELECT $2, r.id FROM recommendations r WHERE ${HELD}
     ON CONFLICT DO NOTHING RETURNING recommendation_id`,
    [unitIds, reorganizationId],
  )) as unknown[];
  return listed.length;
}

/** The next of the reorganization's items still pending, by id. */
export async function pendingItems(
  db: Queryable,
  reorganizationId: string,
  limit: number,
): Promise<HeldItemRow[]> {
  return (await db.query(
    `SELECT ${ITEM_COLUMNS}
       FROM reorganization_items i JOIN recommendations r ON r.id = i.recommendation_id
      WHERE i.reorganization_id = $1 AND i.outcome = 'pending'
      ORDER BY i.recommendation_id
      LIMIT $2`,
    [reorganizationId, limit],
  )) as HeldItemRow[];
}

/** A reorganization's standing: its decision, and how far its run has come. */
export interface ReorganizationProgress {
  id: string;
  decisionNo: string;
  decisionDate: string;
  effectiveDate: string;
  note: string | null;
  status: 'draft' | 'running' | 'done';
  total: number | null;
  done: number;
  moved: number;
  review: number;
  skipped: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export async function reorganizationProgress(
  db: Queryable,
  id: string,
): Promise<ReorganizationProgress | null> {
  const [row] = (await db.query(
    `SELECT g.id, g.decision_no AS "decisionNo", g.decision_date::text AS "decisionDate",
            g.effective_date::text AS "effectiveDate", g.note, g.status,
            CASE WHEN g.listed_at IS NULL THEN NULL ELSE count(i.*)::int END AS total,
            count(i.*) FILTER (WHERE i.outcome <> 'pending')::int AS done,
            count(i.*) FILTER (WHERE i.outcome = 'moved')::int AS moved,
            count(i.*) FILTER (WHERE i.outcome = 'review')::int AS review,
            count(i.*) FILTER (WHERE i.outcome = 'skipped')::int AS skipped,
            g.created_at AS "createdAt", g.started_at AS "startedAt", g.finished_at AS "finishedAt"
       FROM reorganizations g
       LEFT JOIN reorganization_items i ON i.reorganization_id = g.id
      WHERE g.id = $1
      GROUP BY g.id`,
    [id],
  )) as ReorganizationProgress[];
  return row ?? null;
}
