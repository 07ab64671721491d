import { Client } from 'pg';
import request from 'supertest';
import { useAppsOnOwnDatabase } from '../support/apps';
import { examples } from '../support/examples';
import { sql } from '../support/fixtures';
import { authAs, client, refusedWithoutWrites } from '../support/http';

/** Short enough that a held lock trips it, long enough for every ordinary query of the API. */
const STATEMENT_TIMEOUT_MS = 500;
const SUBMISSIONS_PER_MINUTE = 3;

/**
 * Queries have bounds: a statement that waits or runs past DB_STATEMENT_TIMEOUT_MS answers 503 with a
 * code instead of holding a connection, the quarterly report has its own longer bound, and one user can
 * submit only so many recommendations a minute.
 */
describe('query bounds', () => {
  const apps = useAppsOnOwnDatabase('query_bounds', {
    DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
    DB_REPORT_STATEMENT_TIMEOUT_MS: '30000',
    SUBMISSIONS_PER_USER_PER_MINUTE: String(SUBMISSIONS_PER_MINUTE),
  });
  const get = async (username: string, path: string, query: Record<string, string> = {}) =>
    request(apps.api.getHttpServer())
      .get(path)
      .query(query)
      .set(await authAs(apps.api, username));

  /**
   * Runs `work` while another connection holds an exclusive lock on `table`, released after `holdMs`
   * whatever happens, so a request that waits for it cannot wait for ever.
   */
  async function whileLocked<T>(table: string, holdMs: number, work: () => Promise<T>): Promise<T> {
    // As the owner, as an operator's maintenance would: the apps' role may not lock the event log.
    const locker = new Client({ connectionString: process.env.DATABASE_MIGRATION_URL });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
    const released = new Promise((resolve) => setTimeout(resolve, holdMs)).then(() =>
      locker.query('ROLLBACK'),
    );
    try {
      return await work();
    } finally {
      await released;
      await locker.end();
    }
  }

  it('answers 503 database.query-timeout with Retry-After when the dashboard cannot read in time', async () => {
    await tokensReady();
    const res = await whileLocked('recommendation_stats_by', 3000, () =>
      get('viewer.leadership', '/api/dashboard'),
    );
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toMatchObject({
      statusCode: 503,
      code: 'database.query-timeout',
      message: expect.stringMatching(/took too long.*retry/),
    });
    // Once the lock is gone the same request answers.
    expect((await get('viewer.leadership', '/api/dashboard')).status).toBe(200);
  });

  it("lets the quarterly report wait past the API's bound, where an ordinary read gives up", async () => {
    await tokensReady();
    const submitted = await client(apps.api).submit('cadre.anthanh', (await examples()).road26);
    expect(submitted.status).toBe(201);
    const quarter = { year: String(new Date().getUTCFullYear()), quarter: String(currentQuarter()) };
    const holdMs = 3 * STATEMENT_TIMEOUT_MS + 1000;
    const started = Date.now();
    const [report, timeline] = await whileLocked('recommendation_events', holdMs, () =>
      Promise.all([
        get('viewer.leadership', '/api/reports/quarterly', quarter),
        get('admin', `/api/recommendations/${submitted.body.id}/timeline`),
      ]),
    );
    expect(timeline.status).toBe(503);
    expect(timeline.body.code).toBe('database.query-timeout');
    expect(report.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(holdMs);
    expect(report.body.summary).toBeDefined();
  });

  it('refuses a submission past the per-user cap with 429 and Retry-After, and writes nothing', async () => {
    const { road26 } = await examples();
    await awayFromMinuteEnd();
    for (let i = 0; i < SUBMISSIONS_PER_MINUTE; i++) {
      expect((await client(apps.api).submit('cadre.phule', road26)).status).toBe(201);
    }
    const refused = await refusedWithoutWrites({ username: 'cadre.phule' }, () =>
      client(apps.api).submit('cadre.phule', road26, 'a-key-of-its-own'),
    );
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'submission.rate-limited' });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The cap is per user: another cadre still submits.
    expect((await client(apps.api).submit('cadre.phongnam', road26)).status).toBe(201);
  });

  /** Signs in the users the lock tests use first, so a lock holds up only the request under test. */
  async function tokensReady(): Promise<void> {
    for (const username of ['viewer.leadership', 'admin', 'cadre.anthanh']) await authAs(apps.api, username);
  }
});

function currentQuarter(): number {
  return Math.floor(new Date(Date.now() + 7 * 3600_000).getUTCMonth() / 3) + 1;
}

/** Waits, if need be, for a new minute, so the cap's minute does not turn over in the middle of a test. */
async function awayFromMinuteEnd(): Promise<void> {
  const [{ second }] = await sql<{ second: number }>(`SELECT extract(second FROM now())::float AS second`);
  if (second > 40) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
}
