import { field } from '../forms.js';
import { nameOf, t } from '../i18n.js';
import { currentUnits, HANDLING_KINDS } from '../refdata.js';

// The filters the item list and the dashboard share, so both offer the same choices in the same words.

/** A filter's choice, "all" first. */
export function filterSelect(name, labelKey, options, value) {
  return field({
    name,
    labelText: t(labelKey),
    control: 'select',
    options: [{ value: '', label: t('dash.all') }, ...options],
    attrs: { value: value ?? '' },
  });
}

/**
 * The slices: lead unit (left out for a reader who sees their own unit only), district, commune and
 * category, each filled from `values`.
 */
export function sliceSelects(values, refs, { withUnit = true } = {}) {
  const named = (list) => list.map((u) => ({ value: u.id, label: nameOf(u) }));
  const handling = currentUnits(refs.units).filter((u) => HANDLING_KINDS.includes(u.kind));
  return [
    withUnit ? filterSelect('unitId', 'dash.unit', named(handling), values.unitId) : null,
    filterSelect(
      'districtId',
      'dash.district',
      named(refs.units.filter((u) => u.kind === 'district')),
      values.districtId,
    ),
    filterSelect(
      'communeId',
      'dash.commune',
      named(refs.units.filter((u) => u.kind === 'commune')),
      values.communeId,
    ),
    filterSelect(
      'category',
      'dash.category',
      refs.categories.map((c) => ({ value: c.code, label: nameOf(c) })),
      values.category,
    ),
  ].filter(Boolean);
}
