import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { referenceData } from '../refdata.js';
import { pagedRecommendations } from './lists.js';

/** The Standing Committee's queue: each item opens on its directive form. */
export async function directivesScreen(container) {
  const refs = await referenceData();
  replace(
    container,
    h('h1', { 'data-testid': 'page-title' }, t('directives.title')),
    pagedRecommendations({ status: 'standing-committee-review' }, refs, {
      testid: 'directive-list',
      empty: t('directives.empty'),
    }),
  );
}
