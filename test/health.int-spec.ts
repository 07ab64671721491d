import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { freePort } from '../scripts/lib/free-port';
import { dropDatabase, ensureDatabase } from '../scripts/lib/postgres';
import { sqlAt, testPostgres } from './support/fixtures';
import { useApps } from './support/apps';

/** Health must tell PostgreSQL and Temporal apart, and answer 503 when either is down. */
describe('GET /health with a part down', () => {
  const postgres = testPostgres();
  const adminUrl = postgres.adminUrl;
  const scratch = `ngk_health_${process.pid}`;
  let api: INestApplication;

  const apps = useApps({
    worker: false,
    env: async () => {
      await ensureDatabase(adminUrl, scratch);
      return {
        DATABASE_URL: postgres.appUrl(scratch),
        TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, // nothing listens there
      };
    },
  });

  beforeAll(() => {
    api = apps.api;
  });

  afterAll(async () => {
    await dropDatabase(adminUrl, scratch);
  });

  it('answers 503 naming Temporal when the Temporal server is unreachable', async () => {
    const res = await request(api.getHttpServer()).get('/health').expect(503);
    expect(res.body.details.database.status).toBe('up');
    expect(res.body.details.temporal.status).toBe('down');
    expect(res.body.details.temporal.message).toEqual(expect.any(String));
  });

  it('/health/ready answers 503 as /health does, while /health/live, checking nothing, answers 200', async () => {
    const http = () => request(api.getHttpServer());
    const ready = await http().get('/health/ready').expect(503);
    expect(ready.body.details.temporal.status).toBe('down');
    await http().get('/health/live').expect(200);
  });

  it('answers 503 naming PostgreSQL when the database refuses connections', async () => {
    await sqlAt(adminUrl, `ALTER DATABASE ${scratch} ALLOW_CONNECTIONS false`);
    await sqlAt(adminUrl, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [
      scratch,
    ]);
    try {
      const res = await request(api.getHttpServer()).get('/health').expect(503);
      expect(res.body.details.database).toEqual({
        status: 'down',
        message: expect.stringContaining('not currently accepting connections'),
      });
      expect(res.body.details.temporal.status).toBe('down');
    } finally {
      await sqlAt(adminUrl, `ALTER DATABASE ${scratch} ALLOW_CONNECTIONS true`);
    }
  });
});
