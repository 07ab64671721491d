import { locale, t } from './i18n.js';

// Deadlines are Vietnamese office hours: show them in Vietnam time wherever the reader is.
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The parts of an instant on Vietnam's calendar and clock, two digits each (four for the year). */
function parts(value) {
  const found = {};
  const format = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: TIME_ZONE,
  });
  for (const part of format.formatToParts(value)) found[part.type] = part.value;
  return found;
}

/** One date style in both languages, the Vietnamese one: dd/mm/yyyy HH:mm, in Vietnam time. */
export function dateTime(iso) {
  if (!iso) return t('app.none');
  const p = parts(new Date(iso));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** A day, dd/mm/yyyy: a bare YYYY-MM-DD as it is, an instant on Vietnam's calendar. */
export function date(iso) {
  if (!iso) return t('app.none');
  const bare = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (bare) return `${bare[3]}/${bare[2]}/${bare[1]}`;
  const p = parts(new Date(iso));
  return `${p.day}/${p.month}/${p.year}`;
}

export function number(n) {
  return n === null || n === undefined ? t('app.none') : new Intl.NumberFormat(locale()).format(n);
}

/**
 * A counted phrase: the dictionary's `<key>.<category>` for the language's plural category of n
 * (Intl.PluralRules: "1 hour", "2 hours"; Vietnamese has one form), with {n} written as a number.
 */
export function plural(key, n, params = {}) {
  const category = new Intl.PluralRules(locale()).select(n);
  return t(`${key}.${category}`, { ...params, n: number(n) }, t(`${key}.other`, { ...params, n: number(n) }));
}

/** VND amounts arrive as strings of digits: they may exceed what a double holds exactly. */
export function vnd(digits) {
  if (!digits) return t('app.none');
  try {
    return `${BigInt(digits).toLocaleString(locale())} ₫`;
  } catch {
    return `${digits} ₫`;
  }
}

/** A rate as the language writes it: "66,7%" in Vietnamese, "66.7%" in English, never "100.0%". */
export function percent(rate) {
  if (rate === null || rate === undefined) return t('dash.noRate');
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

export function hours(n) {
  if (n === null || n === undefined) return t('app.none');
  const rounded = n >= 10 ? Math.round(n) : Math.round(n * 10) / 10;
  return plural('dash.hours', rounded);
}

/** A time to resolve in working days, as the dashboard's median and mean give it ("2,5 ngày làm việc"). */
export function workingDays(n) {
  if (n === null || n === undefined) return t('app.none');
  return plural('dash.workingDays', n);
}

/**
 * How far a deadline is, in working days as deadlines are counted: `workingDays` is the API's countdown
 * (days left, 0 on the deadline's day; minus the days gone by once passed). "còn 3 ngày làm việc".
 */
export function workingDaysDue(iso, workingDays, now = Date.now()) {
  if (!iso || workingDays === null || workingDays === undefined) return '';
  if (Date.parse(iso) < now) {
    return workingDays < 0 ? plural('due.lateDays', -workingDays) : t('due.lateToday');
  }
  return workingDays === 0 ? t('due.today') : plural('due.leftDays', workingDays);
}
