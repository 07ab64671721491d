import { attendanceCounts, attendanceOpen, attendanceOutcome, isMissed, policyMeetings } from './meetings';

describe('meetings', () => {
  it('a meeting is missed only once its day is over with nothing recorded', () => {
    // Recordable for ATTENDANCE_GRACE_DAYS after the day; missed after.
    expect(isMissed('2026-03-15', '2026-03-20', null)).toBe(false);
    expect(isMissed('2026-03-15', '2026-03-21', null)).toBe(true);
    expect(isMissed('2026-03-15', '2026-03-16', null)).toBe(false);
    expect(isMissed('2026-03-15', '2026-03-15', null)).toBe(false);
    expect(isMissed('2026-03-15', '2026-03-14', null)).toBe(false);
    expect(isMissed('2026-03-15', '2026-04-01', 'absent')).toBe(false);
  });

  it('names each outcome, what was recorded first', () => {
    expect(attendanceOutcome('2026-03-15', '2026-04-01', 'delegated')).toBe('delegated');
    expect(attendanceOutcome('2026-03-15', '2026-04-01', null)).toBe('missed');
    expect(attendanceOutcome('2026-03-15', '2026-03-15', null)).toBe('pending');
    expect(attendanceCounts(['attended', 'missed', 'missed', 'pending', 'absent'])).toEqual({
      attended: 1,
      absent: 1,
      delegated: 0,
      missed: 2,
      pending: 1,
    });
  });

  it('attendance opens on the meeting day', () => {
    expect(attendanceOpen('2026-03-15', '2026-03-14')).toBe(false);
    expect(attendanceOpen('2026-03-15', '2026-03-15')).toBe(true);
  });

  it('the policy sets a quarterly meeting, and the reviews in June and December', () => {
    expect(policyMeetings({ year: 2026, quarter: 1 })).toEqual([
      { kind: 'commune-quarterly', heldOn: '2026-03-15' },
    ]);
    expect(policyMeetings({ year: 2026, quarter: 2 })).toEqual([
      { kind: 'commune-quarterly', heldOn: '2026-06-15' },
      { kind: 'commune-six-month', heldOn: '2026-06-28' },
    ]);
    expect(policyMeetings({ year: 2026, quarter: 4 }).map((m) => m.heldOn)).toEqual([
      '2026-12-15',
      '2026-12-28',
    ]);
  });
});
