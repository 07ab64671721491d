import { TimeScale } from './time-scale';
import {
  addDays,
  localDate,
  type LocalDate,
  type ReminderPoint,
  type WorkingCalendar,
} from './working-calendar';

/** A deadline as the workflow waits for it: when it falls due and when to remind before. */
export interface Deadline {
  dueAt: string;
  /** The local date it falls due on the (possibly scaled) clock: extensions count from it. */
  dueDate: LocalDate;
  remindAt: string[];
  workingDays: number;
  /** For the deadlines of the unit holding the item: the end of the grace period, when a breach still
   *  open goes to level 2. */
  escalation?: Deadline;
}

/**
 * Working-day deadlines on real instants: the calendar's arithmetic, read through the time scale, so a
 * shortened clock for tests keeps every calendar rule.
 */
export class SlaClock {
  constructor(
    readonly calendar: WorkingCalendar,
    readonly scale: TimeScale = TimeScale.REAL,
  ) {}

  /** The deadline N working days from `from`, with its reminders. */
  deadline(from: number, workingDays: number, reminders: readonly ReminderPoint[]): Deadline {
    const due = this.calendar.addWorkingDays(this.scale.toVirtual(from), workingDays);
    return this.describe(due, workingDays, reminders);
  }

  /** A deadline moved N working days later than the one due on `dueDate`. */
  extend(
    dueDate: LocalDate,
    workingDays: number,
    from: number,
    reminders: readonly ReminderPoint[],
  ): Deadline {
    return this.deadlineOn(this.calendar.nthWorkingDayAfter(dueDate, workingDays), from, reminders);
  }

  /** The same deadline with the end of its escalation grace period: N working days after its due day. */
  withEscalation(deadline: Deadline, graceDays: number): Deadline {
    const day = this.calendar.nthWorkingDayAfter(deadline.dueDate, graceDays);
    const dueAt = new Date(this.scale.toReal(this.calendar.endOfDay(day))).toISOString();
    return { ...deadline, escalation: { dueAt, dueDate: day, remindAt: [], workingDays: graceDays } };
  }

  /** The deadline at the end (cut-off) of a local date, with its reminders. */
  deadlineOn(date: LocalDate, from: number, reminders: readonly ReminderPoint[]): Deadline {
    const due = this.calendar.endOfDay(date);
    const workingDays = this.calendar.workingDaysLeft(this.scale.toVirtual(from), due);
    return this.describe(due, workingDays, reminders);
  }

  /**
   * A window of N calendar days from `from`: it lasts to the end (midnight) of the Nth day after the
   * day of `from`, whatever the working days; nobody is reminded of it.
   */
  calendarWindow(from: number, days: number): Deadline {
    const lastDay = addDays(this.today(from), days);
    return {
      dueAt: new Date(this.startOf(addDays(lastDay, 1))).toISOString(),
      dueDate: lastDay,
      remindAt: [],
      workingDays: 0,
    };
  }

  /** The start (00:00) of a local date, on the real clock. */
  startOf(date: LocalDate): number {
    return this.scale.toReal(Date.parse(`${date}T00:00:00+07:00`));
  }

  /**
   * The deadline an extended one replaced: `workingDays` working days before its due day, at that
   * day's cut-off; the inverse of `extend`, and of a paused clock lengthened and then resumed.
   */
  beforeExtensions(dueAt: number, workingDays: number): number {
    if (workingDays <= 0) return dueAt;
    const day = this.calendar.nthWorkingDayBefore(localDate(this.scale.toVirtual(dueAt)), workingDays);
    return this.scale.toReal(this.calendar.endOfDay(day));
  }

  /** Working days from one real instant to another, counted on the calendar's working days. */
  workingDaysBetween(from: number, to: number): number {
    return this.calendar.workingDaysBetween(this.scale.toVirtual(from), this.scale.toVirtual(to));
  }

  workingDaysLeft(at: number, dueAt: number): number {
    return this.calendar.workingDaysLeft(this.scale.toVirtual(at), this.scale.toVirtual(dueAt));
  }

  /** The local date the (possibly scaled) clock shows at a real instant. */
  today(at: number): LocalDate {
    return localDate(this.scale.toVirtual(at));
  }

  private describe(virtualDue: number, workingDays: number, reminders: readonly ReminderPoint[]): Deadline {
    return {
      dueAt: new Date(this.scale.toReal(virtualDue)).toISOString(),
      dueDate: localDate(virtualDue),
      remindAt: this.calendar
        .reminderTimes(virtualDue, reminders)
        .map((t) => new Date(this.scale.toReal(t)).toISOString()),
      workingDays,
    };
  }
}
