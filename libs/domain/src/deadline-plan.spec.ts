import { TimeScale } from './calendar';
import { planDeadlines, type DeadlineReference } from './deadline-plan';

const reference: DeadlineReference = {
  policy: {
    code: 'standard',
    reminderPoints: [{ workingDaysBefore: 1, at: '08:00' }],
    days: { acknowledge_days: 2, resolution_days: 15, coordination_days: 5, escalation_grace_days: 3 },
  },
  overrides: [],
  supervisingUnitId: 'supervisor',
};

describe('planDeadlines: the deadlines a routing starts, from one read of the reference data', () => {
  // Monday 2 March 2026, 09:00 in Việt Nam.
  const from = '2026-03-02T02:00:00.000Z';

  it("counts each clock's working days on the policy and names the policy and the supervising body", () => {
    const plan = planDeadlines(reference, TimeScale.REAL, from, ['acknowledge', 'resolution']);
    expect(plan.policyCode).toBe('standard');
    expect(plan.supervisingUnitId).toBe('supervisor');
    expect(Object.keys(plan.deadlines)).toEqual(['acknowledge', 'resolution']);
    // Two working days from Monday: Wednesday; fifteen: three weeks on, Monday 23 March.
    expect(plan.deadlines.acknowledge).toMatchObject({ dueDate: '2026-03-04', workingDays: 2 });
    expect(plan.deadlines.resolution).toMatchObject({ dueDate: '2026-03-23', workingDays: 15 });
    expect(plan.deadlines.acknowledge?.remindAt).toHaveLength(1);
  });

  it("gives a clock that climbs the ladder its grace period, and the triage office's clock the same days", () => {
    const plan = planDeadlines(reference, TimeScale.REAL, from, ['acknowledge', 'triage']);
    const acknowledge = plan.deadlines.acknowledge!;
    expect(acknowledge.escalation).toMatchObject({ workingDays: 3 });
    expect(Date.parse(acknowledge.escalation!.dueAt)).toBeGreaterThan(Date.parse(acknowledge.dueAt));
    expect(plan.deadlines.triage?.dueDate).toBe(acknowledge.dueDate);
  });

  it('refuses to plan without any SLA policy: the reference data is not seeded', () => {
    expect(() =>
      planDeadlines({ ...reference, policy: null }, TimeScale.REAL, from, ['acknowledge']),
    ).toThrow('no SLA policy is defined');
  });
});
