import { api } from '../api.js';
import { h } from '../dom.js';
import { field, formBanner, onSubmit } from '../forms.js';
import { label, nameOf, t } from '../i18n.js';
import { navigate } from '../router.js';
import { flash } from '../shell.js';

// What the meeting screens and the record share: the period picker, the attendance badge and the form
// a meeting is put on the calendar with.

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

/**
 * A meeting put on the calendar, folded under `summary`: a cadre's commune meetings, or the Standing
 * Committee's meetings with localities; the API says who may enter which.
 */
export function meetingEntryForm({ kinds, units, today, summary, unitLabel = t('meetings.commune') }) {
  const kind = field({
    name: 'kind',
    labelText: t('meetings.kind'),
    control: 'select',
    options: kinds.map((k) => ({ value: k, label: label('meetingKind', k) })),
  });
  const unit = field({
    name: 'unitId',
    labelText: unitLabel,
    control: 'select',
    options: units.map((u) => ({ value: u.id, label: nameOf(u) })),
  });
  const heldOn = field({
    name: 'heldOn',
    labelText: t('meetings.heldOn'),
    type: 'date',
    attrs: { value: today },
  });
  const title = field({ name: 'title', labelText: t('meetings.title'), required: true });
  const form = h(
    'form',
    { class: 'form', novalidate: true, 'data-testid': 'meeting-form' },
    formBanner(),
    kind.wrapper,
    unit.wrapper,
    heldOn.wrapper,
    title.wrapper,
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button-primary' }, t('meetings.add')),
    ),
  );
  onSubmit(
    form,
    () =>
      api('/api/meetings', {
        method: 'POST',
        body: {
          kind: kind.input.value,
          unitId: unit.input.value,
          heldOn: heldOn.input.value,
          title: title.input.value,
        },
      }),
    () => {
      flash(t('meetings.added'));
      navigate(location.hash);
    },
  );
  return h('details', { class: 'card', 'data-testid': 'meeting-entry' }, h('summary', {}, summary), form);
}
