import { api } from './api.js';

/** Events per request when a view needs the whole story or is looking for one event. */
const SEARCH_PAGE = 200;

const pathOf = (id) => `/api/recommendations/${encodeURIComponent(id)}/timeline`;

/** One page of an item's events: `{ events, nextCursor }`, oldest first unless `order` is `newest`. */
export function timelinePage(id, { order, limit, cursor } = {}) {
  return api(pathOf(id), { query: { order, limit, cursor } });
}

/** Every event of an item, oldest first, for views that need the whole story of a few items. */
export async function allEvents(id) {
  const events = [];
  let cursor = null;
  do {
    const page = await timelinePage(id, { limit: SEARCH_PAGE, cursor });
    events.push(...page.events);
    cursor = page.nextCursor;
  } while (cursor);
  return events;
}

/** The latest event that `matches`, read from the newest back until one is found; null if none. */
export async function latestEvent(id, matches) {
  let cursor = null;
  do {
    const page = await timelinePage(id, { order: 'newest', limit: SEARCH_PAGE, cursor });
    const found = page.events.find(matches);
    if (found) return found;
    cursor = page.nextCursor;
  } while (cursor);
  return null;
}
