import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { dateTime } from '../format.js';
import { nameOf, t } from '../i18n.js';
import { periodName, reportScreen, standingBadge } from './cadre-report.js';
import { cell } from './lists.js';

// The cadre's periodic reports: those waiting first, each opening its short form.

/** The cadre's reports, those waiting first, each with its deadline. */
export async function cadreReportsScreen(container, context) {
  if (context.params.id) return reportScreen(container, context);
  const reports = await api('/api/cadre-reports');
  if (!context.isCurrent()) return;
  const waiting = reports.filter((r) => r.waitingForYou).length;
  const rows = reports.map((r) =>
    h(
      'tr',
      {
        class: r.standing === 'overdue' ? 'row-overdue' : null,
        'data-testid': 'creport-row',
        'data-id': r.id,
      },
      cell(
        null,
        h(
          'a',
          { href: `#/cadre-reports/${encodeURIComponent(r.id)}` },
          `${nameOf(r.commune)} · ${periodName(r.period)}`,
        ),
        r.waitingForYou ? h('span', { class: 'badge badge-waiting' }, t('waiting.badge')) : null,
      ),
      cell('creport.col.standing', standingBadge(r.standing)),
      cell('creport.col.due', h('time', { datetime: r.dueAt }, dateTime(r.dueAt))),
      cell('creport.col.submitted', r.submittedAt ? dateTime(r.submittedAt) : t('app.none')),
    ),
  );
  replace(
    container,
    h('h1', { 'data-testid': 'page-title' }, t('creport.title')),
    h('p', { class: 'muted', 'data-testid': 'creport-waiting' }, t('creport.waitingCount', { n: waiting })),
    reports.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'cards', 'data-testid': 'creport-list' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [
                  'creport.col.report',
                  'creport.col.standing',
                  'creport.col.due',
                  'creport.col.submitted',
                ].map((key) => h('th', { scope: 'col' }, t(key))),
              ),
            ),
            h('tbody', {}, rows),
          ),
        )
      : h('p', { class: 'empty', 'data-testid': 'creport-list' }, t('creport.empty')),
  );
  return undefined;
}
