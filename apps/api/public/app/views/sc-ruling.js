import { api } from '../api.js';
import { h } from '../dom.js';
import { choices, field, formBanner, onSubmit } from '../forms.js';
import { nameOf, t } from '../i18n.js';
import { currentUnits, HANDLING_KINDS } from '../refdata.js';
import { rerender } from '../router.js';

const ITEM_KINDS = ['new-deadline', 'new-lead-unit', 'close'];

/**
 * The ruling on one line of a frozen agenda: for an item a directive (a new deadline, a new lead unit or
 * closure) with the conclusion's text, for an emerging issue the text alone. Fields a kind does not
 * need are hidden and not sent.
 */
export function rulingForm(meeting, line, refs) {
  const onItem = !!line.recommendationId;
  const kind = field({
    name: 'kind',
    testid: 'sc-kind',
    labelText: t('sc.rulingKind'),
    control: 'select',
    options: onItem ? choices('rulingKind', ITEM_KINDS, t('field.choose')) : choices('rulingKind', ['text']),
    required: true,
  });
  const text = field({
    name: 'text',
    testid: 'sc-text',
    labelText: t('sc.rulingText'),
    control: 'textarea',
    required: true,
    attrs: { rows: 3 },
  });
  const dueDate = field({
    name: 'dueDate',
    testid: 'sc-due-date',
    labelText: t('field.dueDate'),
    type: 'date',
    hint: t('hint.dueDateOr'),
  });
  const workingDays = field({
    name: 'workingDays',
    testid: 'sc-working-days',
    labelText: t('field.workingDays'),
    type: 'number',
    hint: t('hint.workingDaysOr'),
    attrs: { inputmode: 'numeric', step: 1 },
  });
  const units = currentUnits(refs.units, refs.today).filter(
    (u) => HANDLING_KINDS.includes(u.kind) && u.kind !== 'triage-office',
  );
  const leadUnit = field({
    name: 'leadUnitId',
    testid: 'sc-lead-unit',
    labelText: t('field.leadUnitId'),
    control: 'select',
    options: [
      { value: '', label: t('field.choose') },
      ...units.map((u) => ({ value: u.id, label: nameOf(u) })),
    ],
  });
  const show = () => {
    dueDate.wrapper.hidden = workingDays.wrapper.hidden = kind.input.value !== 'new-deadline';
    leadUnit.wrapper.hidden = kind.input.value !== 'new-lead-unit';
  };
  kind.input.addEventListener('change', show);
  show();
  const form = h(
    'form',
    { class: 'form sc-ruling-form', 'data-testid': 'sc-ruling-form', novalidate: true },
    h('h3', {}, t('sc.recordRuling')),
    formBanner(),
    kind.wrapper,
    text.wrapper,
    dueDate.wrapper,
    workingDays.wrapper,
    leadUnit.wrapper,
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button-primary', 'data-testid': 'sc-rule' }, t('sc.rule')),
    ),
  );
  onSubmit(
    form,
    () => {
      const body = { kind: kind.input.value, text: text.input.value };
      if (!dueDate.wrapper.hidden && dueDate.input.value) body.dueDate = dueDate.input.value;
      if (!workingDays.wrapper.hidden && workingDays.input.value)
        body.workingDays = Number(workingDays.input.value);
      if (!leadUnit.wrapper.hidden) body.leadUnitId = leadUnit.input.value;
      return api(`/api/sc-meetings/${meeting.id}/lines/${line.id}/ruling`, { method: 'POST', body });
    },
    () => rerender(),
  );
  return form;
}
