import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { referenceData } from '../refdata.js';
import { pagedRecommendations } from './lists.js';

/** A cadre's own recommendations, newest first, with their deadlines. */
export async function mineScreen(container) {
  const refs = await referenceData();
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
    pagedRecommendations({ mine: 'true' }, refs, { testid: 'mine-list', empty: t('mine.empty') }),
  );
}
