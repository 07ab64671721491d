import { invalidField } from '../common/validation';

/** The orders the timeline offers: as the events happened (the default), or the latest first. */
export const TIMELINE_ORDERS = ['oldest', 'newest'] as const;
export type TimelineOrder = (typeof TIMELINE_ORDERS)[number];

/** Where a page of the timeline ended: the order it was read in and the last event's sequence number. */
export interface TimelineCursor {
  order: TimelineOrder;
  seq: number;
}

/** The largest seq the column (PostgreSQL int) holds: anything above would fail the query with a 500. */
const MAX_SEQ = 2_147_483_647;

export function encodeTimelineCursor(cursor: TimelineCursor): string {
  return Buffer.from(`timeline|${cursor.order}|${cursor.seq}`).toString('base64url');
}

/** Reads a cursor back, taking exactly what encodeTimelineCursor writes, and only for the order it was made in. */
export function decodeTimelineCursor(cursor: string, order: TimelineOrder): TimelineCursor {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const [kind = '', cOrder = '', seqText = ''] = parts;
  const seq = Number(seqText);
  const wellFormed =
    parts.length === 3 &&
    kind === 'timeline' &&
    (TIMELINE_ORDERS as readonly string[]).includes(cOrder) &&
    /^[1-9]\d{0,9}$/.test(seqText) &&
    seq <= MAX_SEQ;
  if (!wellFormed) {
    throw invalidField('cursor', 'list.unknown-cursor', 'cursor is not one this API returned');
  }
  if (cOrder !== order) {
    throw invalidField(
      'cursor',
      'list.unknown-cursor',
      `cursor belongs to the order ${cOrder}, not ${order}`,
    );
  }
  return { order, seq };
}
