import {
  ACTIONS,
  actionsInState,
  allowedActions,
  checkAction,
  checkInput,
  inputRefusal,
  nextStatus,
  type Action,
  type ActionInput,
  type LifecycleSnapshot,
} from './lifecycle';
import { RECOMMENDATION_STATUSES, type RecommendationStatus } from './recommendation';
import { ROLES, type ActorContext, type Role } from './roles';

/** The spec, written out by hand (not derived from ACTION_STATES), in ACTIONS order. */
const PERMITTED: Record<RecommendationStatus, Action[]> = {
  submitted: [],
  triage: ['route'],
  routed: ['acknowledge', 'coordinate', 'transfer'],
  'awaiting-info': ['coordinate', 'provide-info'],
  'in-progress': ['coordinate', 'request-info', 'transfer', 'progress', 'resolve'],
  resolved: ['feedback'],
  'standing-committee-review': ['directive'],
  planned: [],
  'awaiting-verification': ['verify'],
  closed: [],
};

/** Who may act: an officer/head of the lead unit, of a pending coordinating unit, the submitter, or the committee. */
type ActorRule = 'lead' | 'coordinating' | 'submitter' | 'committee';
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
};

const SUBMITTER = 'cadre-1';
const LEAD = 'lead-unit';
const COORD = 'coord-unit';

const snap = (over: Partial<LifecycleSnapshot> = {}): LifecycleSnapshot => ({
  status: 'in-progress',
  submittedByUserId: SUBMITTER,
  leadUnitId: LEAD,
  pendingCoordinationUnitIds: [COORD],
  disputeCount: 0,
  outcome: null,
  ...over,
});
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
};
const rightActor = (action: Action) => RIGHT_ACTOR[ACTOR_RULE[action]];

describe('checkAction: state', () => {
  describe.each(RECOMMENDATION_STATUSES.map((s) => [s]))('status %s', (status) => {
    it.each(ACTIONS.map((a) => [a, PERMITTED[status].includes(a)] as const))(
      '%s permitted: %s',
      (action, permitted) => {
        const result = checkAction(snap({ status }), rightActor(action), action);
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
        ? submitter
        : rule === 'committee'
          ? role === 'standing-committee'
          : unitRole && relation === 'same unit';
    const result = checkAction(snap({ status: STATE_FOR[action] }), a, action);
    if (expected) expect(result).toBeNull();
    else expect(result).toMatchObject({ code: 'not-allowed' });
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
    ['new-lead-unit without leadUnitId', { ...directive, kind: 'new-lead-unit' }, 'leadUnitId'],
    ['route to the triage office', route('triage-office', []), 'leadUnitId', TRIAGE],
    ['route, lead also coordinates', route('x', ['y', 'x']), 'coordinatingUnitIds', TRIAGE],
  ];
  it.each(invalid)('%s → invalid %s', (_name, input, field, s = snap()) => {
    expect(inputRefusal(input, s)).toMatchObject({ code: 'invalid', field });
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
    ['resolve implemented', { action: 'resolve', response: 'r', outcome: 'implemented' }],
    ['resolve not-accepted', { ...notAccepted, reason: 'r' }],
    ['accept', { action: 'feedback', verdict: 'accept' }],
    ['dispute', { action: 'feedback', verdict: 'dispute', reason: 'r' }],
    ['done', { action: 'verify', verdict: 'done' }],
    ['reopen', { action: 'verify', verdict: 'reopen', reason: 'r' }],
    ['directive close', { ...directive, kind: 'close' }],
    ['directive new-deadline', { ...directive, kind: 'new-deadline', dueDate: '2030-01-01' }],
    ['directive new-lead-unit', { ...directive, kind: 'new-lead-unit', leadUnitId: 'x' }],
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
  it('accepts a valid request', () => {
    expect(checkInput(snap(), lead, { action: 'transfer', reason: 'r', toUnitId: 'x' })).toBeNull();
  });
});

describe('allowedActions', () => {
  const officer = actor('unit-officer', LEAD);
  it('lead unit officer on a routed item: acknowledge and transfer', () => {
    expect(allowedActions(snap({ status: 'routed' }), officer)).toEqual(['acknowledge', 'transfer']);
  });
  it('lead unit officer whose unit is pending coordination may also coordinate', () => {
    const s = snap({ status: 'routed', pendingCoordinationUnitIds: [COORD, LEAD] });
    expect(allowedActions(s, officer)).toEqual(['acknowledge', 'coordinate', 'transfer']);
  });
  it('the submitter on a resolved item: feedback', () => {
    expect(allowedActions(snap({ status: 'resolved' }), actor('cadre', null, SUBMITTER))).toEqual([
      'feedback',
    ]);
  });
  describe.each([['leadership-viewer'], ['admin']] as const)('%s', (role) => {
    it.each(RECOMMENDATION_STATUSES.map((s) => [s]))('gets nothing in %s', (status) => {
      const s = snap({ status, leadUnitId: LEAD, pendingCoordinationUnitIds: [LEAD] });
      expect(allowedActions(s, actor(role, LEAD))).toEqual([]);
    });
  });
});

describe('actionsInState', () => {
  it.each(RECOMMENDATION_STATUSES.map((s) => [s]))('%s', (status) => {
    expect(actionsInState(snap({ status }))).toEqual(PERMITTED[status]);
    const none = actionsInState(snap({ status, pendingCoordinationUnitIds: [] }));
    expect(none).toEqual(PERMITTED[status].filter((a) => a !== 'coordinate'));
    expect(none).not.toContain('coordinate');
  });
});
