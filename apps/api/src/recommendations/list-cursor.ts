import { isUUID } from 'class-validator';
import { invalidField } from '../common/validation';

/** Where a page of the list ended: the last item's creation time and id. */
export interface ListCursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

/** The time as encodeCursor writes it: UTC, milliseconds, a four-digit year PostgreSQL has (no year 0). */
const CURSOR_TIME = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Reads a cursor back, taking exactly what encodeCursor writes. Anything looser reaches the query as a
 * time or an id PostgreSQL refuses (`99999`, `+275760-09-13T…`, 36 dashes): a 500 instead of a 400.
 */
export function decodeCursor(cursor: string): ListCursor {
  const [createdAt = '', id = '', ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const time = new Date(createdAt);
  const exact =
    CURSOR_TIME.test(createdAt) && !Number.isNaN(time.getTime()) && time.toISOString() === createdAt;
  if (!exact || !isUUID(id) || rest.length > 0) {
    throw invalidField('cursor', 'list.unknown-cursor', 'cursor is not one this API returned');
  }
  return { createdAt, id };
}
