import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { date } from '../format.js';
import { label, nameOf, t } from '../i18n.js';

/** How long the cadre pauses in typing before alike items are looked for. */
const PAUSE_MS = 400;

/**
 * Items like the one being written (open or recently closed, same commune or category), under the
 * title: each a link to the item, so a duplicate can be seen before it is sent. Which count as alike,
 * and how long a title must be, is the API's to say; nothing is shown when it finds none.
 */
/** Letters a title needs before alike items are looked for, as the API counts them. */
const SIMILAR_MIN_LETTERS = 4;

export function similarItems(form) {
  const panel = h('aside', { class: 'card similar-items', 'data-testid': 'similar-items', hidden: true });
  let timer = null;
  let asked = 0;
  const value = (name) => form.elements.namedItem(name).value.trim();

  const look = async () => {
    const ask = ++asked;
    // Too short to be alike to anything (the API's rule too): nothing asked, nothing shown.
    if (value('title').replace(/\s/g, '').length < SIMILAR_MIN_LETTERS) return show([]);
    const query = { title: value('title') };
    if (value('localityUnitId')) query.localityUnitId = value('localityUnitId');
    if (value('categoryCode')) query.categoryCode = value('categoryCode');
    const found = await api('/api/recommendations/similar', { query }).catch(() => ({ items: [] }));
    // An answer to an older title is not shown over a newer one.
    if (ask !== asked) return;
    show(found.items);
  };

  const show = (items) => {
    panel.hidden = items.length === 0;
    replace(
      panel,
      h('h2', { class: 'similar-title' }, t('similar.title')),
      h('p', { class: 'muted' }, t('similar.intro')),
      h(
        'ul',
        { class: 'plain similar-list' },
        items.map((item) =>
          h(
            'li',
            { 'data-testid': 'similar-item', 'data-id': item.id },
            h('a', { href: `#/item/${encodeURIComponent(item.id)}` }, `${item.reference} · ${item.title}`),
            h(
              'small',
              { class: 'muted' },
              ` · ${label('status', item.status)} · ${nameOf({ nameVi: item.localityNameVi, nameEn: item.localityNameEn })} · ${date(item.createdAt)}`,
            ),
          ),
        ),
      ),
    );
  };

  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(look, PAUSE_MS);
  };
  form.elements.namedItem('title').addEventListener('input', soon);
  for (const name of ['categoryCode', 'localityUnitId'])
    form.elements.namedItem(name).addEventListener('change', soon);
  // A draft brought back already has a title worth looking for.
  if (value('title')) soon();
  return panel;
}
