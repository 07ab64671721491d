import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AgendaSource, RulingKind } from '@ngk/domain';

type Db = DataSource | EntityManager;

/** One edit of a meeting, in one transaction: the service hands it back to the repository's writes. */
export type AgendaTransaction = EntityManager;

export interface MeetingRow {
  id: string;
  date: string;
  title: string;
  status: 'draft' | 'frozen' | 'done';
  createdAt: string;
  frozenAt: string | null;
  followUpAt: string | null;
  doneAt: string | null;
  lineCount: number;
  ruledCount: number;
}

/** A candidate line of a proposal: an item or an issue, from one source, and since when (overdue). */
export interface Candidate {
  source: AgendaSource;
  recommendationId: string | null;
  reportIssueId: string | null;
  /** For an item overdue at level 1: when it reached that level. */
  since: string | null;
  /** The item's reference and title, or the issue's text, for the screens. */
  reference: string | null;
  title: string | null;
  /** For a request for a ruling: its reason, which the line's note starts with on the agenda. */
  note: string | null;
}

/** A ruling as recorded on a line. */
export interface RulingRecord {
  kind: RulingKind;
  text: string;
  dueDate: string | null;
  workingDays: number | null;
  leadUnitId: string | null;
  ruledBy: string;
}

const MEETING_FIELDS = `m.id, m.meeting_date::text AS date, m.title, m.status, m.created_at AS "createdAt",
  m.frozen_at AS "frozenAt", m.follow_up_at AS "followUpAt", m.done_at AS "doneAt",
  (SELECT count(*)::int FROM sc_agenda_lines l WHERE l.meeting_id = m.id) AS "lineCount",
  (SELECT count(*)::int FROM sc_agenda_lines l WHERE l.meeting_id = m.id AND l.ruled_at IS NOT NULL) AS "ruledCount"`;

/** Items on an agenda whose ruling is recorded and not yet applied: no later proposal offers them. */
const NOT_BEING_RULED = `NOT EXISTS (SELECT 1 FROM sc_agenda_lines p
  WHERE p.recommendation_id = r.id AND p.ruled_at IS NOT NULL AND p.applied_at IS NULL)`;

/** All SQL of the Standing Committee's meetings and their agendas. */
@Injectable()
export class ScMeetingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  list(): Promise<MeetingRow[]> {
    return this.dataSource.query(
      `SELECT ${MEETING_FIELDS} FROM sc_meetings m ORDER BY m.meeting_date DESC, m.created_at DESC LIMIT 200`,
    );
  }

  /** The meeting, locked for the transaction's edit when `tx` is given. */
  async meeting(id: string, tx?: EntityManager): Promise<MeetingRow | null> {
    const [row] = await (tx ?? this.dataSource).query(
      `SELECT ${MEETING_FIELDS} FROM sc_meetings m WHERE m.id = $1${tx ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return row ?? null;
  }

  async insertMeeting(tx: EntityManager, date: string, title: string, userId: string): Promise<string> {
    const [row] = await tx.query(
      `INSERT INTO sc_meetings (meeting_date, title, created_by) VALUES ($1, $2, $3) RETURNING id`,
      [date, title, userId],
    );
    return row.id;
  }

  /**
   * Every candidate of a proposal, by source, in the order the sources are listed: items before the
   * committee, items overdue at level 1, open ruling requests (no meeting ruled since), flagged issues
   * no meeting ruled on. Lines already on `meetingId`'s agenda are left out.
   */
  candidates(meetingId: string | null): Promise<Candidate[]> {
    const notOnAgenda = (column: string, key: string) =>
      `NOT EXISTS (SELECT 1 FROM sc_agenda_lines a WHERE a.meeting_id = $1 AND a.${column} = ${key})`;
    return this.dataSource.query(
      `SELECT * FROM (
         SELECT 'standing-committee-review' AS source, r.id AS "recommendationId", NULL::uuid AS "reportIssueId",
                NULL::timestamptz AS since, 1 AS rank, r.created_at AS at, r.reference, r.title,
                NULL::text AS note
           FROM recommendations r
          WHERE r.status = 'standing-committee-review' AND ${NOT_BEING_RULED}
            AND ${notOnAgenda('recommendation_id', 'r.id')}
         UNION ALL
         SELECT 'overdue-level-1', r.id, NULL,
                (SELECT max(e.occurred_at) FROM recommendation_events e
                  WHERE e.recommendation_id = r.id AND e.type = 'escalated' AND e.payload ->> 'level' = '1'),
                2, r.created_at, r.reference, r.title, NULL
           FROM recommendations r
          WHERE r.escalation_level = 1 AND r.overdue AND r.status <> 'closed' AND ${NOT_BEING_RULED}
            AND ${notOnAgenda('recommendation_id', 'r.id')}
         UNION ALL
         SELECT 'ruling-request', r.id, NULL, NULL, 3, r.created_at, r.reference, r.title,
                (SELECT q.reason FROM recommendation_events q
                  WHERE q.recommendation_id = r.id AND q.type = 'ruling-requested' ORDER BY q.seq DESC LIMIT 1)
           FROM recommendations r
          WHERE r.status NOT IN ('submitted', 'closed') AND ${NOT_BEING_RULED}
            AND ${notOnAgenda('recommendation_id', 'r.id')}
            AND EXISTS (SELECT 1 FROM recommendation_events q
                         WHERE q.recommendation_id = r.id AND q.type = 'ruling-requested'
                           AND NOT EXISTS (SELECT 1 FROM recommendation_events d
                                            WHERE d.recommendation_id = r.id AND d.seq > q.seq
                                              AND d.payload ? 'meeting'))
         UNION ALL
         SELECT 'emerging-issue', NULL, i.id, NULL, 4, i.flagged_for_agenda_at, NULL, i.text, NULL
           FROM report_issues i
          WHERE i.flagged_for_agenda_at IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM sc_agenda_lines p WHERE p.report_issue_id = i.id AND p.ruled_at IS NOT NULL)
            AND ${notOnAgenda('report_issue_id', 'i.id')}
       ) c ORDER BY rank, at LIMIT 2000`,
      [meetingId],
    );
  }

  /** Adds lines at the end of the agenda, in the order given. */
  async appendLines(
    tx: EntityManager,
    meetingId: string,
    lines: {
      source: AgendaSource;
      recommendationId: string | null;
      reportIssueId: string | null;
      note?: string | null;
    }[],
  ): Promise<string[]> {
    const ids: string[] = [];
    for (const line of lines) {
      const [row] = await tx.query(
        `INSERT INTO sc_agenda_lines (meeting_id, position, source, recommendation_id, report_issue_id, note)
         VALUES ($1, (SELECT COALESCE(max(position) + 1, 0) FROM sc_agenda_lines WHERE meeting_id = $1),
                 $2, $3, $4, $5)
         RETURNING id`,
        [meetingId, line.source, line.recommendationId, line.reportIssueId, line.note ?? null],
      );
      ids.push(row.id);
    }
    return ids;
  }

  async lineIds(tx: EntityManager, meetingId: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM sc_agenda_lines WHERE meeting_id = $1 ORDER BY position`,
      [meetingId],
    );
    return rows.map((r) => r.id);
  }

  /** A line of the meeting, with whether it is ruled and what it concerns. */
  async line(
    db: Db,
    meetingId: string,
    lineId: string,
  ): Promise<{ id: string; recommendationId: string | null; ruled: boolean } | null> {
    const [row] = await db.query(
      `SELECT id, recommendation_id AS "recommendationId", ruled_at IS NOT NULL AS ruled
         FROM sc_agenda_lines WHERE meeting_id = $1 AND id = $2`,
      [meetingId, lineId],
    );
    return row ?? null;
  }

  async setNote(tx: EntityManager, lineId: string, note: string | null): Promise<void> {
    await tx.query(`UPDATE sc_agenda_lines SET note = $2 WHERE id = $1`, [lineId, note]);
  }

  async deleteLine(tx: EntityManager, meetingId: string, lineId: string): Promise<void> {
    await tx.query(`DELETE FROM sc_agenda_lines WHERE id = $1`, [lineId]);
    await this.reorder(tx, meetingId, await this.lineIds(tx, meetingId));
  }

  async reorder(tx: EntityManager, meetingId: string, lineIds: string[]): Promise<void> {
    await tx.query(
      `UPDATE sc_agenda_lines l SET position = o.ord - 1
         FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, ord)
        WHERE l.meeting_id = $1 AND l.id = o.id`,
      [meetingId, lineIds],
    );
  }

  async freeze(tx: EntityManager, meetingId: string, userId: string): Promise<void> {
    await tx.query(
      `UPDATE sc_meetings SET status = 'frozen', frozen_at = now(), frozen_by = $2 WHERE id = $1`,
      [meetingId, userId],
    );
  }

  async recordRuling(tx: EntityManager, lineId: string, ruling: RulingRecord): Promise<void> {
    await tx.query(
      `UPDATE sc_agenda_lines
          SET ruling_kind = $2, ruling_text = $3, ruling_due_date = $4, ruling_working_days = $5,
              ruling_lead_unit_id = $6, ruled_by = $7, ruled_at = now()
        WHERE id = $1 AND ruled_at IS NULL`,
      [
        lineId,
        ruling.kind,
        ruling.text,
        ruling.dueDate,
        ruling.workingDays,
        ruling.leadUnitId,
        ruling.ruledBy,
      ],
    );
  }

  /** An item as a line needs it: null when there is none. */
  async itemStatus(id: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT status FROM recommendations WHERE id = $1`, [id]);
    return row?.status ?? null;
  }

  /** A flagged emerging issue: null when there is none or it is not flagged for the agenda. */
  async flaggedIssue(id: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT 1 FROM report_issues WHERE id = $1 AND flagged_for_agenda_at IS NOT NULL`,
      [id],
    );
    return !!row;
  }

  async unitExists(id: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT 1 FROM units WHERE id = $1`, [id]);
    return !!row;
  }

  /** The agenda's lines in order, each with its item or issue, its ruling and the directive it created. */
  agenda(meetingId: string): Promise<AgendaLine[]> {
    return this.dataSource.query(
      `SELECT l.id, l.position, l.source, l.note,
              l.recommendation_id AS "recommendationId", r.reference, r.title, r.status,
              r.escalation_level AS "escalationLevel",
              lu.name_vi AS "leadUnitNameVi", lu.name_en AS "leadUnitNameEn",
              l.report_issue_id AS "reportIssueId", i.text AS "issueText", i.category_code AS "categoryCode",
              cu.name_vi AS "communeNameVi", cu.name_en AS "communeNameEn",
              l.ruling_kind AS "rulingKind", l.ruling_text AS "rulingText",
              l.ruling_due_date::text AS "rulingDueDate", l.ruling_working_days AS "rulingWorkingDays",
              l.ruling_lead_unit_id AS "rulingLeadUnitId", ru.name_vi AS "rulingLeadUnitNameVi",
              ru.name_en AS "rulingLeadUnitNameEn", l.ruled_at AS "ruledAt", rb.display_name AS "ruledBy",
              l.applied_at AS "appliedAt", l.applied_refusal AS "appliedRefusal",
              l.follow_up_due_at AS "followUpDueAt", l.follow_up_status AS "followUpStatus",
              e.seq AS "directiveSeq", e.type AS "directiveType", e.occurred_at AS "directiveAt"
         FROM sc_agenda_lines l
         LEFT JOIN recommendations r ON r.id = l.recommendation_id
         LEFT JOIN units lu ON lu.id = r.lead_unit_id
         LEFT JOIN report_issues i ON i.id = l.report_issue_id
         LEFT JOIN cadre_reports cr ON cr.id = i.report_id
         LEFT JOIN units cu ON cu.id = cr.commune_unit_id
         LEFT JOIN units ru ON ru.id = l.ruling_lead_unit_id
         LEFT JOIN users rb ON rb.id = l.ruled_by
         LEFT JOIN recommendation_events e
                ON e.recommendation_id = l.recommendation_id AND e.seq = l.applied_event_seq
        WHERE l.meeting_id = $1
        ORDER BY l.position`,
      [meetingId],
    );
  }
}

/** One agenda line as the screens, the minutes and the exports read it. */
export interface AgendaLine {
  id: string;
  position: number;
  source: AgendaSource;
  note: string | null;
  recommendationId: string | null;
  reference: string | null;
  title: string | null;
  status: string | null;
  escalationLevel: number | null;
  leadUnitNameVi: string | null;
  leadUnitNameEn: string | null;
  reportIssueId: string | null;
  issueText: string | null;
  categoryCode: string | null;
  communeNameVi: string | null;
  communeNameEn: string | null;
  rulingKind: RulingKind | null;
  rulingText: string | null;
  rulingDueDate: string | null;
  rulingWorkingDays: number | null;
  rulingLeadUnitId: string | null;
  rulingLeadUnitNameVi: string | null;
  rulingLeadUnitNameEn: string | null;
  ruledAt: string | null;
  ruledBy: string | null;
  appliedAt: string | null;
  appliedRefusal: string | null;
  followUpDueAt: string | null;
  followUpStatus: string | null;
  directiveSeq: number | null;
  directiveType: string | null;
  directiveAt: string | null;
}
