import type { LifecycleSnapshot } from './lifecycle';
import { meetingDateLabel, rulingContentRefusal, rulingDirective, rulingRefusal } from './standing-committee';

const snapshot = (status: LifecycleSnapshot['status']): LifecycleSnapshot => ({
  status,
  submittedByUserId: 'cadre',
  leadUnitId: 'lead',
  pendingCoordinationUnitIds: [],
  disputeCount: 0,
  outcome: null,
  supervisingUnitId: null,
  pendingExtension: null,
});

describe("the Standing Committee's rulings", () => {
  it('are the directive of the same kind, with the conclusion as its reason', () => {
    expect(rulingDirective({ kind: 'new-deadline', text: 'Trong 5 ngày', workingDays: 5 })).toEqual({
      action: 'directive',
      kind: 'new-deadline',
      reason: 'Trong 5 ngày',
      workingDays: 5,
    });
    expect(rulingDirective({ kind: 'new-lead-unit', text: 'Giao Sở', leadUnitId: 'dot' })).toMatchObject({
      kind: 'new-lead-unit',
      leadUnitId: 'dot',
    });
  });

  it('apply in any open status, and never to an item not yet routed or closed', () => {
    const close = { kind: 'close', text: 'Kết thúc' } as const;
    for (const status of [
      'routed',
      'in-progress',
      'resolved',
      'planned',
      'standing-committee-review',
    ] as const)
      expect(rulingRefusal(snapshot(status), close)).toBeNull();
    for (const status of ['submitted', 'closed'] as const)
      expect(rulingRefusal(snapshot(status), close)).toMatchObject({ code: 'wrong-state' });
  });

  it("need what the directive needs: a text, a deadline's date or days, a unit", () => {
    expect(rulingContentRefusal({ kind: 'close', text: ' ' })).toMatchObject({
      rule: 'lifecycle.reason-required',
    });
    expect(rulingContentRefusal({ kind: 'new-deadline', text: 'x' })).toMatchObject({
      rule: 'lifecycle.deadline-required',
    });
    expect(
      rulingContentRefusal({ kind: 'new-deadline', text: 'x', dueDate: '2026-05-04', workingDays: 3 }),
    ).toMatchObject({ rule: 'lifecycle.deadline-either-date-or-days' });
    expect(rulingContentRefusal({ kind: 'new-lead-unit', text: 'x' })).toMatchObject({
      rule: 'lifecycle.lead-unit-required',
    });
    expect(rulingContentRefusal({ kind: 'new-deadline', text: 'x', workingDays: 3 })).toBeNull();
  });

  it("name the meeting's day as the timeline does", () => {
    expect(meetingDateLabel('2026-03-09')).toBe('09/03/2026');
  });
});
