import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { describeError, formBanner, onSubmit } from '../../forms.js';
import { dateTime } from '../../format.js';
import { t } from '../../i18n.js';
import { navigate } from '../../router.js';
import { flash, showBanner } from '../../shell.js';
import { calendarSection } from './calendar.js';
import { reorganizationsSection } from './reorganizations.js';
import { rulesSection } from './rules.js';
import { slaSection } from './sla.js';
import { templatesSection } from './templates.js';
import { unitsSection } from './units.js';
import { usersSection } from './users.js';

// The admin screens: one tab per kind of reference data, each record a card that opens on its form and
// on the history of its changes (who, when, which fields), read from the admin audit.

const SECTIONS = {
  users: { entity: 'user', render: usersSection },
  units: { entity: 'unit', render: unitsSection },
  rules: { entity: 'routing_rule', render: rulesSection },
  sla: { entity: 'sla_policy', render: slaSection },
  calendar: { entity: 'calendar_override', render: calendarSection },
  reorganizations: { entity: 'reorganization', render: reorganizationsSection },
  templates: { entity: 'response_template', render: templatesSection },
};

export async function adminScreen(container, { params, isCurrent }) {
  const name = params.section in SECTIONS ? params.section : null;
  if (!name) {
    location.replace('#/admin/users');
    return;
  }
  const section = SECTIONS[name];
  const latest = await api('/api/admin/audit', {
    query: { entity: section.entity, latest: 'true', limit: 500 },
  });
  const body = h('div', { class: 'admin-body', 'data-testid': `admin-${name}` });
  const context = {
    lastChange: new Map(latest.map((c) => [c.key, c])),
    entity: section.entity,
    reload: () => navigate(location.hash),
    isCurrent,
  };
  await section.render(body, context);
  if (!isCurrent()) return;
  replace(
    container,
    h('h1', { 'data-testid': 'page-title' }, t('admin.title')),
    h(
      'nav',
      { class: 'admin-tabs', 'aria-label': t('admin.tabs') },
      Object.keys(SECTIONS).map((key) =>
        h(
          'a',
          {
            href: `#/admin/${key}`,
            'data-testid': `admin-tab-${key}`,
            'aria-current': key === name ? 'page' : null,
          },
          t(`admin.tab.${key}`),
        ),
      ),
    ),
    h('p', { class: 'muted' }, t(`admin.intro.${name}`)),
    body,
  );
}

/** "Last changed by …, when", from the latest audit record of a key. */
export function lastChangeLine(change) {
  return h(
    'small',
    { class: 'admin-changed', 'data-testid': 'last-change' },
    change
      ? t('admin.lastChange', {
          who: change.actor.displayName || change.actor.username,
          when: dateTime(change.occurredAt),
        })
      : t('admin.neverChanged'),
  );
}

/**
 * A record as a card: the summary line (always visible) opens on its forms and its history, which is
 * loaded when the card is first opened.
 */
export function recordCard({ key, entity, title, facts = [], change, body, testid }) {
  const history = h('div', { class: 'admin-history' });
  const card = h(
    'details',
    { class: 'action admin-record', 'data-testid': testid ?? 'admin-record', 'data-key': key },
    h(
      'summary',
      {},
      h('span', { class: 'admin-record-title' }, title),
      facts.length ? h('span', { class: 'admin-record-facts' }, facts) : null,
      lastChangeLine(change),
    ),
    h('div', { class: 'admin-record-body' }, body, history),
  );
  let loaded = false;
  card.addEventListener('toggle', () => {
    if (!card.open || loaded) return;
    loaded = true;
    void renderHistory(history, entity, key);
  });
  return card;
}

async function renderHistory(container, entity, key) {
  replace(container, h('h3', {}, t('admin.history')), h('p', { class: 'muted' }, t('app.loading')));
  const changes = await api('/api/admin/audit', { query: { entity, key, limit: 50 } }).catch((err) => {
    showBanner(describeError(err));
    return [];
  });
  replace(
    container,
    h('h3', {}, t('admin.history')),
    changes.length === 0
      ? h('p', { class: 'muted' }, t('admin.historyEmpty'))
      : h(
          'ul',
          { class: 'plain admin-history-list', 'data-testid': 'admin-history' },
          changes.map((c) =>
            h(
              'li',
              {},
              h('time', { datetime: c.occurredAt }, dateTime(c.occurredAt)),
              ' · ',
              h('strong', {}, c.actor.displayName || c.actor.username),
              ` (${c.actor.username}) · `,
              t(`admin.change.${c.action}`),
              c.action === 'update' && c.changed.length
                ? `: ${t('admin.changedFields', { fields: c.changed.map((f) => fieldName(entity, f)).join(', ') })}`
                : '',
            ),
          ),
        ),
  );
}

/** A changed field's name: the record kind's own word when it has one (a template's name), else the shared one. */
function fieldName(entity, field) {
  return t(`admin.field.${entity}.${field}`, null, t(`admin.field.${field}`, null, field));
}

/** A form with its banner and a submit button; `run(form)` calls the API, `done` follows success. */
export function adminForm({ testid, fields, submitLabel = t('admin.save'), run, done, extra = [] }) {
  const form = h(
    'form',
    { class: 'form', novalidate: true, 'data-testid': testid },
    formBanner(),
    fields,
    h(
      'div',
      { class: 'form-actions' },
      h(
        'button',
        { type: 'submit', class: 'button-primary', 'data-testid': `${testid}-submit` },
        submitLabel,
      ),
      extra,
    ),
  );
  onSubmit(form, () => run(form), done);
  return form;
}

/** A "create" card above a list. */
export function createCard(name, form) {
  return h(
    'details',
    { class: 'action admin-create', 'data-testid': `admin-create-${name}` },
    h('summary', {}, t(`admin.create.${name}`)),
    form,
  );
}

/** A text box that hides the cards whose text does not contain what is typed (accents ignored). */
export function filterBox(list) {
  const fold = (s) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
  const input = h('input', {
    type: 'search',
    id: 'admin-filter',
    'data-testid': 'admin-filter',
    autocomplete: 'off',
  });
  input.addEventListener('input', () => {
    const wanted = fold(input.value.trim());
    for (const card of list.children) card.hidden = wanted !== '' && !fold(card.textContent).includes(wanted);
  });
  return h(
    'div',
    { class: 'field admin-filter' },
    h('label', { for: 'admin-filter' }, t('admin.filter')),
    input,
  );
}

/** The values of a multiple select. */
export function selectedValues(select) {
  return [...select.selectedOptions].map((o) => o.value).filter(Boolean);
}

/** Marks the options of a multiple select whose values are in `values`. */
export function selectValues(select, values) {
  for (const option of select.options) option.selected = values.includes(option.value);
}

/** Draws the section again with what the API now holds, and says what happened. */
export function afterSave(context, message) {
  return () => {
    flash(message);
    context.reload();
  };
}
