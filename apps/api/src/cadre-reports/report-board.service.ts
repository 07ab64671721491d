import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { conflict, notFound } from '../common/error-codes';
import type { ReportPeriodQuery } from './cadre-reports.dto';
import { CadreReportsRepository } from './cadre-reports.repository';
import { CadreReportsService, reportSummary } from './cadre-reports.service';

const STANDINGS = ['on-time', 'late', 'overdue', 'draft', 'open'] as const;

/**
 * The Organization Board's view of a period: who has and has not reported, commune by commune; the
 * emerging issues across communes by category, each flaggable for the Standing Committee's agenda.
 */
@Injectable()
export class ReportBoardService {
  constructor(
    private readonly repository: CadreReportsRepository,
    private readonly reports: CadreReportsService,
  ) {}

  async periods(actor: Actor) {
    this.reports.assertBoard(actor);
    return this.repository.periods();
  }

  /** Each commune's reports of the period, with counts by standing. */
  async status(actor: Actor, query: ReportPeriodQuery) {
    this.reports.assertBoard(actor);
    const reports = (await this.repository.periodReports(query.periodKind, query.periodStart)).map(
      reportSummary,
    );
    const communes = new Map<
      string,
      { commune: (typeof reports)[number]['commune']; reports: typeof reports }
    >();
    for (const r of reports) {
      const entry = communes.get(r.commune.id) ?? { commune: r.commune, reports: [] };
      entry.reports.push(r);
      communes.set(r.commune.id, entry);
    }
    const counts = Object.fromEntries(
      STANDINGS.map((s) => [s, reports.filter((r) => r.standing === s).length]),
    );
    return {
      period: { kind: query.periodKind, start: query.periodStart },
      counts,
      communes: [...communes.values()],
    };
  }

  /** The submitted reports' emerging issues, grouped by category. */
  async issues(actor: Actor, query: ReportPeriodQuery) {
    this.reports.assertBoard(actor);
    const rows = await this.repository.periodIssues(
      query.periodKind,
      query.periodStart,
      query.categoryCode ?? null,
    );
    const categories = new Map<string, { code: string; nameVi: string; nameEn: string; issues: unknown[] }>();
    for (const row of rows) {
      const { categoryNameVi, categoryNameEn, ...issue } = row;
      const entry = categories.get(row.categoryCode) ?? {
        code: row.categoryCode,
        nameVi: categoryNameVi,
        nameEn: categoryNameEn,
        issues: [],
      };
      entry.issues.push(issue);
      categories.set(row.categoryCode, entry);
    }
    return {
      period: { kind: query.periodKind, start: query.periodStart },
      categories: [...categories.values()],
    };
  }

  /** Every report of the period whole, for the export. */
  async export(actor: Actor, query: ReportPeriodQuery) {
    this.reports.assertBoard(actor);
    const rows = await this.repository.periodReports(query.periodKind, query.periodStart);
    const issues = await this.repository.issues(rows.map((r) => r.id));
    return rows.map((row) => ({ row, issues: issues.filter((i) => i.reportId === row.id) }));
  }

  /** Puts an emerging issue of a submitted report on the Standing Committee's proposed agenda, or takes it off. */
  async flag(actor: Actor, issueId: string, flagged: boolean) {
    this.reports.assertBoard(actor);
    const issue = await this.repository.issue(issueId);
    if (!issue) throw notFound('report-issue.not-found', 'no such emerging issue');
    if (issue.reportStatus !== 'submitted')
      throw conflict(
        'report-issue.report-not-submitted',
        'only a submitted report’s issues go on the agenda',
      );
    await this.repository.flag(issueId, flagged ? actor.userId : null);
    const { cadreUserId: _c, reportStatus: _s, ...after } = (await this.repository.issue(issueId))!;
    return after;
  }
}
