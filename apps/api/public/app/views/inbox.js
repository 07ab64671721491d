import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { currentLang, label, t } from '../i18n.js';
import { cell, deadline, itemLink, overdueBadge, referenceTag, statusBadge } from './lists.js';

/** A unit's name in the current language, from the task's `<prefix>NameVi` and `<prefix>NameEn`. */
function placeName(item, prefix) {
  const name = currentLang() === 'en' ? item[`${prefix}NameEn`] : item[`${prefix}NameVi`];
  return name ?? t('app.none');
}

/** A unit's open tasks, soonest deadline first (the API's order); overdue ones stand out. */
export async function inboxScreen(container) {
  const tasks = await api('/api/tasks');
  const rows = tasks.map((task) =>
    h(
      'tr',
      {
        class: task.overdue ? 'row-overdue' : null,
        'data-testid': 'task-row',
        'data-id': task.recommendation.id,
        'data-task-role': task.role,
      },
      cell('col.due', deadline(task.dueAt, { workingDays: task.workingDaysLeft?.dueAt })),
      cell('col.task', label('taskRole', task.role)),
      cell(
        null,
        referenceTag(task.recommendation.reference),
        itemLink(task.recommendation.id, task.recommendation.title),
        task.recommendation.urgency === 'urgent'
          ? h('span', { class: 'badge badge-urgent' }, label('urgency', 'urgent'))
          : null,
        task.overdue ? overdueBadge() : null,
      ),
      cell('col.status', statusBadge(task.recommendation.status)),
      cell('col.locality', placeName(task.recommendation, 'locality')),
      cell('col.leadUnit', placeName(task.recommendation, 'leadUnit')),
    ),
  );
  replace(
    container,
    h('h1', { 'data-testid': 'page-title' }, t('inbox.title')),
    h('p', { class: 'muted' }, t('inbox.intro')),
    h(
      'p',
      {},
      h(
        'a',
        { href: '#/items?handledByMyUnit=true&sort=activity', 'data-testid': 'inbox-handled' },
        t('inbox.handled'),
      ),
    ),
    rows.length === 0
      ? h('p', { class: 'empty', 'data-testid': 'inbox-empty' }, t('inbox.empty'))
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'cards', 'data-testid': 'inbox-list' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['col.due', 'col.task', 'col.title', 'col.status', 'col.locality', 'col.leadUnit'].map(
                  (key) => h('th', { scope: 'col' }, t(key)),
                ),
              ),
            ),
            h('tbody', {}, rows),
          ),
        ),
  );
}
