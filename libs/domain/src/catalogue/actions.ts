import { OUTCOMES, type Outcome, type RecommendationStatus } from '../recommendation';
import type { Role } from '../roles';
import type { RecommendationEventType } from './events';

/** How a field of an action's request is given: the web UI draws one control per kind. */
export type FieldType = 'text' | 'unit' | 'units' | 'choice' | 'date' | 'number' | 'item';

/** One field of an action's request body. */
export interface FieldSpec {
  type: FieldType;
  /** Always needed, or needed only while another field has a value (`when`). */
  required: boolean;
  /** The field concerns the request only while this other field has this value. */
  when?: readonly [field: string, value: string];
  /** The values a choice takes. */
  values?: readonly string[];
}

/** Everything the API, the lifecycle and the web UI must agree on about one human action. */
export interface ActionSpec {
  /** The roles that may ever take it; who among them may act on one item is the lifecycle's rule. */
  roles: readonly Role[];
  /** The statuses it may happen in. */
  states: readonly RecommendationStatus[];
  /** Its request body, field by field, as the DTO validates it and the UI's form sends it. */
  input: Readonly<Record<string, FieldSpec>>;
  /** The route the API serves it on. */
  route: { method: 'POST'; path: `/api/recommendations/:id/${string}` };
  /** The event types it may record. */
  records: readonly RecommendationEventType[];
}

const UNIT_STAFF = ['unit-officer', 'unit-head'] as const;
const HANDLING = ['routed', 'in-progress', 'awaiting-info'] as const;
/** An item past submission and not closed: the Standing Committee may be asked to rule on it. */
/** Open statuses in which the Standing Committee has not yet been asked: an item before it needs no request. */
const BEFORE_THE_COMMITTEE = [
  'triage',
  'routed',
  'awaiting-info',
  'in-progress',
  'resolved',
  'planned',
  'awaiting-verification',
] as const;

const text = { type: 'text', required: true } as const;
const optionalText = { type: 'text', required: false } as const;
const choice = <const V extends readonly string[]>(values: V) =>
  ({ type: 'choice', required: true, values }) as const;
/** A text needed only when another field has a value; not sent otherwise. */
const textWhen = <const F extends string, const V extends string>(field: F, value: V) =>
  ({ type: 'text', required: true, when: [field, value] }) as const;

/**
 * Every human action on a recommendation (PRODUCT.md steps 2–7), in the order the UI lists them. Adding
 * one here is the start; the catalogue test names what else it needs (route, DTO, form, labels).
 */
export const ACTION_CATALOGUE = {
  route: {
    roles: UNIT_STAFF,
    states: ['triage'],
    input: {
      leadUnitId: { type: 'unit', required: true },
      coordinatingUnitIds: { type: 'units', required: false },
      note: optionalText,
    },
    route: { method: 'POST', path: '/api/recommendations/:id/route' },
    records: ['routed-by-triage'],
  },
  acknowledge: {
    roles: UNIT_STAFF,
    states: ['routed'],
    input: { note: optionalText },
    route: { method: 'POST', path: '/api/recommendations/:id/acknowledge' },
    records: ['acknowledged'],
  },
  coordinate: {
    roles: UNIT_STAFF,
    states: HANDLING,
    input: { opinion: text },
    route: { method: 'POST', path: '/api/recommendations/:id/coordinate' },
    records: ['coordination-opinion'],
  },
  'request-info': {
    roles: UNIT_STAFF,
    states: ['in-progress'],
    input: { question: text },
    route: { method: 'POST', path: '/api/recommendations/:id/request-info' },
    records: ['info-requested'],
  },
  'provide-info': {
    roles: ['cadre'],
    states: ['awaiting-info'],
    input: { answer: text },
    route: { method: 'POST', path: '/api/recommendations/:id/provide-info' },
    records: ['info-provided'],
  },
  transfer: {
    roles: UNIT_STAFF,
    states: ['routed', 'in-progress'],
    // No unit: back to the triage office.
    input: { toUnitId: { type: 'unit', required: false }, reason: text },
    route: { method: 'POST', path: '/api/recommendations/:id/transfer' },
    records: ['transferred', 'transferred-to-triage'],
  },
  progress: {
    roles: UNIT_STAFF,
    states: ['in-progress'],
    input: { note: text },
    route: { method: 'POST', path: '/api/recommendations/:id/progress' },
    records: ['progress'],
  },
  resolve: {
    roles: UNIT_STAFF,
    states: ['in-progress'],
    input: {
      response: text,
      outcome: choice(OUTCOMES),
      planDate: { type: 'date', required: true, when: ['outcome', 'planned'] },
      budgetYear: { type: 'number', required: true, when: ['outcome', 'planned'] },
      reason: textWhen('outcome', 'not-accepted'),
    },
    route: { method: 'POST', path: '/api/recommendations/:id/resolve' },
    records: ['resolved'],
  },
  feedback: {
    roles: ['cadre'],
    states: ['resolved'],
    input: { verdict: choice(['accept', 'dispute']), reason: textWhen('verdict', 'dispute') },
    route: { method: 'POST', path: '/api/recommendations/:id/feedback' },
    records: ['accepted', 'disputed', 'disputed-to-standing-committee'],
  },
  verify: {
    roles: ['cadre'],
    states: ['awaiting-verification'],
    input: { verdict: choice(['done', 'reopen']), reason: textWhen('verdict', 'reopen') },
    route: { method: 'POST', path: '/api/recommendations/:id/verify' },
    records: ['verified', 'reopened'],
  },
  directive: {
    roles: ['standing-committee'],
    states: ['standing-committee-review'],
    input: {
      kind: choice(['new-deadline', 'new-lead-unit', 'close']),
      reason: text,
      // A new deadline is a date or a number of working days from the directive: one of the two.
      dueDate: { type: 'date', required: false, when: ['kind', 'new-deadline'] },
      workingDays: { type: 'number', required: false, when: ['kind', 'new-deadline'] },
      leadUnitId: { type: 'unit', required: true, when: ['kind', 'new-lead-unit'] },
    },
    route: { method: 'POST', path: '/api/recommendations/:id/directive' },
    records: ['directive-new-deadline', 'directive-new-lead-unit', 'directive-close'],
  },
  'request-extension': {
    roles: UNIT_STAFF,
    states: HANDLING,
    input: { workingDays: { type: 'number', required: true }, reason: text },
    route: { method: 'POST', path: '/api/recommendations/:id/request-extension' },
    records: ['extension-requested'],
  },
  'decide-extension': {
    roles: ['unit-head'],
    states: HANDLING,
    input: { decision: choice(['approve', 'refuse']), reason: textWhen('decision', 'refuse') },
    route: { method: 'POST', path: '/api/recommendations/:id/decide-extension' },
    records: ['extension-approved', 'extension-refused'],
  },
  reopen: {
    roles: ['cadre'],
    states: ['closed'],
    input: { reason: text },
    route: { method: 'POST', path: '/api/recommendations/:id/reopen' },
    records: ['reopened-after-closure'],
  },
  // Before any answer: an item answered once keeps its answer and its place in the resolved figures.
  'mark-duplicate': {
    roles: UNIT_STAFF,
    states: ['triage', ...HANDLING],
    input: { originalId: { type: 'item', required: true }, reason: text },
    route: { method: 'POST', path: '/api/recommendations/:id/mark-duplicate' },
    records: ['marked-duplicate'],
  },
  // "Kiến nghị Ban Thường vụ chỉ đạo": the item goes on the Standing Committee's next agenda proposal.
  'request-ruling': {
    roles: ['unit-head', 'cadre'],
    states: BEFORE_THE_COMMITTEE,
    input: { reason: text },
    route: { method: 'POST', path: '/api/recommendations/:id/request-ruling' },
    records: ['ruling-requested'],
  },
} as const satisfies Record<string, ActionSpec>;

export type Action = keyof typeof ACTION_CATALOGUE;

/** The actions, in the catalogue's order: the workflow defines one Update per action in this order. */
export const ACTIONS = Object.keys(ACTION_CATALOGUE) as readonly Action[];

/** An action's request as the lifecycle and the workflow take it; its fields are the catalogue's. */
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
  | { action: 'decide-extension'; decision: 'approve' | 'refuse'; reason?: string }
  | { action: 'reopen'; reason: string }
  | { action: 'mark-duplicate'; originalId: string; reason: string }
  | { action: 'request-ruling'; reason: string };
