/** Kinds of public bodies a recommendation can be routed to or raised from. */
export const UNIT_KINDS = [
  'province',
  'standing-committee',
  'triage-office',
  'party-board',
  'provincial-committee',
  'department',
  'district',
  'commune',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface UnitRef {
  id: string;
  code: string;
  kind: UnitKind;
  name: string;
}

/** Codes the lifecycle refers to by role, not by name: data may rename them, code never does. */
export const WELL_KNOWN_UNITS = {
  standingCommittee: 'standing-committee',
  triageOffice: 'party-office',
  // The Party Office is also the Standing Committee's secretariat: it keeps the committee's agenda.
  secretariat: 'party-office',
  // Follows the cadres' reports, meetings and records.
  organizationBoard: 'organization-board',
} as const;

/** A unit's validity: its first and last day (local dates, YYYY-MM-DD), the last open-ended when null. */
export interface DatedUnit {
  validFrom: string;
  validTo: string | null;
}

export type UnitStanding = 'in-force' | 'ended' | 'not-begun';

/** Whether a unit can be named for new work on a day: it has begun and not ended. */
export function unitStanding(unit: DatedUnit, day: string): UnitStanding {
  if (unit.validTo !== null && unit.validTo < day) return 'ended';
  if (unit.validFrom > day) return 'not-begun';
  return 'in-force';
}

/** Why a unit cannot name these successors, or null when it can. */
export type SuccessorProblem =
  { rule: 'self' | 'cycle' | 'not-valid-after-end'; successorId: string } | { rule: 'without-end' };

/** The day after a local date. */
function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * Checks the successors a unit is to name: never itself, never a unit that leads back to it through the
 * successor links already recorded (`successorsOf`, the unit's own links left out), and each in force
 * on the day after the unit's last day, which the unit must therefore have.
 */
export function successorProblem(
  unitId: string,
  unit: DatedUnit,
  successors: (DatedUnit & { id: string })[],
  successorsOf: (id: string) => readonly string[],
): SuccessorProblem | null {
  if (successors.length === 0) return null;
  const self = successors.find((s) => s.id === unitId);
  if (self) return { rule: 'self', successorId: self.id };
  if (unit.validTo === null) return { rule: 'without-end' };
  const firstDayAfter = nextDay(unit.validTo);
  for (const successor of successors) {
    if (unitStanding(successor, firstDayAfter) !== 'in-force')
      return { rule: 'not-valid-after-end', successorId: successor.id };
  }
  for (const successor of successors) {
    const seen = new Set<string>();
    const stack = [successor.id];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === unitId) return { rule: 'cycle', successorId: successor.id };
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...successorsOf(id));
    }
  }
  return null;
}
