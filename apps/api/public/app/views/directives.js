import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { describeError, withProgress } from '../forms.js';
import { date } from '../format.js';
import { t } from '../i18n.js';
import { referenceData } from '../refdata.js';
import { allEvents } from '../timeline-pages.js';
import { cell, deadline, itemLink, overdueBadge, unitName } from './lists.js';

const QUEUE = { status: 'standing-committee-review' };
const DISPUTES = ['disputed', 'disputed-to-standing-committee'];

/** Why the item came before the committee: the event that brought it, and the cadre's disputes. */
function story(events) {
  const arrival = [...events]
    .reverse()
    .find((e) => e.statusAfter === QUEUE.status && e.statusBefore !== QUEUE.status);
  const why = arrival?.type === 'disputed-to-standing-committee' ? 'disputedTwice' : 'overdue';
  const disputes = events.filter((e) => DISPUTES.includes(e.type) && e.reason);
  return { why, disputes };
}

function row(item, refs, events) {
  const { why, disputes } = story(events);
  return h(
    'tr',
    { 'data-testid': 'directive-row', 'data-id': item.id, 'data-why': why },
    cell(null, itemLink(item.id, item.title), item.overdue ? overdueBadge() : null),
    cell(
      'col.directiveDue',
      deadline(item.directiveDueAt, { workingDays: item.workingDaysLeft?.directiveDueAt }),
    ),
    // One block, so a card on a phone keeps the cadre's disputes under the reason.
    cell(
      'col.why',
      h(
        'div',
        {},
        h('p', { class: 'why', 'data-testid': 'directive-why' }, t(`directives.why.${why}`)),
        disputes.length
          ? h(
              'ol',
              { class: 'plain disputes', 'data-testid': 'directive-disputes' },
              disputes.map((e) =>
                h('li', {}, h('span', { class: 'muted' }, `${date(e.occurredAt)}: `), e.reason),
              ),
            )
          : null,
      ),
    ),
    cell('col.locality', unitName(refs, item.localityUnitId, item.localityNameVi)),
    cell('col.leadUnit', unitName(refs, item.leadUnitId, item.leadUnitNameVi)),
  );
}

/**
 * The Standing Committee's queue: each item with its directive deadline, why it came (still overdue
 * after the grace period, or disputed twice by its cadre) and what the cadre said in each dispute.
 */
export async function directivesScreen(container) {
  const refs = await referenceData();
  const body = h('tbody');
  const table = h(
    'div',
    { class: 'table-wrap', hidden: true },
    h(
      'table',
      // Cards on a phone, as every list of items.
      { class: 'cards', 'data-testid': 'directive-list' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['col.title', 'col.directiveDue', 'col.why', 'col.locality', 'col.leadUnit'].map((key) =>
            h('th', { scope: 'col' }, t(key)),
          ),
        ),
      ),
      body,
    ),
  );
  const status = h('p', { class: 'muted' }, t('app.loading'));
  const more = h('button', { type: 'button', class: 'button-quiet', hidden: true }, t('app.more'));
  const wrapper = h('div', { 'data-testid': 'directive-list-paged' }, status, table, more);
  let cursor = null;
  const load = async () => {
    try {
      const page = await api('/api/recommendations', { query: { ...QUEUE, limit: 20, cursor } });
      // The queue is short: each item's events tell why it came and what the disputes said.
      const timelines = await Promise.all(page.items.map((item) => allEvents(item.id)));
      body.append(...page.items.map((item, i) => row(item, refs, timelines[i])));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      replace(status, body.children.length === 0 ? t('directives.empty') : '');
      status.hidden = body.children.length > 0;
      table.hidden = body.children.length === 0;
      wrapper.dataset.loaded = 'true';
    } catch (err) {
      replace(status, describeError(err));
      status.className = 'banner banner-error';
      status.hidden = false;
    }
  };
  more.addEventListener('click', () => void withProgress(more, load));
  replace(
    container,
    h('h1', { 'data-testid': 'page-title' }, t('directives.title')),
    h('p', { class: 'muted' }, t('directives.intro')),
    wrapper,
  );
  await load();
}
