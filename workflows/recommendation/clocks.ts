import { escalates, type Deadline, type WorkflowClockKind } from '@ngk/domain';
import type { Clock, RecommendationState } from '@ngk/definitions';

/** A missed deadline carried over from a unit that no longer holds the item (see carryBreach). */
export function isCarriedBreach(clock: Clock): boolean {
  return escalates(clock.kind) && clock.unitId !== null;
}

/** A reminder or a deadline of a running clock: what the workflow waits for next. */
export interface ClockPoint {
  clock: Clock;
  at: string;
  what: 'reminder' | 'due';
}

/**
 * The item's running deadlines (kept in its state, which queries return) and when the timer loop must
 * look at them again: every change that can move the next reminder or deadline is made here, and
 * `watch()` tells the loop that one happened.
 */
export class Clocks {
  private version = 0;

  constructor(
    private readonly state: RecommendationState,
    private readonly now: () => string,
  ) {}

  find(kind: WorkflowClockKind, unitId: string | null = null): Clock | undefined {
    return this.state.clocks.find((c) => c.kind === kind && c.unitId === unitId);
  }

  /** Whether a clock is still running (it may have stopped or paused while a timer waited for it). */
  isRunning(clock: Clock): boolean {
    return this.state.clocks.includes(clock) && clock.pausedLeft === null;
  }

  start(kind: WorkflowClockKind, deadline: Deadline, unitId: string | null = null): void {
    this.stop((c) => c.kind === kind && c.unitId === unitId);
    this.state.clocks.push({
      kind,
      unitId,
      dueAt: deadline.dueAt,
      dueDate: deadline.dueDate,
      remindAt: deadline.remindAt.filter((t) => t > this.now()),
      pausedLeft: null,
      pausedAt: null,
      missed: false,
      escalation: deadline.escalation ?? null,
    });
    this.version++;
  }

  stop(which: (c: Clock) => boolean): void {
    this.state.clocks = this.state.clocks.filter((c) => !which(c));
    this.version++;
  }

  stopAll(): void {
    this.stop(() => true);
  }

  /** Paused with the whole working days it had left, given back when it resumes. */
  pause(clock: Clock, workingDaysLeft: number): void {
    clock.pausedLeft = workingDaysLeft;
    clock.pausedAt = this.now();
    clock.missed = false;
    this.version++;
  }

  /** More days for a paused clock: nothing waits on it, so the loop need not look again. */
  lengthenPause(clock: Clock, workingDays: number): void {
    clock.pausedLeft = (clock.pausedLeft ?? 0) + workingDays;
  }

  missed(clock: Clock): void {
    clock.missed = true;
    this.version++;
  }

  reminderSent(clock: Clock): void {
    clock.remindAt.shift();
    this.version++;
  }

  /**
   * Keeps a breach across a transfer: the missed deadlines of the unit that held the item, kept under
   * that unit's id (so the new lead's fresh clocks do not replace them), and the grace period running to
   * level 2. Returns the clocks kept.
   */
  carryBreach(fromUnitId: string | null): Clock[] {
    const kept = this.state.clocks.filter((c) => c.kind === 'escalation' || (c.missed && escalates(c.kind)));
    for (const clock of kept) {
      if (clock.kind === 'escalation') continue;
      clock.unitId = clock.unitId ?? fromUnitId;
      clock.remindAt = [];
    }
    this.version++;
    return kept;
  }

  /**
   * Coordination clocks follow their unit to its successor (a reorganization): one whose successor has a
   * clock already, or no longer owes an opinion, stops. Their deadlines stay as they were.
   */
  reassign(moves: Readonly<Record<string, string>>, pending: readonly string[]): void {
    const moved = (c: Clock) => c.kind === 'coordination' && c.unitId !== null && c.unitId in moves;
    this.stop((c) => {
      if (!moved(c)) return false;
      const successor = moves[c.unitId!];
      return !pending.includes(successor) || this.find('coordination', successor) !== undefined;
    });
    for (const clock of this.state.clocks.filter(moved)) clock.unitId = moves[clock.unitId!];
    this.version++;
  }

  /** A predicate that turns true once any clock starts, stops, pauses or moves after this call. */
  watch(): () => boolean {
    const version = this.version;
    return () => this.version !== version;
  }

  /**
   * A predicate that turns true once the clocks change so that something falls due before `point`: a
   * change that moves the next instant later leaves the wait for `point` as it is (TIMER_KEPT_WHEN_LATER).
   */
  watchSooner(point: ClockPoint): () => boolean {
    const moved = this.watch();
    return () => {
      if (!moved()) return false;
      const next = this.next();
      return next !== null && next.at < point.at;
    };
  }

  /** The next reminder or deadline of the running clocks. */
  next(): ClockPoint | null {
    let next: ClockPoint | null = null;
    for (const clock of this.state.clocks) {
      if (clock.pausedLeft !== null) continue;
      const candidates: ClockPoint[] = [];
      if (clock.remindAt.length > 0) candidates.push({ clock, at: clock.remindAt[0], what: 'reminder' });
      if (!clock.missed) candidates.push({ clock, at: clock.dueAt, what: 'due' });
      for (const c of candidates) if (next === null || c.at < next.at) next = c;
    }
    return next;
  }

  /**
   * A deadline of the unit that holds the item has passed and its work is still open; an item escalated
   * to the Standing Committee stays overdue until the committee rules.
   */
  overdue(): boolean {
    return (
      this.state.clocks.some((c) => c.missed && escalates(c.kind)) ||
      (this.state.escalationLevel === 2 && this.state.status === 'standing-committee-review')
    );
  }

  /** The missed deadlines of the unit that holds the item. */
  missedEscalating(): Clock[] {
    return this.state.clocks.filter((c) => c.missed && escalates(c.kind));
  }

  /** The earliest deadline of the unit holding the item, missed or not (paused clocks excepted). */
  earliestEscalatingDue(): string | null {
    return (
      this.state.clocks
        .filter((c) => escalates(c.kind) && c.pausedLeft === null)
        .map((c) => c.dueAt)
        .sort()[0] ?? null
    );
  }
}
