import { Injectable } from '@nestjs/common';
import { reportStanding, WELL_KNOWN_UNITS } from '@ngk/domain';
import { ClockService } from '../calendar/clock.service';
import { staffOf, type Actor } from '../common/actor';
import { conflict, forbidden, notFound } from '../common/error-codes';
import { unprocessable } from '../common/validation';
import type { CadreReportAmendmentDto, SaveCadreReportDto } from './cadre-reports.dto';
import { CadreReportsRepository, type ReportRow, type ReportsTx } from './cadre-reports.repository';

/** A report as its reader sees it first: where it stands, and whether it waits for its cadre. */
export function reportSummary(row: ReportRow) {
  const standing = reportStanding(row);
  return {
    id: row.id,
    cadre: { id: row.cadreUserId, name: row.cadreName },
    commune: { id: row.communeUnitId, nameVi: row.communeNameVi, nameEn: row.communeNameEn },
    period: { kind: row.periodKind, start: row.periodStart, end: row.periodEnd },
    dueAt: row.dueAt,
    status: row.status,
    standing,
    late: standing === 'late',
    overdueAt: row.overdueAt,
    submittedAt: row.submittedAt,
  };
}

/**
 * The cadre's periodic report: the cadre reads, drafts and submits their own, once, and corrects a
 * submitted one by amendments only. The Organization Board's staff read any report.
 */
@Injectable()
export class CadreReportsService {
  constructor(
    private readonly repository: CadreReportsRepository,
    private readonly clock: ClockService,
  ) {}

  /** Refuses anyone but the Organization Board's staff (a 403 with a stable code). */
  assertBoard(actor: Actor): void {
    if (!staffOf(actor, WELL_KNOWN_UNITS.organizationBoard))
      throw forbidden(
        'reports.organization-board-only',
        "only the Organization Board's staff follow the cadres' reports",
      );
  }

  async mine(actor: Actor) {
    const rows = await this.repository.mine(actor.userId);
    return rows.map((row) => ({ ...reportSummary(row), waitingForYou: row.status !== 'submitted' }));
  }

  /** One report whole: its sections, the meetings and recommendations of its period, its timeline. */
  async get(actor: Actor, id: string) {
    const row = await this.readable(actor, id);
    const [issues, meetings, recommendations, amendments] = await Promise.all([
      this.repository.issues([id]),
      this.repository.meetings(row),
      // The period's days are the project's clock's (a demo's shortened one); items carry real instants.
      this.repository.recommendations(
        row,
        new Date(this.clock.scale.toReal(Date.parse(`${row.periodStart}T00:00:00+07:00`))),
        new Date(this.clock.scale.toReal(Date.parse(`${row.periodEnd}T00:00:00+07:00`) + 86_400_000)),
      ),
      this.repository.amendments(id),
    ]);
    const timeline = [
      { kind: 'opened', at: row.createdAt },
      ...(row.overdueAt ? [{ kind: 'overdue', at: row.overdueAt }] : []),
      ...(row.submittedAt
        ? [{ kind: 'submitted', at: row.submittedAt, late: reportStanding(row) === 'late' }]
        : []),
      ...amendments.map((a) => ({ kind: 'amended', at: a.createdAt, text: a.text, by: a.authorName })),
    ].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
    return {
      ...reportSummary(row),
      editable: actor.userId === row.cadreUserId && row.status !== 'submitted',
      issues,
      fieldVisits: row.fieldVisits,
      note: row.note,
      meetings,
      recommendations,
      amendments,
      timeline,
    };
  }

  /** Saves the draft as sent; a submitted report is refused (409): it is corrected by amendments. */
  async save(actor: Actor, id: string, dto: SaveCadreReportDto) {
    const unknown = await this.repository.unknownCategories(dto.issues.map((i) => i.categoryCode));
    const badCategory = dto.issues.findIndex((i) => unknown.includes(i.categoryCode));
    if (badCategory >= 0)
      throw unprocessable(
        `issues.${badCategory}.categoryCode`,
        'reference.unknown-category',
        'unknown category',
      );
    await this.repository.transaction(async (tx) => {
      const row = await this.own(actor, id, tx);
      if (row.status === 'submitted')
        throw conflict('cadre-report.submitted', 'the report was submitted: correct it with an amendment');
      const outside = dto.fieldVisits.findIndex((v) => v.date < row.periodStart || v.date > row.periodEnd);
      if (outside >= 0)
        throw unprocessable(
          `fieldVisits.${outside}.date`,
          'cadre-report.visit-outside-period',
          `a visit of this report falls between ${row.periodStart} and ${row.periodEnd}`,
        );
      const saved = await this.repository.issues([id], tx);
      const kept = new Set(dto.issues.flatMap((i) => (i.id ? [i.id] : [])));
      const foreign = dto.issues.findIndex((i) => i.id && !saved.some((s) => s.id === i.id));
      if (foreign >= 0)
        throw unprocessable(
          `issues.${foreign}.id`,
          'cadre-report.unknown-issue',
          'no such issue in this report',
        );
      const removed = saved.filter((s) => !kept.has(s.id));
      if (removed.some((s) => s.recommendationId || s.flaggedForAgendaAt))
        throw conflict(
          'cadre-report.issue-in-use',
          'an issue made into a recommendation or flagged for the agenda stays in the report',
          'issues',
        );
      await this.repository.saveDraft(tx, id, {
        note: dto.note || null,
        fieldVisits: dto.fieldVisits.map((v) => ({
          date: v.date,
          place: v.place,
          ...(v.purpose ? { purpose: v.purpose } : {}),
        })),
        issues: dto.issues,
        removed: removed.map((s) => s.id),
      });
    });
    return this.get(actor, id);
  }

  /** Submits once; late when past the deadline, which is allowed and shown. */
  async submit(actor: Actor, id: string) {
    await this.repository.transaction(async (tx) => {
      const row = await this.own(actor, id, tx);
      if (row.status === 'submitted')
        throw conflict('cadre-report.already-submitted', 'the report was submitted already');
      await this.repository.submit(tx, id);
    });
    return this.get(actor, id);
  }

  /** Corrects a submitted report: the amendment joins its timeline; the report stays as submitted. */
  async amend(actor: Actor, id: string, dto: CadreReportAmendmentDto) {
    await this.repository.transaction(async (tx) => {
      const row = await this.own(actor, id, tx);
      if (row.status !== 'submitted')
        throw conflict('cadre-report.not-submitted', 'a draft is corrected by saving it again');
      await this.repository.amend(tx, id, actor.userId, dto.text);
    });
    return this.get(actor, id);
  }

  /** The report, for its cadre or the Organization Board; another cadre hears it does not exist. */
  private async readable(actor: Actor, id: string): Promise<ReportRow> {
    const row = await this.repository.report(id);
    if (actor.role === 'cadre') {
      if (!row || row.cadreUserId !== actor.userId) throw reportNotFound();
      return row;
    }
    this.assertBoard(actor);
    if (!row) throw reportNotFound();
    return row;
  }

  /** The cadre's own report, held for this transaction. */
  private async own(actor: Actor, id: string, tx: ReportsTx) {
    const row = await this.repository.report(id, tx, true);
    if (!row || row.cadreUserId !== actor.userId) throw reportNotFound();
    return row;
  }
}

function reportNotFound() {
  return notFound('cadre-report.not-found', 'no such report among yours');
}
