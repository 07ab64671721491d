import { randomUUID } from 'node:crypto';
import { useAppsOnOwnDatabase } from '../support/apps';
import { sql } from '../support/fixtures';
import { client, refusedWithoutWrites } from '../support/http';
import { acknowledgedItem, progressNotes as notes, refusalsBeforeSending } from './acknowledged-items';

const ACTIONS_PER_MINUTE = 4;
const ACTIONS_PER_DAY = 5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits out the end of a minute (or of a day in Việt Nam), so that a count is not cut in two. */
async function clearOf(boundaryMs: number, offsetMs = 0): Promise<void> {
  const left = boundaryMs - ((Date.now() + offsetMs) % boundaryMs);
  if (left < 20_000) await sleep(left + 500);
}

/**
 * A user or an item that pushes meets a clear 429 that says when to retry, and nothing is written. On a
 * database of its own, so that the per-user counts are this file's alone.
 */
describe('caps on actions', () => {
  const apps = useAppsOnOwnDatabase('action_caps', {
    ACTIONS_PER_USER_PER_MINUTE: String(ACTIONS_PER_MINUTE),
    ACTIONS_PER_ITEM_PER_DAY: String(ACTIONS_PER_DAY),
  });
  let http: ReturnType<typeof client>;
  beforeAll(() => {
    http = client(apps.api);
  });
  /** Each test counts from zero. */
  beforeEach(() => sql(`DELETE FROM user_rate_windows`));

  it('lets one user take so many actions a minute', async () => {
    const first = await acknowledgedItem(http, 'Giới hạn mỗi phút 1');
    const second = await acknowledgedItem(http, 'Giới hạn mỗi phút 2');
    await sql(`DELETE FROM user_rate_windows`);
    await clearOf(60_000);
    const key = randomUUID();
    expect((await http.act('officer.propaganda', first, 'progress', { note: 'a' }, key)).status).toBe(200);
    for (const note of ['b', 'c', 'd'])
      expect((await http.act('officer.propaganda', second, 'progress', { note })).status).toBe(200);
    const refused = await refusedWithoutWrites({ recommendationId: second }, () =>
      http.act('officer.propaganda', second, 'progress', { note: 'e' }),
    );
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'action.rate-limited' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // A retry of an action already taken is its first answer, not another action.
    const retried = await http.act('officer.propaganda', first, 'progress', { note: 'a' }, key);
    expect(retried.status).toBe(200);
    expect(await notes(second)).toEqual(['b', 'c', 'd']);
  });

  it('keeps no record of a keyed action over the cap: its retry in the next minute is taken, once', async () => {
    const busy = await acknowledgedItem(http, 'Giới hạn mỗi phút có khóa 1');
    const item = await acknowledgedItem(http, 'Giới hạn mỗi phút có khóa 2');
    await sql(`DELETE FROM user_rate_windows`);
    await clearOf(60_000);
    for (const note of ['a', 'b', 'c', 'd'])
      expect((await http.act('officer.propaganda', busy, 'progress', { note })).status).toBe(200);
    const key = randomUUID();
    const recorded = () =>
      sql<{ n: number }>(`SELECT count(*)::int AS n FROM action_requests WHERE idempotency_key = $1`, [key]);
    const refused = await refusedWithoutWrites({ recommendationId: item }, () =>
      http.act('officer.propaganda', item, 'progress', { note: 'e' }, key),
    );
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'action.rate-limited' });
    expect(await recorded()).toEqual([{ n: 0 }]);
    // The next minute the same request is taken, and a retry of it then is its answer, not another.
    await sql(`DELETE FROM user_rate_windows`);
    expect((await http.act('officer.propaganda', item, 'progress', { note: 'e' }, key)).status).toBe(200);
    expect((await http.act('officer.propaganda', item, 'progress', { note: 'e' }, key)).status).toBe(200);
    expect(await recorded()).toEqual([{ n: 1 }]);
    expect(await notes(item)).toEqual(['e']);
    const [{ count }] = await sql<{ count: number }>(
      `SELECT count::int FROM user_rate_windows WHERE scope = 'action'`,
    );
    expect(count).toBe(1);
  });

  it('counts nothing for an action the API refuses before sending it: by the read, or a check after it', async () => {
    const id = await acknowledgedItem(http, 'Giới hạn mỗi phút, bị từ chối');
    await sql(`DELETE FROM user_rate_windows`);
    await clearOf(60_000);
    const counts = () =>
      sql<{ username: string; count: number }>(
        `SELECT u.username, w.count FROM user_rate_windows w JOIN users u ON u.id = w.user_id
          WHERE w.scope = 'action' ORDER BY u.username`,
      );
    for (const note of ['a', 'b'])
      expect((await http.act('officer.propaganda', id, 'progress', { note })).status).toBe(200);
    // Each more times than the cap allows, with a key and without: none of them counts.
    for (const [send, status] of refusalsBeforeSending(http, id)) {
      for (let i = 0; i <= ACTIONS_PER_MINUTE; i++) {
        expect((await send(randomUUID())).status).toBe(status);
        expect((await send()).status).toBe(status);
      }
    }
    expect(await counts()).toEqual([{ username: 'officer.propaganda', count: 2 }]);
    for (const note of ['c', 'd'])
      expect((await http.act('officer.propaganda', id, 'progress', { note })).status).toBe(200);
    const refused = await http.act('officer.propaganda', id, 'progress', { note: 'e' }, randomUUID());
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'action.rate-limited' });
    expect(await notes(id)).toEqual(['a', 'b', 'c', 'd']);
    expect(await counts()).toEqual([{ username: 'officer.propaganda', count: ACTIONS_PER_MINUTE }]);
  });

  it('counts without waiting for the disk: the counts of a minute need not survive a crash', async () => {
    const [table] = await sql<{ persistence: string }>(
      `SELECT relpersistence AS persistence FROM pg_class WHERE relname = 'user_rate_windows'`,
    );
    expect(table.persistence).toBe('u');
  });

  it('lets one item take so many actions a day, whatever the action', async () => {
    // Midnight in Việt Nam starts a new count: keep clear of it.
    await clearOf(24 * 3600_000, 7 * 3600_000);
    const id = await acknowledgedItem(http, 'Giới hạn mỗi ngày');
    for (let i = 1; i < ACTIONS_PER_DAY; i++) {
      await sql(`DELETE FROM user_rate_windows`);
      expect((await http.act('officer.propaganda', id, 'progress', { note: `#${i}` })).status).toBe(200);
    }
    for (const [username, action, body] of [
      ['officer.propaganda', 'progress', { note: 'thêm' }],
      ['officer.propaganda', 'request-info', { question: 'Xin thêm số liệu?' }],
    ] as const) {
      const key = randomUUID();
      const refused = await refusedWithoutWrites({ recommendationId: id }, () =>
        http.act(username, id, action, body, key),
      );
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({
        code: 'pace.item-daily-limit',
        params: { limit: ACTIONS_PER_DAY },
      });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(24 * 3600);
      // "Not now" is not an answer: the key is free for the retry tomorrow.
      expect(
        await sql(`SELECT 1 FROM action_requests WHERE recommendation_id = $1 AND idempotency_key = $2`, [
          id,
          key,
        ]),
      ).toEqual([]);
    }
    expect(await notes(id)).toHaveLength(ACTIONS_PER_DAY - 1);
  });
});
