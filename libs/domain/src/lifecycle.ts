import type { Outcome, RecommendationStatus } from './recommendation';
import type { ActorContext, Role } from './roles';

/**
 * The lifecycle of one recommendation (PRODUCT.md steps 2–7) as a pure state machine. The workflow's
 * update validators, the API's "allowed actions" and the UI all ask this module; nothing else encodes
 * these rules.
 */
export const ACTIONS = [
  'route',
  'acknowledge',
  'coordinate',
  'request-info',
  'provide-info',
  'transfer',
  'progress',
  'resolve',
  'feedback',
  'verify',
  'directive',
  'request-extension',
  'decide-extension',
] as const;
export type Action = (typeof ACTIONS)[number];

export type ActionInput =
  | { action: 'route'; leadUnitId: string; coordinatingUnitIds: string[]; note?: string }
  | { action: 'acknowledge'; note?: string }
  | { action: 'coordinate'; opinion: string }
  | { action: 'request-info'; question: string }
  | { action: 'provide-info'; answer: string }
  | { action: 'transfer'; reason: string; toUnitId: string | null }
  | { action: 'progress'; note: string }
  | {
      action: 'resolve';
      response: string;
      outcome: Outcome;
      planDate?: string;
      budgetYear?: number;
      reason?: string;
    }
  | { action: 'feedback'; verdict: 'accept' | 'dispute'; reason?: string }
  | { action: 'verify'; verdict: 'done' | 'reopen'; reason?: string }
  | {
      action: 'directive';
      kind: 'new-deadline' | 'new-lead-unit' | 'close';
      reason: string;
      /** For a new deadline: a date, or a number of working days from the directive. */
      dueDate?: string;
      workingDays?: number;
      leadUnitId?: string;
    }
  | { action: 'request-extension'; workingDays: number; reason: string }
  | { action: 'decide-extension'; decision: 'approve' | 'refuse'; reason?: string };

/** Longest extension one request may ask for, in working days. */
export const MAX_EXTENSION_WORKING_DAYS = 60;

/** What the lifecycle needs to know about an item to decide. */
export interface LifecycleSnapshot {
  status: RecommendationStatus;
  submittedByUserId: string;
  leadUnitId: string | null;
  /** Coordinating units that have not yet given their opinion. */
  pendingCoordinationUnitIds: string[];
  /** Disputes the cadre has raised so far: the first goes back to the lead unit, the second up. */
  disputeCount: number;
  outcome: Outcome | null;
  /** The lead unit's supervising body: its heads decide extensions too. */
  supervisingUnitId: string | null;
  /** A pending extension request, decided one level up from whoever asked. */
  pendingExtension: { requestedByUserId: string } | null;
}

/** A unit's piece of work on an item: the lead ("chủ trì"), a coordinating opinion ("phối hợp"), triage, a directive. */
export type TaskRole = 'lead' | 'coordinating' | 'triage' | 'directive' | 'extension';
export type TaskStatus = 'open' | 'done' | 'cancelled';

export type RefusalCode = 'wrong-state' | 'not-allowed' | 'invalid';

export interface Refusal {
  code: RefusalCode;
  /** The request field concerned, for `invalid`. */
  field?: string;
  reason: string;
}

/** The statuses in which each action may happen. */
export const ACTION_STATES: Record<Action, readonly RecommendationStatus[]> = {
  route: ['triage'],
  acknowledge: ['routed'],
  coordinate: ['routed', 'in-progress', 'awaiting-info'],
  'request-info': ['in-progress'],
  'provide-info': ['awaiting-info'],
  transfer: ['routed', 'in-progress'],
  progress: ['in-progress'],
  resolve: ['in-progress'],
  feedback: ['resolved'],
  verify: ['awaiting-verification'],
  directive: ['standing-committee-review'],
  'request-extension': ['routed', 'in-progress', 'awaiting-info'],
  'decide-extension': ['routed', 'in-progress', 'awaiting-info'],
};

const UNIT_ROLES = new Set(['unit-officer', 'unit-head']);

/**
 * The roles that may ever take each action: the route-level rule. Who among them may act on a given item
 * (its lead unit, its submitter) is decided per item below.
 */
export const ACTION_ROLES: Record<Action, readonly Role[]> = {
  route: ['unit-officer', 'unit-head'],
  acknowledge: ['unit-officer', 'unit-head'],
  coordinate: ['unit-officer', 'unit-head'],
  'request-info': ['unit-officer', 'unit-head'],
  'provide-info': ['cadre'],
  transfer: ['unit-officer', 'unit-head'],
  progress: ['unit-officer', 'unit-head'],
  resolve: ['unit-officer', 'unit-head'],
  feedback: ['cadre'],
  verify: ['cadre'],
  directive: ['standing-committee'],
  'request-extension': ['unit-officer', 'unit-head'],
  'decide-extension': ['unit-head'],
};

/** Who may take each action, given the item. Returns the reason when the actor may not. */
function actorRefusal(snapshot: LifecycleSnapshot, actor: ActorContext, action: Action): string | null {
  const actsForLead =
    UNIT_ROLES.has(actor.role) && actor.unitId !== null && actor.unitId === snapshot.leadUnitId;
  switch (action) {
    case 'route':
      return actsForLead ? null : 'only the triage office routes an item no rule matched';
    case 'acknowledge':
    case 'request-info':
    case 'transfer':
    case 'progress':
    case 'resolve':
      return actsForLead ? null : 'only an officer or head of the lead unit may do this';
    case 'coordinate':
      return UNIT_ROLES.has(actor.role) &&
        actor.unitId !== null &&
        snapshot.pendingCoordinationUnitIds.includes(actor.unitId)
        ? null
        : 'only a coordinating unit whose opinion is pending may give it';
    case 'provide-info':
    case 'feedback':
    case 'verify':
      return actor.role === 'cadre' && actor.userId === snapshot.submittedByUserId
        ? null
        : 'only the cadre who submitted the item may do this';
    case 'directive':
      return actor.role === 'standing-committee'
        ? null
        : 'only a Standing Committee member may issue a directive';
    case 'request-extension':
      return actsForLead ? null : 'only an officer or head of the lead unit may ask for an extension';
    case 'decide-extension': {
      // One level up: the lead unit's head decides an officer's request, the supervising body's head any.
      const head = actor.role === 'unit-head' && actor.unitId !== null;
      const leadHead =
        head &&
        actor.unitId === snapshot.leadUnitId &&
        actor.userId !== snapshot.pendingExtension?.requestedByUserId;
      const supervisingHead = head && actor.unitId === snapshot.supervisingUnitId;
      return leadHead || supervisingHead
        ? null
        : 'only the head of the lead unit (not the requester) or of its supervising body may decide';
    }
  }
}

/** Checks the request's content: reasons where the rules ask for one, plan details for a planned outcome. */
export function inputRefusal(input: ActionInput, snapshot: LifecycleSnapshot): Refusal | null {
  const blank = (s: string | undefined) => s === undefined || s.trim() === '';
  const invalid = (field: string, reason: string): Refusal => ({ code: 'invalid', field, reason });
  switch (input.action) {
    case 'route':
      if (input.leadUnitId === snapshot.leadUnitId)
        return invalid('leadUnitId', 'choose a unit other than the triage office');
      if (input.coordinatingUnitIds.includes(input.leadUnitId))
        return invalid('coordinatingUnitIds', 'the lead unit cannot also coordinate');
      return null;
    case 'transfer':
      if (blank(input.reason)) return invalid('reason', 'a transfer needs a reason');
      if (input.toUnitId !== null && input.toUnitId === snapshot.leadUnitId)
        return invalid('toUnitId', 'the item is already with this unit');
      return null;
    case 'resolve':
      if (blank(input.response)) return invalid('response', 'a written response is required');
      if (input.outcome === 'planned') {
        if (!input.planDate) return invalid('planDate', 'a planned outcome needs a plan date');
        if (!input.budgetYear) return invalid('budgetYear', 'a planned outcome needs a budget year');
      }
      if (input.outcome === 'not-accepted' && blank(input.reason))
        return invalid('reason', 'not accepting a recommendation needs a reason');
      return null;
    case 'feedback':
      return input.verdict === 'dispute' && blank(input.reason)
        ? invalid('reason', 'a dispute needs a reason')
        : null;
    case 'verify':
      return input.verdict === 'reopen' && blank(input.reason)
        ? invalid('reason', 'reopening needs a reason')
        : null;
    case 'directive':
      if (blank(input.reason)) return invalid('reason', 'a directive needs a reason');
      if (input.kind === 'new-deadline' && !input.dueDate && input.workingDays === undefined)
        return invalid('dueDate', 'a new deadline needs a date or a number of working days');
      if (input.kind === 'new-deadline' && input.dueDate && input.workingDays !== undefined)
        return invalid('workingDays', 'give either a date or a number of working days, not both');
      if (input.kind === 'new-lead-unit' && !input.leadUnitId)
        return invalid('leadUnitId', 'a new lead unit must be named');
      return null;
    case 'request-extension':
      if (
        !Number.isInteger(input.workingDays) ||
        input.workingDays < 1 ||
        input.workingDays > MAX_EXTENSION_WORKING_DAYS
      )
        return invalid('workingDays', `an extension is 1 to ${MAX_EXTENSION_WORKING_DAYS} working days`);
      if (blank(input.reason)) return invalid('reason', 'an extension request needs a reason');
      return null;
    case 'decide-extension':
      return input.decision === 'refuse' && blank(input.reason)
        ? invalid('reason', 'refusing an extension needs a reason')
        : null;
    default:
      return null;
  }
}

/** Why this actor may not take this action now, or null when they may. State is checked first. */
export function checkAction(
  snapshot: LifecycleSnapshot,
  actor: ActorContext,
  action: Action,
): Refusal | null {
  if (!ACTION_STATES[action].includes(snapshot.status)) {
    return {
      code: 'wrong-state',
      reason: `"${action}" is not possible while the item is ${snapshot.status}`,
    };
  }
  const pending = pendingRefusal(snapshot, action);
  if (pending) return { code: 'wrong-state', reason: pending };
  const refusal = actorRefusal(snapshot, actor, action);
  return refusal ? { code: 'not-allowed', reason: refusal } : null;
}

/** Full check of one request: state, actor, then content. */
export function checkInput(
  snapshot: LifecycleSnapshot,
  actor: ActorContext,
  input: ActionInput,
): Refusal | null {
  return checkAction(snapshot, actor, input.action) ?? inputRefusal(input, snapshot);
}

/** The actions this actor may take on this item now. */
export function allowedActions(snapshot: LifecycleSnapshot, actor: ActorContext): Action[] {
  return ACTIONS.filter((action) => checkAction(snapshot, actor, action) === null);
}

/** The actions anyone could take in this state, for the 409 answer. */
export function actionsInState(snapshot: LifecycleSnapshot): Action[] {
  return ACTIONS.filter(
    (action) => ACTION_STATES[action].includes(snapshot.status) && pendingRefusal(snapshot, action) === null,
  );
}

/** Actions that also depend on something pending: an opinion, an extension request. */
function pendingRefusal(snapshot: LifecycleSnapshot, action: Action): string | null {
  if (action === 'coordinate' && snapshot.pendingCoordinationUnitIds.length === 0)
    return 'no coordinating opinion is pending';
  if (action === 'request-extension' && snapshot.pendingExtension)
    return 'an extension request is already waiting for a decision';
  if (action === 'decide-extension' && !snapshot.pendingExtension) return 'no extension request is pending';
  return null;
}

/** The status after a permitted action. */
export function nextStatus(snapshot: LifecycleSnapshot, input: ActionInput): RecommendationStatus {
  switch (input.action) {
    case 'route':
      return 'routed';
    case 'acknowledge':
    case 'provide-info':
    case 'progress':
      return 'in-progress';
    case 'coordinate':
    case 'request-extension':
    case 'decide-extension':
      return snapshot.status;
    case 'request-info':
      return 'awaiting-info';
    case 'transfer':
      return input.toUnitId === null ? 'triage' : 'routed';
    case 'resolve':
      return 'resolved';
    case 'feedback':
      if (input.verdict === 'accept') return snapshot.outcome === 'planned' ? 'planned' : 'closed';
      return snapshot.disputeCount === 0 ? 'in-progress' : 'standing-committee-review';
    case 'verify':
      return input.verdict === 'done' ? 'closed' : 'in-progress';
    case 'directive':
      return input.kind === 'close' ? 'closed' : input.kind === 'new-lead-unit' ? 'routed' : 'in-progress';
  }
}
