import { ApplicationFailure } from '@temporalio/workflow';
import { allowedActions, reopenWindowAt, type ActorContext, type LifecycleSnapshot } from '@ngk/domain';
import type {
  CarriedItem,
  RecommendationState,
  RecommendationWorkflowInput,
  RefusalDetails,
} from '@ngk/definitions';
import type { PolicySelector } from '@ngk/activities/sla.activities';
import { Clocks } from './clocks';
import { Patches } from './patches';
import { Projector, type EventDraft } from './projector';
import { Turns } from './turns';

/** One recommendation as its workflow holds it: the state queries return, its clocks, its events. */
export class Item {
  readonly state: RecommendationState;
  readonly clocks: Clocks;
  readonly projector: Projector;
  readonly turns: Turns;
  /** Which patched branches this run takes, decided as it starts. */
  readonly patches: Patches;

  constructor(readonly input: RecommendationWorkflowInput) {
    this.patches = Patches.atStart();
    this.state = input.carried?.state ?? {
      recommendationId: input.recommendationId,
      submittedByUserId: input.submission.submittedByUserId,
      status: 'submitted',
      leadUnitId: null,
      coordinatingUnitIds: [],
      pendingCoordinationUnitIds: [],
      coordinationGivenUnitIds: [],
      disputeCount: 0,
      outcome: null,
      planDate: null,
      policyCode: null,
      supervisingUnitId: null,
      escalationLevel: 0,
      overdue: false,
      pendingExtension: null,
      extensionCount: 0,
      clocks: [],
      lastEventSeq: 0,
      projectedSeq: 0,
    };
    this.clocks = new Clocks(this.state, this.now);
    this.projector = new Projector(this.state, this.clocks, this.now, input.carried?.indexed);
    this.turns = new Turns(() => this.projector.drained(), this.patches);
  }

  /** Workflow time: deterministic, replayed as it was. */
  readonly now = (): string => new Date().toISOString();

  /** Which SLA policy the item's deadlines come from. */
  policy(): PolicySelector {
    const { submission } = this.input;
    return {
      policyCode: this.state.policyCode,
      categoryCode: submission.categoryCode,
      urgency: submission.urgency,
    };
  }

  /** What the next run needs to go on where this one stops: every event recorded is projected by then. */
  carry(): CarriedItem {
    return { state: this.state, indexed: this.projector.indexedAttributes() };
  }

  record(statusAfter: RecommendationState['status'], draft: EventDraft): Promise<void> {
    return this.projector.record(statusAfter, draft);
  }

  /** What the lifecycle needs to decide. */
  snapshot(): LifecycleSnapshot {
    const { state } = this;
    return {
      status: state.status,
      submittedByUserId: state.submittedByUserId,
      cadreInChargeUserId: state.cadreInChargeUserId,
      leadUnitId: state.leadUnitId,
      pendingCoordinationUnitIds: state.pendingCoordinationUnitIds,
      disputeCount: state.disputeCount,
      outcome: state.outcome,
      supervisingUnitId: state.supervisingUnitId,
      pendingExtension: state.pendingExtension,
      reopenedCount: state.reopenedCount ?? 0,
      reopenWindow: reopenWindowAt(
        {
          reopenUntil: this.clocks.find('reopen')?.dueAt ?? null,
          closedByDirective: state.closedByDirective ?? false,
          duplicateOfId: state.duplicateOfId ?? null,
        },
        Date.parse(this.now()),
      ),
    };
  }

  /** Refuses a request: the caller learns why and what it could do instead; nothing is written. */
  refuse(
    refusal: RefusalDetails | Omit<RefusalDetails, 'status' | 'allowedActions'>,
    actor?: ActorContext,
  ): never {
    const details: RefusalDetails = {
      ...refusal,
      status: this.state.status,
      allowedActions: actor ? allowedActions(this.snapshot(), actor) : [],
    };
    throw ApplicationFailure.create({
      type: refusal.code,
      message: refusal.reason,
      details: [details],
      nonRetryable: true,
    });
  }
}
