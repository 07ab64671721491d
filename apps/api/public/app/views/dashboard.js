import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { barChart, trendChart } from '../charts.js';
import { describeError, showError } from '../forms.js';
import { date, percent } from '../format.js';
import { nameOf, t } from '../i18n.js';
import { href, navigate } from '../router.js';
import { referenceData } from '../refdata.js';
import { breakdownTable, FILTER_KEYS, filtersForm, kpiTiles } from './dashboard-parts.js';
import { pagedRecommendations } from './lists.js';
import { reportBlock } from './report.js';
import { searchBlock } from './search.js';

const REPORT_ROLES = ['standing-committee', 'leadership-viewer', 'admin', 'unit-head'];

function section(titleKey, ...content) {
  return h('section', { class: 'card' }, h('h2', {}, t(titleKey)), ...content);
}

function periodText(period) {
  if (!period.from && !period.to) return t('dash.periodAll');
  return t('dash.period', {
    from: period.from ? date(period.from) : '…',
    to: period.to ? date(period.to) : '…',
  });
}

/** The figures and lists of one dashboard answer. */
function figures(data, refs, filter, ownUnitId) {
  // The list endpoint filters by unit, place and category, not by period.
  const listFilter = {
    unitId: ownUnitId ?? filter.unitId,
    districtId: filter.districtId,
    communeId: filter.communeId,
    category: filter.category,
  };
  const onTime = data.byUnit.map((row) => ({
    label: nameOf(row),
    value: row.timelinessShares.onTime,
    text: percent(row.timelinessShares.onTime),
    href: href('dashboard', { ...filter, unitId: row.id }),
  }));
  return [
    h('p', { class: 'muted', 'data-testid': 'dashboard-period' }, periodText(data.period)),
    h('h2', { class: 'visually-hidden' }, t('dash.kpis')),
    kpiTiles(data.totals),
    h(
      'div',
      { class: 'grid-2' },
      section(
        'dash.onTimeByUnit',
        onTime.length
          ? barChart(onTime, { title: t('dash.onTimeByUnit'), valueHeader: t('kpi.onTimeRate') })
          : h('p', { class: 'muted' }, t('dash.noData')),
      ),
      section('dash.trend', trendChart(data.trend, { title: t('dash.trend') })),
    ),
    h(
      'div',
      { class: 'grid-2' },
      section(
        'dash.overdueList',
        pagedRecommendations({ ...listFilter, overdue: 'true' }, refs, { testid: 'overdue-list', limit: 10 }),
      ),
      h(
        'div',
        {},
        section(
          'dash.level2List',
          pagedRecommendations({ ...listFilter, escalationLevel: 2 }, refs, {
            testid: 'level2-list',
            limit: 10,
          }),
        ),
        section(
          'dash.level1List',
          pagedRecommendations({ ...listFilter, escalationLevel: 1 }, refs, {
            testid: 'level1-list',
            limit: 10,
          }),
        ),
      ),
    ),
    section('dash.byUnit', breakdownTable(data.byUnit, { testid: 'by-unit', filterKey: 'unitId', filter })),
    section(
      'dash.byDistrict',
      breakdownTable(data.byDistrict, { testid: 'by-district', filterKey: 'districtId', filter }),
    ),
    section(
      'dash.byCategory',
      breakdownTable(data.byCategory, { testid: 'by-category', filterKey: 'category', filter }),
    ),
    section(
      'dash.byCommune',
      breakdownTable(data.byCommune, { testid: 'by-commune', filterKey: 'communeId', filter }),
    ),
  ];
}

/** The report's scope from the dashboard's filter: a unit, else a district, else the province. */
function reportScope(filter, refs, user) {
  if (user.role === 'unit-head') return { query: {}, label: nameOf(refs.unitById.get(user.unitId)) };
  const scope = filter.unitId
    ? { unitId: filter.unitId }
    : filter.districtId
      ? { districtId: filter.districtId }
      : {};
  const unit = refs.unitById.get(scope.unitId ?? scope.districtId);
  return { query: scope, label: unit ? nameOf(unit) : t('dash.province') };
}

/** Leadership's dashboard: filters, figures, charts, lists to drill into, search and quarterly report. */
export async function dashboardScreen(container, { query, user }) {
  const refs = await referenceData();
  const ownUnitOnly = user.role === 'unit-head' || user.role === 'unit-officer';
  const filter = Object.fromEntries(
    FILTER_KEYS.filter((k) => query[k] && !(ownUnitOnly && k === 'unitId')).map((k) => [k, query[k]]),
  );
  const filters = filtersForm(filter, refs, { ownUnitOnly });
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries(
      FILTER_KEYS.map((k) => [k, filters.elements.namedItem(k)?.value ?? '']),
    );
    navigate(href('dashboard', values));
  });
  const body = h('div', { 'data-testid': 'dashboard-body' }, h('p', { class: 'muted' }, t('app.loading')));
  replace(
    container,
    h('h1', { 'data-testid': 'page-title' }, t('dash.title')),
    ownUnitOnly
      ? h(
          'p',
          { class: 'muted', 'data-testid': 'dashboard-own-unit' },
          t('dash.ownUnitOf', { unit: nameOf(refs.unitById.get(user.unitId)) }),
        )
      : null,
    filters,
    body,
    section('dash.search', searchBlock(refs, {})),
    REPORT_ROLES.includes(user.role)
      ? section('dash.report', reportBlock(reportScope(filter, refs, user)))
      : null,
  );
  try {
    const data = await api('/api/dashboard', { query: filter });
    replace(body, figures(data, refs, filter, ownUnitOnly ? user.unitId : undefined));
    body.dataset.loaded = 'true';
  } catch (err) {
    // A bad period is the filter form's error; anything else concerns the whole dashboard.
    if (err.fieldErrors?.length) {
      showError(filters, err);
      replace(body);
    } else {
      replace(body, h('p', { class: 'banner banner-error' }, describeError(err)));
    }
  }
}
