import { WELL_KNOWN_UNITS, type Role } from '@ngk/domain';

/** What visibility depends on. */
export interface VisibilityActor {
  userId: string;
  role: Role;
  unitId: string | null;
  /** For a cadre: the units of the assignments in force today. */
  followedUnitIds: string[];
  /** The code of the user's unit, where known: the Standing Committee's secretariat sees as it does. */
  unitCode?: string | null;
}

/** Roles that see every item and the whole province's figures. */
const SEES_ALL: ReadonlySet<Role> = new Set(['standing-committee', 'leadership-viewer', 'admin']);

/** Roles that see what their own unit holds, held, coordinates or supervises. */
const UNIT_STAFF: ReadonlySet<Role> = new Set(['unit-officer', 'unit-head']);

/**
 * Who sees which items, for every read path that shows items (list, detail, timeline, CSV, tasks,
 * notifications): its submitter for ever, its cadre in charge, the cadres who follow it since their
 * duplicate merged into it, and the cadres whose assignments in force
 * today name its commune, the commune's district, or the commune that succeeded it in a merger; the units
 * that hold, held or coordinate it and the lead unit's supervising body; the Standing Committee and
 * its secretariat's staff, leadership viewers and admins see everything. Returns a condition on the items' alias, its parameters
 * appended to `params`, or null for everything.
 */
export function visibleItems(actor: VisibilityActor, params: unknown[], alias = 'r'): string | null {
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (SEES_ALL.has(actor.role)) return null;
  // The Standing Committee's secretariat builds its agenda from any item and records its rulings.
  if (UNIT_STAFF.has(actor.role) && actor.unitCode === WELL_KNOWN_UNITS.secretariat) return null;
  if (UNIT_STAFF.has(actor.role)) {
    if (!actor.unitId) return 'false';
    const unit = param(actor.unitId);
    return `(${alias}.lead_unit_id = ${unit} OR ${unit} = ANY(${alias}.coordinating_unit_ids)
             OR ${alias}.supervising_unit_id = ${unit}
             OR EXISTS (SELECT 1 FROM tasks vt WHERE vt.recommendation_id = ${alias}.id AND vt.unit_id = ${unit}))`;
  }
  if (actor.role === 'cadre') {
    const user = param(actor.userId);
    const follows = param(actor.followedUnitIds);
    return `(${alias}.submitted_by = ${user} OR ${alias}.cadre_in_charge = ${user}
             OR EXISTS (SELECT 1 FROM recommendation_followers vf
                         WHERE vf.recommendation_id = ${alias}.id AND vf.user_id = ${user})
             OR ${alias}.locality_unit_id = ANY(${follows}::uuid[])
             OR EXISTS (SELECT 1 FROM units vl WHERE vl.id = ${alias}.locality_unit_id AND vl.parent_id = ANY(${follows}::uuid[]))
             OR EXISTS (SELECT 1 FROM unit_successors vs
                         WHERE vs.unit_id = ${alias}.locality_unit_id AND vs.successor_id = ANY(${follows}::uuid[])))`;
  }
  return 'false';
}

/**
 * Whose figures (dashboard, reports) an actor reads, counted by lead unit: leadership reads the unit
 * asked or the whole province (`own` false), unit staff their own unit only (`own` true). Null: the
 * actor may not read what was asked.
 */
export function visibleFigures(
  actor: VisibilityActor,
  askedUnitId: string | undefined,
): { unitId: string | undefined; own: boolean } | null {
  if (SEES_ALL.has(actor.role)) return { unitId: askedUnitId, own: false };
  if (!UNIT_STAFF.has(actor.role) || !actor.unitId) return null;
  if (askedUnitId && askedUnitId !== actor.unitId) return null;
  return { unitId: actor.unitId, own: true };
}
