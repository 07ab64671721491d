import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { referenceData } from '../refdata.js';
import { pagedRecommendations } from './lists.js';
import { quarterOf } from './meeting-parts.js';

/**
 * What else waits for the cadre beside their items: reports to write and meetings to record, each a
 * link to its screen; nothing when nothing waits. A part that cannot be read leaves the rest shown.
 */
async function waitingElsewhere(today) {
  const [reports, meetings] = await Promise.all([
    api('/api/cadre-reports').catch(() => []),
    api('/api/meetings/mine', { query: { year: today.slice(0, 4), quarter: quarterOf(today) } }).catch(
      () => ({ waiting: 0 }),
    ),
  ]);
  const reportsWaiting = reports.filter((r) => r.waitingForYou).length;
  const lines = [
    reportsWaiting
      ? h(
          'li',
          {},
          h(
            'a',
            { href: '#/cadre-reports', 'data-testid': 'waiting-reports' },
            t('creport.waitingCount', { n: reportsWaiting }),
          ),
        )
      : null,
    meetings.waiting
      ? h(
          'li',
          {},
          h(
            'a',
            { href: '#/meetings', 'data-testid': 'waiting-meetings' },
            t('meetings.waiting', { n: meetings.waiting }),
          ),
        )
      : null,
  ].filter(Boolean);
  return lines.length
    ? h('ul', { class: 'banner banner-warning plain', 'data-testid': 'waiting-elsewhere' }, lines)
    : null;
}

/** A cadre's own recommendations, newest first, with their deadlines, and what else waits for them. */
export async function mineScreen(container) {
  const refs = await referenceData();
  const elsewhere = await waitingElsewhere(refs.today);
  replace(
    container,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { 'data-testid': 'page-title' }, t('mine.title')),
      h(
        'a',
        { class: 'button button-primary', href: '#/submit', 'data-testid': 'new-recommendation' },
        t('nav.submit'),
      ),
    ),
    elsewhere,
    pagedRecommendations({ mine: 'true' }, refs, { testid: 'mine-list', empty: t('mine.empty') }),
  );
}
