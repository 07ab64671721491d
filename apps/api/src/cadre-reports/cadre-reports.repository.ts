import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ReportPeriodKind } from '@ngk/domain';

/** A transaction of the reports' writes, handed back to the repository's methods. */
export type ReportsTx = EntityManager;

/** A report's own row, as the services judge it. */
export interface ReportRow {
  id: string;
  cadreUserId: string;
  cadreName: string;
  communeUnitId: string;
  communeNameVi: string;
  communeNameEn: string;
  periodKind: ReportPeriodKind;
  periodStart: string;
  periodEnd: string;
  dueAt: string;
  status: 'open' | 'draft' | 'submitted';
  submittedAt: string | null;
  overdueAt: string | null;
  fieldVisits: { date: string; place: string; purpose?: string }[];
  note: string | null;
  createdAt: string;
}

export interface IssueRow {
  id: string;
  reportId: string;
  categoryCode: string;
  text: string;
  flaggedForAgendaAt: string | null;
  flaggedBy: string | null;
  recommendationId: string | null;
  recommendationReference: string | null;
}

const REPORT_FIELDS = `r.id, r.cadre_user_id AS "cadreUserId", u.display_name AS "cadreName",
  r.commune_unit_id AS "communeUnitId", c.name_vi AS "communeNameVi", c.name_en AS "communeNameEn",
  r.period_kind AS "periodKind", to_char(r.period_start, 'YYYY-MM-DD') AS "periodStart",
  to_char(r.period_end, 'YYYY-MM-DD') AS "periodEnd", r.due_at AS "dueAt", r.status,
  r.submitted_at AS "submittedAt", r.overdue_at AS "overdueAt", r.field_visits AS "fieldVisits", r.note,
  r.created_at AS "createdAt"`;
const REPORT_FROM = `cadre_reports r JOIN users u ON u.id = r.cadre_user_id JOIN units c ON c.id = r.commune_unit_id`;
const ISSUE_FIELDS = `i.id, i.report_id AS "reportId", i.category_code AS "categoryCode", i.text,
  i.flagged_for_agenda_at AS "flaggedForAgendaAt", i.flagged_by AS "flaggedBy",
  i.recommendation_id AS "recommendationId", rec.reference AS "recommendationReference"`;

/** All SQL of the cadres' periodic reports as the API reads and writes them. */
@Injectable()
export class CadreReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The cadre's reports, those waiting first, then newest period first. */
  mine(cadreUserId: string): Promise<ReportRow[]> {
    return this.dataSource.query(
      `SELECT ${REPORT_FIELDS} FROM ${REPORT_FROM} WHERE r.cadre_user_id = $1
        ORDER BY (r.status = 'submitted'), r.period_start DESC, c.name_vi LIMIT 200`,
      [cadreUserId],
    );
  }

  /** One report; `lock` holds it until the transaction ends, so two saves take turns. */
  async report(
    id: string,
    tx: EntityManager | DataSource = this.dataSource,
    lock = false,
  ): Promise<ReportRow | undefined> {
    const [row] = await tx.query(
      `SELECT ${REPORT_FIELDS} FROM ${REPORT_FROM} WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`,
      [id],
    );
    return row;
  }

  issues(reportIds: string[], tx: EntityManager | DataSource = this.dataSource): Promise<IssueRow[]> {
    return tx.query(
      `SELECT ${ISSUE_FIELDS} FROM report_issues i LEFT JOIN recommendations rec ON rec.id = i.recommendation_id
        WHERE i.report_id = ANY($1::uuid[]) ORDER BY i.position, i.created_at, i.id`,
      [reportIds],
    );
  }

  /** Meetings of the report's commune in its period, with the cadre's attendance as recorded. */
  meetings(report: ReportRow): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `SELECT m.id, m.kind, to_char(m.held_on, 'YYYY-MM-DD') AS "heldOn", m.title, a.status, a.reason,
              a.delegate_name AS "delegateName", a.note
         FROM meetings m JOIN meeting_attendance a ON a.meeting_id = m.id AND a.user_id = $1
        WHERE m.unit_id = $2 AND m.held_on BETWEEN $3::date AND $4::date ORDER BY m.held_on`,
      [report.cadreUserId, report.communeUnitId, report.periodStart, report.periodEnd],
    );
  }

  /** The recommendations the cadre raised for the commune between two instants (the period's). */
  recommendations(report: ReportRow, from: Date, until: Date): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `SELECT id, reference, title, status, category_code AS "categoryCode", created_at AS "createdAt"
         FROM recommendations
        WHERE submitted_by = $1 AND locality_unit_id = $2 AND created_at >= $3 AND created_at < $4
        ORDER BY created_at`,
      [report.cadreUserId, report.communeUnitId, from, until],
    );
  }

  amendments(
    reportId: string,
  ): Promise<{ id: string; text: string; authorName: string; createdAt: string }[]> {
    return this.dataSource.query(
      `SELECT a.id, a.text, u.display_name AS "authorName", a.created_at AS "createdAt"
         FROM cadre_report_amendments a JOIN users u ON u.id = a.author_user_id
        WHERE a.report_id = $1 ORDER BY a.created_at, a.id`,
      [reportId],
    );
  }

  async unknownCategories(codes: string[]): Promise<string[]> {
    const rows: { code: string }[] = await this.dataSource.query(
      `SELECT x.code FROM unnest($1::text[]) AS x(code) WHERE NOT EXISTS (SELECT 1 FROM categories c WHERE c.code = x.code)`,
      [codes],
    );
    return rows.map((r) => r.code);
  }

  /** Writes a draft's sections: the report's own columns, its issues updated, added and removed. */
  async saveDraft(
    tx: EntityManager,
    reportId: string,
    draft: {
      note: string | null;
      fieldVisits: unknown[];
      issues: { id?: string; categoryCode: string; text: string }[];
      removed: string[];
    },
  ): Promise<void> {
    await tx.query(
      `UPDATE cadre_reports SET status = 'draft', note = $2, field_visits = $3::jsonb, updated_at = now() WHERE id = $1`,
      [reportId, draft.note, JSON.stringify(draft.fieldVisits)],
    );
    if (draft.removed.length)
      await tx.query(`DELETE FROM report_issues WHERE report_id = $1 AND id = ANY($2::uuid[])`, [
        reportId,
        draft.removed,
      ]);
    for (const [position, issue] of draft.issues.entries()) {
      if (issue.id)
        await tx.query(
          `UPDATE report_issues SET category_code = $3, text = $4, position = $5 WHERE id = $1 AND report_id = $2`,
          [issue.id, reportId, issue.categoryCode, issue.text, position],
        );
      else
        await tx.query(
          `INSERT INTO report_issues (report_id, category_code, text, position) VALUES ($1, $2, $3, $4)`,
          [reportId, issue.categoryCode, issue.text, position],
        );
    }
  }

  async submit(tx: EntityManager, reportId: string): Promise<void> {
    await tx.query(
      `UPDATE cadre_reports SET status = 'submitted', submitted_at = now(), updated_at = now() WHERE id = $1`,
      [reportId],
    );
  }

  async amend(tx: EntityManager, reportId: string, authorUserId: string, text: string): Promise<void> {
    await tx.query(
      `INSERT INTO cadre_report_amendments (report_id, author_user_id, text) VALUES ($1, $2, $3)`,
      [reportId, authorUserId, text],
    );
  }

  /** An issue with its report's cadre, held until the transaction ends when asked. */
  async issue(
    id: string,
    tx: EntityManager | DataSource = this.dataSource,
    lock = false,
  ): Promise<(IssueRow & { cadreUserId: string; reportStatus: string }) | undefined> {
    const [row] = await tx.query(
      `SELECT ${ISSUE_FIELDS}, r.cadre_user_id AS "cadreUserId", r.status AS "reportStatus"
         FROM report_issues i JOIN cadre_reports r ON r.id = i.report_id
         LEFT JOIN recommendations rec ON rec.id = i.recommendation_id
        WHERE i.id = $1 ${lock ? 'FOR UPDATE OF i' : ''}`,
      [id],
    );
    return row;
  }

  /** Links an issue to the recommendation made from it; false when it was linked meanwhile to another. */
  /**
   * Runs `work` holding a lock on the issue, on a connection of its own for the while: two submissions
   * made of one issue at once run one after the other, so the second is refused before it creates an item.
   */
  async exclusively<T>(issueId: string, work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext('ngk:report-issue'), hashtext($1))`, [issueId]);
      try {
        return await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('ngk:report-issue'), hashtext($1))`, [
          issueId,
        ]);
      }
    } finally {
      await runner.release();
    }
  }

  async link(issueId: string, recommendationId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE report_issues SET recommendation_id = $2
        WHERE id = $1 AND (recommendation_id IS NULL OR recommendation_id = $2) RETURNING id`,
      [issueId, recommendationId],
    );
    return rows.length > 0;
  }

  async flag(issueId: string, userId: string | null): Promise<void> {
    await this.dataSource.query(
      userId
        ? `UPDATE report_issues SET flagged_for_agenda_at = COALESCE(flagged_for_agenda_at, now()), flagged_by = COALESCE(flagged_by, $2) WHERE id = $1`
        : `UPDATE report_issues SET flagged_for_agenda_at = NULL, flagged_by = NULL WHERE id = $1`,
      userId ? [issueId, userId] : [issueId],
    );
  }

  /** The periods reports were opened for, newest first. */
  periods(): Promise<
    { periodKind: ReportPeriodKind; periodStart: string; periodEnd: string; reports: number }[]
  > {
    return this.dataSource.query(
      `SELECT period_kind AS "periodKind", to_char(period_start, 'YYYY-MM-DD') AS "periodStart",
              to_char(period_end, 'YYYY-MM-DD') AS "periodEnd", count(*)::int AS reports
         FROM cadre_reports GROUP BY 1, 2, 3 ORDER BY 2 DESC, 1 LIMIT 100`,
    );
  }

  /** Every report of a period, by commune then cadre. */
  periodReports(kind: ReportPeriodKind, start: string): Promise<ReportRow[]> {
    return this.dataSource.query(
      `SELECT ${REPORT_FIELDS} FROM ${REPORT_FROM} WHERE r.period_kind = $1 AND r.period_start = $2::date
        ORDER BY c.name_vi, u.display_name`,
      [kind, start],
    );
  }

  /** Emerging issues of a period's submitted reports, by category, with their commune and cadre. */
  periodIssues(
    kind: ReportPeriodKind,
    start: string,
    categoryCode: string | null,
  ): Promise<
    (IssueRow & {
      communeNameVi: string;
      communeNameEn: string;
      cadreName: string;
      categoryNameVi: string;
      categoryNameEn: string;
    })[]
  > {
    return this.dataSource.query(
      `SELECT ${ISSUE_FIELDS}, c.name_vi AS "communeNameVi", c.name_en AS "communeNameEn",
              u.display_name AS "cadreName", cat.name_vi AS "categoryNameVi", cat.name_en AS "categoryNameEn"
         FROM report_issues i JOIN cadre_reports r ON r.id = i.report_id
         JOIN units c ON c.id = r.commune_unit_id JOIN users u ON u.id = r.cadre_user_id
         JOIN categories cat ON cat.code = i.category_code
         LEFT JOIN recommendations rec ON rec.id = i.recommendation_id
        WHERE r.period_kind = $1 AND r.period_start = $2::date AND r.status = 'submitted'
          AND ($3::text IS NULL OR i.category_code = $3)
        ORDER BY cat.name_vi, c.name_vi, i.position`,
      [kind, start, categoryCode],
    );
  }
}
