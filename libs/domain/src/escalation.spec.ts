import { escalationLevelAfter, reachesStandingCommittee } from './escalation';

describe('escalation level', () => {
  it('is the workflow level while the item is with a unit', () => {
    expect(escalationLevelAfter(0, 'routed', 'in-progress')).toBe(0);
    expect(escalationLevelAfter(1, 'in-progress', 'in-progress')).toBe(1);
  });

  it('is 2 before the Standing Committee, after a breach or a second dispute alike', () => {
    expect(escalationLevelAfter(2, 'in-progress', 'standing-committee-review')).toBe(2);
    expect(escalationLevelAfter(0, 'resolved', 'standing-committee-review')).toBe(2);
    // Later events (a reminder of the directive deadline) keep it there.
    expect(escalationLevelAfter(0, 'standing-committee-review', 'standing-committee-review')).toBe(2);
  });

  it('stays 2 when the committee closes the item, and returns to the workflow when it hands it back', () => {
    expect(escalationLevelAfter(0, 'standing-committee-review', 'closed')).toBe(2);
    expect(escalationLevelAfter(0, 'standing-committee-review', 'in-progress')).toBe(0);
    expect(escalationLevelAfter(0, 'standing-committee-review', 'routed')).toBe(0);
    expect(escalationLevelAfter(0, 'awaiting-verification', 'closed')).toBe(0);
  });

  it('counts an arrival at the committee once, whichever way it came', () => {
    expect(reachesStandingCommittee('resolved', 'standing-committee-review')).toBe(true);
    expect(reachesStandingCommittee('in-progress', 'standing-committee-review')).toBe(true);
    expect(reachesStandingCommittee('standing-committee-review', 'standing-committee-review')).toBe(false);
    expect(reachesStandingCommittee('resolved', 'in-progress')).toBe(false);
  });
});
