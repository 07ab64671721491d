import { Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { planItem, successionOf, type Succession } from '@ngk/domain';
import { reorganizeUpdate, reorganizeUpdateId } from '@ngk/definitions';
import { ReorganizationRepository, type ClosedUnits } from './reorganization.repository';

/** Items sent their Update at once within a batch: enough to keep the worker busy, not to swamp it. */
const PARALLEL_ITEMS = 5;

/** How often a running batch tells Temporal it is alive, so a killed worker's batch is retried soon. */
const HEARTBEAT_MS = 2_000;

/** The decision as items' timelines name it: "Nghị quyết số 12/NQ-HĐND ngày 01/06/2026". */
export function decisionLabel(decisionNo: string, decisionDate: string): string {
  const [y, m, d] = decisionDate.split('-');
  return `${decisionNo} ngày ${d}/${m}/${y}`;
}

/**
 * A reorganization's run: the ended units closed with everything that names them, then each open item
 * they hold handed to the successor through the item's own workflow. Every step can run again and
 * changes nothing the second time.
 */
@Injectable()
export class ReorganizationActivities {
  constructor(
    private readonly repository: ReorganizationRepository,
    private readonly temporal: Client,
  ) {}

  /** Marks the run begun; returns the day it takes effect. */
  async beginReorganization(id: string): Promise<{ effectiveDate: string }> {
    const decision = await this.repository.begin(id);
    if (!decision) throw new Error(`reorganization ${id} not found`);
    return { effectiveDate: decision.effectiveDate };
  }

  /** Ends the units, names their successors, moves routing rules and accounts, lists the items to move. */
  async closeEndedUnits(id: string): Promise<ClosedUnits> {
    const decision = (await this.repository.begin(id))!;
    return this.repository.closeUnits(id, decisionLabel(decision.decisionNo, decision.decisionDate));
  }

  /**
   * Moves the next items still pending, recording each one's outcome; returns how many it looked at (0:
   * none was left). An item a killed batch moved without recording it is still pending, and its Update,
   * sent again with the same id, is answered without being taken twice.
   */
  async moveItemBatch(request: {
    reorganizationId: string;
    limit: number;
  }): Promise<{ looked: number; moved: number; review: number; skipped: number }> {
    const id = request.reorganizationId;
    const decision = (await this.repository.begin(id))!;
    const units = await this.repository.units(id);
    const succession = successionOf(units.map((u) => ({ unitId: u.unitId, successorId: u.successorId })));
    const names = Object.fromEntries(
      units.flatMap((u) => [
        [u.unitId, u.nameVi],
        ...(u.successorId ? [[u.successorId, u.successorNameVi!]] : []),
      ]),
    );
    const items = await this.repository.pendingItems(id, request.limit);
    const counts = { moved: 0, review: 0, skipped: 0 };
    const label = decisionLabel(decision.decisionNo, decision.decisionDate);
    const context = Context.current();
    const heartbeat = setInterval(() => context.heartbeat(), HEARTBEAT_MS);
    try {
      let next = 0;
      const lane = async () => {
        while (next < items.length) {
          const item = items[next++];
          const outcome = await this.moveItem(id, item, succession, label, names);
          counts[outcome]++;
        }
      };
      await Promise.all(Array.from({ length: PARALLEL_ITEMS }, lane));
    } finally {
      clearInterval(heartbeat);
    }
    return { looked: items.length, ...counts };
  }

  private async moveItem(
    id: string,
    item: { id: string; workflowId: string; leadUnitId: string | null; coordinatingUnitIds: string[] },
    succession: Succession,
    decision: string,
    names: Record<string, string>,
  ): Promise<'moved' | 'review' | 'skipped'> {
    const plan = planItem(item, succession);
    if (plan.kind === 'review') {
      await this.repository.record(id, item.id, 'review', {
        unitIds: plan.unitIds,
        reason: 'successor-ambiguous',
      });
      return 'review';
    }
    // No ended unit holds it in the read model: a batch that died may have moved it without recording
    // it. Sent again with the same id, its Update is answered as it was; an item never moved moves nothing.
    const moves = plan.kind === 'move' ? plan.moves : {};
    const involved = new Set(Object.entries(moves).flat());
    try {
      const result = await this.temporal.workflow.getHandle(item.workflowId).executeUpdate(reorganizeUpdate, {
        args: [
          {
            reorganizationId: id,
            decision,
            moves,
            names: Object.fromEntries(Object.entries(names).filter(([u]) => involved.has(u))),
          },
        ],
        updateId: reorganizeUpdateId(id, item.id),
      });
      const outcome = result.moved ? 'moved' : 'skipped';
      await this.repository.record(id, item.id, outcome, {
        moves,
        leadUnitId: result.leadUnitId,
        seq: result.seq,
        ...(result.moved ? {} : { reason: 'not-held' }),
      });
      return outcome;
    } catch (err) {
      // The item closed meanwhile (its workflow may be gone): nothing of it is held any more.
      if (err instanceof WorkflowNotFoundError || (await this.repository.closed(item.id))) {
        await this.repository.record(id, item.id, 'skipped', { reason: 'closed' });
        return 'skipped';
      }
      throw err;
    }
  }

  async finishReorganization(id: string): Promise<void> {
    await this.repository.finish(id);
  }
}
