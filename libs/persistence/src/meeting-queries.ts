import { policyMeetings, policyMeetingTitle, type Quarter } from '@ngk/domain';
import type { Queryable } from './returning';

/**
 * The quarter's policy meetings for every commune in force on each meeting's day with a cadre assigned
 * then, shared by the Organization Board's request (the API) and the quarter's Schedule (the worker). The
 * meetings' unique key skips those already there: answers how many were added and how many were there.
 */
export async function generatePolicyMeetings(
  db: Queryable,
  quarter: Quarter,
  userId: string | null,
): Promise<{ created: number; existing: number }> {
  let created = 0;
  let existing = 0;
  for (const { kind, heldOn } of policyMeetings(quarter)) {
    const [row] = (await db.query(
      `WITH communes AS (
         SELECT DISTINCT n.id FROM units n JOIN cadre_assignments a ON a.unit_id = n.id
          WHERE n.kind = 'commune' AND n.valid_from <= $2::date AND (n.valid_to IS NULL OR n.valid_to >= $2::date)
            AND a.valid_from <= $2::date AND (a.valid_to IS NULL OR a.valid_to >= $2::date)
       ), added AS (
         INSERT INTO meetings (kind, unit_id, held_on, title, source, created_by)
         SELECT $1, id, $2::date, $3, 'policy', $4 FROM communes
         ON CONFLICT (kind, unit_id, held_on) DO NOTHING RETURNING id
       )
       SELECT (SELECT count(*)::int FROM added) AS created, (SELECT count(*)::int FROM communes) AS communes`,
      [kind, heldOn, policyMeetingTitle(kind, quarter), userId],
    )) as { created: number; communes: number }[];
    created += row.created;
    existing += row.communes - row.created;
  }
  return { created, existing };
}
