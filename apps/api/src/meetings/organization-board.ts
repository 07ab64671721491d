import type { Actor } from '../common/actor';

/** Unit codes of the bodies some screens and rules belong to (libs/persistence seed reference data). */
export const ORGANIZATION_BOARD = 'organization-board';
export const PARTY_OFFICE = 'party-office';

/** Whether the actor is on the staff (officer or head) of the unit with this code. */
export function staffOf(actor: Pick<Actor, 'role' | 'unitCode'>, unitCode: string): boolean {
  return (actor.role === 'unit-officer' || actor.role === 'unit-head') && actor.unitCode === unitCode;
}
