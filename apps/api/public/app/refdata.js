import { api } from './api.js';

// Units and categories change rarely: loaded once per page, shared by every screen.
let loading = null;

export function referenceData() {
  loading ??= Promise.all([api('/api/units'), api('/api/categories')])
    .then(([units, categories]) => ({
      units,
      categories,
      unitById: new Map(units.map((u) => [u.id, u])),
      categoryByCode: new Map(categories.map((c) => [c.code, c])),
    }))
    .catch((err) => {
      loading = null;
      throw err;
    });
  return loading;
}

/** Units valid today (the 2025 reform retired some; old items still name them). */
export function currentUnits(units, today = new Date().toISOString().slice(0, 10)) {
  return units.filter((u) => (!u.validFrom || u.validFrom <= today) && (!u.validTo || u.validTo >= today));
}

/** Kinds of unit that can lead or coordinate a recommendation. */
export const HANDLING_KINDS = [
  'triage-office',
  'party-board',
  'provincial-committee',
  'department',
  'district',
];
