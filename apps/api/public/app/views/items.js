import { api, queryString } from '../api.js';
import { h, replace } from '../dom.js';
import { choices, describeError, field, formBanner, showError, withProgress } from '../forms.js';
import { currentLang, t } from '../i18n.js';
import { referenceData } from '../refdata.js';
import { href, navigate } from '../router.js';
import { filterSelect, sliceSelects } from './filters.js';
import { pagedRecommendations } from './lists.js';

// Finding any item again: search, filters and order, all in the URL so a view can be bookmarked and sent.

const STATUSES = [
  'submitted',
  'triage',
  'routed',
  'awaiting-info',
  'in-progress',
  'resolved',
  'standing-committee-review',
  'planned',
  'awaiting-verification',
  'closed',
];

/** What the screen reads from the URL and sends to the API, as the API names it. */
export const ITEM_QUERY_KEYS = [
  'text',
  'status',
  'unitId',
  'districtId',
  'communeId',
  'category',
  'overdue',
  'escalationLevel',
  'from',
  'to',
  'handledByMyUnit',
  'mine',
  'sort',
  'order',
];

function checkbox(name, labelKey, checked) {
  const input = h('input', {
    type: 'checkbox',
    name,
    id: `items-${name}`,
    value: 'true',
    'data-testid': `input-${name}`,
  });
  input.checked = checked;
  return h(
    'div',
    { class: 'field field-check', 'data-field': name },
    h('label', { for: input.id }, input, ' ', t(labelKey)),
    h('p', { class: 'field-error', 'data-testid': `error-${name}`, hidden: true }),
  );
}

/** The form, filled from the URL's query; unit staff may narrow to what their unit held. */
function filtersForm(query, refs, user) {
  const text = field({
    name: 'text',
    labelText: t('items.text'),
    type: 'search',
    hint: t('items.textHint'),
    attrs: { value: query.text ?? '', 'data-testid': 'search-input' },
  });
  const fields = [
    filterSelect('status', 'col.status', choices('status', STATUSES), query.status),
    ...sliceSelects(query, refs),
    filterSelect(
      'overdue',
      'items.overdue',
      [
        { value: 'true', label: t('items.overdueYes') },
        { value: 'false', label: t('items.overdueNo') },
      ],
      query.overdue,
    ),
    filterSelect(
      'escalationLevel',
      'items.escalation',
      [0, 1, 2].map((n) => ({ value: String(n), label: t(`items.level${n}`) })),
      query.escalationLevel,
    ),
    field({ name: 'from', labelText: t('items.from'), type: 'date', attrs: { value: query.from ?? '' } }),
    field({ name: 'to', labelText: t('items.to'), type: 'date', attrs: { value: query.to ?? '' } }),
    field({
      name: 'sort',
      labelText: t('items.sort'),
      control: 'select',
      options: ['submitted', 'deadline', 'activity'].map((s) => ({ value: s, label: t(`items.sort.${s}`) })),
      attrs: { value: query.sort ?? 'submitted' },
    }),
    field({
      name: 'order',
      labelText: t('items.order'),
      control: 'select',
      options: [
        { value: '', label: t('items.order.default') },
        { value: 'asc', label: t('items.order.asc') },
        { value: 'desc', label: t('items.order.desc') },
      ],
      attrs: { value: query.order ?? '' },
    }),
  ];
  const checks = [
    user.unitId
      ? checkbox('handledByMyUnit', 'items.handledByMyUnit', query.handledByMyUnit === 'true')
      : null,
    user.role === 'cadre' ? checkbox('mine', 'items.mine', query.mine === 'true') : null,
  ];
  return h(
    'form',
    {
      class: 'form filters',
      role: 'search',
      novalidate: true,
      'data-testid': 'items-filters',
      'aria-label': t('dash.filters'),
    },
    formBanner(),
    h('div', { class: 'form-row' }, text.wrapper, checks),
    h(
      'details',
      { class: 'more-filters', open: fields.some((f) => f.input.value && f.input.name !== 'sort') || null },
      h('summary', {}, t('items.moreFilters')),
      h(
        'div',
        { class: 'form-row' },
        fields.map((f) => f.wrapper),
      ),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h(
        'button',
        { type: 'submit', class: 'button-primary', 'data-testid': 'items-apply' },
        t('items.apply'),
      ),
      h(
        'a',
        { href: '#/items', class: 'button button-quiet', 'data-testid': 'items-reset' },
        t('dash.reset'),
      ),
    ),
  );
}

/** The form's values as the URL keeps them: empty ones left out. */
function formQuery(form) {
  const query = {};
  for (const key of ITEM_QUERY_KEYS) {
    const el = form.elements.namedItem(key);
    if (!el) continue;
    const value = el.type === 'checkbox' ? (el.checked ? 'true' : '') : el.value.trim();
    if (value) query[key] = value;
  }
  // The default order needs no place in a shared link.
  if (query.sort === 'submitted' && !query.order) delete query.sort;
  return query;
}

/** Downloads the list as CSV: the API streams it; the token travels in a header, not in the link. */
async function downloadCsv(query) {
  const res = await api(`/api/recommendations.csv${queryString({ ...query, lang: currentLang() })}`, {
    raw: true,
    headers: { Accept: 'text/csv' },
  });
  const blob = await res.blob();
  const name =
    /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'kien-nghi.csv';
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Every role's list: what the user may see, searched, filtered and ordered as the URL says. */
export async function itemsScreen(container, { query, user }) {
  const refs = await referenceData();
  const filter = Object.fromEntries(ITEM_QUERY_KEYS.filter((k) => query[k]).map((k) => [k, query[k]]));
  const form = filtersForm(filter, refs, user);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(href('items', formQuery(form)));
  });
  const csv = h(
    'button',
    { type: 'button', class: 'button-quiet', 'data-testid': 'items-csv' },
    t('items.csv'),
  );
  const csvStatus = h('p', { class: 'field-error', role: 'alert', hidden: true });
  csv.addEventListener('click', () =>
    withProgress(csv, async () => {
      csvStatus.hidden = true;
      try {
        await downloadCsv(filter);
      } catch (err) {
        replace(csvStatus, describeError(err));
        csvStatus.hidden = false;
      }
    }),
  );
  const list = pagedRecommendations(filter, refs, {
    testid: 'items-list',
    empty: t('items.empty'),
    onError: (err) => (err.fieldErrors?.length ? (showError(form, err), true) : false),
  });
  replace(
    container,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { 'data-testid': 'page-title' }, t('items.title')),
      h('div', { class: 'page-tools' }, csv),
    ),
    csvStatus,
    form,
    list,
  );
}
