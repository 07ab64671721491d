import { h, replace } from './dom.js';
import { date, dateTime } from './format.js';
import { hasText, label, t } from './i18n.js';

let sequence = 0;

/**
 * A labelled control with its own error line. `name` is the API's field name: errors the API reports
 * for that field (or for anything below it, like attachments.0.url) are shown under this control.
 * `testid` names the control (input-…) and its error (error-…) for tests; it defaults to `name`.
 */
export function field({
  name,
  testid = name,
  labelText,
  control = 'input',
  type = 'text',
  options,
  hint,
  required,
  attrs = {},
}) {
  const id = `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}-${++sequence}`;
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  const common = {
    id,
    name,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
    'aria-required': required ? 'true' : null,
    'data-testid': `input-${testid}`,
    ...attrs,
  };
  let input;
  if (control === 'textarea') input = h('textarea', { rows: 4, ...common });
  else if (control === 'select')
    input = h(
      'select',
      common,
      (options ?? []).map((o) => (o.group ? optionGroup(o) : h('option', { value: o.value }, o.label))),
    );
  else input = h('input', { type, ...common });
  if (attrs.value !== undefined && attrs.value !== null) input.value = attrs.value;
  const error = h('p', { class: 'field-error', id: errorId, 'data-testid': `error-${testid}`, hidden: true });
  const wrapper = h(
    'div',
    { class: 'field', 'data-field': name },
    h(
      'label',
      { for: id },
      labelText ?? t(`field.${name}`),
      required ? h('span', { class: 'required' }, ' *') : null,
    ),
    input,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    error,
  );
  return { wrapper, input, error };
}

function optionGroup(group) {
  return h(
    'optgroup',
    { label: group.group },
    group.options.map((o) => h('option', { value: o.value }, o.label)),
  );
}

/** Options for a select of domain values: [{ value, label }], with an empty choice first when asked. */
export function choices(group, values, emptyLabel) {
  const list = values.map((value) => ({ value, label: label(group, value) }));
  return emptyLabel ? [{ value: '', label: emptyLabel }, ...list] : list;
}

export function clearErrors(form) {
  for (const error of form.querySelectorAll('.field-error')) replace(error).hidden = true;
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  for (const banner of form.querySelectorAll('.form-banner')) replace(banner).hidden = true;
}

/** The field wrapper an error belongs to: the field itself, or the nearest one above it (a.0.b → a.0 → a). */
function wrapperFor(form, fieldName) {
  const parts = String(fieldName ?? '').split('.');
  while (parts.length > 0) {
    const wrapper = form.querySelector(`[data-field="${CSS.escape(parts.join('.'))}"]`);
    if (wrapper && !wrapper.hidden) return wrapper;
    parts.pop();
  }
  return null;
}

/** A value a refusal names, as the screens write it: a day or an instant in the reader's date style. */
function wordValue(name, value) {
  if (name === 'action' || name === 'status') return label(name, value);
  if (typeof value !== 'string') return value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return date(value);
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(value)) return dateTime(value);
  return value;
}

/** Values a refusal's text names, in words: an action or a status by its label, a date as a date. */
function wordParams(params) {
  const words = {};
  for (const [name, value] of Object.entries(params ?? {})) words[name] = wordValue(name, value);
  // An ended unit's refusal offers its successors by name, or says nothing more when it has none.
  if (params && 'validTo' in params)
    words.successor = params.successorNames ? t('unit.successorHint', { names: params.successorNames }) : '';
  return words;
}

/** The last named part of a field path (attachments.0.url → url), which a text may be written for. */
function fieldLeaf(field) {
  const parts = String(field ?? '')
    .split('.')
    .filter((part) => part && !/^\d+$/.test(part));
  return parts[parts.length - 1] ?? '';
}

/**
 * A refusal's code in the user's language: the text written for this field if any, else the code's,
 * else `fallback`. Never the API's English: that is for logs and API users.
 */
export function refusalText(code, { field, params, fallback = 'err.generic' } = {}) {
  const leaf = fieldLeaf(field);
  const keys = [leaf && `err.${code}@${leaf}`, `err.${code}`].filter(Boolean);
  const key = code ? keys.find(hasText) : undefined;
  return t(key ?? fallback, wordParams(params));
}

/**
 * Shows an API refusal on a form: each field error under its control, anything else in the form's
 * banner, in words.
 */
export function showError(form, err) {
  clearErrors(form);
  const unplaced = [];
  let first = null;
  for (const { field: name, code, params, reason } of err.fieldErrors ?? []) {
    // A form's own check words its reason already; the API's are words for logs, shown by their code.
    const text = err.localized
      ? reason
      : refusalText(code, { field: name, params, fallback: 'err.generic.field' });
    const wrapper = wrapperFor(form, name);
    if (!wrapper) {
      unplaced.push(`${t(`field.${fieldLeaf(name)}`, null, fieldLeaf(name))}: ${text}`);
      continue;
    }
    const error = wrapper.querySelector('.field-error');
    error.hidden = false;
    error.append(h('span', { 'data-code': code ?? '' }, text));
    wrapper.querySelector('input, select, textarea')?.setAttribute('aria-invalid', 'true');
    first ??= wrapper.querySelector('input, select, textarea');
  }
  const banner = form.querySelector('.form-banner');
  const placed = (err.fieldErrors?.length ?? 0) > unplaced.length;
  const lines = placed && unplaced.length === 0 ? [t('error.fields')] : [describeError(err), ...unplaced];
  if (banner) {
    replace(
      banner,
      lines.map((line) => h('p', {}, line)),
    );
    banner.hidden = false;
  }
  first?.focus();
}

/**
 * A refusal in words: the text of its code, or, for a code this UI has no text for, a sentence for its
 * kind (by HTTP status). A 409 adds what the item's state permits instead.
 */
export function describeError(err) {
  if (!err || err.status === 0) return t('error.network');
  if (err.localized) return err.message;
  const code = err.body?.code;
  const kind = `${t(`error.${err.status}`, null, t('error.other'))}.`;
  const text = code && hasText(`err.${code}`) ? refusalText(code, { params: err.body?.params }) : kind;
  const instead =
    err.status === 409 && Array.isArray(err.body?.allowedActions) ? err.body.allowedActions : [];
  return instead.length
    ? `${text} ${t('error.allowed', { actions: instead.map((a) => label('action', a)).join(', ') })}`
    : text;
}

export function formBanner() {
  return h('div', {
    class: 'form-banner banner banner-error',
    role: 'alert',
    'data-testid': 'form-error',
    hidden: true,
  });
}

/**
 * Runs a long action from a button: the button is disabled and says it is working until the answer,
 * so a second click cannot send the request twice.
 */
export async function withProgress(button, run) {
  if (button.disabled) return undefined;
  const content = [...button.childNodes];
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  replace(button, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('app.working'));
  try {
    return await run();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    if (button.isConnected) replace(button, content);
  }
}

/** Submits a form through `run(form)` with progress and error display; `done(result)` on success. */
export function onSubmit(form, run, done) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    void withProgress(button, async () => {
      clearErrors(form);
      let result;
      try {
        result = await run(form);
      } catch (err) {
        showError(form, err);
        return;
      }
      await done(result);
    });
  });
}
