// The UI's modules are plain ES modules without types; jest compiles them for this test (jest.config.js).
/* eslint-disable @typescript-eslint/no-require-imports */
const { date, dateTime, hours, percent, plural, workingDaysDue } = require('./format.js') as {
  date: (iso: string | null) => string;
  dateTime: (iso: string | null) => string;
  hours: (n: number | null) => string;
  percent: (rate: number | null) => string;
  plural: (key: string, n: number) => string;
  workingDaysDue: (iso: string | null, workingDays: number | undefined, now?: number) => string;
};
const { setLang } = require('./i18n.js') as { setLang: (lang: string) => void };
/* eslint-enable @typescript-eslint/no-require-imports */

describe('formatting, in each language', () => {
  afterEach(() => setLang('vi'));

  it('writes every date one way, dd/mm/yyyy, with HH:mm where the time matters, in Vietnam time', () => {
    for (const lang of ['vi', 'en']) {
      setLang(lang);
      expect(dateTime('2026-12-04T10:00:00Z')).toBe('04/12/2026 17:00');
      expect(dateTime('2026-12-31T17:30:00Z')).toBe('01/01/2027 00:30');
      expect(date('2027-03-15')).toBe('15/03/2027');
      expect(date('2026-12-31T18:00:00Z')).toBe('01/01/2027');
    }
    expect(dateTime(null)).toBe('—');
  });

  it('counts through Intl.PluralRules: one hour, two hours; Vietnamese has one form', () => {
    setLang('en');
    expect(hours(1)).toBe('1 hour');
    expect(hours(2)).toBe('2 hours');
    expect(hours(1.5)).toBe('1.5 hours');
    expect(plural('due.leftDays', 1)).toBe('1 working day left');
    expect(plural('due.leftDays', 3)).toBe('3 working days left');
    setLang('vi');
    expect(hours(1)).toBe('1 giờ');
    expect(hours(1.5)).toBe('1,5 giờ');
    expect(plural('due.leftDays', 3)).toBe('còn 3 ngày làm việc');
  });

  it('writes rates as the language does: no "100.0%", a decimal comma in Vietnamese', () => {
    setLang('vi');
    expect(percent(1)).toBe('100%');
    expect(percent(2 / 3)).toBe('66,7%');
    setLang('en');
    expect(percent(1)).toBe('100%');
    expect(percent(2 / 3)).toBe('66.7%');
    expect(percent(null)).toBe('n/a');
  });

  it('says how far a deadline is in working days, from the API’s countdown', () => {
    const now = Date.parse('2026-03-03T02:00:00Z');
    const ahead = '2026-03-06T10:00:00Z';
    const passed = '2026-03-02T10:00:00Z';
    setLang('vi');
    expect(workingDaysDue(ahead, 3, now)).toBe('còn 3 ngày làm việc');
    expect(workingDaysDue(ahead, 0, now)).toBe('hết hạn trong hôm nay');
    expect(workingDaysDue(passed, -2, now)).toBe('quá hạn 2 ngày làm việc');
    expect(workingDaysDue(passed, 0, now)).toBe('vừa quá hạn');
    setLang('en');
    expect(workingDaysDue(ahead, 1, now)).toBe('1 working day left');
    expect(workingDaysDue(passed, -1, now)).toBe('1 working day late');
    expect(workingDaysDue(ahead, undefined, now)).toBe('');
  });
});
