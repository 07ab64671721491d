import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { field } from '../forms.js';
import { t } from '../i18n.js';

/** Results shown for one search: enough to tell items apart on a phone. */
const PICKER_LIMIT = 8;

/**
 * A field that picks another recommendation by number or words: the search box fills the select below
 * it with the items the user sees, the item itself left out. The select is the field's control.
 */
export function itemPicker(base, item) {
  const picked = field({
    ...base,
    control: 'select',
    options: [{ value: '', label: t('picker.searchFirst') }],
  });
  const search = h('input', {
    type: 'search',
    class: 'picker-search',
    placeholder: t('picker.placeholder'),
    'aria-label': t('picker.placeholder'),
    'data-testid': `${base.testid}-search`,
  });
  let asked = 0;
  const find = async () => {
    const text = search.value.trim();
    const mine = ++asked;
    if (text.length < 2) return;
    const page = await api(
      `/api/recommendations?limit=${PICKER_LIMIT}&sort=activity&text=${encodeURIComponent(text)}`,
    ).catch(() => ({ items: [] }));
    // Only the latest search fills the list: an earlier, slower answer must not replace it.
    if (mine !== asked) return;
    const found = page.items.filter((other) => other.id !== item.id);
    replace(
      picked.input,
      h('option', { value: '' }, found.length ? t('field.choose') : t('picker.none')),
      found.map((other) => h('option', { value: other.id }, `${other.reference} · ${other.title}`)),
    );
    if (found.length === 1) picked.input.value = found[0].id;
  };
  let timer = null;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(find, 250);
  });
  // Enter searches at once rather than sending the form with nothing picked.
  search.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    clearTimeout(timer);
    void find();
  });
  picked.input.before(search);
  return picked;
}
