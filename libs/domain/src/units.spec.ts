import { successorProblem, unitStanding } from './units';

describe('unitStanding', () => {
  const unit = { validFrom: '2020-01-01', validTo: '2025-06-30' };

  it('is in force from its first day to its last, both included', () => {
    expect(unitStanding(unit, '2020-01-01')).toBe('in-force');
    expect(unitStanding(unit, '2025-06-30')).toBe('in-force');
  });

  it('has ended the day after its last day, and has not begun before its first', () => {
    expect(unitStanding(unit, '2025-07-01')).toBe('ended');
    expect(unitStanding(unit, '2019-12-31')).toBe('not-begun');
  });

  it('never ends without a last day', () => {
    expect(unitStanding({ validFrom: '2020-01-01', validTo: null }, '2999-01-01')).toBe('in-force');
  });
});

describe('successorProblem', () => {
  const ended = { validFrom: '2020-01-01', validTo: '2025-06-30' };
  const next = (id: string, validFrom = '2025-07-01', validTo: string | null = null) => ({
    id,
    validFrom,
    validTo,
  });
  const none = () => [];

  it('accepts successors in force the day after the unit ends', () => {
    expect(successorProblem('a', ended, [next('b'), next('c', '2024-01-01')], none)).toBeNull();
    expect(successorProblem('a', { validFrom: '2020-01-01', validTo: null }, [], none)).toBeNull();
  });

  it('refuses the unit itself', () => {
    expect(successorProblem('a', ended, [next('a')], none)).toEqual({ rule: 'self', successorId: 'a' });
  });

  it('refuses successors of a unit that has no last day', () => {
    expect(successorProblem('a', { validFrom: '2020-01-01', validTo: null }, [next('b')], none)).toEqual({
      rule: 'without-end',
    });
  });

  it('refuses a successor not yet begun, or already ended, on the day after', () => {
    expect(successorProblem('a', ended, [next('b', '2025-07-02')], none)).toEqual({
      rule: 'not-valid-after-end',
      successorId: 'b',
    });
    expect(successorProblem('a', ended, [next('b', '2020-01-01', '2025-06-30')], none)).toEqual({
      rule: 'not-valid-after-end',
      successorId: 'b',
    });
  });

  it('refuses a successor that leads back to the unit', () => {
    const links: Record<string, string[]> = { b: ['c'], c: ['a'] };
    expect(successorProblem('a', ended, [next('b')], (id) => links[id] ?? [])).toEqual({
      rule: 'cycle',
      successorId: 'b',
    });
    const diamond: Record<string, string[]> = { b: ['d'], c: ['d'], d: [] };
    expect(successorProblem('a', ended, [next('b'), next('c')], (id) => diamond[id] ?? [])).toBeNull();
  });
});
