import { UnprocessableEntityException } from '@nestjs/common';
import { unitStanding } from '@ngk/domain';
import type { DatedUnitRow } from './dated-units.repository';

/**
 * Refuses a unit named for new work (a submission's locality, a rule's units, a transfer, a directive,
 * an account) that has ended or not yet begun on `day` (today on the server's clock, ClockService),
 * naming its successors so the client can offer them.
 */
export function assertInForce(field: string, unit: DatedUnitRow, day: string): void {
  const standing = unitStanding(unit, day);
  if (standing === 'in-force') return;
  const ended = standing === 'ended';
  const code = ended ? 'reference.unit-ended' : 'reference.unit-not-begun';
  const reason = ended
    ? `${unit.code} ended on ${unit.validTo}` +
      (unit.successors.length ? `; its successor is ${unit.successors.map((s) => s.code).join(', ')}` : '')
    : `${unit.code} begins on ${unit.validFrom}`;
  const params: Record<string, string> = ended ? { validTo: unit.validTo! } : { validFrom: unit.validFrom };
  if (unit.successors.length) {
    params.successorIds = unit.successors.map((s) => s.id).join(', ');
    params.successorCodes = unit.successors.map((s) => s.code).join(', ');
    params.successorNames = unit.successors.map((s) => s.nameVi).join(', ');
  }
  throw new UnprocessableEntityException({
    statusCode: 422,
    error: 'Unprocessable Entity',
    message: reason,
    code,
    errors: [{ field, code, reason, params }],
  });
}
