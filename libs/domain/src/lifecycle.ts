import { budgetYearFitsPlanDate } from './budget';
import { cadreInCharge } from './handover';
import {
  ACTION_CATALOGUE,
  ACTIONS,
  type Action,
  type ActionInput,
  type ActionSpec,
} from './catalogue/actions';
import type { Outcome, RecommendationStatus } from './recommendation';
import type { LifecycleRefusalCode } from './refusal-codes';
import type { ActorContext } from './roles';

// The lifecycle of one recommendation (PRODUCT.md steps 2–7) as a pure state machine. The workflow's
// update validators, the API's "allowed actions" and the UI all ask this module; nothing else encodes
// these rules. What each action is (roles, states, input, route, events) is in the action catalogue.

/** Longest extension one request may ask for, in working days. */
export const MAX_EXTENSION_WORKING_DAYS = 60;

/** What the lifecycle needs to know about an item to decide. */
export interface LifecycleSnapshot {
  status: RecommendationStatus;
  submittedByUserId: string;
  /** The cadre whose steps these are since a handover (absent or null: the submitter). */
  cadreInChargeUserId?: string | null;
  leadUnitId: string | null;
  /** Coordinating units that have not yet given their opinion. */
  pendingCoordinationUnitIds: string[];
  /** Disputes the cadre has raised so far: the first goes back to the lead unit, the second up. */
  disputeCount: number;
  outcome: Outcome | null;
  /** The lead unit's supervising body: its heads decide extensions too. */
  supervisingUnitId: string | null;
  /** A pending extension request, decided one level up from whoever asked. */
  pendingExtension: {
    requestedByUserId: string;
    /** The unit whose head decides, named when the request was made (absent on items read before). */
    approverUnitId?: string;
  } | null;
  /** For a closed item: whether its cadre may still reopen it (absent: no window, as for older items). */
  reopenWindow?: ReopenWindow;
  /** Times its cadre reopened it after closure: it was answered before (absent: never). */
  reopenedCount?: number;
}

/**
 * A closed item's reopening window: open, ended (or never offered, for items closed before reopening
 * existed), or shut for good by the Standing Committee's "close" directive or by merging it into the
 * item it duplicates (its cadre follows that one instead).
 */
export type ReopenWindow = 'open' | 'ended' | 'closed-by-directive' | 'closed-as-duplicate';

/** The window as of `now`, from the end the workflow set when the item closed and how it closed. */
export function reopenWindowAt(
  facts: { reopenUntil: string | Date | null; closedByDirective: boolean; duplicateOfId?: string | null },
  now: number,
): ReopenWindow {
  if (facts.closedByDirective) return 'closed-by-directive';
  if (facts.duplicateOfId) return 'closed-as-duplicate';
  return facts.reopenUntil !== null && now < new Date(facts.reopenUntil).getTime() ? 'open' : 'ended';
}

/** A unit's piece of work on an item: the lead ("chủ trì"), a coordinating opinion ("phối hợp"), triage, a directive. */
export type TaskRole = 'lead' | 'coordinating' | 'triage' | 'directive' | 'extension';
export type TaskStatus = 'open' | 'done' | 'cancelled';

/** `rate-limited`: the item has taken as many actions as it may today (429 with Retry-After). */
export type RefusalCode = 'wrong-state' | 'not-allowed' | 'invalid' | 'rate-limited';

export interface Refusal {
  /** The kind of refusal, which decides the HTTP status (409, 403, 422, 429). */
  code: RefusalCode;
  /** The rule that refused, stable for clients to word in their own language. */
  rule: LifecycleRefusalCode;
  /** The request field concerned, for `invalid`. */
  field?: string;
  /** The rule in English, for logs and API users. */
  reason: string;
  /** Values the rule's wording names (the action, the status, a limit). */
  params?: Record<string, string | number>;
}

/** A refusal's rule and its English wording, before its kind is known. */
type RuleRefusal = { rule: LifecycleRefusalCode; reason: string };

/** One property of every action, read from the catalogue. */
function eachAction<K extends keyof ActionSpec>(key: K): Readonly<Record<Action, ActionSpec[K]>> {
  const catalogue: Record<Action, ActionSpec> = ACTION_CATALOGUE;
  return Object.fromEntries(ACTIONS.map((action) => [action, catalogue[action][key]])) as Record<
    Action,
    ActionSpec[K]
  >;
}

/** The statuses in which each action may happen. */
export const ACTION_STATES = eachAction('states');

/**
 * The roles that may ever take each action: the route-level rule. Who among them may act on a given item
 * (its lead unit, its submitter) is decided per item below.
 */
export const ACTION_ROLES = eachAction('roles');

const UNIT_ROLES = new Set(['unit-officer', 'unit-head']);

/** Who may take each action, given the item. Returns the reason when the actor may not. */
function actorRefusal(snapshot: LifecycleSnapshot, actor: ActorContext, action: Action): RuleRefusal | null {
  const refuse = (rule: LifecycleRefusalCode, reason: string): RuleRefusal => ({ rule, reason });
  const actsForLead =
    UNIT_ROLES.has(actor.role) && actor.unitId !== null && actor.unitId === snapshot.leadUnitId;
  switch (action) {
    case 'route':
      return actsForLead
        ? null
        : refuse('lifecycle.only-triage-office', 'only the triage office routes an item no rule matched');
    case 'acknowledge':
    case 'request-info':
    case 'transfer':
    case 'progress':
    case 'resolve':
      return actsForLead
        ? null
        : refuse('lifecycle.only-lead-unit', 'only an officer or head of the lead unit may do this');
    case 'coordinate':
      return UNIT_ROLES.has(actor.role) &&
        actor.unitId !== null &&
        snapshot.pendingCoordinationUnitIds.includes(actor.unitId)
        ? null
        : refuse(
            'lifecycle.only-pending-coordinator',
            'only a coordinating unit whose opinion is pending may give it',
          );
    case 'provide-info':
    case 'feedback':
    case 'verify':
    case 'reopen':
      // The code keeps its published name: the submitter is the cadre in charge until a handover.
      return actor.role === 'cadre' && actor.userId === cadreInCharge(snapshot)
        ? null
        : refuse(
            'lifecycle.only-submitter',
            'only the cadre in charge of the item (its submitter until a handover) may do this',
          );
    case 'directive':
      return actor.role === 'standing-committee'
        ? null
        : refuse(
            'lifecycle.only-standing-committee',
            'only a Standing Committee member may issue a directive',
          );
    case 'request-ruling':
      return (actor.role === 'unit-head' && actsForLead) ||
        (actor.role === 'cadre' && actor.userId === cadreInCharge(snapshot))
        ? null
        : refuse(
            'lifecycle.only-lead-head-or-cadre',
            "only the lead unit's head or the item's cadre in charge may ask the Standing Committee to rule",
          );
    case 'request-extension':
    case 'mark-duplicate':
      return actsForLead
        ? null
        : refuse(
            'lifecycle.only-lead-unit',
            'only an officer or head of the lead unit may ask for an extension',
          );
    case 'decide-extension': {
      // One level up, as the request named: the lead unit's head decides an officer's request, the
      // supervising body's head a head's own; the supervising body's head may decide either.
      const head = actor.role === 'unit-head' && actor.unitId !== null;
      const pending = snapshot.pendingExtension;
      const approver = pending?.approverUnitId ?? snapshot.leadUnitId;
      const namedHead = head && actor.unitId === approver && actor.userId !== pending?.requestedByUserId;
      const supervisingHead = head && actor.unitId === snapshot.supervisingUnitId;
      return namedHead || supervisingHead
        ? null
        : refuse(
            'lifecycle.only-head-above',
            'only the head of the unit the request names (not the requester) or of the supervising body may decide',
          );
    }
  }
}

/** Checks the request's content: reasons where the rules ask for one, plan details for a planned outcome. */
export function inputRefusal(input: ActionInput, snapshot: LifecycleSnapshot): Refusal | null {
  const reasonRequired = (reason: string) => invalid('reason', 'lifecycle.reason-required', reason);
  switch (input.action) {
    case 'route':
      if (input.leadUnitId === snapshot.leadUnitId)
        return invalid(
          'leadUnitId',
          'lifecycle.route-to-triage-office',
          'choose a unit other than the triage office',
        );
      if (input.coordinatingUnitIds.includes(input.leadUnitId))
        return invalid(
          'coordinatingUnitIds',
          'lifecycle.lead-also-coordinates',
          'the lead unit cannot also coordinate',
        );
      return null;
    case 'transfer':
      if (blank(input.reason)) return reasonRequired('a transfer needs a reason');
      if (input.toUnitId !== null && input.toUnitId === snapshot.leadUnitId)
        return invalid('toUnitId', 'lifecycle.already-with-unit', 'the item is already with this unit');
      return null;
    case 'resolve':
      return resolveRefusal(input);
    case 'feedback':
      return input.verdict === 'dispute' && blank(input.reason)
        ? reasonRequired('a dispute needs a reason')
        : null;
    case 'verify':
      return input.verdict === 'reopen' && blank(input.reason)
        ? reasonRequired('reopening needs a reason')
        : null;
    case 'directive':
      if (blank(input.reason)) return reasonRequired('a directive needs a reason');
      if (input.kind === 'new-deadline' && !input.dueDate && input.workingDays === undefined)
        return invalid(
          'dueDate',
          'lifecycle.deadline-required',
          'a new deadline needs a date or a number of working days',
        );
      if (input.kind === 'new-deadline' && input.dueDate && input.workingDays !== undefined)
        return invalid(
          'workingDays',
          'lifecycle.deadline-either-date-or-days',
          'give either a date or a number of working days, not both',
        );
      if (input.kind === 'new-lead-unit' && !input.leadUnitId)
        return invalid('leadUnitId', 'lifecycle.lead-unit-required', 'a new lead unit must be named');
      return null;
    case 'request-extension':
      if (
        !Number.isInteger(input.workingDays) ||
        input.workingDays < 1 ||
        input.workingDays > MAX_EXTENSION_WORKING_DAYS
      )
        return invalid(
          'workingDays',
          'lifecycle.extension-days-range',
          `an extension is 1 to ${MAX_EXTENSION_WORKING_DAYS} working days`,
          { min: 1, max: MAX_EXTENSION_WORKING_DAYS },
        );
      if (blank(input.reason)) return reasonRequired('an extension request needs a reason');
      return null;
    case 'decide-extension':
      return input.decision === 'refuse' && blank(input.reason)
        ? reasonRequired('refusing an extension needs a reason')
        : null;
    case 'reopen':
      return blank(input.reason) ? reasonRequired('reopening a closed item needs a reason') : null;
    case 'mark-duplicate':
      return blank(input.reason) ? reasonRequired('marking a duplicate needs a reason') : null;
    case 'request-ruling':
      return blank(input.reason) ? reasonRequired('a request for a ruling needs a reason') : null;
    default:
      return null;
  }
}

/** A resolution: a written response; for a planned outcome a plan date and a budget year that agree. */
function resolveRefusal(input: Extract<ActionInput, { action: 'resolve' }>): Refusal | null {
  if (blank(input.response))
    return invalid('response', 'lifecycle.response-required', 'a written response is required');
  if (input.outcome === 'planned') {
    if (!input.planDate)
      return invalid('planDate', 'lifecycle.plan-date-required', 'a planned outcome needs a plan date');
    if (!input.budgetYear)
      return invalid('budgetYear', 'lifecycle.budget-year-required', 'a planned outcome needs a budget year');
  }
  if (input.outcome === 'not-accepted' && blank(input.reason))
    return invalid('reason', 'lifecycle.reason-required', 'not accepting a recommendation needs a reason');
  return null;
}

function blank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

function invalid(
  field: string,
  rule: LifecycleRefusalCode,
  reason: string,
  params?: Refusal['params'],
): Refusal {
  return { code: 'invalid', rule, field, reason, ...(params ? { params } : {}) };
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
      rule: 'lifecycle.not-allowed-in-state',
      reason: `"${action}" is not possible while the item is ${snapshot.status}`,
      params: { action, status: snapshot.status },
    };
  }
  const pending = pendingRefusal(snapshot, action);
  if (pending) return { code: 'wrong-state', ...pending };
  const refusal = actorRefusal(snapshot, actor, action);
  return refusal ? { code: 'not-allowed', ...refusal } : null;
}

/**
 * Rules on a request's own values, whatever the item's state. They cannot change while a request waits
 * its turn, so the workflow checks them once, in its update validator, which never runs on replay: a
 * rule added here leaves recorded histories as they were (an item planned before it keeps its plan).
 */
export function requestRefusal(input: ActionInput): Refusal | null {
  if (
    input.action === 'resolve' &&
    input.outcome === 'planned' &&
    input.planDate &&
    input.budgetYear &&
    !budgetYearFitsPlanDate(input.planDate, input.budgetYear)
  ) {
    const planYear = Number(input.planDate.slice(0, 4));
    return invalid(
      'budgetYear',
      'lifecycle.budget-year-mismatch',
      `budgetYear must be the plan date's year (${planYear}) or the year before it`,
      { planYear, first: planYear - 1, last: planYear },
    );
  }
  return null;
}

/** Check of a new request, as it arrives: everything checkInput checks, then the request's own rules. */
export function checkRequest(
  snapshot: LifecycleSnapshot,
  actor: ActorContext,
  input: ActionInput,
): Refusal | null {
  return checkInput(snapshot, actor, input) ?? requestRefusal(input);
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
function pendingRefusal(snapshot: LifecycleSnapshot, action: Action): RuleRefusal | null {
  if (action === 'coordinate' && snapshot.pendingCoordinationUnitIds.length === 0)
    return { rule: 'lifecycle.no-pending-opinion', reason: 'no coordinating opinion is pending' };
  if (action === 'request-extension' && snapshot.pendingExtension)
    return {
      rule: 'lifecycle.extension-already-pending',
      reason: 'an extension request is already waiting for a decision',
    };
  if (action === 'decide-extension' && !snapshot.pendingExtension)
    return { rule: 'lifecycle.no-pending-extension', reason: 'no extension request is pending' };
  if (action === 'reopen' && snapshot.reopenWindow === 'closed-by-directive')
    return {
      rule: 'lifecycle.closed-by-directive',
      reason: "the Standing Committee's directive closed this item: it cannot be reopened",
    };
  if (action === 'reopen' && snapshot.reopenWindow === 'closed-as-duplicate')
    return {
      rule: 'lifecycle.closed-as-duplicate',
      reason: 'this item was merged into the one it duplicates: follow that one instead',
    };
  // The dashboard counts an item resolved from its first answer on: a duplicate never had one.
  if (action === 'mark-duplicate' && (snapshot.reopenedCount ?? 0) > 0)
    return {
      rule: 'lifecycle.duplicate-after-answer',
      reason: 'this item was answered before it was reopened: it keeps its answer',
    };
  if (action === 'reopen' && snapshot.reopenWindow !== 'open')
    return { rule: 'lifecycle.reopen-window-ended', reason: 'the window for reopening this item has ended' };
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
    case 'request-ruling':
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
    case 'reopen':
      return 'routed';
    case 'mark-duplicate':
      return 'closed';
  }
}

/**
 * A new deadline the Standing Committee sets (a directive, a meeting's ruling) falls after today on the
 * project's clock: a date already past would send the item straight back up the escalation.
 */
export function deadlineDateRefusal(dueDate: string | undefined, today: string): Refusal | null {
  if (!dueDate || dueDate > today) return null;
  return {
    code: 'invalid',
    rule: 'lifecycle.deadline-not-after-today',
    field: 'dueDate',
    reason: 'a new deadline must fall after today',
    params: { today },
  };
}
