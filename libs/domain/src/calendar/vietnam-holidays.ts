import Holidays from 'date-holidays';
import { addDays, dayOfWeek, type CalendarDay, type LocalDate } from './working-calendar';

/**
 * Days off in Việt Nam by the law in force, kept as data: Labor Code 2019 (Bộ luật Lao động,
 * 45/2019/QH14), Article 112(1), applied to civil servants by the Law on Cadres and Civil Servants.
 * `date-holidays` supplies the solar dates and the lunar ones (Tết, Hùng Kings); this table says how many
 * days the law gives each, which is where `date-holidays` and the law can differ.
 */
export const VIETNAM_STATUTORY_HOLIDAYS = {
  legalBasis: 'Bộ luật Lao động 2019, Điều 111 khoản 3 và Điều 112 khoản 1',
  /** Holidays by their `date-holidays` rule, and the days the law gives. */
  days: {
    '01-01': { name: 'Tết Dương lịch', days: 1 },
    tet: { name: 'Tết Âm lịch', days: 5 },
    hungKings: { name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', days: 1 },
    '04-30': { name: 'Ngày Chiến thắng (30/4)', days: 1 },
    '05-01': { name: 'Ngày Quốc tế lao động (1/5)', days: 1 },
    '09-02': { name: 'Quốc khánh (2/9 và 01 ngày liền kề)', days: 2 },
  },
  /**
   * Which day next to 2 September is off, by the weekday of 2 September (0 = Sunday), when the government
   * has not announced it: the choice that joins the holiday to a weekend, as in recent years.
   */
  nationalDayAdjacent: { 0: 1, 1: 1, 2: -1, 3: 1, 4: 1, 5: -1, 6: -1 } as Record<number, 1 | -1>,
  /** A holiday on a Saturday or Sunday gives a compensatory day on the next working day (Điều 111.3). */
  compensatory: true,
} as const;

const vn = new Holidays('VN');

/**
 * The statutory days off of one year, compensatory days included. Tết's five days follow `date-holidays`
 * (the day before the lunar new year and the four after), which is the split the government has used
 * when it did not announce another; announced splits and swaps are overrides.
 */
export function vietnamStatutoryDaysOff(year: number): CalendarDay[] {
  let days = statutoryByYear.get(year);
  if (!days) {
    days = computeStatutoryDaysOff(year);
    statutoryByYear.set(year, days);
  }
  return days;
}

/** The statute does not change between calls: each year is computed once per process. */
const statutoryByYear = new Map<number, CalendarDay[]>();

function computeStatutoryDaysOff(year: number): CalendarDay[] {
  const law = VIETNAM_STATUTORY_HOLIDAYS.days;
  const off = new Map<LocalDate, string>();
  const add = (date: LocalDate, name: string) => {
    if (!off.has(date)) off.set(date, name);
  };
  for (const holiday of vn.getHolidays(year)) {
    if (holiday.type !== 'public') continue;
    const first = holiday.date.slice(0, 10);
    if (holiday.rule.includes('vietnamese 1-0-1')) {
      // Tết: the rule that spans the days (the eve plus the following days) gives the law's five days.
      if (!holiday.rule.includes(' P')) continue;
      for (let i = 0; i < law.tet.days; i++) add(addDays(first, i), law.tet.name);
    } else if (holiday.rule.includes('vietnamese 3-0-10')) {
      add(first, law.hungKings.name);
    } else if (holiday.rule === '09-02') {
      add(first, law['09-02'].name);
      const side = VIETNAM_STATUTORY_HOLIDAYS.nationalDayAdjacent[dayOfWeek(first)];
      add(addDays(first, side), law['09-02'].name);
    } else {
      const known = law[holiday.rule as '01-01' | '04-30' | '05-01'];
      if (known) add(first, known.name);
    }
  }
  // Compensatory days: each holiday that falls on a weekend moves to the next day that is neither a
  // weekend nor already a holiday.
  const dates = [...off.keys()].sort();
  for (const date of dates) {
    const weekday = dayOfWeek(date);
    if (weekday !== 0 && weekday !== 6) continue;
    let next = addDays(date, 1);
    while (off.has(next) || dayOfWeek(next) === 0 || dayOfWeek(next) === 6) next = addDays(next, 1);
    off.set(next, `Nghỉ bù ${off.get(date)}`);
  }
  return [...off.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, name]) => ({ date, kind: 'holiday' as const, name }));
}

/**
 * One year's calendar: the statutory days off, then the overrides the government announced for that year
 * (an extra day off, or a make-up working day on a weekend), which win over the statute for their date.
 */
export function vietnamDaysOfYear(year: number, overrides: readonly CalendarDay[]): CalendarDay[] {
  const days = new Map(vietnamStatutoryDaysOff(year).map((d) => [d.date, d]));
  for (const override of overrides) {
    if (override.date.startsWith(`${year}-`)) days.set(override.date, override);
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}
