import { h } from '../dom.js';
import { field } from '../forms.js';
import { label, t } from '../i18n.js';

// What the meeting screens and the record share: the period picker and the attendance badge.

/** The quarter a day (YYYY-MM-DD) falls in. */
export function quarterOf(day) {
  return String(Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1);
}

/**
 * Year and quarter pickers, on the server's today; the quarter may be left empty for the whole year.
 * `period()` reads the choice as the API's query.
 */
export function periodFields(today, query = {}) {
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: 5 }, (_, i) => String(thisYear - i));
  const year = field({
    name: 'year',
    labelText: t('meetings.year'),
    control: 'select',
    options: years.map((y) => ({ value: y, label: y })),
    attrs: { value: query.year ?? String(thisYear), 'data-testid': 'period-year' },
  });
  const quarter = field({
    name: 'quarter',
    labelText: t('meetings.quarter'),
    control: 'select',
    options: [
      { value: '', label: t('meetings.wholeYear') },
      ...[1, 2, 3, 4].map((q) => ({ value: String(q), label: t('dash.quarterN', { n: q }) })),
    ],
    attrs: { value: query.quarter ?? quarterOf(today), 'data-testid': 'period-quarter' },
  });
  return {
    wrappers: [year.wrapper, quarter.wrapper],
    inputs: [year.input, quarter.input],
    period: () => ({ year: year.input.value, quarter: quarter.input.value }),
  };
}

/** A cadre's attendance at a meeting as a badge: missed stands out. */
export function outcomeBadge(outcome) {
  const kind = outcome === 'missed' ? 'badge-overdue' : outcome === 'pending' ? 'badge-waiting' : '';
  return h(
    'span',
    { class: `badge ${kind}`.trim(), 'data-testid': 'attendance-outcome', 'data-outcome': outcome },
    label('attendance', outcome),
  );
}
