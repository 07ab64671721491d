import { h } from '../dom.js';
import { field, formBanner } from '../forms.js';
import { hours, number, percent, workingDays } from '../format.js';
import { nameOf, t } from '../i18n.js';
import { href } from '../router.js';
import { sliceSelects } from './filters.js';

export const FILTER_KEYS = ['from', 'to', 'unitId', 'districtId', 'communeId', 'category'];

/**
 * The key figures: [key, raw value, shown value, highlight, note]. The raw value rides along for tests
 * and tools. Resolved items count three ways (on time, on time after an approved extension, late),
 * each with its share of the resolved; so do the items their cadre reopened (libs/domain kpi.ts). Time
 * to resolve is in working days.
 */
function kpis(m) {
  const share = (key) => (m.resolved > 0 ? percent(m.timelinessShares[key]) : null);
  return [
    ['total', m.total, number(m.total)],
    ['open', m.open, number(m.open)],
    ['overdue', m.overdue, number(m.overdue), m.overdue > 0],
    ['closed', m.byStatus?.closed ?? 0, number(m.byStatus?.closed ?? 0)],
    ['resolved', m.resolved, number(m.resolved)],
    ['level1', m.escalated.level1, number(m.escalated.level1), m.escalated.level1 > 0],
    ['level2', m.escalated.level2, number(m.escalated.level2), m.escalated.level2 > 0],
    ['onTime', m.timeliness.onTime, number(m.timeliness.onTime), false, share('onTime')],
    [
      'onTimeAfterExtension',
      m.timeliness.onTimeAfterExtension,
      number(m.timeliness.onTimeAfterExtension),
      false,
      share('onTimeAfterExtension'),
    ],
    ['late', m.timeliness.late, number(m.timeliness.late), m.timeliness.late > 0, share('late')],
    ['reopened', m.reopened, number(m.reopened), false, m.resolved > 0 ? percent(m.reopenedShare) : null],
    ['resolveDaysMedian', m.resolveWorkingDays.median, workingDays(m.resolveWorkingDays.median)],
    ['resolveDaysMean', m.resolveWorkingDays.mean, workingDays(m.resolveWorkingDays.mean)],
    ['ackMedian', m.acknowledgeHours.median, hours(m.acknowledgeHours.median)],
    ['ackP90', m.acknowledgeHours.p90, hours(m.acknowledgeHours.p90)],
  ];
}

export function kpiTiles(totals) {
  return h(
    'div',
    { class: 'tiles', 'data-testid': 'kpis' },
    kpis(totals).map(([key, raw, shown, alert, note]) =>
      h(
        'div',
        { class: alert ? 'tile tile-alert' : 'tile', 'data-testid': `kpi-${key}`, 'data-value': raw ?? '' },
        h('span', { class: 'tile-value' }, shown),
        h('span', { class: 'tile-label' }, t(`kpi.${key}`)),
        note ? h('span', { class: 'tile-note' }, t('kpi.shareOfResolved', { share: note })) : null,
      ),
    ),
  );
}

/**
 * One breakdown (by unit, district, commune or category); each name drills down to the dashboard
 * filtered on that row, keeping the period.
 */
export function breakdownTable(rows, { testid, filterKey, filter }) {
  if (!rows.length) return h('p', { class: 'muted' }, t('dash.noData'));
  const headers = [
    'col.name',
    'col.total',
    'col.open',
    'col.overdue',
    'col.resolved',
    'col.onTime',
    'col.onTimeAfterExtension',
    'col.late',
    'col.reopened',
    'col.level1',
    'col.level2',
    'col.resolveMedian',
  ];
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'numbers', 'data-testid': testid },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((k) => h('th', { scope: 'col' }, t(k))),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            { class: row.overdue > 0 ? 'row-warn' : null, 'data-id': row.id, 'data-code': row.code },
            h(
              'th',
              { scope: 'row' },
              h(
                'a',
                {
                  href: href('dashboard', {
                    ...filter,
                    [filterKey]: filterKey === 'category' ? row.code : row.id,
                  }),
                },
                nameOf(row),
              ),
            ),
            h('td', { 'data-kpi': 'total' }, number(row.total)),
            h('td', { 'data-kpi': 'open' }, number(row.open)),
            h('td', { 'data-kpi': 'overdue' }, number(row.overdue)),
            h('td', { 'data-kpi': 'resolved' }, number(row.resolved)),
            h('td', { 'data-kpi': 'onTime' }, number(row.timeliness.onTime)),
            h('td', { 'data-kpi': 'onTimeAfterExtension' }, number(row.timeliness.onTimeAfterExtension)),
            h('td', { 'data-kpi': 'late' }, number(row.timeliness.late)),
            h('td', { 'data-kpi': 'reopened' }, number(row.reopened)),
            h('td', { 'data-kpi': 'level1' }, number(row.escalated.level1)),
            h('td', { 'data-kpi': 'level2' }, number(row.escalated.level2)),
            h('td', { 'data-kpi': 'resolveDaysMedian' }, workingDays(row.resolveWorkingDays.median)),
          ),
        ),
      ),
    ),
  );
}

/** Period and slice; unit staff see their own unit only, so they get no unit choice. */
export function filtersForm(filter, refs, { ownUnitOnly }) {
  const fields = [
    field({ name: 'from', labelText: t('dash.from'), type: 'date', attrs: { value: filter.from ?? '' } }),
    field({ name: 'to', labelText: t('dash.to'), type: 'date', attrs: { value: filter.to ?? '' } }),
    ...sliceSelects(filter, refs, { withUnit: !ownUnitOnly }),
  ].filter(Boolean);
  return h(
    'form',
    {
      class: 'form filters',
      novalidate: true,
      'data-testid': 'dashboard-filters',
      'aria-label': t('dash.filters'),
    },
    formBanner(),
    h(
      'div',
      { class: 'form-row' },
      fields.map((f) => f.wrapper),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h(
        'button',
        { type: 'submit', class: 'button-primary', 'data-testid': 'dashboard-apply' },
        t('dash.apply'),
      ),
      h('a', { href: '#/dashboard', class: 'button button-quiet' }, t('dash.reset')),
    ),
  );
}
