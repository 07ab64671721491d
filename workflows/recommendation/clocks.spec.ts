import type { Deadline } from '@ngk/domain';
import type { RecommendationState } from '@ngk/definitions';
import { Clocks } from './clocks';

const NOW = '2026-03-02T02:00:00.000Z';

function item(): { state: RecommendationState; clocks: Clocks } {
  const state = { clocks: [], escalationLevel: 0, status: 'in-progress' } as unknown as RecommendationState;
  return { state, clocks: new Clocks(state, () => NOW) };
}

const deadline = (dueAt: string, remindAt: string[] = []): Deadline => ({
  dueAt,
  dueDate: dueAt.slice(0, 10),
  remindAt,
  workingDays: 5,
});

describe('Clocks', () => {
  it('starts a clock with only the reminders still to come, replacing one of the same kind and unit', () => {
    const { state, clocks } = item();
    clocks.start(
      'resolution',
      deadline('2026-03-09T10:00:00.000Z', ['2026-03-01T02:00:00.000Z', '2026-03-06T02:00:00.000Z']),
    );
    clocks.start('coordination', deadline('2026-03-05T10:00:00.000Z'), 'unit-a');
    clocks.start('coordination', deadline('2026-03-06T10:00:00.000Z'), 'unit-b');
    clocks.start(
      'resolution',
      deadline('2026-03-10T10:00:00.000Z', ['2026-03-01T02:00:00.000Z', '2026-03-06T02:00:00.000Z']),
    );
    expect(state.clocks.map((c) => [c.kind, c.unitId, c.dueAt])).toEqual([
      ['coordination', 'unit-a', '2026-03-05T10:00:00.000Z'],
      ['coordination', 'unit-b', '2026-03-06T10:00:00.000Z'],
      ['resolution', null, '2026-03-10T10:00:00.000Z'],
    ]);
    expect(clocks.find('resolution')!.remindAt).toEqual(['2026-03-06T02:00:00.000Z']);
  });

  it('tells the timer loop of every change that can move the next instant, and of no other', () => {
    const { clocks } = item();
    const changes: [string, () => void][] = [
      [
        'start',
        () => clocks.start('resolution', deadline('2026-03-09T10:00:00.000Z', ['2026-03-06T02:00:00.000Z'])),
      ],
      ['reminder sent', () => clocks.reminderSent(clocks.find('resolution')!)],
      ['missed', () => clocks.missed(clocks.find('resolution')!)],
      ['pause', () => clocks.pause(clocks.find('resolution')!, 3)],
      ['stop', () => clocks.stop((c) => c.kind === 'resolution')],
    ];
    for (const [what, change] of changes) {
      const moved = clocks.watch();
      expect([what, moved()]).toEqual([what, false]);
      change();
      expect([what, moved()]).toEqual([what, true]);
    }
    clocks.start('resolution', deadline('2026-03-09T10:00:00.000Z'));
    clocks.pause(clocks.find('resolution')!, 3);
    const moved = clocks.watch();
    clocks.lengthenPause(clocks.find('resolution')!, 5);
    expect(moved()).toBe(false);
    expect(clocks.find('resolution')!.pausedLeft).toBe(8);
  });

  it('waits next for the earliest reminder or deadline of the running clocks', () => {
    const { clocks } = item();
    expect(clocks.next()).toBeNull();
    clocks.start('resolution', deadline('2026-03-09T10:00:00.000Z', ['2026-03-06T02:00:00.000Z']));
    clocks.start('coordination', deadline('2026-03-07T10:00:00.000Z'), 'unit-a');
    expect(clocks.next()).toMatchObject({ at: '2026-03-06T02:00:00.000Z', what: 'reminder' });
    clocks.reminderSent(clocks.find('resolution')!);
    expect(clocks.next()).toMatchObject({ at: '2026-03-07T10:00:00.000Z', what: 'due' });
    // A missed deadline is not waited for again; a paused clock is not waited for at all.
    clocks.missed(clocks.find('coordination', 'unit-a')!);
    expect(clocks.next()).toMatchObject({ at: '2026-03-09T10:00:00.000Z', what: 'due' });
    clocks.pause(clocks.find('resolution')!, 2);
    expect(clocks.next()).toBeNull();
    expect(clocks.isRunning(clocks.find('resolution')!)).toBe(false);
  });

  it('tells the timer loop only of a change that brings something due before the instant it waits for', () => {
    const { clocks } = item();
    clocks.start('acknowledge', deadline('2026-03-04T10:00:00.000Z', ['2026-03-03T02:00:00.000Z']));
    const point = clocks.next()!;
    expect(point).toMatchObject({ at: '2026-03-03T02:00:00.000Z', what: 'reminder' });
    const sooner = clocks.watchSooner(point);
    // Acknowledged: its clock stops and the later resolution deadline is next. The wait stands.
    clocks.stop((c) => c.kind === 'acknowledge');
    clocks.start('resolution', deadline('2026-03-20T10:00:00.000Z', ['2026-03-19T02:00:00.000Z']));
    expect(sooner()).toBe(false);
    // Every clock stopped: nothing is sooner either.
    clocks.stopAll();
    expect(sooner()).toBe(false);
    // Something due at the very instant waited for is looked at when that instant comes.
    clocks.start('coordination', deadline('2026-03-03T02:00:00.000Z'), 'unit-a');
    expect(sooner()).toBe(false);
    // A deadline before it cuts the wait short.
    clocks.start('coordination', deadline('2026-03-03T01:59:59.000Z'), 'unit-b');
    expect(sooner()).toBe(true);
    // And nothing changed since the watch began is never sooner, whatever the clocks hold.
    expect(clocks.watchSooner(point)()).toBe(false);
  });

  it('is overdue when a deadline of the unit holding the item is missed, or the Standing Committee must rule', () => {
    const { state, clocks } = item();
    clocks.start('coordination', deadline('2026-03-07T10:00:00.000Z'), 'unit-a');
    clocks.missed(clocks.find('coordination', 'unit-a')!);
    expect(clocks.overdue()).toBe(false);
    clocks.start('acknowledge', deadline('2026-03-04T10:00:00.000Z'));
    clocks.start('resolution', deadline('2026-03-09T10:00:00.000Z'));
    expect(clocks.earliestEscalatingDue()).toBe('2026-03-04T10:00:00.000Z');
    clocks.missed(clocks.find('acknowledge')!);
    expect(clocks.overdue()).toBe(true);
    expect(clocks.missedEscalating().map((c) => c.kind)).toEqual(['acknowledge']);
    clocks.stopAll();
    expect(clocks.overdue()).toBe(false);
    state.escalationLevel = 2;
    state.status = 'standing-committee-review';
    expect(clocks.overdue()).toBe(true);
  });
});
