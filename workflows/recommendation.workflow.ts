import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  ACTIONS,
  allowedActions,
  checkInput,
  checkRequest,
  nextStatus,
  type ActionInput,
  type ActorContext,
  type Deadline,
  type LifecycleSnapshot,
  type RecommendationEventType,
} from '@ngk/domain';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type {
  ProjectedEvent,
  RecommendationActivities,
  RecommendationPatch,
  TaskChanges,
  TaskSelector,
} from '@ngk/activities/recommendation.activities';
import type { ClockKind, PolicySelector, SlaActivities } from '@ngk/activities/sla.activities';
import type { MailActivities } from '@ngk/activities/mail.activities';
import {
  actionUpdates,
  getStateQuery,
  submitUpdate,
  type ActionRequest,
  type Clock,
  type RecommendationState,
  type RecommendationWorkflowInput,
  type RefusalDetails,
  type WorkflowClockKind,
} from './recommendation.definitions';
import { SEARCH_ATTRIBUTES } from './search-attributes';

/** Reading reference data and writing the read model are short database calls; retry them patiently. */
type Activities = PublicMembers<RecommendationActivities> & PublicMembers<SlaActivities>;
type PublicMembers<T> = { [K in keyof T]: T[K] };
const db = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Email goes through the mail server, which may be down for a while: a regular activity, retried with
 * growing pauses, that never holds up the read model.
 */
const mail = proxyActivities<PublicMembers<MailActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Patch id: a turn ends when its events are projected (see exclusive()). */
const ONE_TURN_AT_A_TIME = 'one-turn-at-a-time';

/** Sequence number of the routing event: submitted is 1, routed (or sent to triage) is 2. */
const ROUTED_SEQ = 2;

/** The clocks of the unit that holds the item: their breach climbs the escalation ladder. */
const PRIMARY: readonly WorkflowClockKind[] = ['triage', 'acknowledge', 'resolution'];

/** The task each clock binds, for its deadline and overdue flag in the read model. */
const CLOCK_TASK: Partial<Record<WorkflowClockKind, TaskSelector['role']>> = {
  triage: 'triage',
  resolution: 'lead',
  coordination: 'coordinating',
  directive: 'directive',
};

type EventDraft = Omit<
  ProjectedEvent,
  'seq' | 'recommendationId' | 'statusBefore' | 'statusAfter' | 'occurredAt'
>;
type EventBase = Pick<EventDraft, 'actorUserId' | 'actorUnitId' | 'actorRole' | 'requestId' | 'payload'>;

/** One recommendation, from submission to closure (PRODUCT.md, "The lifecycle of one recommendation"). */
export async function recommendationWorkflow(input: RecommendationWorkflowInput): Promise<void> {
  const { submission } = input;
  const state: RecommendationState = {
    recommendationId: input.recommendationId,
    submittedByUserId: submission.submittedByUserId,
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
  const now = () => new Date().toISOString();
  const policy = (): PolicySelector => ({
    policyCode: state.policyCode,
    categoryCode: submission.categoryCode,
    urgency: submission.urgency,
  });

  /** The search attributes last sent to Temporal's visibility store. */
  let indexed: { status: string; leadUnit: string; escalationLevel: number; dueAt: string | null } = {
    status: '',
    leadUnit: '',
    escalationLevel: -1,
    dueAt: null,
  };

  // Projections run one at a time, in sequence order, whatever order the handlers finish in; emails
  // follow their own chain, so a mail outage never delays the read model.
  let projections: Promise<unknown> = Promise.resolve();
  let emails: Promise<unknown> = Promise.resolve();
  // Callers waiting for an event to reach the read model. They are resumed by promise, in the turn its
  // projection returns, never by a condition() checked at the end of an activation: local-activity
  // results come grouped differently on replay, and a condition would let other work run first there.
  const projectedWaiters: { seq: number; resume: () => void }[] = [];
  const projected = (seq: number): Promise<void> =>
    state.projectedSeq >= seq
      ? Promise.resolve()
      : new Promise((resume) => projectedWaiters.push({ seq, resume }));
  const record = (statusAfter: RecommendationState['status'], draft: EventDraft): Promise<void> => {
    const statusBefore = state.lastEventSeq === 0 ? null : state.status;
    state.status = statusAfter;
    state.overdue = isOverdue();
    const event: ProjectedEvent = {
      ...draft,
      recommendationId: state.recommendationId,
      seq: state.lastEventSeq + 1,
      statusBefore,
      statusAfter,
      occurredAt: now(),
      // Every event carries the deadlines as they stand after it, so the read model never lags them.
      patch: { ...slaPatch(), ...draft.patch },
      tasks: draft.create ? draft.tasks : { ...draft.tasks, ...taskDeadlines(draft.tasks) },
    };
    state.lastEventSeq = event.seq;
    const done = projections.then(async () => {
      const result = await db.projectEvent(event);
      state.projectedSeq = event.seq;
      for (const waiter of projectedWaiters.filter((w) => w.seq <= event.seq)) {
        projectedWaiters.splice(projectedWaiters.indexOf(waiter), 1);
        waiter.resume();
      }
      if (result.emails > 0) {
        const key = { recommendationId: event.recommendationId, seq: event.seq };
        emails = emails.then(() => mail.sendNotificationEmails(key));
      }
    });
    projections = done;
    // Visibility writes cost the server a row each: send only the attributes this event changed.
    const attributes = {
      status: state.status,
      leadUnit: state.leadUnitId ?? '',
      escalationLevel: state.escalationLevel,
      dueAt: earliestPrimaryDue(),
    };
    const changed: SearchAttributeUpdatePair[] = [];
    if (attributes.status !== indexed.status)
      changed.push({ key: SEARCH_ATTRIBUTES.status, value: attributes.status });
    if (attributes.leadUnit !== indexed.leadUnit)
      changed.push({ key: SEARCH_ATTRIBUTES.leadUnit, value: attributes.leadUnit });
    if (attributes.escalationLevel !== indexed.escalationLevel)
      changed.push({ key: SEARCH_ATTRIBUTES.escalationLevel, value: attributes.escalationLevel });
    if (attributes.dueAt !== indexed.dueAt && attributes.dueAt !== null)
      changed.push({ key: SEARCH_ATTRIBUTES.dueAt, value: new Date(attributes.dueAt) });
    if (changed.length > 0) upsertSearchAttributes(changed);
    indexed = attributes;
    return done;
  };

  const snapshot = (): LifecycleSnapshot => ({
    status: state.status,
    submittedByUserId: state.submittedByUserId,
    leadUnitId: state.leadUnitId,
    pendingCoordinationUnitIds: state.pendingCoordinationUnitIds,
    disputeCount: state.disputeCount,
    outcome: state.outcome,
    supervisingUnitId: state.supervisingUnitId,
    pendingExtension: state.pendingExtension,
  });

  // ── Clocks ────────────────────────────────────────────────────────────────────────────────────────
  /** Bumped whenever a clock starts, stops or moves, so the timer loop re-reads them. */
  let clockVersion = 0;
  const findClock = (kind: WorkflowClockKind, unitId: string | null = null) =>
    state.clocks.find((c) => c.kind === kind && c.unitId === unitId);
  const stopClocks = (which: (c: Clock) => boolean) => {
    state.clocks = state.clocks.filter((c) => !which(c));
    clockVersion++;
  };
  const startClock = (kind: WorkflowClockKind, deadline: Deadline, unitId: string | null = null) => {
    stopClocks((c) => c.kind === kind && c.unitId === unitId);
    state.clocks.push({
      kind,
      unitId,
      dueAt: deadline.dueAt,
      dueDate: deadline.dueDate,
      remindAt: deadline.remindAt.filter((t) => t > now()),
      pausedLeft: null,
      pausedAt: null,
      missed: false,
      escalation: deadline.escalation ?? null,
    });
    clockVersion++;
  };
  /**
   * A deadline of the unit holding the item has passed and its work is still open; an item escalated to
   * the Standing Committee stays overdue until the committee rules.
   */
  const isOverdue = () =>
    state.clocks.some((c) => c.missed && PRIMARY.includes(c.kind)) ||
    (state.escalationLevel === 2 && state.status === 'standing-committee-review');
  /** The earliest deadline of the unit holding the item, missed or not (paused clocks excepted). */
  const earliestPrimaryDue = (): string | null =>
    state.clocks
      .filter((c) => PRIMARY.includes(c.kind) && c.pausedLeft === null)
      .map((c) => c.dueAt)
      .sort()[0] ?? null;

  /** The read model's deadline columns, from the clocks. */
  function slaPatch(): RecommendationPatch {
    const due = (kind: WorkflowClockKind) => findClock(kind)?.dueAt ?? null;
    const resolution = findClock('resolution');
    return {
      acknowledgeDueAt: due('acknowledge') ?? due('triage'),
      resolutionDueAt: resolution?.dueAt ?? null,
      clockPausedAt: resolution?.pausedAt ?? null,
      feedbackDueAt: due('feedback'),
      verificationDueAt: due('verification'),
      directiveDueAt: due('directive'),
      overdue: state.overdue,
      escalationLevel: state.escalationLevel,
      extensionCount: state.extensionCount,
      extensionRequestedBy: state.pendingExtension?.requestedByUserId ?? null,
      slaPolicyCode: state.policyCode,
      supervisingUnitId: state.supervisingUnitId,
    };
  }

  /** Deadlines and overdue flags of the open tasks, from the clocks. */
  function taskDeadlines(changes: TaskChanges | undefined): Pick<TaskChanges, 'due' | 'overdue'> {
    const due: NonNullable<TaskChanges['due']> = [...(changes?.due ?? [])];
    const overdue: NonNullable<TaskChanges['overdue']> = [...(changes?.overdue ?? [])];
    // The lead task is late when either of its deadlines, acknowledgement or resolution, is missed.
    let leadLate = false;
    for (const clock of state.clocks) {
      if (clock.kind === 'acknowledge' || clock.kind === 'resolution') leadLate ||= clock.missed;
      const role = CLOCK_TASK[clock.kind];
      if (!role) continue;
      const unit = clock.unitId ? { unitId: clock.unitId } : {};
      due.push({ role, ...unit, dueAt: clock.dueAt });
      if (role !== 'lead') overdue.push({ role, ...unit, overdue: clock.missed });
    }
    if (state.leadUnitId) overdue.push({ role: 'lead', overdue: leadLate });
    return { due, overdue };
  }

  /** Whom a clock's reminders and breaches are for. */
  function recipients(clock: Clock): { unitId?: string; userId?: string; role?: string }[] {
    switch (clock.kind) {
      case 'coordination':
        return [{ unitId: clock.unitId! }];
      case 'feedback':
      case 'verification':
      case 'plan':
        return [{ userId: state.submittedByUserId }];
      case 'directive':
        return [{ unitId: input.standingCommitteeUnitId }];
      default:
        return state.leadUnitId ? [{ unitId: state.leadUnitId }] : [];
    }
  }

  // ── Handlers ──────────────────────────────────────────────────────────────────────────────────────
  // Actions and timers change the item one at a time, in arrival order: a handler that waits for an
  // activity (a deadline computation) never interleaves with another's changes.
  let turn: Promise<unknown> = Promise.resolve();
  function exclusive(fn: () => Promise<void>): Promise<void> {
    // A turn ends once its events are in the read model, so no two local activities are ever in flight
    // together: on replay their results all come back at once, and overlapping turns could then issue
    // their commands in another order than the original run did.
    // Items started before this rule replay without it (patched() is false only while replaying them).
    const run = turn
      .then(fn)
      .then(() => (patched(ONE_TURN_AT_A_TIME) ? projections.then(() => undefined) : undefined));
    turn = run.catch(() => undefined);
    return run;
  }

  setHandler(getStateQuery, () => state);
  setHandler(submitUpdate, async () => {
    await projected(ROUTED_SEQ);
    return state;
  });
  for (const action of ACTIONS) {
    setHandler(
      actionUpdates[action],
      async (request: ActionRequest) => {
        await exclusive(async () => {
          // Checked again in turn: an earlier action may have changed the item since validation.
          const refusal = checkInput(snapshot(), request.actor, request.input);
          if (refusal) refuse(refusal, request.actor);
          await apply(request.actor, request.input, request.requestId ?? null);
        });
        await projected(state.lastEventSeq);
        return state;
      },
      {
        // Refused before anything reaches history: the caller learns why, nothing is written.
        validator: (request: ActionRequest) => {
          if (request.input?.action !== action)
            refuse({
              code: 'invalid',
              rule: 'lifecycle.action-mismatch',
              field: 'action',
              reason: 'action mismatch',
            });
          // The request's own rules too (requestRefusal): checked here only, as validators never replay.
          const refusal = checkRequest(snapshot(), request.actor, request.input);
          if (refusal) refuse(refusal, request.actor);
        },
      },
    );
  }

  function refuse(
    refusal: RefusalDetails | Omit<RefusalDetails, 'status' | 'allowedActions'>,
    actor?: ActorContext,
  ): never {
    const details: RefusalDetails = {
      ...refusal,
      status: state.status,
      allowedActions: actor ? allowedActions(snapshot(), actor) : [],
    };
    throw ApplicationFailure.create({
      type: refusal.code,
      message: refusal.reason,
      details: [details],
      nonRetryable: true,
    });
  }

  /** Applies a permitted action: deadlines are computed first, then the state changes and is recorded. */
  async function apply(actor: ActorContext, action: ActionInput, requestId: string | null): Promise<void> {
    const statusAfter = nextStatus(snapshot(), action);
    const base: EventBase = {
      actorUserId: actor.userId,
      actorUnitId: actor.unitId,
      actorRole: actor.role,
      requestId,
      payload: { ...action } as Record<string, unknown>,
    };
    switch (action.action) {
      case 'route':
        return routeTo(
          action.leadUnitId,
          action.coordinatingUnitIds,
          'routed-by-triage',
          base,
          action.note ?? null,
        );
      case 'acknowledge':
        stopClocks((c) => c.kind === 'acknowledge');
        void record(statusAfter, { ...base, type: 'acknowledged', reason: action.note ?? null });
        return;
      case 'coordinate':
        state.pendingCoordinationUnitIds = state.pendingCoordinationUnitIds.filter((u) => u !== actor.unitId);
        state.coordinationGivenUnitIds.push(actor.unitId!);
        stopClocks((c) => c.kind === 'coordination' && c.unitId === actor.unitId);
        void record(statusAfter, {
          ...base,
          type: 'coordination-opinion',
          reason: null,
          tasks: {
            close: [{ role: 'coordinating', unitId: actor.unitId!, status: 'done', note: action.opinion }],
          },
        });
        return;
      case 'request-info': {
        // The clock pauses with the working days it had left; they are given back when the cadre answers.
        const clock = findClock('resolution');
        if (clock) {
          clock.pausedLeft = await db.workingDaysLeft({ at: now(), dueAt: clock.dueAt });
          clock.pausedAt = now();
          clock.missed = false;
          clockVersion++;
        }
        void record(statusAfter, {
          ...base,
          type: 'info-requested',
          reason: action.question,
          payload: { ...base.payload, clock: { paused: true, workingDaysLeft: clock?.pausedLeft ?? null } },
        });
        return;
      }
      case 'provide-info': {
        const clock = findClock('resolution');
        let change: Record<string, unknown> | null = null;
        if (clock && clock.pausedLeft !== null) {
          const before = clock.dueAt;
          const left = clock.pausedLeft;
          const deadline = await db.deadlineIn({ policy: policy(), from: now(), workingDays: left });
          startClock('resolution', deadline);
          change = { before, after: deadline.dueAt, workingDaysLeft: left, reason: 'clock resumed' };
        }
        void record(statusAfter, {
          ...base,
          type: 'info-provided',
          reason: null,
          payload: { ...base.payload, deadline: change },
        });
        return;
      }
      case 'progress':
        void record(statusAfter, { ...base, type: 'progress', reason: action.note });
        return;
      case 'transfer':
        if (action.toUnitId === null) {
          return routeTo(input.triageUnitId, [], 'transferred-to-triage', base, action.reason, 'triage');
        }
        return routeTo(action.toUnitId, state.coordinatingUnitIds, 'transferred', base, action.reason);
      case 'resolve': {
        const plan = await db.planDeadlines({ policy: policy(), from: now(), kinds: ['feedback'] });
        state.outcome = action.outcome;
        state.planDate = action.outcome === 'planned' ? action.planDate! : null;
        stopClocks((c) => c.kind !== 'plan');
        startClock('feedback', plan.deadlines.feedback!);
        void record(statusAfter, {
          ...base,
          type: 'resolved',
          reason: action.reason ?? null,
          payload: { ...base.payload, deadlines: plan.deadlines },
          patch: {
            outcome: action.outcome,
            response: action.response,
            planDate: state.planDate,
            budgetYear: action.outcome === 'planned' ? action.budgetYear! : null,
          },
          tasks: { close: [{ role: 'lead', status: 'done', note: action.response }, ...dropExtension()] },
        });
        return;
      }
      case 'feedback':
        if (action.verdict === 'dispute') {
          state.disputeCount += 1;
          const back = statusAfter === 'in-progress';
          const kind: ClockKind = back ? 'resolution' : 'directive';
          const plan = await db.planDeadlines({ policy: policy(), from: now(), kinds: [kind] });
          stopClocks((c) => c.kind === 'feedback');
          startClock(kind, plan.deadlines[kind]!);
          void record(statusAfter, {
            ...base,
            type: back ? 'disputed' : 'disputed-to-standing-committee',
            reason: action.reason ?? null,
            payload: { ...base.payload, deadlines: plan.deadlines },
            patch: { disputeCount: state.disputeCount, outcome: null },
            tasks: back
              ? { open: [{ unitId: state.leadUnitId!, role: 'lead' }] }
              : { open: [{ unitId: input.standingCommitteeUnitId, role: 'directive' }] },
          });
          return;
        }
        stopClocks((c) => c.kind === 'feedback');
        if (statusAfter === 'planned') await startPlanClock();
        void record(statusAfter, { ...base, type: 'accepted', reason: null });
        return;
      case 'verify': {
        const plan =
          action.verdict === 'reopen'
            ? await db.planDeadlines({ policy: policy(), from: now(), kinds: ['resolution'] })
            : null;
        stopClocks(() => true);
        if (plan) startClock('resolution', plan.deadlines.resolution!);
        void record(statusAfter, {
          ...base,
          type: action.verdict === 'done' ? 'verified' : 'reopened',
          reason: action.reason ?? null,
          payload: plan ? { ...base.payload, deadlines: plan.deadlines } : base.payload,
          patch: action.verdict === 'reopen' ? { outcome: null } : undefined,
          tasks:
            action.verdict === 'reopen' ? { open: [{ unitId: state.leadUnitId!, role: 'lead' }] } : undefined,
        });
        return;
      }
      case 'directive': {
        const closeDirective = { role: 'directive' as const, status: 'done' as const, note: action.reason };
        if (action.kind === 'new-lead-unit') {
          return routeTo(
            action.leadUnitId!,
            state.coordinatingUnitIds,
            'directive-new-lead-unit',
            base,
            action.reason,
            'routed',
            [closeDirective],
          );
        }
        if (action.kind === 'close') {
          stopClocks(() => true);
          void record(statusAfter, {
            ...base,
            type: 'directive-close',
            reason: action.reason,
            tasks: { close: [closeDirective] },
          });
          return;
        }
        // A new deadline: the lead unit starts again on the date or the working days the committee set.
        const deadline = action.dueDate
          ? await db.deadlineOn({ policy: policy(), from: now(), date: action.dueDate })
          : await db.deadlineIn({ policy: policy(), from: now(), workingDays: action.workingDays! });
        stopClocks(() => true);
        startClock('resolution', deadline);
        state.escalationLevel = 0;
        void record(statusAfter, {
          ...base,
          type: 'directive-new-deadline',
          reason: action.reason,
          payload: { ...base.payload, deadline: { after: deadline.dueAt, reason: 'directive' } },
          tasks: { close: [closeDirective], open: [{ unitId: state.leadUnitId!, role: 'lead' }] },
        });
        return;
      }
      case 'request-extension': {
        // The lead unit's head decides an officer's request; the supervising body's head decides the head's.
        const approverUnitId =
          actor.role === 'unit-head' && state.supervisingUnitId ? state.supervisingUnitId : state.leadUnitId!;
        state.pendingExtension = {
          requestedByUserId: actor.userId,
          workingDays: action.workingDays,
          reason: action.reason,
          approverUnitId,
        };
        void record(statusAfter, {
          ...base,
          type: 'extension-requested',
          reason: action.reason,
          // The heads who decide hear of it.
          payload: {
            ...base.payload,
            approverUnitId,
            notify: [{ unitId: approverUnitId, role: 'unit-head' }],
          },
          tasks: { open: [{ unitId: approverUnitId, role: 'extension' }] },
        });
        return;
      }
      case 'decide-extension': {
        const request = state.pendingExtension!;
        state.pendingExtension = null;
        const close = [
          {
            role: 'extension' as const,
            status: 'done' as const,
            note: `${action.decision}: ${action.reason ?? ''}`,
          },
        ];
        if (action.decision === 'refuse') {
          void record(statusAfter, {
            ...base,
            type: 'extension-refused',
            reason: action.reason ?? null,
            payload: { ...base.payload, workingDays: request.workingDays },
            tasks: { close },
          });
          return;
        }
        const clock = findClock('resolution');
        let change: Record<string, unknown> = { workingDays: request.workingDays, reason: request.reason };
        if (clock && clock.pausedLeft !== null) {
          clock.pausedLeft += request.workingDays;
          change = { ...change, workingDaysLeft: clock.pausedLeft };
        } else if (clock) {
          const before = clock.dueAt;
          const deadline = await db.extendDeadline({
            policy: policy(),
            from: now(),
            dueDate: clock.dueDate,
            workingDays: request.workingDays,
          });
          startClock('resolution', deadline);
          // A deadline moved past now cures the breach; the level reached stays on record.
          if (!isOverdue()) {
            stopClocks((c) => c.kind === 'escalation');
          }
          change = { ...change, before, after: deadline.dueAt };
        }
        state.extensionCount += 1;
        void record(statusAfter, {
          ...base,
          type: 'extension-approved',
          reason: action.reason ?? null,
          payload: { ...base.payload, deadline: change },
          tasks: { close },
        });
        return;
      }
    }
  }

  /** Closes a pending extension request when the work it was for ends or moves. */
  function dropExtension(): NonNullable<TaskChanges['close']> {
    if (!state.pendingExtension) return [];
    state.pendingExtension = null;
    return [{ role: 'extension', status: 'cancelled', note: 'the task it was for ended' }];
  }

  /** The plan date's clock: the follow-up ("kiểm") falls due when that day starts. */
  async function startPlanClock(): Promise<void> {
    const dueAt = await db.startOfDate(state.planDate!);
    startClock('plan', { dueAt, dueDate: state.planDate!, remindAt: [], workingDays: 0 });
  }

  /**
   * Gives the item to a lead unit and its coordinating units: the previous lead's open task is cancelled,
   * coordinating units no longer concerned are released, and those who already gave an opinion are not
   * asked again. Every task starting here gets its deadlines, and the escalation ladder starts again.
   */
  async function routeTo(
    leadUnitId: string,
    coordinatingUnitIds: string[],
    type: RecommendationEventType,
    base: EventBase,
    reason: string | null,
    status: 'routed' | 'triage' = 'routed',
    extraCloses: NonNullable<TaskChanges['close']> = [],
  ): Promise<void> {
    const coordinating = status === 'triage' ? [] : coordinatingUnitIds.filter((u) => u !== leadUnitId);
    const pending = coordinating.filter((u) => !state.coordinationGivenUnitIds.includes(u));
    const toOpen = pending.filter((u) => !state.pendingCoordinationUnitIds.includes(u));
    const kinds: ClockKind[] =
      status === 'triage'
        ? ['triage']
        : ['acknowledge', 'resolution', ...(toOpen.length > 0 ? (['coordination'] as const) : [])];
    const plan = await db.planDeadlines({ policy: policy(), from: now(), kinds, leadUnitId });

    const hadLead = state.leadUnitId !== null;
    const toCancel = state.pendingCoordinationUnitIds.filter((u) => !pending.includes(u));
    state.leadUnitId = leadUnitId;
    state.coordinatingUnitIds = coordinating;
    state.pendingCoordinationUnitIds = pending;
    state.policyCode = plan.policyCode;
    state.supervisingUnitId = plan.supervisingUnitId;
    state.escalationLevel = 0;
    stopClocks((c) => c.kind !== 'coordination' || !pending.includes(c.unitId!));
    for (const kind of kinds) if (kind !== 'coordination') startClock(kind, plan.deadlines[kind]!);
    for (const unitId of toOpen) startClock('coordination', plan.deadlines.coordination!, unitId);

    const close: NonNullable<TaskChanges['close']> = [
      ...(hadLead ? [{ role: 'lead' as const, status: 'cancelled' as const, note: reason ?? type }] : []),
      ...(hadLead ? [{ role: 'triage' as const, status: 'done' as const }] : []),
      ...toCancel.map((unitId) => ({ role: 'coordinating' as const, unitId, status: 'cancelled' as const })),
      ...dropExtension(),
      ...extraCloses,
    ];
    void record(status, {
      ...base,
      type,
      reason,
      payload: { ...base.payload, deadlines: plan.deadlines },
      patch: { leadUnitId, coordinatingUnitIds: coordinating },
      tasks: {
        close,
        open: [
          { unitId: leadUnitId, role: status === 'triage' ? 'triage' : 'lead' },
          ...toOpen.map((unitId) => ({ unitId, role: 'coordinating' as const })),
        ],
      },
    });
  }

  // ── Timers ────────────────────────────────────────────────────────────────────────────────────────
  type Point = { clock: Clock; at: string; what: 'reminder' | 'due' };

  /** The next reminder or deadline of the running clocks. */
  function nextPoint(): Point | null {
    let next: Point | null = null;
    for (const clock of state.clocks) {
      if (clock.pausedLeft !== null) continue;
      const candidates: Point[] = [];
      if (clock.remindAt.length > 0) candidates.push({ clock, at: clock.remindAt[0], what: 'reminder' });
      if (!clock.missed) candidates.push({ clock, at: clock.dueAt, what: 'due' });
      for (const c of candidates) if (next === null || c.at < next.at) next = c;
    }
    return next;
  }

  /** A reminder or a deadline has come; its clock may have stopped or moved while this waited. */
  async function fire(point: Point): Promise<void> {
    const { clock } = point;
    if (!state.clocks.includes(clock) || clock.pausedLeft !== null) return;
    const system: EventBase = { actorUserId: null, actorUnitId: null, payload: {} };
    const about = { clock: clock.kind, unitId: clock.unitId, dueAt: clock.dueAt, notify: recipients(clock) };
    if (point.what === 'reminder') {
      if (clock.remindAt[0] !== point.at) return;
      clock.remindAt.shift();
      clockVersion++;
      void record(state.status, { ...system, type: 'reminder', reason: null, payload: about });
      return;
    }
    if (clock.missed || clock.dueAt !== point.at) return;
    switch (clock.kind) {
      case 'plan': {
        const plan = await db.planDeadlines({ policy: policy(), from: now(), kinds: ['verification'] });
        stopClocks((c) => c === clock);
        startClock('verification', plan.deadlines.verification!);
        void record('awaiting-verification', {
          ...system,
          type: 'verification-due',
          reason: null,
          payload: { planDate: state.planDate, notify: recipients(clock), deadlines: plan.deadlines },
        });
        return;
      }
      case 'feedback': {
        // The feedback window closed in silence: the answer counts as accepted.
        const statusAfter = nextStatus(snapshot(), { action: 'feedback', verdict: 'accept' });
        stopClocks((c) => c === clock);
        if (statusAfter === 'planned') await startPlanClock();
        void record(statusAfter, {
          ...system,
          type: 'accepted-by-silence',
          reason: 'the feedback window ended without an answer',
          payload: about,
        });
        return;
      }
      case 'escalation':
        stopClocks((c) => c === clock);
        if (isOverdue()) await escalateToStandingCommittee(about);
        return;
      case 'triage':
      case 'acknowledge':
      case 'resolution': {
        clock.missed = true;
        clockVersion++;
        if (findClock('escalation')) {
          void record(state.status, { ...system, type: 'deadline-missed', reason: null, payload: about });
          return;
        }
        // Level 1: the lead unit's head and its supervising body are told; the grace period starts.
        state.escalationLevel = Math.max(state.escalationLevel, 1);
        const notify = [
          ...(state.leadUnitId ? [{ unitId: state.leadUnitId, role: 'unit-head' }] : []),
          ...(state.supervisingUnitId ? [{ unitId: state.supervisingUnitId }] : []),
        ];
        // The grace period was computed with the deadline: the breach itself needs no lookup.
        const grace = clock.escalation ?? {
          dueAt: clock.dueAt,
          dueDate: clock.dueDate,
          remindAt: [],
          workingDays: 0,
        };
        const level2At = grace.dueAt;
        startClock('escalation', grace);
        void record(state.status, {
          ...system,
          type: 'escalated',
          reason: `${clock.kind} deadline passed`,
          payload: { ...about, level: 1, notify, level2At },
        });
        return;
      }
      default:
        // Coordination, verification and directive deadlines are chased, not escalated.
        clock.missed = true;
        clockVersion++;
        void record(state.status, { ...system, type: 'deadline-missed', reason: null, payload: about });
        return;
    }
  }

  /** Level 2: still overdue after the grace period, the Standing Committee must issue a directive. */
  async function escalateToStandingCommittee(about: Record<string, unknown>): Promise<void> {
    const plan = await db.planDeadlines({ policy: policy(), from: now(), kinds: ['directive'] });
    const holder = state.status === 'triage' ? ('triage' as const) : ('lead' as const);
    const missed = state.clocks.filter((c) => c.missed && PRIMARY.includes(c.kind));
    state.escalationLevel = 2;
    stopClocks(() => true);
    startClock('directive', plan.deadlines.directive!);
    void record('standing-committee-review', {
      actorUserId: null,
      actorUnitId: null,
      type: 'escalated',
      reason: 'still overdue after the grace period',
      payload: {
        ...about,
        level: 2,
        missed: missed.map((c) => ({ clock: c.kind, dueAt: c.dueAt })),
        deadlines: plan.deadlines,
        notify: [{ unitId: input.standingCommitteeUnitId }],
      },
      tasks: {
        close: [
          { role: holder, status: 'cancelled', note: 'escalated to the Standing Committee' },
          ...dropExtension(),
        ],
        open: [{ unitId: input.standingCommitteeUnitId, role: 'directive' }],
      },
    });
  }

  // 1. Submitted.
  await record('submitted', {
    type: 'submitted',
    actorUserId: submission.submittedByUserId,
    actorUnitId: null,
    actorRole: 'cadre',
    requestId: input.requestId ?? null,
    reason: null,
    payload: {},
    create: { workflowId: workflowInfo().workflowId, submission, submittedAt: input.submittedAt },
  });

  // 2. Routed by rule (category × locality); no rule → the triage office routes it by hand.
  const decision = await db.findRouting({
    categoryCode: submission.categoryCode,
    localityUnitId: submission.localityUnitId,
  });
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.category, value: submission.categoryCode }]);
  state.policyCode = decision?.slaPolicyCode ?? null;
  const routing = { actorUserId: null, actorUnitId: null, payload: { ruleId: decision?.ruleId ?? null } };
  await exclusive(() =>
    decision
      ? routeTo(decision.leadUnitId, decision.coordinatingUnitIds, 'routed', routing, null)
      : routeTo(
          input.triageUnitId,
          [],
          'sent-to-triage',
          routing,
          'no routing rule matches this category and locality',
          'triage',
        ),
  );

  // 3–8: people act through the update handlers; the workflow keeps the time: reminders, deadlines,
  // escalation, the feedback window and the plan date.
  while (state.status !== 'closed') {
    const version = clockVersion;
    const point = nextPoint();
    const changed = () => clockVersion !== version || state.status === 'closed';
    if (point === null) {
      await condition(changed);
      continue;
    }
    const wait = Date.parse(point.at) - Date.now();
    if (wait > 0 && (await condition(changed, wait))) continue;
    await exclusive(() => fire(point));
  }
  await condition(allHandlersFinished);
  await projections;
  await emails;
}
