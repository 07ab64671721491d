import {
  quarterAfter,
  quarterBefore,
  quarterDates,
  STANDING_COMMITTEE_STATUS,
  SUPERVISOR_LEVEL,
  type Quarter,
} from '@ngk/domain';

/**
 * An event that took the item to the Standing Committee, whichever way: still overdue after the grace
 * period, or disputed a second time (libs/domain escalationLevelAfter). Literal, so that the partial
 * index on it serves the report.
 */
const TO_COMMITTEE = `(e.status_after = '${STANDING_COMMITTEE_STATUS}' AND e.status_before IS DISTINCT FROM '${STANDING_COMMITTEE_STATUS}')`;
const BREACH = `(e.type = 'escalated' AND (e.payload->>'level')::int = ${SUPERVISOR_LEVEL})`;

/** Anything that runs SQL: a DataSource or a transaction's EntityManager. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export type ReportScope =
  { kind: 'province' } | { kind: 'unit'; unitId: string } | { kind: 'district'; unitId: string };

export interface UnitLine {
  unitId: string | null;
  code: string | null;
  nameVi: string;
  nameEn: string;
  newCount: number;
  resolved: number;
  resolvedOnTime: number;
  onTimeRate: number | null;
  breached: number;
  escalated: number;
  overdueNow: number;
}

export interface EmergingIssue {
  categoryCode: string;
  categoryVi: string;
  categoryEn: string;
  districtVi: string | null;
  districtEn: string | null;
  count: number;
  previousCount: number;
  change: number;
}

export interface OverdueItem {
  id: string;
  reference: string;
  title: string;
  leadUnitVi: string | null;
  localityVi: string;
  resolutionDueAt: string | null;
  escalationLevel: number;
}

/**
 * The short agreed format: what emerged, what came in, what was resolved (and on time, per unit), what
 * passed a deadline and what went up to the Standing Committee in the quarter, and what is still overdue.
 */
export interface QuarterlyReport {
  year: number;
  quarter: Quarter['quarter'];
  from: string;
  to: string;
  scope: { kind: ReportScope['kind']; unitId: string | null; nameVi: string; nameEn: string };
  generatedAt: string;
  summary: {
    newCount: number;
    resolved: number;
    resolvedOnTime: number;
    onTimeRate: number | null;
    closed: number;
    /** Items that passed a deadline in the quarter (level 1). */
    breached: number;
    /** Items that went to the Standing Committee in the quarter (level 2: a breach or a second dispute). */
    escalated: number;
    /** Open and overdue when the report was made. */
    overdueNow: number;
  };
  emergingIssues: EmergingIssue[];
  units: UnitLine[];
  overdueItems: OverdueItem[];
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/** Half-open instant bounds of a quarter in Việt Nam's time. */
function bounds(q: Quarter): [string, string] {
  const { from } = quarterDates(q);
  const next = quarterDates(quarterAfter(q));
  return [`${from}T00:00:00+07:00`, `${next.from}T00:00:00+07:00`];
}

/** Reads one quarter's report from the read model and the event log. */
export async function loadQuarterlyReport(
  db: Queryable,
  q: Quarter,
  scope: ReportScope,
  now: Date = new Date(),
): Promise<QuarterlyReport> {
  const [start, end] = bounds(q);
  const [prevStart] = bounds(quarterBefore(q));
  // The scope as a condition on alias r, its unit (or null) in parameter `p`.
  const inScope = (p: string) =>
    scope.kind === 'unit'
      ? `r.lead_unit_id = ${p}`
      : scope.kind === 'district'
        ? `(r.locality_unit_id = ${p} OR r.locality_unit_id IN (SELECT id FROM units WHERE parent_id = ${p}))`
        : `(${p}::uuid IS NULL)`;
  const unit = scope.kind === 'province' ? null : scope.unitId;
  const params = [start, end, unit];

  const scopeName: { nameVi: string; nameEn: string }[] =
    scope.kind === 'province'
      ? await db.query(
          `SELECT name_vi AS "nameVi", name_en AS "nameEn" FROM units WHERE kind = 'province' LIMIT 1`,
        )
      : await db.query(`SELECT name_vi AS "nameVi", name_en AS "nameEn" FROM units WHERE id = $1`, [
          scope.unitId,
        ]);

  // Per lead unit; the summary is their sum plus the items no unit holds yet.
  const unitRows: (Omit<UnitLine, 'onTimeRate'> & Record<string, unknown>)[] = await db.query(
    `WITH items AS (
       SELECT r.* FROM recommendations r
        WHERE ${inScope('$3')} AND r.created_at < $2
          AND (r.created_at >= $1 OR r.resolved_at >= $1 OR r.closed_at >= $1 OR r.status <> 'closed')
     ), escalations AS (
       SELECT e.recommendation_id, bool_or(${BREACH}) AS l1, bool_or(${TO_COMMITTEE}) AS l2
         FROM recommendation_events e
        WHERE (e.type = 'escalated' OR ${TO_COMMITTEE}) AND e.occurred_at >= $1 AND e.occurred_at < $2
        GROUP BY 1
     )
     SELECT i.lead_unit_id AS "unitId", u.code, COALESCE(u.name_vi, 'Chưa phân công') AS "nameVi",
            COALESCE(u.name_en, 'Not yet assigned') AS "nameEn",
            count(*) FILTER (WHERE i.created_at >= $1)::int AS "newCount",
            count(*) FILTER (WHERE i.resolved_at >= $1 AND i.resolved_at < $2)::int AS resolved,
            count(*) FILTER (WHERE i.resolved_at >= $1 AND i.resolved_at < $2 AND i.resolved_on_time)::int
              AS "resolvedOnTime",
            count(*) FILTER (WHERE i.closed_at >= $1 AND i.closed_at < $2)::int AS closed,
            count(*) FILTER (WHERE e.l1)::int AS breached,
            count(*) FILTER (WHERE e.l2)::int AS escalated,
            count(*) FILTER (WHERE i.overdue AND i.status <> 'closed')::int AS "overdueNow"
       FROM items i
       LEFT JOIN escalations e ON e.recommendation_id = i.id
       LEFT JOIN units u ON u.id = i.lead_unit_id
      GROUP BY 1, 2, 3, 4
      ORDER BY "newCount" DESC, "nameVi"`,
    params,
  );
  const units: UnitLine[] = unitRows
    .map(({ closed: _closed, ...u }) => ({ ...u, onTimeRate: rate(u.resolvedOnTime, u.resolved) }))
    .filter((u) => u.newCount + u.resolved + u.breached + u.escalated + u.overdueNow > 0);
  const sum = (key: 'newCount' | 'resolved' | 'resolvedOnTime' | 'breached' | 'escalated' | 'overdueNow') =>
    unitRows.reduce((n, u) => n + (u[key] as number), 0);

  const emergingIssues: EmergingIssue[] = (
    await db.query(
      `SELECT r.category_code AS "categoryCode", c.name_vi AS "categoryVi", c.name_en AS "categoryEn",
              d.name_vi AS "districtVi", d.name_en AS "districtEn",
              count(*) FILTER (WHERE r.created_at >= $1)::int AS count,
              count(*) FILTER (WHERE r.created_at < $1)::int AS "previousCount"
         FROM recommendations r
         JOIN categories c ON c.code = r.category_code
         JOIN units loc ON loc.id = r.locality_unit_id
         LEFT JOIN units d ON d.id = CASE WHEN loc.kind = 'district' THEN loc.id ELSE loc.parent_id END
                          AND d.kind = 'district'
        WHERE ${inScope('$3')} AND r.created_at >= $4 AND r.created_at < $2
        GROUP BY 1, 2, 3, 4, 5`,
      [...params, prevStart],
    )
  )
    .map((e: EmergingIssue) => ({ ...e, change: e.count - e.previousCount }))
    .filter((e: EmergingIssue) => e.count > 0 && e.change > 0)
    .sort((a: EmergingIssue, b: EmergingIssue) => b.change - a.change || b.count - a.count)
    .slice(0, 5);

  const overdueItems: OverdueItem[] = await db.query(
    `SELECT r.id, r.reference, r.title, lead.name_vi AS "leadUnitVi", loc.name_vi AS "localityVi",
            r.resolution_due_at AS "resolutionDueAt", r.escalation_level AS "escalationLevel"
       FROM recommendations r
       JOIN units loc ON loc.id = r.locality_unit_id
       LEFT JOIN units lead ON lead.id = r.lead_unit_id
      WHERE ${inScope('$2')} AND r.overdue AND r.status <> 'closed' AND r.created_at < $1
      ORDER BY r.escalation_level DESC, r.resolution_due_at NULLS LAST, r.id
      LIMIT 50`,
    [end, unit],
  );

  const resolved = sum('resolved');
  const resolvedOnTime = sum('resolvedOnTime');
  const { from, to } = quarterDates(q);
  return {
    year: q.year,
    quarter: q.quarter,
    from,
    to,
    scope: {
      kind: scope.kind,
      unitId: scope.kind === 'province' ? null : scope.unitId,
      nameVi: scopeName[0]?.nameVi ?? '',
      nameEn: scopeName[0]?.nameEn ?? '',
    },
    generatedAt: now.toISOString(),
    summary: {
      newCount: sum('newCount'),
      resolved,
      resolvedOnTime,
      onTimeRate: rate(resolvedOnTime, resolved),
      closed: unitRows.reduce((n, u) => n + (u.closed as number), 0),
      breached: sum('breached'),
      escalated: sum('escalated'),
      overdueNow: sum('overdueNow'),
    },
    emergingIssues,
    units,
    overdueItems: overdueItems.map((i) => ({
      ...i,
      resolutionDueAt: i.resolutionDueAt ? new Date(i.resolutionDueAt).toISOString() : null,
    })),
  };
}
