import { h, replace } from '../dom.js';
import { field } from '../forms.js';
import { t } from '../i18n.js';
import { pagedRecommendations } from './lists.js';

/** Full-text search over titles, situations and proposals; "duong 26" finds "đường 26". */
export function searchBlock(refs, filter) {
  const text = field({
    name: 'text',
    labelText: t('dash.searchLabel'),
    type: 'search',
    attrs: { 'data-testid': 'search-input' },
  });
  const results = h('div', { class: 'search-results', 'data-testid': 'search-results' });
  const form = h(
    'form',
    { class: 'form search', role: 'search', novalidate: true, 'data-testid': 'search-form' },
    h(
      'div',
      { class: 'form-row' },
      text.wrapper,
      h(
        'div',
        { class: 'form-actions' },
        h('button', { type: 'submit', 'data-testid': 'search-submit' }, t('dash.searchButton')),
      ),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const words = text.input.value.trim();
    replace(
      results,
      words
        ? pagedRecommendations({ ...filter, text: words }, refs, {
            testid: 'search-list',
            empty: t('dash.searchEmpty'),
          })
        : [],
    );
  });
  return h('div', {}, form, results);
}
