import { addDays } from './calendar/working-calendar';
import type { Quarter } from './quarters';

/**
 * The meetings a cadre is expected at: the commune Party committee's quarterly meeting, its 6-month and
 * year-end reviews, and the Standing Committee's quarterly meeting with a locality.
 */
export const MEETING_KINDS = [
  'commune-quarterly',
  'commune-six-month',
  'commune-year-end',
  'sc-locality-quarterly',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** The Standing Committee's own meetings, which it or the Party Office records, never a cadre. */
export const STANDING_COMMITTEE_MEETING_KINDS: readonly MeetingKind[] = ['sc-locality-quarterly'];

/** What a cadre records of a meeting: there, away with a reason, or represented by someone named. */
export const ATTENDANCE_STATUSES = ['attended', 'absent', 'delegated'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** A cadre's attendance as it counts: what they recorded, missed, or not yet due. */
export type AttendanceOutcome = AttendanceStatus | 'missed' | 'pending';

/**
 * Days after a meeting in which its cadre may still record attendance before the meeting counts as
 * missed: a cadre back from the field the next week is not marked absent for not having written it yet.
 */
export const ATTENDANCE_GRACE_DAYS = 5;

/**
 * The one definition of a missed meeting ("không ghi nhận"): the cadre expected at it recorded nothing,
 * and ATTENDANCE_GRACE_DAYS have passed since its day (Việt Nam's dates, on the project's clock). Until
 * then it is pending.
 */
export function isMissed(heldOn: string, today: string, recorded: AttendanceStatus | null): boolean {
  return recorded === null && addDays(heldOn, ATTENDANCE_GRACE_DAYS) < today;
}

/** A cadre's attendance at one meeting, as the screens, the record and the Organization Board show it. */
export function attendanceOutcome(
  heldOn: string,
  today: string,
  recorded: AttendanceStatus | null,
): AttendanceOutcome {
  if (recorded !== null) return recorded;
  return isMissed(heldOn, today, recorded) ? 'missed' : 'pending';
}

/** Attendance is recorded from the meeting's day on, never ahead of it. */
export function attendanceOpen(heldOn: string, today: string): boolean {
  return heldOn <= today;
}

/** How many meetings ended each way. */
export function attendanceCounts(outcomes: readonly AttendanceOutcome[]): Record<AttendanceOutcome, number> {
  const counts: Record<AttendanceOutcome, number> = {
    attended: 0,
    absent: 0,
    delegated: 0,
    missed: 0,
    pending: 0,
  };
  for (const o of outcomes) counts[o]++;
  return counts;
}

/**
 * The commune meetings the policy sets in a quarter: the quarterly meeting on the 15th of its last
 * month, the 6-month review on 28 June and the year-end review on 28 December. Fixed days, so the
 * meetings' unique key makes generating a quarter twice change nothing.
 */
export function policyMeetings({ year, quarter }: Quarter): { kind: MeetingKind; heldOn: string }[] {
  const lastMonth = String(quarter * 3).padStart(2, '0');
  const meetings: { kind: MeetingKind; heldOn: string }[] = [
    { kind: 'commune-quarterly', heldOn: `${year}-${lastMonth}-15` },
  ];
  if (quarter === 2) meetings.push({ kind: 'commune-six-month', heldOn: `${year}-06-28` });
  if (quarter === 4) meetings.push({ kind: 'commune-year-end', heldOn: `${year}-12-28` });
  return meetings;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** The title a policy meeting is generated with, in Vietnamese as the commune writes it. */
export function policyMeetingTitle(kind: MeetingKind, { year, quarter }: Quarter): string {
  if (kind === 'commune-six-month') return `Hội nghị sơ kết 6 tháng đầu năm ${year}`;
  if (kind === 'commune-year-end') return `Hội nghị tổng kết năm ${year}`;
  return `Hội nghị Ban Chấp hành Đảng bộ xã quý ${ROMAN[quarter - 1]}/${year}`;
}
