import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActorContext, ItemRuling, Role } from '@ngk/domain';

/** A meeting as its run needs it. */
export interface MeetingFacts {
  status: 'draft' | 'frozen' | 'done';
  meetingDate: string;
  title: string;
  /** Lines not yet ruled on, or ruled on and not yet applied. */
  open: number;
}

/** A ruling recorded and not yet applied. */
export interface PendingRuling {
  lineId: string;
  recommendationId: string | null;
  workflowId: string | null;
  ruling: ItemRuling | null;
  actor: ActorContext;
}

/** What an item's workflow answered to a ruling, or why it refused. */
export type RulingOutcome =
  | { applied: true; seq: number; eventType: string | null; followUpDueAt: string | null }
  | { applied: false; refusal: string };

/** All SQL of a meeting's run. */
@Injectable()
export class ScMeetingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async meeting(id: string): Promise<MeetingFacts | null> {
    const [row] = await this.dataSource.query(
      `SELECT m.status, m.meeting_date::text AS "meetingDate", m.title,
              (SELECT count(*)::int FROM sc_agenda_lines l
                WHERE l.meeting_id = m.id AND l.applied_at IS NULL) AS open
         FROM sc_meetings m WHERE m.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Rulings recorded on a frozen agenda and not yet applied, in agenda order. */
  async pendingRulings(meetingId: string): Promise<PendingRuling[]> {
    const rows: {
      lineId: string;
      recommendationId: string | null;
      workflowId: string | null;
      kind: string;
      text: string;
      dueDate: string | null;
      workingDays: number | null;
      leadUnitId: string | null;
      userId: string;
      role: Role;
      unitId: string | null;
    }[] = await this.dataSource.query(
      `SELECT l.id AS "lineId", l.recommendation_id AS "recommendationId", r.workflow_id AS "workflowId",
              l.ruling_kind AS kind, l.ruling_text AS text, l.ruling_due_date::text AS "dueDate",
              l.ruling_working_days AS "workingDays", l.ruling_lead_unit_id AS "leadUnitId",
              u.id AS "userId", u.role, u.unit_id AS "unitId"
         FROM sc_agenda_lines l
         JOIN sc_meetings m ON m.id = l.meeting_id AND m.status <> 'draft'
         JOIN users u ON u.id = l.ruled_by
         LEFT JOIN recommendations r ON r.id = l.recommendation_id
        WHERE l.meeting_id = $1 AND l.ruled_at IS NOT NULL AND l.applied_at IS NULL
        ORDER BY l.position`,
      [meetingId],
    );
    return rows.map((r) => ({
      lineId: r.lineId,
      recommendationId: r.recommendationId,
      workflowId: r.workflowId,
      actor: { userId: r.userId, role: r.role, unitId: r.unitId },
      ruling:
        r.kind === 'text'
          ? null
          : {
              kind: r.kind as ItemRuling['kind'],
              text: r.text,
              ...(r.dueDate ? { dueDate: r.dueDate } : {}),
              ...(r.workingDays !== null ? { workingDays: r.workingDays } : {}),
              ...(r.leadUnitId ? { leadUnitId: r.leadUnitId } : {}),
            },
    }));
  }

  /** Records what applying a line's ruling did; a line applied before keeps its first record. */
  async applied(lineId: string, outcome: RulingOutcome): Promise<void> {
    await this.dataSource.query(
      `UPDATE sc_agenda_lines
          SET applied_at = now(), applied_event_seq = $2, applied_event_type = $3,
              follow_up_due_at = $4, applied_refusal = $5
        WHERE id = $1 AND applied_at IS NULL`,
      outcome.applied
        ? [lineId, outcome.seq, outcome.eventType, outcome.followUpDueAt, null]
        : [lineId, null, null, null, outcome.refusal],
    );
  }

  /** The directive event a meeting's ruling wrote on an item (the Update answers once it is projected). */
  async rulingEvent(
    recommendationId: string,
    meetingId: string,
  ): Promise<{ seq: number; type: string } | null> {
    const [row] = await this.dataSource.query(
      `SELECT seq, type FROM recommendation_events
        WHERE recommendation_id = $1 AND payload -> 'meeting' ->> 'id' = $2
        ORDER BY seq LIMIT 1`,
      [recommendationId, meetingId],
    );
    return row ?? null;
  }

  /** The latest follow-up deadline of the meeting's rulings, null when none set one. */
  async followUpAt(meetingId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `SELECT max(follow_up_due_at) AS at FROM sc_agenda_lines WHERE meeting_id = $1`,
      [meetingId],
    );
    return row?.at ? new Date(row.at).toISOString() : null;
  }

  /** The meeting is done: each item's status as its follow-up fell due, kept for the minutes. */
  async finish(meetingId: string, followUpAt: string | null): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE sc_agenda_lines l SET follow_up_status = r.status
           FROM recommendations r
          WHERE l.meeting_id = $1 AND r.id = l.recommendation_id AND l.follow_up_due_at IS NOT NULL
            AND l.follow_up_status IS NULL`,
        [meetingId],
      );
      await tx.query(
        `UPDATE sc_meetings SET status = 'done', done_at = now(), follow_up_at = $2
          WHERE id = $1 AND status = 'frozen'`,
        [meetingId, followUpAt],
      );
    });
  }
}
