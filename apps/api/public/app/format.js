import { locale, t } from './i18n.js';

// Deadlines are Vietnamese office hours: show them in Vietnam time wherever the reader is.
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function dateTime(iso) {
  if (!iso) return t('app.none');
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

export function date(iso) {
  if (!iso) return t('app.none');
  // A bare YYYY-MM-DD is a calendar date: read it at noon so no zone moves it to another day.
  const value = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00+07:00` : iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: TIME_ZONE }).format(
    new Date(value),
  );
}

export function number(n) {
  return n === null || n === undefined ? t('app.none') : new Intl.NumberFormat(locale()).format(n);
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

export function percent(rate) {
  if (rate === null || rate === undefined) return t('dash.noRate');
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

export function hours(n) {
  if (n === null || n === undefined) return t('app.none');
  const rounded = n >= 10 ? Math.round(n) : Math.round(n * 10) / 10;
  return t('dash.hours', { n: new Intl.NumberFormat(locale()).format(rounded) });
}

/** "in 3 days" / "5 hours late": how far a deadline is from now. */
export function relativeDue(iso, now = Date.now()) {
  if (!iso) return '';
  const diffHours = (Date.parse(iso) - now) / 3_600_000;
  const abs = Math.abs(diffHours);
  const amount =
    abs >= 48
      ? t('due.days', { n: Math.round(abs / 24) })
      : t('due.hours', { n: Math.max(1, Math.round(abs)) });
  return diffHours >= 0 ? t('due.in', { n: amount }) : t('due.ago', { n: amount });
}
