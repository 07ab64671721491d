export const ROLES = [
  'cadre',
  'unit-officer',
  'unit-head',
  'standing-committee',
  'leadership-viewer',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** The person acting, as the lifecycle sees them. */
export interface ActorContext {
  userId: string;
  role: Role;
  unitId: string | null;
}
