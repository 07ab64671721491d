import type { LifecycleSnapshot } from './lifecycle';
import { statusAfterTimer } from './lifecycle-timers';

const item = (over: Partial<LifecycleSnapshot> = {}): LifecycleSnapshot => ({
  status: 'resolved',
  submittedByUserId: 'cadre-1',
  leadUnitId: 'unit-1',
  pendingCoordinationUnitIds: [],
  disputeCount: 0,
  outcome: 'implemented',
  supervisingUnitId: null,
  pendingExtension: null,
  ...over,
});

describe('timer-driven transitions', () => {
  it('a planned item waits for its cadre to verify once the plan date comes', () => {
    expect(statusAfterTimer(item({ status: 'planned', outcome: 'planned' }), 'plan-date-reached')).toBe(
      'awaiting-verification',
    );
  });

  it('a silent feedback window accepts the answer: closed, or planned when the work is planned', () => {
    expect(statusAfterTimer(item(), 'feedback-window-closed')).toBe('closed');
    expect(statusAfterTimer(item({ outcome: 'not-accepted' }), 'feedback-window-closed')).toBe('closed');
    expect(statusAfterTimer(item({ outcome: 'planned' }), 'feedback-window-closed')).toBe('planned');
  });

  it('a breach still open after the grace period goes to the Standing Committee from any working status', () => {
    for (const status of ['triage', 'routed', 'in-progress'] as const) {
      expect(statusAfterTimer(item({ status }), 'grace-period-ended')).toBe('standing-committee-review');
    }
  });

  it('a passed deadline or a reminder leaves the status as it is', () => {
    for (const status of ['triage', 'routed', 'in-progress', 'awaiting-verification'] as const) {
      expect(statusAfterTimer(item({ status }), 'deadline-passed')).toBe(status);
    }
  });
});
