import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { describeError, withProgress } from '../forms.js';
import { date, dateTime, workingDaysDue } from '../format.js';
import { label, nameOf, t } from '../i18n.js';

// Pieces every list of recommendations shares: status badges, deadlines, paged tables.

export function statusBadge(status) {
  return h(
    'span',
    { class: `badge status-${status}`, 'data-status': status, 'data-testid': 'status' },
    label('status', status),
  );
}

export function overdueBadge(missed = null) {
  return h(
    'span',
    { class: 'badge badge-overdue', 'data-testid': 'overdue', 'data-missed': missed?.field ?? null },
    missed ? `${t('due.overdue')} · ${t(`item.${missed.field}`)} ${date(missed.at)}` : t('due.overdue'),
  );
}

/** Deadlines an overdue item may have missed whose column a list does not show. */
const UNLISTED_DEADLINES = ['directiveDueAt', 'infoDueAt', 'feedbackDueAt', 'verificationDueAt'];

/**
 * The deadline an overdue item missed when neither listed deadline shows it (the Standing Committee's
 * directive, the cadre's information): the badge names it, so "overdue" beside two empty columns says why.
 */
export function missedUnlisted(item) {
  const listedLate = [item.acknowledgeDueAt, item.resolutionDueAt].some(
    (iso) => iso && Date.parse(iso) < Date.now(),
  );
  if (listedLate) return null;
  const missed = UNLISTED_DEADLINES.filter((field) => item[field] && Date.parse(item[field]) < Date.now())
    .map((field) => ({ field, at: item[field] }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return missed[0] ?? null;
}

/**
 * A deadline with how far off it is in working days (the API's countdown, `workingDays`); red once
 * passed while the item is still open.
 */
export function deadline(iso, { open = true, paused = false, workingDays } = {}) {
  if (!iso) return h('span', { class: 'muted' }, t('app.none'));
  const late = open && !paused && Date.parse(iso) < Date.now();
  const countdown = paused ? t('due.paused') : workingDaysDue(iso, workingDays);
  return h(
    'span',
    { class: late ? 'due due-late' : 'due' },
    h('time', { datetime: iso }, dateTime(iso)),
    open && countdown ? h('small', { 'data-testid': 'countdown' }, countdown) : null,
  );
}

/** "Waiting for you": the caller's own step on the item, and its deadline (the feedback window for a cadre). */
export function waitingBadge(waiting) {
  if (!waiting) return null;
  return h(
    'span',
    { class: 'waiting', 'data-testid': 'waiting', 'data-step': waiting.step },
    h('span', { class: 'badge badge-waiting', title: t(`waiting.step.${waiting.step}`) }, t('waiting.badge')),
    h(
      'small',
      { class: 'waiting-due', 'data-testid': 'waiting-due' },
      `${t(`waiting.step.${waiting.step}`)} · `,
      waiting.dueAt
        ? [
            t('waiting.due', { when: dateTime(waiting.dueAt) }),
            waiting.workingDaysLeft?.dueAt === undefined
              ? ''
              : ` (${workingDaysDue(waiting.dueAt, waiting.workingDaysLeft.dueAt)})`,
          ]
        : t('waiting.noDue'),
    ),
  );
}

/** A closed item its reader may still reopen (their own, within its window), and until when. */
export function reopenHint(until) {
  if (!until) return null;
  return h(
    'small',
    { class: 'reopen-hint', 'data-testid': 'reopen-hint' },
    t('list.reopenUntil', { when: dateTime(until) }),
  );
}

export function itemLink(id, title) {
  return h('a', { href: `#/item/${encodeURIComponent(id)}`, 'data-testid': 'item-link' }, title);
}

/** The item's reference number, KN-<year>-<number>: what people quote on the phone and in letters. */
export function referenceTag(reference) {
  return reference ? h('small', { class: 'ref', 'data-testid': 'rec-ref' }, reference) : null;
}

/** A unit's name in the current language, from the reference data; the row's Vietnamese name otherwise. */
export function unitName(refs, id, fallbackVi) {
  const unit = id ? refs.unitById.get(id) : null;
  return unit ? nameOf(unit) : (fallbackVi ?? t('app.none'));
}

const OPEN = (status) => status !== 'closed';

/**
 * A table cell that names its column: on a narrow screen a `cards` table shows each row as a card,
 * and the name stands before the value (styles.css). Without a key, the cell is the card's heading.
 */
export function cell(labelKey, ...content) {
  return labelKey
    ? h('td', { 'data-label': t(labelKey) }, ...content)
    : h('td', { class: 'cell-main' }, ...content);
}

/** Rows of recommendations as the list endpoint gives them. */
export function recommendationRows(items, refs) {
  return items.map((item) =>
    h(
      'tr',
      {
        class: item.overdue ? 'row-overdue' : null,
        'data-testid': 'rec-row',
        'data-id': item.id,
        'data-status': item.status,
      },
      cell(
        null,
        referenceTag(item.reference),
        itemLink(item.id, item.title),
        item.urgency === 'urgent'
          ? h('span', { class: 'badge badge-urgent' }, label('urgency', 'urgent'))
          : null,
        item.overdue ? overdueBadge(missedUnlisted(item)) : null,
        waitingBadge(item.waitingForYou),
        reopenHint(item.reopenUntil),
        item.followed
          ? h('span', { class: 'badge badge-followed', 'data-testid': 'followed' }, t('list.followed'))
          : null,
        item.duplicateOfId
          ? h('span', { class: 'badge', 'data-testid': 'duplicate-badge' }, t('list.duplicate'))
          : null,
      ),
      cell('col.status', statusBadge(item.status)),
      cell('col.locality', unitName(refs, item.localityUnitId, item.localityNameVi)),
      cell('col.leadUnit', unitName(refs, item.leadUnitId, item.leadUnitNameVi)),
      cell(
        'col.acknowledgeDue',
        deadline(item.acknowledgeDueAt, {
          open: item.status === 'routed',
          paused: !!item.clockPausedAt,
          workingDays: item.workingDaysLeft?.acknowledgeDueAt,
        }),
      ),
      cell(
        'col.resolutionDue',
        deadline(item.resolutionDueAt, {
          open: OPEN(item.status),
          paused: !!item.clockPausedAt,
          workingDays: item.workingDaysLeft?.resolutionDueAt,
        }),
      ),
    ),
  );
}

export function recommendationTable(rows, testid) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'cards', 'data-testid': testid },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [
            'col.title',
            'col.status',
            'col.locality',
            'col.leadUnit',
            'col.acknowledgeDue',
            'col.resolutionDue',
          ].map((key) => h('th', { scope: 'col' }, t(key))),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}

/**
 * A list of recommendations from GET /api/recommendations with `query`, page after page on demand.
 * Returns the element; it fills itself. `onError(err)` returning true has shown the error elsewhere.
 */
export function pagedRecommendations(
  query,
  refs,
  { testid, empty = t('app.empty'), limit = 20, onError = () => false } = {},
) {
  const body = h('tbody');
  const more = h(
    'button',
    { type: 'button', class: 'button-quiet', hidden: true, 'data-testid': `${testid}-more` },
    t('app.more'),
  );
  const status = h('p', { class: 'muted' }, t('app.loading'));
  const table = recommendationTable([], testid);
  table.querySelector('tbody').replaceWith(body);
  let cursor = null;
  const load = async () => {
    try {
      const page = await api('/api/recommendations', { query: { ...query, limit, cursor } });
      body.append(...recommendationRows(page.items, refs));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      replace(status, body.children.length === 0 ? empty : '');
      status.hidden = body.children.length > 0;
      table.hidden = body.children.length === 0;
      wrapper.dataset.loaded = 'true';
    } catch (err) {
      // The caller may show a refusal where it belongs (a filter's field); otherwise it shows here.
      if (onError(err)) {
        replace(status);
        status.hidden = true;
        table.hidden = true;
        return;
      }
      replace(status, describeError(err));
      status.className = 'banner banner-error';
      status.hidden = false;
    }
  };
  more.addEventListener('click', () => void withProgress(more, load));
  const wrapper = h('div', { class: 'paged', 'data-testid': `${testid}-paged` }, status, table, more);
  void load();
  return wrapper;
}
