import { api } from './api.js';

// Units and categories change rarely: loaded once per page, shared by every screen.
let loading = null;

/** Today on the server's clock (a demo's shortened clock included), the day units are in force on. */
export async function serverToday() {
  return (await api('/api/calendar/today')).today;
}

export function referenceData() {
  loading ??= Promise.all([api('/api/units'), api('/api/categories'), serverToday()])
    .then(([units, categories, today]) => ({
      units,
      categories,
      today,
      unitById: new Map(units.map((u) => [u.id, u])),
      categoryByCode: new Map(categories.map((c) => [c.code, c])),
    }))
    .catch((err) => {
      loading = null;
      throw err;
    });
  return loading;
}

/**
 * Units in force on `today` (the server's, serverToday), the ones offered for new work: the 2025
 * reform retired some, and old items still name them.
 */
export function currentUnits(units, today) {
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
