import { api } from '../api.js';
import { refreshBell } from '../bell.js';
import { h, replace } from '../dom.js';
import { describeError, withProgress } from '../forms.js';
import { dateTime } from '../format.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { currentUser } from '../session.js';
import { showBanner } from '../shell.js';
import { referenceTag } from './lists.js';

/** What a notification says, in the reader's language: its kind's words, then the item's title. */
export function notificationSubject(n) {
  const subject = t(`notification.kind.${n.kind}`, { level: 2 }, '');
  if (!subject) return n.title;
  return n.itemTitle ? `${subject}: ${n.itemTitle}` : subject;
}

/** An email that did not go, or may not have: the reader should not count on it, and the reason says why. */
function emailTrouble(n) {
  if (n.emailStatus !== 'failed' && n.emailStatus !== 'unknown') return '';
  return h(
    'span',
    { class: 'notification-email-trouble', 'data-testid': 'email-trouble', title: n.emailError ?? '' },
    ` · ${t(`notifications.email.${n.emailStatus}`)}`,
  );
}

function target(n) {
  if (n.recommendationId) return `#/item/${encodeURIComponent(n.recommendationId)}`;
  // A report's notice opens the report for its cadre, the Board's follow-up for its staff.
  if (n.cadreReportId)
    return n.kind === 'cadre-report-overdue' && currentUser()?.role !== 'cadre'
      ? '#/report-board'
      : `#/cadre-reports/${encodeURIComponent(n.cadreReportId)}`;
  return null;
}

/** My notifications, newest first: each opens its item and is marked read; all can be marked read. */
export async function notificationsScreen(container, { isCurrent }) {
  const [page, prefs] = await Promise.all([
    api('/api/notifications', { query: { limit: 100 } }),
    api('/api/notifications/preferences'),
  ]);
  if (!isCurrent()) return;
  const count = h('p', { class: 'muted', 'data-testid': 'unread-count' });
  const list = h('ul', { class: 'plain notification-list', 'data-testid': 'notification-list' });
  let unread = page.unreadCount;
  const showCount = () => replace(count, t('notifications.unreadCount', { n: unread }));
  showCount();

  const markRead = async (n, row) => {
    if (n.readAt) return;
    await api(`/api/notifications/${n.id}/read`, { method: 'POST' });
    n.readAt = new Date().toISOString();
    row.classList.remove('notification-unread');
    row.querySelector('[data-testid="mark-read"]')?.remove();
    row.querySelector('.badge-unread')?.remove();
    unread = Math.max(0, unread - 1);
    showCount();
    void refreshBell();
  };

  const rows = page.items.map((n) => {
    const href = target(n);
    const row = h('li', {
      class: n.readAt ? 'notification' : 'notification notification-unread',
      'data-testid': 'notification',
      'data-kind': n.kind,
      'data-id': n.id,
    });
    const open = href
      ? h(
          'a',
          { href, class: 'notification-subject', 'data-testid': 'notification-open' },
          notificationSubject(n),
        )
      : h('span', { class: 'notification-subject' }, notificationSubject(n));
    open.addEventListener('click', (event) => {
      if (!href) return;
      event.preventDefault();
      // Opening it is reading it; a failed mark still opens the item.
      void markRead(n, row)
        .catch(() => undefined)
        .finally(() => navigate(href));
    });
    const mark = n.readAt
      ? null
      : h(
          'button',
          { type: 'button', class: 'button-quiet', 'data-testid': 'mark-read' },
          t('notifications.markRead'),
        );
    mark?.addEventListener('click', () =>
      withProgress(mark, () => markRead(n, row)).catch((err) => showBanner(describeError(err))),
    );
    replace(
      row,
      h(
        'div',
        { class: 'notification-head' },
        n.readAt ? null : h('span', { class: 'badge badge-unread' }, t('notifications.unread')),
        open,
        referenceTag(n.reference),
      ),
      n.note ? h('p', { class: 'notification-note' }, n.note) : null,
      h(
        'p',
        { class: 'notification-meta muted' },
        h('time', { datetime: n.createdAt }, dateTime(n.createdAt)),
        n.dueAt ? ` · ${t('notifications.due', { when: dateTime(n.dueAt) })}` : '',
        emailTrouble(n),
      ),
      mark,
    );
    return row;
  });
  replace(list, rows.length ? rows : h('li', { class: 'muted' }, t('notifications.empty')));

  const readAll = h(
    'button',
    { type: 'button', class: 'button-quiet', 'data-testid': 'read-all', hidden: unread === 0 },
    t('notifications.readAll'),
  );
  readAll.addEventListener('click', () =>
    withProgress(readAll, async () => {
      await api('/api/notifications/read-all', { method: 'POST' });
      for (const row of list.querySelectorAll('.notification-unread')) {
        row.classList.remove('notification-unread');
        row.querySelector('[data-testid="mark-read"]')?.remove();
        row.querySelector('.badge-unread')?.remove();
      }
      for (const n of page.items) n.readAt ??= new Date().toISOString();
      unread = 0;
      showCount();
      readAll.hidden = true;
      void refreshBell();
    }).catch((err) => showBanner(describeError(err))),
  );

  replace(
    container,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { 'data-testid': 'page-title' }, t('notifications.title')),
      readAll,
    ),
    count,
    list,
    preferencesForm(prefs),
  );
}

/** Email: muted or not, and immediate or one morning digest; each change is saved at once. */
function preferencesForm(prefs) {
  const muted = h('input', {
    type: 'checkbox',
    id: 'pref-muted',
    'data-testid': 'pref-muted',
    checked: prefs.emailMuted,
  });
  const digest = h(
    'select',
    { id: 'pref-digest', 'data-testid': 'pref-digest', value: prefs.emailDigest, disabled: prefs.emailMuted },
    ['immediate', 'daily'].map((v) => h('option', { value: v }, t(`notifications.prefs.digest.${v}`))),
  );
  const save = async (change) => {
    try {
      const saved = await api('/api/notifications/preferences', { method: 'PATCH', body: change });
      muted.checked = saved.emailMuted;
      digest.value = saved.emailDigest;
      digest.disabled = saved.emailMuted;
      showBanner(t('notifications.prefs.saved'), 'success');
    } catch (err) {
      showBanner(describeError(err));
    }
  };
  muted.addEventListener('change', () => void save({ emailMuted: muted.checked }));
  digest.addEventListener('change', () => void save({ emailDigest: digest.value }));
  return h(
    'section',
    { class: 'card notification-prefs', 'data-testid': 'notification-prefs' },
    h('h2', {}, t('notifications.prefs')),
    prefs.email ? null : h('p', { class: 'muted' }, t('notifications.prefs.noEmail')),
    h(
      'div',
      { class: 'field field-check' },
      muted,
      h('label', { for: 'pref-muted' }, t('notifications.prefs.muted')),
    ),
    h('div', { class: 'field' }, h('label', { for: 'pref-digest' }, t('notifications.prefs.digest')), digest),
  );
}
