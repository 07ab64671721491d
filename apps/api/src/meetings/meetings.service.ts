import { Injectable } from '@nestjs/common';
import {
  attendanceCounts,
  attendanceOpen,
  attendanceOutcome,
  recordPeriodDates,
  STANDING_COMMITTEE_MEETING_KINDS,
  WELL_KNOWN_UNITS,
} from '@ngk/domain';
import { ClockService } from '../calendar/clock.service';
import { staffOf, type Actor } from '../common/actor';
import { conflict, forbidden, notFound } from '../common/error-codes';
import { unprocessable } from '../common/validation';
import type {
  CreateMeetingDto,
  GenerateMeetingsDto,
  MeetingsOverviewQuery,
  PeriodQuery,
  RecordAttendanceDto,
} from './meetings.dto';
import { MeetingsRepository, type ExpectedRow } from './meetings.repository';

/** Localities the Standing Committee meets; commune meetings are a commune's only. */
const LOCALITY_KINDS = ['commune', 'district'];

/**
 * The meeting calendar and attendance: cadres enter their communes' meetings and record their
 * attendance, the policy generates the quarter's meetings, and the Organization Board reads who missed.
 */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly repository: MeetingsRepository,
    private readonly clock: ClockService,
  ) {}

  /** The cadre's meetings of the period, each with what they recorded and whether it is missed. */
  async mine(actor: Actor, query: PeriodQuery) {
    const { from, to } = recordPeriodDates({ year: query.year, quarter: query.quarter ?? null });
    const today = this.clock.today();
    const meetings = (await this.repository.mine(actor.userId, from, to)).map((m) => ({
      ...m,
      outcome: attendanceOutcome(m.heldOn, today, m.status),
      recordable: attendanceOpen(m.heldOn, today),
    }));
    const waiting = meetings.filter((m) => m.status === null && m.recordable).length;
    return { from, to, today, waiting, meetings };
  }

  async create(actor: Actor, dto: CreateMeetingDto) {
    const unit = await this.repository.unitOn(dto.unitId, dto.heldOn);
    if (!unit) throw unprocessable('unitId', 'reference.unknown-unit', 'unitId names no unit');
    if (!unit.inForce)
      throw unprocessable('unitId', 'reference.unit-ended', 'the unit is not in force on the meeting day');
    const standing = STANDING_COMMITTEE_MEETING_KINDS.includes(dto.kind);
    if (standing) {
      if (!(
        actor.role === 'standing-committee' ||
        actor.role === 'admin' ||
        staffOf(actor, WELL_KNOWN_UNITS.secretariat)
      ))
        throw forbidden(
          'meeting.standing-committee-only',
          'the Standing Committee or the Party Office records its meetings with localities',
        );
      if (!LOCALITY_KINDS.includes(unit.kind))
        throw unprocessable(
          'unitId',
          'meeting.unit-kind',
          'the Standing Committee meets a commune or district',
        );
    } else {
      if (unit.kind !== 'commune')
        throw unprocessable('unitId', 'meeting.unit-kind', 'a commune meeting is held by a commune');
      if (actor.role !== 'admin' && actor.role !== 'cadre')
        throw forbidden(
          'meeting.commune-cadre-only',
          "a commune's meetings are entered by its cadre or an admin",
        );
      if (actor.role === 'cadre' && !(await this.repository.assignedOn(actor.userId, dto.unitId, dto.heldOn)))
        throw forbidden('meeting.commune-not-assigned', 'the commune is not assigned to you on that day');
    }
    const id = await this.repository.insert(dto, actor.userId);
    if (!id)
      throw conflict(
        'meeting.exists',
        'a meeting of this kind is already set for the unit on that day',
        'heldOn',
      );
    return this.repository.meeting(id);
  }

  /** The cadre's attendance at a meeting of a commune assigned to them on its day. */
  async record(actor: Actor, id: string, dto: RecordAttendanceDto) {
    const meeting = await this.repository.meeting(id);
    // A meeting of another cadre's commune is none of this cadre's business: not found, as an item is.
    if (!meeting || !(await this.repository.assignedOn(actor.userId, meeting.unitId, meeting.heldOn)))
      throw notFound('meeting.not-found', 'no such meeting among your communes');
    if (!attendanceOpen(meeting.heldOn, this.clock.today()))
      throw conflict('meeting.not-yet-held', 'attendance is recorded from the meeting day on');
    if (dto.status === 'absent' && !dto.reason)
      throw unprocessable('reason', 'attendance.reason-required', 'an absence needs a reason');
    if (dto.status === 'delegated' && !dto.delegateName)
      throw unprocessable('delegateName', 'attendance.delegate-required', 'name who went in your place');
    const recorded = await this.repository.record(id, actor.userId, dto);
    return { ...meeting, ...recorded, outcome: recorded.status!, recordable: true };
  }

  /** The quarter's policy meetings for every commune with a cadre; a second run adds nothing. */
  async generate(actor: Actor, dto: GenerateMeetingsDto) {
    if (actor.role !== 'admin' && !staffOf(actor, WELL_KNOWN_UNITS.organizationBoard))
      throw forbidden('meetings.organization-board-only', "only the Organization Board's staff may do this");
    const { created, existing } = await this.repository.generate(dto, actor.userId);
    return { year: dto.year, quarter: dto.quarter, created, existing };
  }

  /** The Organization Board's view: per commune, the period's meetings and each cadre's attendance. */
  async overview(actor: Actor, query: MeetingsOverviewQuery) {
    if (actor.role !== 'standing-committee' && !staffOf(actor, WELL_KNOWN_UNITS.organizationBoard))
      throw forbidden('meetings.organization-board-only', "only the Organization Board's staff may do this");
    const { from, to } = recordPeriodDates({ year: query.year, quarter: query.quarter ?? null });
    const today = this.clock.today();
    const rows = await this.repository.expected(from, to, query.unitId ?? null);
    const units = new Map<string, ReturnType<typeof unitLine>>();
    const meetings = new Map<string, ReturnType<typeof meetingLine>>();
    for (const row of rows) {
      const unit = units.get(row.unitId) ?? unitLine(row);
      units.set(row.unitId, unit);
      let meeting = meetings.get(row.id);
      if (!meeting) {
        meeting = meetingLine(row);
        meetings.set(row.id, meeting);
        unit.meetings.push(meeting);
      }
      if (row.cadreId) {
        const outcome = attendanceOutcome(row.heldOn, today, row.status);
        meeting.attendance.push({
          cadreId: row.cadreId,
          cadreUsername: row.cadreUsername!,
          cadreName: row.cadreName!,
          outcome,
          reason: row.reason,
          delegateName: row.delegateName,
          note: row.note,
        });
      }
    }
    const lines = [...units.values()].map((u) => {
      const counts = attendanceCounts(u.meetings.flatMap((m) => m.attendance.map((a) => a.outcome)));
      return { ...u, counts };
    });
    const totals = attendanceCounts(
      lines.flatMap((u) => u.meetings.flatMap((m) => m.attendance.map((a) => a.outcome))),
    );
    return { from, to, today, totals, units: lines };
  }
}

function unitLine(row: ExpectedRow) {
  return {
    unitId: row.unitId,
    unitCode: row.unitCode,
    unitNameVi: row.unitNameVi,
    unitNameEn: row.unitNameEn,
    meetings: [] as ReturnType<typeof meetingLine>[],
  };
}

function meetingLine(row: ExpectedRow) {
  const { id, kind, heldOn, title, source } = row;
  return {
    id,
    kind,
    heldOn,
    title,
    source,
    attendance: [] as {
      cadreId: string;
      cadreUsername: string;
      cadreName: string;
      outcome: ReturnType<typeof attendanceOutcome>;
      reason: string | null;
      delegateName: string | null;
      note: string | null;
    }[],
  };
}
