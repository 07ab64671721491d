import { upsertSearchAttributes } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { WorkflowClockKind } from '@ngk/domain';
import { SEARCH_ATTRIBUTES, type RecommendationState } from '@ngk/definitions';
import type {
  ProjectedEvent,
  ProjectionResult,
  RecommendationPatch,
  TaskChanges,
  TaskSelector,
} from '@ngk/activities/recommendation.activities';
import { db, mail } from './activities';
import { isCarriedBreach, type Clocks } from './clocks';

/** An event as a handler writes it; the projector numbers it, dates it and adds the deadlines. */
export type EventDraft = Omit<
  ProjectedEvent,
  'seq' | 'recommendationId' | 'statusBefore' | 'statusAfter' | 'occurredAt'
>;
/** Who caused an event, and the request behind it. */
export type EventBase = Pick<
  EventDraft,
  'actorUserId' | 'actorUnitId' | 'actorRole' | 'requestId' | 'payload'
>;

/** The task each clock binds, for its deadline and overdue flag in the read model. */
const CLOCK_TASK: Partial<Record<WorkflowClockKind, TaskSelector['role']>> = {
  triage: 'triage',
  resolution: 'lead',
  coordination: 'coordinating',
  directive: 'directive',
};

/** Events recorded inside `together`, and the promise their projection resolves. */
interface Group {
  events: ProjectedEvent[];
  projected: Promise<void>;
}

/** Options of `together`. */
export interface TogetherOptions {
  /**
   * The search attributes the work changes go to Temporal as one upsert when it is done, each with its
   * last value: each upsert is a history event and a visibility write of the server's.
   */
  oneIndex?: boolean;
}

type Indexed = { status: string; leadUnit: string; escalationLevel: number; dueAt: string | null };

/**
 * Records the item's events: numbers them, sends each to the read model in sequence order whatever order
 * the handlers finish in, sends its emails on a chain of their own (a mail outage never delays the read
 * model), and keeps Temporal's search attributes in step.
 */
export class Projector {
  /** The last projection and the last email sent: each waits for the one before. */
  projections: Promise<unknown> = Promise.resolve();
  emails: Promise<unknown> = Promise.resolve();
  /** The search attributes last sent to Temporal's visibility store. */
  private indexed: Indexed = { status: '', leadUnit: '', escalationLevel: -1, dueAt: null };
  // Callers waiting for an event to reach the read model. They are resumed by promise, in the turn its
  // projection returns, never by a condition() checked at the end of an activation: local-activity
  // results come grouped differently on replay, and a condition would let other work run first there.
  private readonly waiters: { seq: number; resume: () => void }[] = [];
  /** Open while `together` runs its work: the events it records wait to be projected as one. */
  private group: Group | null = null;
  /** Search attributes held back while a `together` with `oneIndex` runs, for its one upsert. */
  private held: SearchAttributeUpdatePair[] | null = null;

  constructor(
    private readonly state: RecommendationState,
    private readonly clocks: Clocks,
    private readonly now: () => string,
    indexed?: Indexed,
  ) {
    if (indexed) this.indexed = indexed;
  }

  /** The search attributes as last sent, for the next run to go on from. */
  indexedAttributes(): Indexed {
    return this.indexed;
  }

  /** Resolves once the read model shows the event of this sequence number. */
  projected(seq: number): Promise<void> {
    return this.state.projectedSeq >= seq
      ? Promise.resolve()
      : new Promise((resume) => this.waiters.push({ seq, resume }));
  }

  /** Resolves once every event recorded so far is in the read model. */
  drained(): Promise<void> {
    return this.projections.then(() => undefined);
  }

  record(statusAfter: RecommendationState['status'], draft: EventDraft): Promise<void> {
    const { state } = this;
    const statusBefore = state.lastEventSeq === 0 ? null : state.status;
    state.status = statusAfter;
    state.overdue = this.clocks.overdue();
    const event: ProjectedEvent = {
      ...draft,
      recommendationId: state.recommendationId,
      seq: state.lastEventSeq + 1,
      statusBefore,
      statusAfter,
      occurredAt: this.now(),
      // Every event carries the deadlines as they stand after it, so the read model never lags them.
      patch: { ...this.slaPatch(), ...draft.patch },
      tasks: draft.create ? draft.tasks : { ...draft.tasks, ...this.taskDeadlines(draft.tasks) },
    };
    state.lastEventSeq = event.seq;
    this.index();
    if (this.group) {
      this.group.events.push(event);
      return this.group.projected;
    }
    const done = this.projections.then(async () => this.shown(event, await db.projectEvent(event)));
    this.projections = done;
    return done;
  }

  /**
   * Projects the events `work` records as one: one local activity and one transaction for all of them,
   * in order, once `work` is done. For a turn that records events back to back (a submission and its
   * routing); the events' own promises resolve when the group is projected, so `work` must not wait on
   * them.
   */
  async together(work: () => Promise<void>, { oneIndex = false }: TogetherOptions = {}): Promise<void> {
    let release!: () => void;
    const group: Group = { events: [], projected: new Promise<void>((resolve) => (release = resolve)) };
    this.group = group;
    if (oneIndex) this.held = [];
    try {
      await work();
    } finally {
      // What was recorded goes to the read model even if the work failed after recording it.
      this.group = null;
      const held = this.held;
      this.held = null;
      if (held && held.length > 0) upsertSearchAttributes(lastValues(held));
      const { events } = group;
      this.projections = this.projections.then(async () => {
        if (events.length > 0) {
          const results = await db.projectEvents(events);
          events.forEach((event, i) => this.shown(event, results[i]));
        }
        release();
      });
    }
    return this.drained();
  }

  /** The read model shows the event: its waiters resume, and the emails it queued are sent. */
  private shown(event: ProjectedEvent, result: ProjectionResult): void {
    this.state.projectedSeq = event.seq;
    for (const waiter of this.waiters.filter((w) => w.seq <= event.seq)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resume();
    }
    if (result.emails > 0) {
      const key = { recommendationId: event.recommendationId, seq: event.seq };
      this.emails = this.emails.then(() => mail.sendNotificationEmails(key));
    }
  }

  /** Visibility writes cost the server a row each: sends only the attributes this event changed. */
  private index(): void {
    const { state } = this;
    const attributes: Indexed = {
      status: state.status,
      leadUnit: state.leadUnitId ?? '',
      escalationLevel: state.escalationLevel,
      dueAt: this.clocks.earliestEscalatingDue(),
    };
    const before = this.indexed;
    const changed: SearchAttributeUpdatePair[] = [];
    if (attributes.status !== before.status)
      changed.push({ key: SEARCH_ATTRIBUTES.status, value: attributes.status });
    if (attributes.leadUnit !== before.leadUnit)
      changed.push({ key: SEARCH_ATTRIBUTES.leadUnit, value: attributes.leadUnit });
    if (attributes.escalationLevel !== before.escalationLevel)
      changed.push({ key: SEARCH_ATTRIBUTES.escalationLevel, value: attributes.escalationLevel });
    if (attributes.dueAt !== before.dueAt && attributes.dueAt !== null)
      changed.push({ key: SEARCH_ATTRIBUTES.dueAt, value: new Date(attributes.dueAt) });
    this.upsert(changed);
    this.indexed = attributes;
  }

  /** Sends search attributes to Temporal now, or with the one upsert of the `together` that holds them. */
  upsert(pairs: SearchAttributeUpdatePair[]): void {
    if (pairs.length === 0) return;
    if (this.held) this.held.push(...pairs);
    else upsertSearchAttributes(pairs);
  }

  /** The read model's deadline columns, from the clocks. */
  private slaPatch(): RecommendationPatch {
    const { state, clocks } = this;
    const due = (kind: WorkflowClockKind) => clocks.find(kind)?.dueAt ?? null;
    const resolution = clocks.find('resolution');
    return {
      acknowledgeDueAt: due('acknowledge') ?? due('triage'),
      resolutionDueAt: resolution?.dueAt ?? null,
      clockPausedAt: resolution?.pausedAt ?? null,
      feedbackDueAt: due('feedback'),
      verificationDueAt: due('verification'),
      directiveDueAt: due('directive'),
      infoDueAt: due('info'),
      reopenUntil: due('reopen'),
      overdue: state.overdue,
      escalationLevel: state.escalationLevel,
      extensionCount: state.extensionCount,
      extensionRequestedBy: state.pendingExtension?.requestedByUserId ?? null,
      slaPolicyCode: state.policyCode,
      supervisingUnitId: state.supervisingUnitId,
    };
  }

  /** Deadlines and overdue flags of the open tasks, from the clocks. */
  private taskDeadlines(changes: TaskChanges | undefined): Pick<TaskChanges, 'due' | 'overdue'> {
    const due: NonNullable<TaskChanges['due']> = [...(changes?.due ?? [])];
    const overdue: NonNullable<TaskChanges['overdue']> = [...(changes?.overdue ?? [])];
    // The lead task is late when either of its deadlines, acknowledgement or resolution, is missed.
    let leadLate = false;
    for (const clock of this.state.clocks) {
      // A breach carried from the previous lead unit keeps the item overdue, not the new lead's task.
      if (isCarriedBreach(clock)) continue;
      if (clock.kind === 'acknowledge' || clock.kind === 'resolution') leadLate ||= clock.missed;
      const role = CLOCK_TASK[clock.kind];
      if (!role) continue;
      const unit = clock.unitId ? { unitId: clock.unitId } : {};
      due.push({ role, ...unit, dueAt: clock.dueAt });
      if (role !== 'lead') overdue.push({ role, ...unit, overdue: clock.missed });
    }
    if (this.state.leadUnitId) overdue.push({ role: 'lead', overdue: leadLate });
    return { due, overdue };
  }
}

/** Each attribute once, in the order first sent, with the last value sent for it. */
function lastValues(pairs: SearchAttributeUpdatePair[]): SearchAttributeUpdatePair[] {
  const byName = new Map<string, SearchAttributeUpdatePair>();
  for (const pair of pairs) byName.set(pair.key.name, pair);
  return [...byName.values()];
}
