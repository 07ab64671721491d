import { date } from '../format.js';
import { field } from '../forms.js';
import { nameOf, t } from '../i18n.js';
import { HANDLING_KINDS } from '../refdata.js';

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

/** A unit by name, and an ended one with its last day, as screens of past figures list them. */
export function datedUnitLabel(unit, today) {
  return unit.validTo && unit.validTo < today
    ? t('unit.endedLabel', { name: nameOf(unit), date: date(unit.validTo) })
    : nameOf(unit);
}

/**
 * The slices: lead unit (left out for a reader who sees their own unit only), district, commune and
 * category, each filled from `values`. They filter past figures too, so ended units stay, with their dates.
 */
export function sliceSelects(values, refs, { withUnit = true } = {}) {
  const named = (list) => list.map((u) => ({ value: u.id, label: datedUnitLabel(u, refs.today) }));
  const handling = refs.units.filter((u) => HANDLING_KINDS.includes(u.kind));
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
