import { Injectable } from '@nestjs/common';
import {
  attendanceCounts,
  attendanceOutcome,
  recommendationFigures,
  recordPeriodDates,
  recordPeriodInstants,
  reportFigures,
  reportStanding,
  type AttendanceOutcome,
  type RecommendationFigures,
  type RecordPeriod,
  type ReportFigures,
  type ReportStanding,
  WELL_KNOWN_UNITS,
} from '@ngk/domain';
import { ClockService } from '../calendar/clock.service';
import { staffOf, type Actor } from '../common/actor';
import { forbidden, notFound } from '../common/error-codes';
import { MeetingsRepository } from '../meetings/meetings.repository';
import type { PeriodQuery } from '../meetings/meetings.dto';
import { CadreRecordsRepository, type CadreRow } from './cadre-records.repository';

/** One cadre's record over a quarter or a year, every figure as libs/domain cadre-record.ts defines it. */
export interface CadreRecord {
  cadre: CadreRow;
  period: RecordPeriod & { from: string; to: string };
  generatedAt: string;
  reports: ReportFigures;
  meetings: Record<AttendanceOutcome, number>;
  recommendations: RecommendationFigures;
  /** The lines behind the counts, for the printed page and the workbook. */
  reportLines: {
    communeVi: string;
    communeEn: string;
    periodStart: string;
    standing: ReportStanding;
    fieldVisits: number;
  }[];
  meetingLines: {
    heldOn: string;
    kind: string;
    title: string;
    unitNameVi: string;
    unitNameEn: string;
    outcome: AttendanceOutcome;
    reason: string | null;
    delegateName: string | null;
  }[];
}

/**
 * Each cadre's record: visible to the cadre themself, the Organization Board's staff and the Standing
 * Committee. Another cadre's record does not exist for a cadre (404), as another cadre's item does not.
 */
@Injectable()
export class CadreRecordsService {
  constructor(
    private readonly repository: CadreRecordsRepository,
    private readonly meetings: MeetingsRepository,
    private readonly clock: ClockService,
  ) {}

  /** The cadres the actor may read the record of. */
  async cadres(actor: Actor): Promise<CadreRow[]> {
    this.assertReader(actor);
    if (actor.role === 'cadre') return [(await this.repository.cadre(actor.userId))!];
    return this.repository.cadres();
  }

  async record(actor: Actor, cadreId: string, query: PeriodQuery): Promise<CadreRecord> {
    this.assertReader(actor);
    const cadre =
      actor.role === 'cadre' && actor.userId !== cadreId ? undefined : await this.repository.cadre(cadreId);
    if (!cadre) throw notFound('cadre-record.not-found', 'no such cadre');
    const period: RecordPeriod = { year: query.year, quarter: query.quarter ?? null };
    const { from, to } = recordPeriodDates(period);
    const bounds = recordPeriodInstants(period);
    const now = this.clock.now();
    const today = this.clock.today();
    const [reports, items, meetings] = await Promise.all([
      this.repository.reports(cadre.id, from, to),
      this.repository.items(cadre.id, new Date(bounds.end)),
      this.meetings.mine(cadre.id, from, to),
    ]);
    const meetingLines = meetings.map((m) => ({
      heldOn: m.heldOn,
      kind: m.kind,
      title: m.title,
      unitNameVi: m.unitNameVi,
      unitNameEn: m.unitNameEn,
      outcome: attendanceOutcome(m.heldOn, today, m.status),
      reason: m.reason,
      delegateName: m.delegateName,
    }));
    const ms = (at: Date | null) => (at === null ? null : new Date(at).getTime());
    return {
      cadre,
      period: { ...period, from, to },
      generatedAt: new Date(now).toISOString(),
      reports: reportFigures(reports),
      meetings: attendanceCounts(meetingLines.map((m) => m.outcome)),
      recommendations: recommendationFigures(
        items.map((i) => ({
          createdAt: ms(i.createdAt)!,
          resolvedAt: ms(i.resolvedAt),
          outcome: i.outcome,
          resolveWorkingDays: i.resolveWorkingDays,
          verifiedAt: ms(i.verifiedAt),
        })),
        bounds,
      ),
      reportLines: reports.map((r) => ({
        communeVi: r.communeVi,
        communeEn: r.communeEn,
        periodStart: r.periodStart,
        standing: reportStanding(r),
        fieldVisits: r.fieldVisits,
      })),
      meetingLines,
    };
  }

  /** Cadres read their own; of unit staff, the Organization Board's only. */
  private assertReader(actor: Actor): void {
    if (
      actor.role === 'cadre' ||
      actor.role === 'standing-committee' ||
      staffOf(actor, WELL_KNOWN_UNITS.organizationBoard)
    )
      return;
    throw forbidden(
      'cadre-record.organization-board-only',
      "a cadre's record is read by the cadre, the Organization Board's staff and the Standing Committee",
    );
  }
}
