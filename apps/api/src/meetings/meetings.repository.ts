import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AttendanceStatus, MeetingKind, Quarter } from '@ngk/domain';
import { generatePolicyMeetings } from '@ngk/persistence';
import type { RecordAttendanceDto } from './meetings.dto';

/** A meeting as every list shows it. */
export interface MeetingRow {
  id: string;
  kind: MeetingKind;
  unitId: string;
  unitCode: string;
  unitNameVi: string;
  unitNameEn: string;
  heldOn: string;
  title: string;
  source: 'entered' | 'policy';
}

/** What one cadre recorded of one meeting, or nulls when nothing. */
export interface AttendanceRow {
  status: AttendanceStatus | null;
  reason: string | null;
  delegateName: string | null;
  note: string | null;
  recordedAt: string | null;
}

/** A meeting and one cadre expected at it (none when no cadre was assigned its unit that day). */
export type ExpectedRow = MeetingRow &
  AttendanceRow & { cadreId: string | null; cadreUsername: string | null; cadreName: string | null };

const MEETING_COLUMNS = `m.id, m.kind, m.unit_id AS "unitId", n.code AS "unitCode", n.name_vi AS "unitNameVi",
  n.name_en AS "unitNameEn", m.held_on::text AS "heldOn", m.title, m.source`;

const ATTENDANCE_COLUMNS = `t.status, t.reason, t.delegate_name AS "delegateName", t.note, t.recorded_at AS "recordedAt"`;

/** Assignment `a` is in force on meeting `m`'s day: the cadre is expected there. */
const ASSIGNED_ON_THE_DAY = `a.unit_id = m.unit_id AND a.valid_from <= m.held_on
  AND (a.valid_to IS NULL OR a.valid_to >= m.held_on)`;

/** Unit `n` is in force on day `d`. */
const inForce = (d: string) => `n.valid_from <= ${d} AND (n.valid_to IS NULL OR n.valid_to >= ${d})`;

/** PostgreSQL's code for a unique key refusing a row. */
const UNIQUE_VIOLATION = '23505';

/** All SQL of meetings and attendance. */
@Injectable()
export class MeetingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The meetings of the communes a cadre was assigned on each meeting's day, in the period, with what they recorded. */
  mine(userId: string, from: string, to: string): Promise<(MeetingRow & AttendanceRow)[]> {
    return this.dataSource.query(
      `SELECT ${MEETING_COLUMNS}, ${ATTENDANCE_COLUMNS}
         FROM meetings m
         JOIN units n ON n.id = m.unit_id
         LEFT JOIN meeting_attendance t ON t.meeting_id = m.id AND t.user_id = $1
        WHERE m.held_on BETWEEN $2::date AND $3::date
          AND EXISTS (SELECT 1 FROM cadre_assignments a WHERE a.user_id = $1 AND ${ASSIGNED_ON_THE_DAY})
        ORDER BY m.held_on, n.name_vi, m.kind`,
      [userId, from, to],
    );
  }

  /**
   * Every meeting of the period with each cadre expected at it and what they recorded: of one unit and
   * the units under it when asked, else of all.
   */
  expected(from: string, to: string, unitId: string | null): Promise<ExpectedRow[]> {
    return this.dataSource.query(
      `SELECT ${MEETING_COLUMNS}, ${ATTENDANCE_COLUMNS}, c.id AS "cadreId", c.username AS "cadreUsername",
              c.display_name AS "cadreName"
         FROM meetings m
         JOIN units n ON n.id = m.unit_id
         LEFT JOIN cadre_assignments a ON ${ASSIGNED_ON_THE_DAY}
         LEFT JOIN users c ON c.id = a.user_id
         LEFT JOIN meeting_attendance t ON t.meeting_id = m.id AND t.user_id = a.user_id
        WHERE m.held_on BETWEEN $1::date AND $2::date
          AND ($3::uuid IS NULL OR m.unit_id = $3 OR ngk_parent_on(m.unit_id, m.held_on) = $3)
        ORDER BY n.name_vi, m.held_on, m.kind, c.display_name`,
      [from, to, unitId],
    );
  }

  async meeting(id: string): Promise<MeetingRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT ${MEETING_COLUMNS} FROM meetings m JOIN units n ON n.id = m.unit_id WHERE m.id = $1`,
      [id],
    );
    return row;
  }

  /** A unit's kind, and whether it is in force on the day; undefined for no such unit. */
  async unitOn(id: string, day: string): Promise<{ kind: string; inForce: boolean } | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT n.kind, (${inForce('$2::date')}) AS "inForce" FROM units n WHERE n.id = $1`,
      [id, day],
    );
    return row;
  }

  /** Whether the cadre's assignments in force on the day name the unit. */
  async assignedOn(userId: string, unitId: string, day: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM cadre_assignments a WHERE a.user_id = $1 AND a.unit_id = $2
                AND a.valid_from <= $3::date AND (a.valid_to IS NULL OR a.valid_to >= $3::date)) AS assigned`,
      [userId, unitId, day],
    );
    return row.assigned;
  }

  /** Adds an entered meeting; undefined when the same kind is already set for the unit on that day. */
  async insert(
    meeting: { kind: MeetingKind; unitId: string; heldOn: string; title: string },
    userId: string,
  ): Promise<string | undefined> {
    try {
      const [row] = await this.dataSource.query(
        `INSERT INTO meetings (kind, unit_id, held_on, title, source, created_by)
         VALUES ($1, $2, $3, $4, 'entered', $5) RETURNING id`,
        [meeting.kind, meeting.unitId, meeting.heldOn, meeting.title, userId],
      );
      return row.id;
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) return undefined;
      throw err;
    }
  }

  /** The quarter's policy meetings (libs/persistence, shared with the quarter's Schedule). */
  generate(quarter: Quarter, userId: string) {
    return generatePolicyMeetings(this.dataSource, quarter, userId);
  }

  /** The cadre's attendance, replacing what they recorded before. */
  async record(meetingId: string, userId: string, dto: RecordAttendanceDto): Promise<AttendanceRow> {
    const [row] = await this.dataSource.query(
      `INSERT INTO meeting_attendance AS t (meeting_id, user_id, status, reason, delegate_name, note, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $2)
       ON CONFLICT (meeting_id, user_id) DO UPDATE
         SET status = EXCLUDED.status, reason = EXCLUDED.reason, delegate_name = EXCLUDED.delegate_name,
             note = EXCLUDED.note, recorded_by = EXCLUDED.recorded_by, recorded_at = now()
       RETURNING ${ATTENDANCE_COLUMNS}`,
      [
        meetingId,
        userId,
        dto.status,
        dto.status === 'absent' ? dto.reason : null,
        dto.status === 'delegated' ? dto.delegateName : null,
        dto.note || null,
      ],
    );
    return row;
  }
}
