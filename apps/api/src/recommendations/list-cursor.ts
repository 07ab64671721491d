import { isUUID } from 'class-validator';
import { invalidField } from '../common/validation';

/** The orders the list offers: by submission, by resolution deadline, by the latest event. */
export const LIST_SORTS = ['submitted', 'deadline', 'activity'] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export type ListOrder = 'asc' | 'desc';

/** Newest submissions and latest activity first; the soonest deadline first. */
export const DEFAULT_ORDER: Record<ListSort, ListOrder> = {
  submitted: 'desc',
  deadline: 'asc',
  activity: 'desc',
};

/**
 * Where a page of the list ended: the order it was read in, the last item's sort key (a UTC time with
 * microseconds, or `infinity` for an item without a deadline) and its id.
 */
export interface ListCursor {
  sort: ListSort;
  order: ListOrder;
  key: string;
  id: string;
}

export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(`${cursor.sort}|${cursor.order}|${cursor.key}|${cursor.id}`).toString('base64url');
}

/** The key as the repository writes it: UTC, microseconds, a four-digit year PostgreSQL has (no year 0). */
const KEY_TIME = /^(?!0000)(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.(\d{3})\d{3}Z$/;

function exactTime(key: string): boolean {
  const m = KEY_TIME.exec(key);
  if (!m) return false;
  const time = new Date(`${m[1]}.${m[2]}Z`);
  return !Number.isNaN(time.getTime()) && time.toISOString() === `${m[1]}.${m[2]}Z`;
}

/**
 * Reads a cursor back, taking exactly what encodeCursor writes, and only for the order it was made in.
 * Anything looser reaches the query as a time or an id PostgreSQL refuses (`99999`, `+275760-09-13T…`,
 * 36 dashes): a 500 instead of a 400.
 */
export function decodeCursor(cursor: string, sort: ListSort, order: ListOrder): ListCursor {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const [cSort = '', cOrder = '', key = '', id = ''] = parts;
  const wellFormed =
    parts.length === 4 &&
    (key === 'infinity' ? cSort === 'deadline' : exactTime(key)) &&
    isUUID(id) &&
    (LIST_SORTS as readonly string[]).includes(cSort) &&
    (cOrder === 'asc' || cOrder === 'desc');
  if (!wellFormed) {
    throw invalidField('cursor', 'list.unknown-cursor', 'cursor is not one this API returned');
  }
  if (cSort !== sort || cOrder !== order) {
    throw invalidField(
      'cursor',
      'list.unknown-cursor',
      `cursor belongs to the order ${cSort} ${cOrder}, not ${sort} ${order}`,
    );
  }
  return { sort, order, key, id };
}
