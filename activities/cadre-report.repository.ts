import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { WELL_KNOWN_UNITS, type ReportPeriod } from '@ngk/domain';

/** A notice about one report, to one person. */
export interface ReportNotice {
  reportId: string;
  userId: string;
  title: string;
  body: string;
}

/** A report of the period still waiting for its cadre, with the words its notices need. */
export interface WaitingReport {
  id: string;
  cadreUserId: string;
  cadreName: string;
  communeName: string;
  dueAt: string;
}

/** The period run's writes: the reports it opens, their overdue flags and their notices. */
@Injectable()
export class CadreReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * One report per active cadre per commune assigned to them on any day of the period; a report already
   * there (a repeated run) is kept as it is. Answers how many were opened now.
   */
  async open(period: ReportPeriod, dueAt: string): Promise<number> {
    const opened: unknown[] = await this.dataSource.query(
      `INSERT INTO cadre_reports (cadre_user_id, commune_unit_id, period_kind, period_start, period_end, due_at)
       SELECT DISTINCT a.user_id, a.unit_id, $1, $2::date, $3::date, $4::timestamptz
         FROM cadre_assignments a
         JOIN users u ON u.id = a.user_id AND u.active AND u.role = 'cadre'
         JOIN units c ON c.id = a.unit_id AND c.kind = 'commune'
        WHERE a.valid_from <= $3::date AND (a.valid_to IS NULL OR a.valid_to >= $2::date)
       ON CONFLICT (cadre_user_id, commune_unit_id, period_kind, period_start) DO NOTHING
       RETURNING id`,
      [period.kind, period.start, period.end, dueAt],
    );
    return opened.length;
  }

  /** The period's reports not yet submitted; `overdueOnly`: those already flagged overdue. */
  waiting(tx: EntityManager, period: Pick<ReportPeriod, 'kind' | 'start'>): Promise<WaitingReport[]> {
    return tx.query(
      `SELECT r.id, r.cadre_user_id AS "cadreUserId", u.display_name AS "cadreName",
              c.name_vi AS "communeName", r.due_at AS "dueAt"
         FROM cadre_reports r JOIN users u ON u.id = r.cadre_user_id JOIN units c ON c.id = r.commune_unit_id
        WHERE r.period_kind = $1 AND r.period_start = $2::date AND r.status <> 'submitted'
        ORDER BY c.name_vi, u.display_name`,
      [period.kind, period.start],
    );
  }

  /** Milliseconds until the last unsubmitted report of the period falls due, by the database's clock. */
  async untilDue(period: Pick<ReportPeriod, 'kind' | 'start'>): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT COALESCE(EXTRACT(EPOCH FROM max(due_at) - clock_timestamp()) * 1000, 0)::float8 AS ms
         FROM cadre_reports WHERE period_kind = $1 AND period_start = $2::date AND status <> 'submitted'`,
      [period.kind, period.start],
    );
    return Math.max(0, Number(row.ms));
  }

  /** Flags the period's unsubmitted reports overdue (once: the first flag's time stays). */
  async flagOverdue(tx: EntityManager, period: Pick<ReportPeriod, 'kind' | 'start'>): Promise<void> {
    await tx.query(
      `UPDATE cadre_reports SET overdue_at = COALESCE(overdue_at, now()), updated_at = now()
        WHERE period_kind = $1 AND period_start = $2::date AND status <> 'submitted'`,
      [period.kind, period.start],
    );
  }

  /** The Organization Board's active staff. */
  async boardStaff(tx: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT u.id FROM users u JOIN units b ON b.id = u.unit_id
        WHERE u.active AND b.code = $1 AND u.role IN ('unit-officer', 'unit-head')`,
      [WELL_KNOWN_UNITS.organizationBoard],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Writes notices of one kind and sequence (working days left, or 0 when overdue), once per report and
   * person; answers how many were written now.
   */
  async notify(tx: EntityManager, kind: string, seq: number, notices: ReportNotice[]): Promise<number> {
    if (notices.length === 0) return 0;
    const written: unknown[] = await tx.query(
      `INSERT INTO notifications (user_id, cadre_report_id, event_seq, kind, title, body, email_status)
       SELECT n.user_id, n.report_id, $1, $2, n.title, n.body, 'skipped'
         FROM jsonb_to_recordset($3::jsonb) AS n(user_id uuid, report_id uuid, title text, body text)
       ON CONFLICT (cadre_report_id, kind, event_seq, user_id) WHERE cadre_report_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        seq,
        kind,
        JSON.stringify(
          notices.map((n) => ({ user_id: n.userId, report_id: n.reportId, title: n.title, body: n.body })),
        ),
      ],
    );
    return written.length;
  }
}
