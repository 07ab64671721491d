import { ACTIONS, type Action, type ActionInput } from './catalogue/actions';
import {
  ACTION_ROLES,
  deadlineDateRefusal,
  actionsInState,
  allowedActions,
  checkAction,
  checkInput,
  checkRequest,
  inputRefusal,
  nextStatus,
  reopenWindowAt,
  requestRefusal,
  type LifecycleSnapshot,
  type ReopenWindow,
} from './lifecycle';
import { LIFECYCLE_REFUSAL_CODES } from './refusal-codes';
import { RECOMMENDATION_STATUSES, type RecommendationStatus } from './recommendation';
import { ROLES, type ActorContext, type Role } from './roles';

/** The spec, written out by hand (not derived from ACTION_STATES), in ACTIONS order. */
const PERMITTED: Record<RecommendationStatus, Action[]> = {
  submitted: [],
  triage: ['route', 'mark-duplicate', 'request-ruling'],
  routed: [
    'acknowledge',
    'coordinate',
    'transfer',
    'request-extension',
    'decide-extension',
    'mark-duplicate',
    'request-ruling',
  ],
  'awaiting-info': [
    'coordinate',
    'provide-info',
    'request-extension',
    'decide-extension',
    'mark-duplicate',
    'request-ruling',
  ],
  'in-progress': [
    'coordinate',
    'request-info',
    'transfer',
    'progress',
    'resolve',
    'request-extension',
    'decide-extension',
    'mark-duplicate',
    'request-ruling',
  ],
  resolved: ['feedback', 'request-ruling'],
  'standing-committee-review': ['directive'],
  planned: ['request-ruling'],
  'awaiting-verification': ['verify', 'request-ruling'],
  closed: ['reopen'],
};

/**
 * Who may act: an officer/head of the lead unit, of a pending coordinating unit, the submitter, the
 * committee, or a head one level above the requester of an extension.
 */
type ActorRule = 'lead' | 'coordinating' | 'submitter' | 'committee' | 'approver' | 'head-or-cadre';
const ACTOR_RULE: Record<Action, ActorRule> = {
  route: 'lead',
  acknowledge: 'lead',
  coordinate: 'coordinating',
  'request-info': 'lead',
  'provide-info': 'submitter',
  transfer: 'lead',
  progress: 'lead',
  resolve: 'lead',
  feedback: 'submitter',
  verify: 'submitter',
  directive: 'committee',
  'request-extension': 'lead',
  'decide-extension': 'approver',
  reopen: 'submitter',
  'mark-duplicate': 'lead',
  'request-ruling': 'head-or-cadre',
};

/** A status in which each action is possible. */
const STATE_FOR: Record<Action, RecommendationStatus> = {
  route: 'triage',
  acknowledge: 'routed',
  coordinate: 'in-progress',
  'request-info': 'in-progress',
  'provide-info': 'awaiting-info',
  transfer: 'routed',
  progress: 'in-progress',
  resolve: 'in-progress',
  feedback: 'resolved',
  verify: 'awaiting-verification',
  directive: 'standing-committee-review',
  'request-extension': 'in-progress',
  'decide-extension': 'in-progress',
  reopen: 'closed',
  'mark-duplicate': 'routed',
  'request-ruling': 'in-progress',
};

const SUBMITTER = 'cadre-1';
const LEAD = 'lead-unit';
const COORD = 'coord-unit';
const SUPERVISOR = 'supervising-unit';
const REQUESTER = 'officer-1';
const PENDING = { pendingExtension: { requestedByUserId: REQUESTER } };

const snap = (over: Partial<LifecycleSnapshot> = {}): LifecycleSnapshot => ({
  status: 'in-progress',
  submittedByUserId: SUBMITTER,
  leadUnitId: LEAD,
  pendingCoordinationUnitIds: [COORD],
  disputeCount: 0,
  outcome: null,
  supervisingUnitId: SUPERVISOR,
  pendingExtension: null,
  // Closed items may be reopened unless a test says otherwise.
  reopenWindow: 'open',
  ...over,
});
/** The snapshot in which `action` can happen as far as pending requests go. */
const snapFor = (action: Action, over: Partial<LifecycleSnapshot> = {}) =>
  snap({ ...(action === 'decide-extension' ? PENDING : {}), ...over });
const actor = (role: Role, unitId: string | null = null, userId = 'someone-else'): ActorContext => ({
  userId,
  role,
  unitId,
});

/** An actor whom the role rules allow, so only state decides. */
const RIGHT_ACTOR: Record<ActorRule, ActorContext> = {
  lead: actor('unit-officer', LEAD),
  coordinating: actor('unit-head', COORD),
  submitter: actor('cadre', null, SUBMITTER),
  committee: actor('standing-committee'),
  approver: actor('unit-head', LEAD),
  'head-or-cadre': actor('unit-head', LEAD),
};
const rightActor = (action: Action) => RIGHT_ACTOR[ACTOR_RULE[action]];

describe('checkAction: state', () => {
  describe.each(RECOMMENDATION_STATUSES.map((s) => [s]))('status %s', (status) => {
    it.each(ACTIONS.map((a) => [a, PERMITTED[status].includes(a)] as const))(
      '%s permitted: %s',
      (action, permitted) => {
        const result = checkAction(snapFor(action, { status }), rightActor(action), action);
        if (permitted) expect(result).toBeNull();
        else expect(result).toMatchObject({ code: 'wrong-state' });
      },
    );
  });

  it.each(RECOMMENDATION_STATUSES.filter((s) => PERMITTED[s].includes('coordinate')).map((s) => [s]))(
    'coordinate in %s is wrong-state when no coordination is pending',
    (status) => {
      const s = snap({ status, pendingCoordinationUnitIds: [] });
      expect(checkAction(s, rightActor('coordinate'), 'coordinate')).toMatchObject({ code: 'wrong-state' });
    },
  );
});

describe('checkAction: actor', () => {
  const UNIT_RELATIONS = ['same unit', 'other unit', 'no unit'] as const;
  const cases = ACTIONS.flatMap((action) =>
    ROLES.flatMap((role) =>
      UNIT_RELATIONS.flatMap((relation) =>
        [true, false].map((submitter) => [action, role, relation, submitter] as const),
      ),
    ),
  );
  it.each(cases)('%s by %s, %s, submitter %s', (action, role, relation, submitter) => {
    const rule = ACTOR_RULE[action];
    const ownUnit = rule === 'coordinating' ? COORD : LEAD;
    const unitId = relation === 'same unit' ? ownUnit : relation === 'other unit' ? 'elsewhere' : null;
    const a = actor(role, unitId, submitter ? SUBMITTER : 'someone-else');
    const unitRole = role === 'unit-officer' || role === 'unit-head';
    const expected =
      rule === 'submitter'
        ? submitter && role === 'cadre'
        : rule === 'committee'
          ? role === 'standing-committee'
          : rule === 'approver'
            ? role === 'unit-head' && relation === 'same unit'
            : rule === 'head-or-cadre'
              ? (role === 'unit-head' && relation === 'same unit') || (submitter && role === 'cadre')
              : unitRole && relation === 'same unit';
    const result = checkAction(snapFor(action, { status: STATE_FOR[action] }), a, action);
    if (expected) expect(result).toBeNull();
    else expect(result).toMatchObject({ code: 'not-allowed' });
  });
});

describe('the cadre in charge', () => {
  const handed = (status: LifecycleSnapshot['status']) => snap({ status, cadreInChargeUserId: 'cadre-2' });
  it.each([
    ['awaiting-info', 'provide-info'],
    ['resolved', 'feedback'],
    ['awaiting-verification', 'verify'],
  ] as const)('after a handover, %s: the new cadre may %s, the submitter no longer', (status, action) => {
    expect(checkAction(handed(status), actor('cadre', null, 'cadre-2'), action)).toBeNull();
    expect(checkAction(handed(status), actor('cadre', null, SUBMITTER), action)).toMatchObject({
      code: 'not-allowed',
      rule: 'lifecycle.only-submitter',
    });
  });
});

describe('extensions are decided one level up', () => {
  const decide = (a: ActorContext, over: Partial<LifecycleSnapshot> = {}) =>
    checkAction(snap({ ...PENDING, ...over }), a, 'decide-extension');
  it("the head of the lead unit decides an officer's request", () => {
    expect(decide(actor('unit-head', LEAD))).toBeNull();
  });
  it('a head cannot approve their own request', () => {
    expect(decide(actor('unit-head', LEAD, REQUESTER))).toMatchObject({ code: 'not-allowed' });
  });
  it("the head of the supervising body decides any request, the head's own included", () => {
    expect(decide(actor('unit-head', SUPERVISOR, 'other-head'))).toBeNull();
  });
  it("a head's own request names the supervising body: another head of the lead unit may not decide it", () => {
    const headsOwn = { pendingExtension: { requestedByUserId: 'head-1', approverUnitId: SUPERVISOR } };
    expect(decide(actor('unit-head', LEAD, 'head-2'), headsOwn)).toMatchObject({
      code: 'not-allowed',
      rule: 'lifecycle.only-head-above',
    });
    expect(decide(actor('unit-head', SUPERVISOR, 'other-head'), headsOwn)).toBeNull();
  });
  it("an officer's request names the lead unit: its head decides", () => {
    const officers = { pendingExtension: { requestedByUserId: REQUESTER, approverUnitId: LEAD } };
    expect(decide(actor('unit-head', LEAD), officers)).toBeNull();
    expect(decide(actor('unit-head', COORD), officers)).toMatchObject({ code: 'not-allowed' });
  });
  it('an officer of the supervising body may not decide', () => {
    expect(decide(actor('unit-officer', SUPERVISOR))).toMatchObject({ code: 'not-allowed' });
  });
  it('a second request waits for the first decision', () => {
    expect(checkAction(snap(PENDING), actor('unit-officer', LEAD), 'request-extension')).toMatchObject({
      code: 'wrong-state',
    });
  });
  it('nothing to decide without a request', () => {
    expect(checkAction(snap(), actor('unit-head', LEAD), 'decide-extension')).toMatchObject({
      code: 'wrong-state',
    });
  });
});

describe('nextStatus', () => {
  type Case = [string, Partial<LifecycleSnapshot>, ActionInput, RecommendationStatus];
  const resolved = { status: 'resolved' } as const;
  const av = { status: 'awaiting-verification' } as const;
  const accept = { action: 'feedback', verdict: 'accept' } as const;
  const dispute = { action: 'feedback', verdict: 'dispute', reason: 'r' } as const;
  const dir = { action: 'directive', reason: 'r' } as const;
  const cases: Case[] = [
    ['route', { status: 'triage' }, { action: 'route', leadUnitId: 'x', coordinatingUnitIds: [] }, 'routed'],
    ['acknowledge', { status: 'routed' }, { action: 'acknowledge' }, 'in-progress'],
    ['provide-info', { status: 'awaiting-info' }, { action: 'provide-info', answer: 'a' }, 'in-progress'],
    ['progress', {}, { action: 'progress', note: 'n' }, 'in-progress'],
    ['request-info', {}, { action: 'request-info', question: 'q' }, 'awaiting-info'],
    ['resolve', {}, { action: 'resolve', response: 'r', outcome: 'implemented' }, 'resolved'],
    ...RECOMMENDATION_STATUSES.filter((s) => PERMITTED[s].includes('coordinate')).map((status): Case => [
      `coordinate in ${status}`,
      { status },
      { action: 'coordinate', opinion: 'o' },
      status,
    ]),
    ['transfer to a unit', {}, { action: 'transfer', reason: 'r', toUnitId: 'x' }, 'routed'],
    ['transfer to triage', {}, { action: 'transfer', reason: 'r', toUnitId: null }, 'triage'],
    ['accept planned', { ...resolved, outcome: 'planned' }, accept, 'planned'],
    ...(['implemented', 'partly-accepted', 'not-accepted', 'referred'] as const).map((outcome): Case => [
      `accept ${outcome}`,
      { ...resolved, outcome },
      accept,
      'closed',
    ]),
    ['first dispute', { ...resolved, disputeCount: 0 }, dispute, 'in-progress'],
    ['second dispute', { ...resolved, disputeCount: 1 }, dispute, 'standing-committee-review'],
    ['verify done', av, { action: 'verify', verdict: 'done' }, 'closed'],
    ['verify reopen', av, { action: 'verify', verdict: 'reopen', reason: 'r' }, 'in-progress'],
    ['directive close', {}, { ...dir, kind: 'close' }, 'closed'],
    ['directive new-lead-unit', {}, { ...dir, kind: 'new-lead-unit', leadUnitId: 'x' }, 'routed'],
    ['directive new-deadline', {}, { ...dir, kind: 'new-deadline', dueDate: '2030-01-01' }, 'in-progress'],
    ['reopen', { status: 'closed' }, { action: 'reopen', reason: 'r' }, 'routed'],
    ...(['routed', 'in-progress', 'awaiting-info'] as const).flatMap((status): Case[] => [
      [
        `request-extension in ${status}`,
        { status },
        { action: 'request-extension', workingDays: 3, reason: 'r' },
        status,
      ],
      [
        `decide-extension in ${status}`,
        { status, ...PENDING },
        { action: 'decide-extension', decision: 'approve' },
        status,
      ],
    ]),
  ];
  it.each(cases)('%s', (_name, over, input, expected) => {
    expect(nextStatus(snap(over), input)).toBe(expected);
  });
});

const TRIAGE = snap({ status: 'triage', leadUnitId: 'triage-office', pendingCoordinationUnitIds: [] });

describe('inputRefusal', () => {
  const resolve = {
    action: 'resolve',
    response: 'r',
    outcome: 'planned',
    planDate: '2030-01',
    budgetYear: 2030,
  } as const;
  const notAccepted = { action: 'resolve', response: 'r', outcome: 'not-accepted' } as const;
  const directive = { action: 'directive', reason: 'r' } as const;
  const route = (leadUnitId: string, coordinatingUnitIds: string[]): ActionInput => ({
    action: 'route',
    leadUnitId,
    coordinatingUnitIds,
  });
  /** [case, input, field, snapshot (default: in progress with the lead unit)] */
  const invalid: [string, ActionInput, string, LifecycleSnapshot?][] = [
    ['transfer, blank reason', { action: 'transfer', reason: '', toUnitId: 'x' }, 'reason'],
    ['transfer, whitespace reason', { action: 'transfer', reason: '  \t', toUnitId: null }, 'reason'],
    ['transfer to the current lead', { action: 'transfer', reason: 'r', toUnitId: LEAD }, 'toUnitId'],
    ['resolve, blank response', { ...resolve, response: ' ' }, 'response'],
    ['planned without planDate', { ...resolve, planDate: undefined }, 'planDate'],
    ['planned without budgetYear', { ...resolve, budgetYear: undefined }, 'budgetYear'],
    ['not-accepted without reason', notAccepted, 'reason'],
    ['not-accepted, blank reason', { ...notAccepted, reason: ' ' }, 'reason'],
    ['dispute without reason', { action: 'feedback', verdict: 'dispute' }, 'reason'],
    ['dispute, blank reason', { action: 'feedback', verdict: 'dispute', reason: ' ' }, 'reason'],
    ['reopen without reason', { action: 'verify', verdict: 'reopen' }, 'reason'],
    ['reopen, blank reason', { action: 'verify', verdict: 'reopen', reason: '' }, 'reason'],
    ...(['close', 'new-deadline', 'new-lead-unit'] as const).map((kind): [string, ActionInput, string] => [
      `directive ${kind} without reason`,
      { ...directive, kind, reason: ' ', dueDate: '2030-01-01', leadUnitId: 'x' },
      'reason',
    ]),
    ['new-deadline without dueDate', { ...directive, kind: 'new-deadline' }, 'dueDate'],
    [
      'new-deadline with a date and days',
      { ...directive, kind: 'new-deadline', dueDate: '2030-01-01', workingDays: 5 },
      'workingDays',
    ],
    ...[0, -1, 1.5, 61].map((workingDays): [string, ActionInput, string] => [
      `extension of ${workingDays} days`,
      { action: 'request-extension', workingDays, reason: 'r' },
      'workingDays',
    ]),
    ['extension without reason', { action: 'request-extension', workingDays: 3, reason: ' ' }, 'reason'],
    ['refusal without reason', { action: 'decide-extension', decision: 'refuse' }, 'reason'],
    ['new-lead-unit without leadUnitId', { ...directive, kind: 'new-lead-unit' }, 'leadUnitId'],
    ['route to the triage office', route('triage-office', []), 'leadUnitId', TRIAGE],
    ['route, lead also coordinates', route('x', ['y', 'x']), 'coordinatingUnitIds', TRIAGE],
  ];
  it.each(invalid)('%s → invalid %s', (_name, input, field, s = snap()) => {
    const refusal = inputRefusal(input, s);
    expect(refusal).toMatchObject({ code: 'invalid', field });
    expect(LIFECYCLE_REFUSAL_CODES).toContain(refusal!.rule);
  });

  it.each([
    ['a missing reason', { action: 'feedback', verdict: 'dispute' }, 'lifecycle.reason-required'],
    ['a missing response', { ...resolve, response: '' }, 'lifecycle.response-required'],
    [
      'a transfer to the lead',
      { action: 'transfer', reason: 'r', toUnitId: LEAD },
      'lifecycle.already-with-unit',
    ],
  ] as [string, ActionInput, string][])('names the rule of %s', (_name, input, rule) => {
    expect(inputRefusal(input, snap())).toMatchObject({ rule });
  });

  it('refuses, on arrival, a budget year other than the plan date’s year or the year before', () => {
    const lead = rightActor('resolve');
    expect(checkRequest(snap(), lead, { ...resolve, planDate: '2027-06-30', budgetYear: 2020 })).toEqual({
      code: 'invalid',
      rule: 'lifecycle.budget-year-mismatch',
      field: 'budgetYear',
      reason: "budgetYear must be the plan date's year (2027) or the year before it",
      params: { planYear: 2027, first: 2026, last: 2027 },
    });
    expect(requestRefusal({ ...resolve, planDate: '2027-06-30', budgetYear: 2028 })).toMatchObject({
      rule: 'lifecycle.budget-year-mismatch',
    });
    for (const budgetYear of [2026, 2027])
      expect(checkRequest(snap(), lead, { ...resolve, planDate: '2027-06-30', budgetYear })).toBeNull();
    // Only for a planned outcome; the state and actor rules still come first.
    expect(requestRefusal({ ...resolve, outcome: 'implemented', budgetYear: 1999 })).toBeNull();
    expect(
      checkRequest(snap({ status: 'closed' }), lead, {
        ...resolve,
        planDate: '2027-06-30',
        budgetYear: 2020,
      }),
    ).toMatchObject({ rule: 'lifecycle.not-allowed-in-state' });
    // The in-turn re-check leaves it to the validator: histories recorded before the rule replay as they were.
    expect(checkInput(snap(), lead, { ...resolve, planDate: '2026-11-29', budgetYear: 2027 })).toBeNull();
  });

  const valid: [string, ActionInput, LifecycleSnapshot?][] = [
    ['route', route('x', ['y']), TRIAGE],
    ['acknowledge', { action: 'acknowledge' }],
    ['coordinate', { action: 'coordinate', opinion: 'o' }],
    ['request-info', { action: 'request-info', question: 'q' }],
    ['provide-info', { action: 'provide-info', answer: 'a' }],
    ['transfer to a unit', { action: 'transfer', reason: 'r', toUnitId: 'x' }],
    ['transfer to triage', { action: 'transfer', reason: 'r', toUnitId: null }],
    ['progress', { action: 'progress', note: 'n' }],
    ['resolve planned', resolve],
    ['resolve planned, budget of the year before', { ...resolve, budgetYear: 2029 }],
    ['resolve implemented', { action: 'resolve', response: 'r', outcome: 'implemented' }],
    ['resolve not-accepted', { ...notAccepted, reason: 'r' }],
    ['accept', { action: 'feedback', verdict: 'accept' }],
    ['dispute', { action: 'feedback', verdict: 'dispute', reason: 'r' }],
    ['done', { action: 'verify', verdict: 'done' }],
    ['reopen', { action: 'verify', verdict: 'reopen', reason: 'r' }],
    ['directive close', { ...directive, kind: 'close' }],
    ['directive new-deadline', { ...directive, kind: 'new-deadline', dueDate: '2030-01-01' }],
    ['directive new-lead-unit', { ...directive, kind: 'new-lead-unit', leadUnitId: 'x' }],
    ['directive new-deadline in working days', { ...directive, kind: 'new-deadline', workingDays: 10 }],
    ['extension of 1 day', { action: 'request-extension', workingDays: 1, reason: 'r' }],
    ['extension of 60 days', { action: 'request-extension', workingDays: 60, reason: 'r' }],
    ['approve', { action: 'decide-extension', decision: 'approve' }],
    ['refuse', { action: 'decide-extension', decision: 'refuse', reason: 'r' }],
  ];
  it.each(valid)('%s is valid', (_name, input, s = snap()) => {
    expect(inputRefusal(input, s)).toBeNull();
  });
});

describe('checkInput reports state, then actor, then content', () => {
  const bad: ActionInput = { action: 'transfer', reason: ' ', toUnitId: 'x' };
  const lead = rightActor('transfer');
  it.each([
    ['wrong state, wrong actor, bad input', snap({ status: 'closed' }), actor('cadre'), 'wrong-state'],
    ['wrong state, right actor, bad input', snap({ status: 'closed' }), lead, 'wrong-state'],
    ['right state, wrong actor, bad input', snap(), actor('cadre'), 'not-allowed'],
    ['right state, right actor, bad input', snap(), lead, 'invalid'],
  ] as const)('%s → %s', (_name, s, a, code) => {
    expect(checkInput(s, a, bad)).toMatchObject({ code });
  });
  it('names the rule of each kind of refusal', () => {
    expect(checkInput(snap({ status: 'closed' }), lead, bad)).toMatchObject({
      rule: 'lifecycle.not-allowed-in-state',
      params: { action: 'transfer', status: 'closed' },
    });
    expect(checkInput(snap(), actor('cadre'), bad)).toMatchObject({ rule: 'lifecycle.only-lead-unit' });
    expect(checkInput(snap(), lead, bad)).toMatchObject({ rule: 'lifecycle.reason-required' });
  });
  it('accepts a valid request', () => {
    expect(checkInput(snap(), lead, { action: 'transfer', reason: 'r', toUnitId: 'x' })).toBeNull();
  });
});

describe('ACTION_ROLES agrees with the per-item rules', () => {
  // A role outside ACTION_ROLES is never allowed, whatever the item: the route rule loses nothing.
  it.each(ACTIONS.flatMap((action) => ROLES.map((role) => [action, role] as const)))(
    '%s by %s',
    (action, role) => {
      const s = snapFor(action, { status: STATE_FOR[action] });
      const candidates = [
        actor(role, LEAD),
        actor(role, COORD),
        actor(role, SUPERVISOR),
        actor(role, null, SUBMITTER),
        actor(role, LEAD, SUBMITTER),
      ];
      const anyAllowed = candidates.some((a) => checkAction(s, a, action) === null);
      if (!ACTION_ROLES[action].includes(role)) expect(anyAllowed).toBe(false);
      else expect(anyAllowed).toBe(true);
    },
  );
});

describe('allowedActions', () => {
  const officer = actor('unit-officer', LEAD);
  it('lead unit officer on a routed item: acknowledge, transfer, ask for more time', () => {
    expect(allowedActions(snap({ status: 'routed' }), officer)).toEqual([
      'acknowledge',
      'transfer',
      'request-extension',
      'mark-duplicate',
    ]);
  });
  it('lead unit officer whose unit is pending coordination may also coordinate', () => {
    const s = snap({ status: 'routed', pendingCoordinationUnitIds: [COORD, LEAD] });
    expect(allowedActions(s, officer)).toEqual([
      'acknowledge',
      'coordinate',
      'transfer',
      'request-extension',
      'mark-duplicate',
    ]);
  });
  it('the lead unit head, with a request pending, decides it', () => {
    const s = snap({ status: 'in-progress', pendingCoordinationUnitIds: [], ...PENDING });
    expect(allowedActions(s, actor('unit-head', LEAD))).toEqual([
      'request-info',
      'transfer',
      'progress',
      'resolve',
      'decide-extension',
      'mark-duplicate',
      'request-ruling',
    ]);
  });
  it('the submitter on a resolved item: feedback', () => {
    expect(allowedActions(snap({ status: 'resolved' }), actor('cadre', null, SUBMITTER))).toEqual([
      'feedback',
      'request-ruling',
    ]);
  });
  describe.each([['leadership-viewer'], ['admin']] as const)('%s', (role) => {
    it.each(RECOMMENDATION_STATUSES.map((s) => [s]))('gets nothing in %s', (status) => {
      const s = snap({ status, leadUnitId: LEAD, pendingCoordinationUnitIds: [LEAD] });
      expect(allowedActions(s, actor(role, LEAD))).toEqual([]);
    });
  });
});

describe('reopening a closed item', () => {
  const submitter = actor('cadre', null, SUBMITTER);
  const closed = (reopenWindow?: ReopenWindow) => snap({ status: 'closed', reopenWindow });
  it('its submitter may, while the window is open, with a reason', () => {
    expect(allowedActions(closed('open'), submitter)).toEqual(['reopen']);
    expect(checkInput(closed('open'), submitter, { action: 'reopen', reason: ' ' })).toMatchObject({
      code: 'invalid',
      rule: 'lifecycle.reason-required',
      field: 'reason',
    });
  });
  it('nobody else may, not even another cadre or the lead unit', () => {
    expect(checkAction(closed('open'), actor('cadre', null, 'other'), 'reopen')).toMatchObject({
      code: 'not-allowed',
      rule: 'lifecycle.only-submitter',
    });
    expect(checkAction(closed('open'), actor('unit-head', LEAD), 'reopen')).toMatchObject({
      code: 'not-allowed',
    });
  });
  it.each([
    ['ended', 'lifecycle.reopen-window-ended'],
    [undefined, 'lifecycle.reopen-window-ended'],
    ['closed-by-directive', 'lifecycle.closed-by-directive'],
    ['closed-as-duplicate', 'lifecycle.closed-as-duplicate'],
  ] as const)('window %s: refused as %s', (window, rule) => {
    expect(checkAction(closed(window), submitter, 'reopen')).toMatchObject({ code: 'wrong-state', rule });
    expect(allowedActions(closed(window), submitter)).toEqual([]);
  });
  it('the window is open until its end, and a directive shuts it whatever the date', () => {
    const until = '2026-04-01T17:00:00.000Z';
    const at = Date.parse(until);
    expect(reopenWindowAt({ reopenUntil: until, closedByDirective: false }, at - 1)).toBe('open');
    expect(reopenWindowAt({ reopenUntil: new Date(until), closedByDirective: false }, at)).toBe('ended');
    expect(reopenWindowAt({ reopenUntil: null, closedByDirective: false }, 0)).toBe('ended');
    expect(reopenWindowAt({ reopenUntil: until, closedByDirective: true }, 0)).toBe('closed-by-directive');
    expect(
      reopenWindowAt({ reopenUntil: until, closedByDirective: false, duplicateOfId: 'original' }, 0),
    ).toBe('closed-as-duplicate');
  });
});

describe('mark-duplicate', () => {
  const lead = actor('unit-officer', LEAD);
  const input = { action: 'mark-duplicate', originalId: 'original', reason: 'same road' } as const;
  it('the lead unit closes the item with a reason', () => {
    expect(checkInput(snap(), lead, input)).toBeNull();
    expect(nextStatus(snap(), input)).toBe('closed');
    expect(checkInput(snap(), lead, { ...input, reason: ' ' })).toMatchObject({
      code: 'invalid',
      rule: 'lifecycle.reason-required',
      field: 'reason',
    });
    expect(checkAction(snap(), actor('unit-officer', COORD), 'mark-duplicate')).toMatchObject({
      code: 'not-allowed',
      rule: 'lifecycle.only-lead-unit',
    });
  });
  it('not once the item was answered, even if reopened since: it keeps its answer', () => {
    expect(checkAction(snap({ status: 'routed', reopenedCount: 1 }), lead, 'mark-duplicate')).toMatchObject({
      code: 'wrong-state',
      rule: 'lifecycle.duplicate-after-answer',
    });
  });
});

describe('actionsInState', () => {
  it.each(RECOMMENDATION_STATUSES.map((s) => [s]))('%s', (status) => {
    expect(actionsInState(snap({ status }))).toEqual(
      PERMITTED[status].filter((a) => a !== 'decide-extension'),
    );
    const none = actionsInState(snap({ status, pendingCoordinationUnitIds: [] }));
    expect(none).toEqual(PERMITTED[status].filter((a) => a !== 'coordinate' && a !== 'decide-extension'));
    expect(none).not.toContain('coordinate');
    const pending = actionsInState(snap({ status, ...PENDING }));
    expect(pending).toEqual(PERMITTED[status].filter((a) => a !== 'request-extension'));
  });
});

describe('a new deadline the Standing Committee sets', () => {
  it('falls after today', () => {
    expect(deadlineDateRefusal(undefined, '2026-03-02')).toBeNull();
    expect(deadlineDateRefusal('2026-03-03', '2026-03-02')).toBeNull();
    expect(deadlineDateRefusal('2026-03-02', '2026-03-02')).toMatchObject({
      field: 'dueDate',
      rule: 'lifecycle.deadline-not-after-today',
    });
    expect(deadlineDateRefusal('2026-01-01', '2026-03-02')?.rule).toBe('lifecycle.deadline-not-after-today');
  });
});
