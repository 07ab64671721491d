import { randomUUID } from 'node:crypto';
import { examples } from '../support/examples';
import { sql } from '../support/fixtures';
import type { client } from '../support/http';

/** A new propaganda item from cadre.phule, acknowledged by its lead unit. */
export async function acknowledgedItem(http: ReturnType<typeof client>, title: string): Promise<string> {
  const submitted = await http.submit('cadre.phule', { ...(await examples()).propaganda, title });
  expect(submitted.status).toBe(201);
  const id: string = submitted.body.id;
  expect((await http.act('officer.propaganda', id, 'acknowledge')).status).toBe(200);
  return id;
}

/** The item's progress notes in the read model, in order. */
export async function progressNotes(id: string): Promise<string[]> {
  const rows = await sql<{ reason: string }>(
    `SELECT reason FROM recommendation_events WHERE recommendation_id = $1 AND type = 'progress' ORDER BY seq`,
    [id],
  );
  return rows.map((r) => r.reason);
}

/** A request of `refusalsBeforeSending`: with an Idempotency-Key, or without one when `key` is left out. */
export type RefusedRequest = (key?: string) => ReturnType<ReturnType<typeof client>['act']>;

/**
 * Actions on the item that the API refuses before it sends them to the workflow, with the status and, for
 * a refused field, its code: another unit's item and an item that does not exist (404), a unit that does
 * not exist and a deadline already past (422).
 */
export function refusalsBeforeSending(
  http: ReturnType<typeof client>,
  id: string,
): [RefusedRequest, number, string?][] {
  const directive =
    (body: Record<string, unknown>): RefusedRequest =>
    (key) =>
      http.act('member.standing', id, 'directive', { reason: 'Chỉ đạo.', ...body }, key);
  return [
    [(key) => http.act('officer.dot', id, 'progress', { note: 'n' }, key), 404],
    [(key) => http.act('officer.propaganda', randomUUID(), 'progress', { note: 'n' }, key), 404],
    [directive({ kind: 'new-lead-unit', leadUnitId: randomUUID() }), 422, 'reference.unknown-unit'],
    [directive({ kind: 'new-deadline', dueDate: '2020-01-02' }), 422, 'lifecycle.deadline-not-after-today'],
  ];
}
