import type { UpdateDefinition } from '@temporalio/common';
import type { SubmissionRouting } from '@ngk/domain/deadline-plan';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import {
  ACTIONS,
  type Action,
  type ActionDay,
  type ActionInput,
  type ActorContext,
  type Deadline,
  type Outcome,
  type RecommendationStatus,
  type Refusal,
  type SubmissionInput,
  type WorkflowClockKind,
} from '@ngk/domain';

/** Start argument of one recommendation's workflow. */
export interface RecommendationWorkflowInput {
  recommendationId: string;
  submission: SubmissionInput;
  submittedAt: string;
  /** The triage office and the Standing Committee, resolved by the API from reference data at submission. */
  triageUnitId: string;
  standingCommitteeUnitId: string;
  /** The submitting request, for the audit of the first event. */
  requestId?: string | null;
  /** Updates a run takes before it continues as new (absent on items started before: the default). */
  updatesPerRun?: number;
  /** Actions the item may take a day (absent on items started before: the default). */
  actionsPerItemPerDay?: number;
  /** What a run that continued as new hands to the next: the item as it stood, every event projected. */
  carried?: CarriedItem;
  /**
   * The item's first routing and the deadlines it starts, computed by the API before it started the
   * workflow (absent on items started before, and on a run that continued as new): the first workflow
   * task then needs no local activity to look them up.
   */
  routing?: SubmissionRouting;
}

/** The item's state carried into the next run, and the search attributes last sent. */
export interface CarriedItem {
  state: RecommendationState;
  indexed: { status: string; leadUnit: string; escalationLevel: number; dueAt: string | null };
  /** Ids of the last Updates taken: a retry that reaches the next run is answered, not taken again. */
  recentUpdateIds?: string[];
}

/** What the workflow knows; the read model is its projection. */
export interface RecommendationState {
  recommendationId: string;
  submittedByUserId: string;
  status: RecommendationStatus;
  leadUnitId: string | null;
  coordinatingUnitIds: string[];
  pendingCoordinationUnitIds: string[];
  /** Coordinating units that gave their opinion; a transfer does not ask them again. */
  coordinationGivenUnitIds: string[];
  disputeCount: number;
  outcome: Outcome | null;
  planDate: string | null;
  /** The SLA policy in force (the routing rule's), and the lead unit's supervising body. */
  policyCode: string | null;
  supervisingUnitId: string | null;
  /** 0 none; 1 the lead unit's head and supervising body told; 2 the Standing Committee must rule. */
  escalationLevel: number;
  /** A task deadline (triage, acknowledgement or resolution) has passed and the task is still open. */
  overdue: boolean;
  pendingExtension: PendingExtension | null;
  extensionCount: number;
  /** Deadlines running now. */
  clocks: Clock[];
  lastEventSeq: number;
  /** Events the read model has confirmed; an answer is sent only once the read model shows it. */
  projectedSeq: number;
  /** Actions taken today (absent until the first action under the daily cap). */
  actionDay?: ActionDay;
  /**
   * Whether the item stays open to reopening for the policy's window after it closes: true for items
   * started since reopening exists, absent on items started before (they end when they close).
   */
  reopenable?: boolean;
  /** The Standing Committee's "close" directive closed it: no reopening (absent: false). */
  closedByDirective?: boolean;
  /** How many times the cadre has reopened it after it closed (absent: none). */
  reopenedCount?: number;
  /** The cadre whose steps the item waits for, set by a handover (absent: the submitter). */
  cadreInChargeUserId?: string;
  /** The item this one duplicates, merged into it: closed for good (absent: not a duplicate). */
  duplicateOfId?: string;
}

/** One running deadline. */
export interface Clock {
  kind: WorkflowClockKind;
  /** The unit it binds (a coordinating unit's opinion), or null for the item's own clocks. */
  unitId: string | null;
  dueAt: string;
  /** The local date it falls due: extensions count from it. */
  dueDate: string;
  /** Reminders not yet sent, earliest first. */
  remindAt: string[];
  /** Whole working days left while paused (waiting for the cadre); null while running. */
  pausedLeft: number | null;
  pausedAt: string | null;
  /** It fell due and the work is still open. */
  missed: boolean;
  /** For the deadlines of the unit holding the item: when a breach still open goes to level 2. */
  escalation: Deadline | null;
}

export interface PendingExtension {
  requestedByUserId: string;
  workingDays: number;
  reason: string;
  /** Whose head decides: the lead unit's, or its supervising body's when the lead's head asked. */
  approverUnitId: string;
}

/** A person's action on the item, as sent to the workflow. */
export interface ActionRequest {
  actor: ActorContext;
  input: ActionInput;
  /** The HTTP request, recorded with the event for the audit. */
  requestId?: string | null;
}

/**
 * A reassignment of the item's commune hands the item, waiting for its cadre, to the commune's new cadre
 * (sent by the API as the admin records the reassignment; the Update id is derived from the assignment,
 * so a retry hands over once).
 */
export interface HandOverRequest {
  /** The new cadre's assignment, and the decision ("Quyết định …") that made it. */
  assignmentId: string;
  decisionNo: string;
  fromUserId: string;
  toUserId: string;
  /** The new cadre's name, for the event's wording. */
  toDisplayName: string;
  /** The admin who recorded the reassignment, and the request. */
  actorUserId: string;
  requestId?: string | null;
}

/** Details of a refused action, carried by the ApplicationFailure whose type is the refusal code. */
export interface RefusalDetails extends Refusal {
  status: RecommendationStatus;
  /** What this actor could do instead. */
  allowedActions: Action[];
}

export const RECOMMENDATION_WORKFLOW_TYPE = 'recommendationWorkflow';

export const getStateQuery = defineQuery<RecommendationState>('getState');

/**
 * What a submission, an action or a handover is answered with: the item's status and the last event the
 * read model shows, which the caller reads the rest from. Not the whole state: an Update's answer is kept
 * in the item's history once per action, so over a long life the state would be most of the history.
 */
export interface UpdateOutcome {
  status: RecommendationStatus;
  lastEventSeq: number;
}

/** Sent with the start (update-with-start): answers once the item is routed and the read model shows it. */
export const submitUpdate = defineUpdate<UpdateOutcome>('submit');

/** Hands the item to another cadre, answered once the read model shows it; refused when it waits for no cadre. */
export const handOverUpdate = defineUpdate<UpdateOutcome, [HandOverRequest]>('hand-over');

/** The Update id of one assignment's handover of one item: a retry of it is taken once. */
export function handOverUpdateId(assignmentId: string): string {
  return `hand-over-${assignmentId}`;
}

/** One Workflow Update per human action, named after it, each answered once the read model shows it. */
export const actionUpdates = Object.fromEntries(
  ACTIONS.map((action) => [action, defineUpdate<UpdateOutcome, [ActionRequest]>(action)]),
) as Record<Action, UpdateDefinition<UpdateOutcome, [ActionRequest]>>;

/** A duplicate merged into this item, as its own workflow tells it: the original's timeline notes it. */
export interface DuplicateMerged {
  duplicate: { id: string; reference: string; title: string };
  reason: string;
  /** Who marked it, from the duplicate's lead unit. */
  actorUserId: string;
  actorUnitId: string | null;
  actorRole: string;
}

/** Sent by the duplicate's workflow once it has closed: the original records the merge in its timeline. */
export const duplicateMergedSignal = defineSignal<[DuplicateMerged]>('duplicate-merged');

/** A reorganization's order to one item: the ended units it may hold, each with its one successor. */
export interface ReorganizeRequest {
  reorganizationId: string;
  /** The decision as the timeline names it ("Nghị quyết số 12/NQ-HĐND ngày 2026-06-01"). */
  decision: string;
  /** Ended unit id → successor unit id. */
  moves: Record<string, string>;
  /** The units' names, for the timeline's words. */
  names: Record<string, string>;
}

/** What the item did with the order: moved (and the event recording it), or nothing it held had ended. */
export interface ReorganizeResult {
  moved: boolean;
  leadUnitId: string | null;
  seq: number;
}

/**
 * Sent by a reorganization's run, not by a person: the item's ended units are replaced by their
 * successors in its lead, coordinating and triage work. Its Update id is derived from the reorganization
 * and the item, so a repeated run or retried batch changes nothing twice.
 */
export const reorganizeUpdate = defineUpdate<ReorganizeResult, [ReorganizeRequest]>('reorganize');

/** The reorganize Update's id for one item: the same for every attempt of the same reorganization. */
export function reorganizeUpdateId(reorganizationId: string, recommendationId: string): string {
  return `reorganization-${reorganizationId}-${recommendationId}`;
}
