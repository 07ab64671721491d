import { waitingFor, type WaitingFacts } from './waiting';

const cadre = { userId: 'c1', role: 'cadre' as const, unitId: null };
const officer = { userId: 'o1', role: 'unit-officer' as const, unitId: 'u1' };
const head = { userId: 'h1', role: 'unit-head' as const, unitId: 'u1' };
const committee = { userId: 's1', role: 'standing-committee' as const, unitId: 'sc' };
const base: WaitingFacts = {
  status: 'in-progress',
  submittedByUserId: 'c1',
  feedbackDueAt: null,
  verificationDueAt: null,
  tasks: [],
};

describe('waitingFor', () => {
  it("gives the cadre the feedback window, the question and the verification, on the cadre's own items", () => {
    const resolved = { ...base, status: 'resolved' as const, feedbackDueAt: '2026-12-04T10:00:00.000Z' };
    expect(waitingFor(resolved, cadre)).toEqual({ step: 'feedback', dueAt: '2026-12-04T10:00:00.000Z' });
    expect(waitingFor({ ...base, status: 'awaiting-info' }, cadre)).toEqual({
      step: 'provide-info',
      dueAt: null,
    });
    // The cadre's time to answer, once the unit's question has one.
    expect(
      waitingFor({ ...base, status: 'awaiting-info', infoDueAt: new Date('2026-12-08T10:00:00Z') }, cadre),
    ).toEqual({ step: 'provide-info', dueAt: '2026-12-08T10:00:00.000Z' });
    expect(
      waitingFor({ ...base, status: 'awaiting-verification', verificationDueAt: new Date(0) }, cadre),
    ).toEqual({ step: 'verify', dueAt: '1970-01-01T00:00:00.000Z' });
    expect(waitingFor(resolved, { ...cadre, userId: 'c2' })).toBeNull();
    expect(waitingFor(base, cadre)).toBeNull();
  });

  it('after a handover waits for the cadre in charge, no longer for the submitter', () => {
    const handed = { ...base, status: 'awaiting-info' as const, cadreInChargeUserId: 'c2' };
    expect(waitingFor(handed, { ...cadre, userId: 'c2' })).toEqual({ step: 'provide-info', dueAt: null });
    expect(waitingFor(handed, cadre)).toBeNull();
  });

  it("gives a unit's people their unit's open tasks, soonest first; extensions to the head only", () => {
    const facts: WaitingFacts = {
      ...base,
      tasks: [
        { unitId: 'u1', role: 'lead', status: 'open', dueAt: '2026-12-10T10:00:00.000Z' },
        { unitId: 'u1', role: 'extension', status: 'open', dueAt: null },
        { unitId: 'u2', role: 'coordinating', status: 'open', dueAt: '2026-12-01T10:00:00.000Z' },
        { unitId: 'u1', role: 'coordinating', status: 'done', dueAt: '2026-12-01T10:00:00.000Z' },
      ],
    };
    expect(waitingFor(facts, officer)).toEqual({ step: 'lead', dueAt: '2026-12-10T10:00:00.000Z' });
    expect(waitingFor(facts, head)).toEqual({ step: 'lead', dueAt: '2026-12-10T10:00:00.000Z' });
    expect(waitingFor({ ...facts, tasks: facts.tasks.slice(1) }, head)?.step).toBe('extension');
    expect(waitingFor({ ...facts, tasks: facts.tasks.slice(1) }, officer)).toBeNull();
    const directive = [{ unitId: 'sc', role: 'directive' as const, status: 'open' as const, dueAt: null }];
    expect(waitingFor({ ...base, tasks: directive }, committee)).toEqual({ step: 'directive', dueAt: null });
  });
});
