import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { handOverUpdate, handOverUpdateId } from '@ngk/definitions';
import type { Actor } from '../common/actor';
import type { DatedUnitRow } from '../common/dated-units.repository';
import { conflict, notFound } from '../common/error-codes';
import { ClockService } from '../calendar/clock.service';
import { assertInForce } from '../common/unit-validity';
import { unprocessable } from '../common/validation';
import type { CreateAssignmentDto, EndAssignmentDto, ReassignDto } from './assignments.dto';
import {
  AssignmentsRepository,
  isOverlap,
  type AssignmentRow,
  type AssignmentsTransaction,
} from './assignments.repository';

/** The kinds of unit a cadre follows. */
const FOLLOWED_KINDS = ['commune', 'district'];

/** The day before a YYYY-MM-DD date. */
function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Cadres' dated assignments to communes, each audited, and reassignments that hand the commune's
 * waiting items to the new cadre through each item's workflow.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly repository: AssignmentsRepository,
    private readonly temporal: Client,
    private readonly clock: ClockService,
  ) {}

  async ofUser(userId: string): Promise<AssignmentRow[]> {
    if (!(await this.repository.user(userId))) throw notFound('user.not-found', `user ${userId} not found`);
    return this.repository.ofUser(userId);
  }

  create(actor: Actor, userId: string, dto: CreateAssignmentDto): Promise<AssignmentRow> {
    if (dto.validTo && dto.validTo < dto.validFrom)
      throw unprocessable('validTo', 'range.end-before-start', 'validTo must not be before validFrom');
    return this.repository.transaction(async (tx) => {
      const user = await tx.user(userId);
      if (!user) throw notFound('user.not-found', `user ${userId} not found`);
      if (user.role !== 'cadre')
        throw unprocessable('userId', 'assignment.not-a-cadre', 'only a cadre is assigned communes');
      await followedUnit(tx, dto.unitId, this.clock.today());
      const after = await insertOrRefuse(tx, actor, { ...dto, userId, validTo: dto.validTo ?? null });
      await tx.audit(actor, {
        entity: 'cadre_assignment',
        key: after.id,
        action: 'create',
        before: null,
        after,
      });
      return after;
    });
  }

  /** A new last day for an assignment (null: it runs on). */
  end(actor: Actor, id: string, dto: EndAssignmentDto): Promise<AssignmentRow> {
    return this.repository.transaction(async (tx) => {
      const before = await tx.lock(id);
      if (!before) throw notFound('assignment.not-found', `assignment ${id} not found`);
      if (dto.validTo !== null && dto.validTo < before.validFrom)
        throw unprocessable(
          'validTo',
          'range.end-before-start',
          `validTo must not be before the first day, ${before.validFrom}`,
        );
      let after: AssignmentRow;
      try {
        after = await tx.setValidTo(id, dto.validTo);
      } catch (err) {
        throw isOverlap(err) ? overlapping() : err;
      }
      await tx.audit(actor, { entity: 'cadre_assignment', key: id, action: 'update', before, after });
      return after;
    });
  }

  /**
   * Moves a commune from one cadre to another by one decision, from a day on (today or earlier), then
   * hands over the commune's items waiting for the first cadre. A retry of the same reassignment writes
   * nothing again and hands over what is still to hand over: each item's Update id is derived from the new
   * assignment, so no item is handed over twice.
   */
  async reassign(actor: Actor, dto: ReassignDto) {
    if (dto.validFrom > this.clock.today())
      throw unprocessable(
        'validFrom',
        'assignment.handover-in-future',
        'a reassignment takes effect today or earlier: record it on its first day',
      );
    if (dto.fromUserId === dto.toUserId)
      throw unprocessable('toUserId', 'handover.same-cadre', 'the commune goes to another cadre');
    const { ended, started, to } = await this.repository.transaction(async (tx) => {
      const from = await tx.user(dto.fromUserId);
      if (!from) throw unprocessable('fromUserId', 'reference.unknown-user', 'no such user');
      const to = await tx.user(dto.toUserId);
      if (!to) throw unprocessable('toUserId', 'reference.unknown-user', 'no such user');
      if (to.role !== 'cadre' || !to.active)
        throw unprocessable('toUserId', 'assignment.not-a-cadre', 'the commune goes to an active cadre');
      await followedUnit(tx, dto.unitId, this.clock.today());
      const recorded = await tx.find(dto.toUserId, dto.unitId, dto.decisionNo, dto.validFrom);
      if (recorded) return { ended: null, started: recorded, to };
      const leaving = await tx.lockInForce(dto.fromUserId, dto.unitId, dto.validFrom);
      if (!leaving)
        throw unprocessable(
          'fromUserId',
          'assignment.not-assigned',
          'this cadre has no assignment of the unit on validFrom',
        );
      if (leaving.validFrom >= dto.validFrom)
        throw unprocessable(
          'validFrom',
          'range.end-before-start',
          `the leaving cadre's assignment begins on ${leaving.validFrom}: the new one must begin after it`,
        );
      const ended = await tx.setValidTo(leaving.id, dayBefore(dto.validFrom));
      await tx.audit(actor, {
        entity: 'cadre_assignment',
        key: ended.id,
        action: 'update',
        before: leaving,
        after: ended,
      });
      const started = await insertOrRefuse(tx, actor, {
        userId: dto.toUserId,
        unitId: dto.unitId,
        decisionNo: dto.decisionNo,
        validFrom: dto.validFrom,
        validTo: null,
      });
      await tx.audit(actor, {
        entity: 'cadre_assignment',
        key: started.id,
        action: 'create',
        before: null,
        after: started,
      });
      return { ended, started, to };
    });
    const handedOver: string[] = [];
    const unchanged: string[] = [];
    for (const item of await this.repository.waitingFor(dto.unitId, dto.fromUserId)) {
      const handle = this.temporal.workflow.getHandle(item.workflowId);
      try {
        await handle.executeUpdate(handOverUpdate, {
          updateId: handOverUpdateId(started.id),
          args: [
            {
              assignmentId: started.id,
              decisionNo: started.decisionNo,
              fromUserId: dto.fromUserId,
              toUserId: dto.toUserId,
              toDisplayName: to.displayName,
              actorUserId: actor.userId,
              requestId: actor.requestId ?? null,
            },
          ],
        });
        handedOver.push(item.id);
      } catch (err) {
        // The item moved on since it was read (answered, closed): it no longer waits for the cadre.
        const refused = err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure;
        if (!refused && !(err instanceof WorkflowNotFoundError)) throw err;
        unchanged.push(item.id);
      }
    }
    return { ended, started, handedOver, unchanged };
  }
}

/** The unit a cadre is assigned: a commune or district, in force `today` (the server's clock). */
async function followedUnit(
  tx: AssignmentsTransaction,
  unitId: string,
  today: string,
): Promise<DatedUnitRow> {
  const unit = (await tx.datedUnits([unitId])).get(unitId);
  if (!unit) throw unprocessable('unitId', 'reference.unknown-unit', 'no such unit');
  if (!FOLLOWED_KINDS.includes(unit.kind))
    throw unprocessable('unitId', 'reference.followed-unit-kind', 'a cadre follows a commune or district');
  assertInForce('unitId', unit, today);
  return unit;
}

async function insertOrRefuse(
  tx: AssignmentsTransaction,
  actor: Actor,
  assignment: Parameters<AssignmentsTransaction['insert']>[1],
): Promise<AssignmentRow> {
  try {
    return await tx.insert(actor, assignment);
  } catch (err) {
    throw isOverlap(err) ? overlapping() : err;
  }
}

function overlapping() {
  return conflict(
    'assignment.overlap',
    'the cadre is already assigned this unit on some of these days',
    'validFrom',
  );
}
