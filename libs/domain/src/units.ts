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
} as const;
