import { actionsOnDay, countAction, secondsUntilNextDay } from './action-pace';

describe('the actions an item takes a day', () => {
  // 23:59:30 on 1 March in Việt Nam is 16:59:30 UTC.
  const lateEvening = Date.parse('2026-03-01T16:59:30Z');
  const nextMorning = Date.parse('2026-03-01T17:00:00Z');

  it('counts from zero on a new day, and one by one within it', () => {
    expect(actionsOnDay(undefined, lateEvening)).toBe(0);
    const first = countAction(undefined, lateEvening);
    expect(first).toEqual({ day: '2026-03-01', count: 1 });
    const second = countAction(first, lateEvening + 1000);
    expect(actionsOnDay(second, lateEvening + 2000)).toBe(2);
  });

  it('starts again at midnight in Việt Nam, not at midnight UTC', () => {
    const taken = { day: '2026-03-01', count: 40 };
    expect(actionsOnDay(taken, nextMorning - 1)).toBe(40);
    expect(actionsOnDay(taken, nextMorning)).toBe(0);
    expect(countAction(taken, nextMorning)).toEqual({ day: '2026-03-02', count: 1 });
  });

  it('tells how long until the count starts again', () => {
    expect(secondsUntilNextDay(lateEvening)).toBe(30);
    expect(secondsUntilNextDay(nextMorning)).toBe(24 * 3600);
    expect(secondsUntilNextDay(nextMorning - 1)).toBe(1);
  });
});
