import {
  matchRoutingRule,
  routingClockKinds,
  type RoutingDecision,
  type RoutingRule,
  type TimeScale,
} from '@ngk/domain';
import {
  planDeadlines,
  type DeadlineReference,
  type PolicySelector,
  type SubmissionRouting,
  type SubmissionRoutingRequest,
} from '@ngk/domain/deadline-plan';
import { prepared } from './prepared';
import type { Queryable } from './returning';

/**
 * What a routing decision is made on, in one round trip: the locality and its ancestors, most specific
 * first, and the active rules for this category or for any category.
 */
export async function routingLookup(
  db: Queryable,
  unitId: string,
  categoryCode: string,
): Promise<{ localityPath: string[]; rules: RoutingRule[] }> {
  const [row] = (await db.query(
    prepared(`WITH RECURSIVE up(id, parent_id, depth) AS (
       SELECT id, parent_id, 0 FROM units WHERE id = $1
       UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id
     )
     SELECT (SELECT array_agg(id ORDER BY depth) FROM up) AS "localityPath",
            (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                      'id', id, 'categoryCode', category_code, 'localityUnitId', locality_unit_id,
                      'leadUnitId', lead_unit_id, 'coordinatingUnitIds', coordinating_unit_ids,
                      'slaPolicyCode', sla_policy_code, 'priority', priority)), '[]'::jsonb)
               FROM routing_rules WHERE active AND (category_code = $2 OR category_code IS NULL)) AS rules`),
    [unitId, categoryCode],
  )) as { localityPath: string[] | null; rules: RoutingRule[] }[];
  return { localityPath: row.localityPath ?? [], rules: row.rules };
}

/** The routing rule's decision, or null when no rule matches and the triage office must route by hand. */
export async function findRouting(
  db: Queryable,
  lookup: { categoryCode: string; localityUnitId: string },
): Promise<RoutingDecision | null> {
  const { localityPath, rules } = await routingLookup(db, lookup.localityUnitId, lookup.categoryCode);
  return matchRoutingRule(rules, { categoryCode: lookup.categoryCode, localityPath });
}

/**
 * What a deadline is computed from, in one round trip: the best-matching policy (null when none is
 * defined), every override of the calendar, and the body that supervises `unitId` when one is named.
 */
export async function deadlineReference(
  db: Queryable,
  selector: PolicySelector,
  unitId: string | null = null,
): Promise<DeadlineReference> {
  const [row] = (await db.query(
    prepared(`SELECT (SELECT jsonb_build_object('code', code, 'reminderPoints', reminder_points, 'days', to_jsonb(p))
               FROM sla_policies p
              WHERE code = $1 OR category_code = $2 OR category_code IS NULL
              ORDER BY (urgency = $3) DESC, COALESCE(code = $1, false) DESC, (category_code IS NULL), code
              LIMIT 1) AS policy,
            (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                      'date', to_char(date, 'YYYY-MM-DD'), 'kind', kind, 'name', name)), '[]'::jsonb)
               FROM calendar_overrides) AS overrides,
            (SELECT COALESCE(supervisor_id, parent_id) FROM units WHERE id = $4) AS "supervisingUnitId"`),
    [selector.policyCode, selector.categoryCode, selector.urgency, unitId],
  )) as DeadlineReference[];
  return row;
}

/**
 * A submission's first routing: the rule's decision (or the triage office when none matches) and the
 * deadlines of the clocks it starts, planned on the policy the rule names. The API computes it before it
 * starts the item's workflow, which takes it from its input; the worker's `routeSubmission` activity
 * computes the same for a workflow started without it.
 */
export async function routeSubmission(
  db: Queryable,
  scale: TimeScale,
  request: SubmissionRoutingRequest,
): Promise<SubmissionRouting> {
  const { categoryCode, localityUnitId, urgency, triageUnitId, from } = request;
  const decision = await findRouting(db, { categoryCode, localityUnitId });
  const leadUnitId = decision?.leadUnitId ?? triageUnitId;
  const opensCoordination = (decision?.coordinatingUnitIds ?? []).some((u) => u !== leadUnitId);
  const reference = await deadlineReference(
    db,
    { policyCode: decision?.slaPolicyCode ?? null, categoryCode, urgency },
    leadUnitId,
  );
  const plan = planDeadlines(reference, scale, from, routingClockKinds(decision === null, opensCoordination));
  return { decision, plan };
}
