import { api, idempotencyKey } from '../api.js';
import { h } from '../dom.js';
import { choices, field, formBanner, onSubmit } from '../forms.js';
import { dateTime } from '../format.js';
import { label, nameOf, t } from '../i18n.js';
import { currentUnits, HANDLING_KINDS } from '../refdata.js';
import { ACTION_FIELDS } from './action-fields.js';
import { itemPicker } from './item-picker.js';
import { templatePicker } from './response-templates.js';

/** Actions that move the item on: their forms open by default, the others stay folded. */
const MAIN_ACTIONS = new Set([
  'route',
  'acknowledge',
  'coordinate',
  'provide-info',
  'resolve',
  'feedback',
  'verify',
  'directive',
  'decide-extension',
]);

/** Units an item may be given to: once each; for a transfer, neither the triage office nor its holder. */
function unitChoices(spec, handlingUnits, item, user) {
  const seen = new Set();
  return handlingUnits.filter((u) => {
    if (seen.has(u.id)) return false;
    seen.add(u.id);
    if (!spec.others) return true;
    return u.kind !== 'triage-office' && u.id !== item.leadUnitId && u.id !== user?.unitId;
  });
}

function control(spec, action, units, item) {
  const base = {
    name: spec.name,
    testid: `${action}-${spec.name}`,
    required: spec.required,
    hint: spec.hint ? t(spec.hint) : undefined,
  };
  const unitOptions = units.map((u) => ({ value: u.id, label: nameOf(u) }));
  switch (spec.kind) {
    case 'text':
      return field({ ...base, control: 'textarea', attrs: { rows: 3 } });
    case 'date':
      return field({ ...base, type: 'date' });
    case 'number':
      return field({ ...base, type: 'number', attrs: { inputmode: 'numeric', step: 1 } });
    case 'choice':
      return field({
        ...base,
        control: 'select',
        options: choices(spec.group, spec.values, spec.initial ? null : t('field.choose')),
        attrs: { value: spec.initial ?? '' },
      });
    case 'unit':
      return field({
        ...base,
        control: 'select',
        options: [{ value: '', label: t(spec.empty ?? 'field.choose') }, ...unitOptions],
      });
    case 'item':
      return itemPicker(base, item);
    case 'units':
      return field({
        ...base,
        control: 'select',
        options: unitOptions,
        attrs: { multiple: true, size: 5 },
      });
    default:
      throw new Error(`unknown field kind ${spec.kind}`);
  }
}

/** The body of an action from its visible fields; blanks are left out unless the field is required. */
function bodyOf(specs, controls) {
  const body = {};
  specs.forEach((spec, i) => {
    const { wrapper, input } = controls[i];
    if (wrapper.hidden) return;
    if (spec.kind === 'units') {
      const ids = [...input.selectedOptions].map((o) => o.value);
      if (ids.length) body[spec.name] = ids;
      return;
    }
    const value = input.value.trim();
    if (value === '') {
      // A missing required value is sent blank, so the API names the field that needs it.
      if (spec.required && spec.kind !== 'number') body[spec.name] = '';
      return;
    }
    const asNumber = Number(value);
    body[spec.name] = spec.kind === 'number' && Number.isFinite(asNumber) ? asNumber : value;
  });
  return body;
}

/** The unit's question, shown above the cadre's answer. */
function questionBlock(question) {
  return h(
    'blockquote',
    { class: 'question', 'data-testid': 'open-question' },
    h('p', { class: 'muted' }, t('item.questionAsked', { who: question.by, at: dateTime(question.at) })),
    h('p', { class: 'prose' }, question.text),
  );
}

/** One action's form, folded in a <details>; `done(action, item)` gets the item in its new state. */
function actionForm(item, action, refs, done, context) {
  const specs = ACTION_FIELDS[action] ?? [];
  const handlingUnits = currentUnits(refs.units, refs.today).filter((u) => HANDLING_KINDS.includes(u.kind));
  const controls = specs.map((spec) =>
    control(spec, action, unitChoices(spec, handlingUnits, item, context.user), item),
  );
  const input = (name) => controls[specs.findIndex((s) => s.name === name)]?.input;
  // A resolution's response can start from a template, chosen under the outcome it fits.
  const picker = action === 'resolve' ? templatePicker(item, input('outcome'), input('response')) : null;
  const sync = () =>
    specs.forEach((spec, i) => {
      if (!spec.when) return;
      const [other, value] = spec.when;
      const source = controls[specs.findIndex((s) => s.name === other)].input;
      controls[i].wrapper.hidden = source.value !== value;
    });
  const form = h(
    'form',
    { class: 'form', novalidate: true, 'data-testid': `action-${action}-form` },
    action === 'provide-info' && context.question ? questionBlock(context.question) : null,
    formBanner(),
    controls.flatMap((c, i) => (picker && specs[i].name === 'outcome' ? [c.wrapper, picker] : [c.wrapper])),
    h(
      'div',
      { class: 'form-actions' },
      h(
        'button',
        { type: 'submit', class: 'button-primary', 'data-testid': `action-${action}-submit` },
        label('action', action),
      ),
    ),
  );
  form.addEventListener('change', sync);
  sync();
  // One key per attempt whose outcome is unknown: a press after a lost answer (no connection, 503) is
  // the same action, taken once; a press after any answer, or with other content, is a new one.
  let attempt = null;
  onSubmit(
    form,
    async () => {
      const body = bodyOf(specs, controls);
      const content = JSON.stringify(body);
      if (attempt?.content !== content) attempt = { content, key: idempotencyKey() };
      try {
        const updated = await api(`/api/recommendations/${encodeURIComponent(item.id)}/${action}`, {
          method: 'POST',
          body,
          headers: { 'Idempotency-Key': attempt.key },
        });
        attempt = null;
        return updated;
      } catch (err) {
        if (!outcomeUnknown(err)) attempt = null;
        throw err;
      }
    },
    (updated) => done(action, updated),
  );
  return h(
    'details',
    {
      class: 'action',
      open: MAIN_ACTIONS.has(action),
      'data-testid': `action-${action}`,
      'data-action': action,
    },
    h('summary', {}, label('action', action)),
    form,
  );
}

/** No answer came, or the service could not finish: the action may or may not have been taken. */
function outcomeUnknown(err) {
  return err?.status === 0 || err?.status >= 500;
}

/** A form for each action the API allows this user now (`allowedActions`, decided by the lifecycle). */
export function actionForms(item, refs, done, context = {}) {
  if (!item.allowedActions?.length)
    return [h('p', { class: 'muted', 'data-testid': 'no-actions' }, t('item.noActions'))];
  return item.allowedActions.map((action) => actionForm(item, action, refs, done, context));
}
