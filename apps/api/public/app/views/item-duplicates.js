import { h } from '../dom.js';
import { t } from '../i18n.js';
import { itemLink } from './lists.js';

const named = (brief) => `${brief.reference} · ${brief.title}`;

/**
 * The item's place among duplicates: the original it was merged into, and the duplicates merged into it,
 * each a link; nothing when it has neither.
 */
export function duplicatesCard(around) {
  const { duplicateOf, duplicates } = around ?? {};
  if (!duplicateOf && !duplicates?.length) return null;
  return h(
    'section',
    { class: 'card', 'data-testid': 'item-duplicates' },
    h('h2', {}, t('duplicates.title')),
    duplicateOf
      ? h(
          'p',
          { 'data-testid': 'duplicate-of' },
          `${t('duplicates.of')} `,
          itemLink(duplicateOf.id, named(duplicateOf)),
        )
      : null,
    duplicates?.length
      ? [
          h('p', {}, t('duplicates.merged', { n: duplicates.length })),
          h(
            'ul',
            { class: 'plain', 'data-testid': 'merged-duplicates' },
            duplicates.map((d) => h('li', {}, itemLink(d.id, named(d)))),
          ),
        ]
      : null,
  );
}

/**
 * A merge in the timeline, in words: the duplicate's "Trùng với kiến nghị …: reason", the original's
 * "Kiến nghị … trùng, đã gộp vào: reason"; null for any other event.
 */
export function mergeText(event) {
  const payload = event.payload ?? {};
  const other = event.type === 'marked-duplicate' ? payload.original : payload.duplicate;
  if (!other || !['marked-duplicate', 'duplicate-merged'].includes(event.type)) return null;
  const key = event.type === 'marked-duplicate' ? 'duplicates.eventOf' : 'duplicates.eventMerged';
  return `${t(key, { item: named(other) })}: ${event.reason ?? ''}`;
}
