import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApplicationFailure } from '@temporalio/common';
import type { Environment } from '@ngk/config';
import {
  atLocalTime,
  localDate,
  periodJustEnded,
  periodLabel,
  periodStartingOn,
  reportDueDate,
  TimeScale,
  type ReportPeriod,
  type ReportPeriodKind,
} from '@ngk/domain';
import type { CadreReportPeriodInput, OpenedReportPeriod } from '@ngk/definitions';
import { CadreReportRepository } from './cadre-report.repository';
import { loadClock, SLA_TIME_SCALE } from './sla.activities';
import { SlaRepository } from './sla.repository';

/** How early the deadline's timer may fire before the activity waits the rest itself rather than retrying. */
const MAX_EARLY_MS = 5_000;

/** The local time a cadre is reminded at, on each reminder day. */
const REMINDER_TIME = '08:00';

/** The cadre's periodic report: a period's reports opened, their cadres reminded, the overdue flagged. */
@Injectable()
export class CadreReportActivities {
  constructor(
    private readonly repository: CadreReportRepository,
    private readonly sla: SlaRepository,
    private readonly config: ConfigService<Environment, true>,
    @Inject(SLA_TIME_SCALE) private readonly scale: TimeScale,
  ) {}

  /**
   * Opens the period given, or the one that ended yesterday on the policy's period (null: none ended);
   * answers its deadline and reminder times on the project's clock. Opening again opens nothing twice.
   */
  async openReportPeriod(input: CadreReportPeriodInput): Promise<OpenedReportPeriod | null> {
    const kind: ReportPeriodKind =
      input.periodKind ?? this.config.get('CADRE_REPORT_PERIOD', { infer: true });
    const clock = await loadClock(this.sla, this.scale);
    const period = input.periodStart
      ? periodStartingOn(kind, input.periodStart)
      : periodJustEnded(kind, clock.today(Date.now()));
    if (!period && input.periodStart)
      throw ApplicationFailure.nonRetryable(`no ${kind} starts on ${input.periodStart}`, 'BadPeriod');
    if (!period) return null;
    const calendar = clock.calendar;
    const dueDate = reportDueDate(
      calendar,
      period,
      this.config.get('CADRE_REPORT_DUE_WORKING_DAYS', { infer: true }),
    );
    const dueVirtual = calendar.endOfDay(dueDate);
    const dueAt = new Date(this.scale.toReal(dueVirtual)).toISOString();
    const reminders = this.config
      .get('CADRE_REPORT_REMINDER_DAYS', { infer: true })
      .map(Number)
      .map((workingDaysLeft) => {
        const lastWorkingDay = calendar.isWorkingDay(dueDate)
          ? dueDate
          : calendar.previousWorkingDay(dueDate);
        const day = calendar.nthWorkingDayBefore(lastWorkingDay, workingDaysLeft);
        return { at: atLocalTime(day, REMINDER_TIME), workingDaysLeft };
      })
      .filter((r) => r.at < dueVirtual)
      .sort((a, b) => a.at - b.at)
      .map((r) => ({
        at: new Date(this.scale.toReal(r.at)).toISOString(),
        workingDaysLeft: r.workingDaysLeft,
      }));
    const opened = await this.repository.open(period, dueAt);
    return { ...period, dueAt, reminders, opened };
  }

  /** Reminds each cadre whose report of the period is not submitted yet; answers how many were told now. */
  async remindCadreReports(input: { kind: ReportPeriodKind; start: string; workingDaysLeft: number }) {
    return this.repository.transaction(async (tx) => {
      const label = periodLabel(input, 'vi');
      const waiting = await this.repository.waiting(tx, input);
      return this.repository.notify(
        tx,
        'cadre-report-reminder',
        input.workingDaysLeft,
        waiting.map((r) => ({
          reportId: r.id,
          userId: r.cadreUserId,
          title: `Báo cáo ${label} (${r.communeName}): còn ${input.workingDaysLeft} ngày làm việc`,
          body: `Hạn nộp ${dueText(r.dueAt, this.scale)}. Mở màn hình "Báo cáo định kỳ" để hoàn thành.`,
        })),
      );
    });
  }

  /**
   * At the deadline: flags the period's unsubmitted reports overdue and tells their cadres and the
   * Organization Board's staff, in one transaction; a repeated run tells nobody twice.
   */
  async markCadreReportsOverdue(input: Pick<ReportPeriod, 'kind' | 'start'>) {
    // Temporal's timer and the database's clock may differ by a moment: never flag before due_at.
    const early = await this.repository.untilDue(input);
    if (early > MAX_EARLY_MS)
      throw ApplicationFailure.retryable(`the period falls due in ${Math.round(early)} ms`, 'NotDueYet');
    if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
    return this.repository.transaction(async (tx) => {
      await this.repository.flagOverdue(tx, input);
      const overdue = await this.repository.waiting(tx, input);
      const staff = await this.repository.boardStaff(tx);
      const label = periodLabel(input, 'vi');
      const notices = overdue.flatMap((r) => [
        {
          reportId: r.id,
          userId: r.cadreUserId,
          title: `Báo cáo ${label} (${r.communeName}) đã quá hạn`,
          body: 'Báo cáo vẫn có thể nộp; báo cáo nộp muộn được ghi là nộp muộn.',
        },
        ...staff.map((userId) => ({
          reportId: r.id,
          userId,
          title: `Báo cáo ${label} của ${r.cadreName} (${r.communeName}) quá hạn`,
          body: `Hạn nộp ${dueText(r.dueAt, this.scale)}. Xem màn hình "Theo dõi báo cáo".`,
        })),
      ]);
      const told = await this.repository.notify(tx, 'cadre-report-overdue', 0, notices);
      return { overdue: overdue.length, told };
    });
  }
}

/** The deadline as the clock shows it, day and time in Việt Nam. */
function dueText(dueAt: string | Date, scale: TimeScale): string {
  const virtual = scale.toVirtual(new Date(dueAt).getTime());
  return `17:00 ngày ${localDate(virtual).split('-').reverse().join('/')}`;
}
