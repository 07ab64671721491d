import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { migrateDatabase } from '../../scripts/lib/database';
import { dropDatabase, ensureDatabase, provideDatabase, withDatabase } from '../../scripts/lib/postgres';
import { startApi, startWorker } from '../support/apps';
import { examples } from '../support/examples';
import { testPostgres } from '../support/fixtures';
import { client } from '../support/http';
import { useOwnTemporalServer } from '../support/own-temporal';

/**
 * README "Backup and restore", done as written: stop the apps and Temporal, dump the three databases,
 * drop them, restore them, start Temporal and the apps again, and act on an item that was open.
 */
describe('backup and restore of the three databases', () => {
  const temporal = useOwnTemporalServer('backup');
  const dumps = fs.mkdtempSync(path.join(os.tmpdir(), 'ngk-backup-'));
  const postgres = testPostgres();
  const adminUrl = () => postgres.adminUrl;
  const ngk = `ngk_backup_${process.pid}_${Date.now().toString(36)}`;
  const saved = { app: process.env.DATABASE_URL, owner: process.env.DATABASE_MIGRATION_URL };
  let urls: { owner: string; app: string };
  let api: INestApplication | undefined;
  let worker: INestApplicationContext | undefined;

  const startApps = async () => {
    worker = await startWorker();
    api = await startApi();
  };
  const stopApps = async () => {
    await api?.close();
    await worker?.close();
    api = worker = undefined;
  };

  beforeAll(async () => {
    urls = await provideDatabase(postgres, ngk);
    await migrateDatabase(urls, { seed: true, demo: true });
    Object.assign(process.env, { DATABASE_URL: urls.app, DATABASE_MIGRATION_URL: urls.owner });
    await startApps();
  });

  afterAll(async () => {
    await stopApps();
    Object.assign(process.env, { DATABASE_URL: saved.app, DATABASE_MIGRATION_URL: saved.owner });
    await dropDatabase(adminUrl(), ngk);
    fs.rmSync(dumps, { recursive: true, force: true });
  });

  it('brings back an open item that a person can act on', async () => {
    const submitted = await client(api!).submit('cadre.phongnam', {
      ...(await examples()).propaganda,
      title: 'Sao lưu và khôi phục: kiến nghị đang mở',
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;

    // 1. Stop what writes: the API and the worker, then Temporal.
    await stopApps();
    await temporal.server.stop();
    // 2. Dump the three databases, each in PostgreSQL's custom format.
    const databases = [ngk, temporal.databases.temporal, temporal.databases.visibility];
    for (const db of databases) {
      execFileSync('pg_dump', [
        '--format=custom',
        `--file=${path.join(dumps, `${db}.dump`)}`,
        withDatabase(adminUrl(), db),
      ]);
    }
    // The disaster: all three gone.
    for (const db of databases) await dropDatabase(adminUrl(), db);
    // 3. Restore each into a new, empty database of the same name.
    for (const db of databases) {
      await ensureDatabase(adminUrl(), db);
      execFileSync('pg_restore', [
        '--no-owner',
        // Grants name roles of the old server; migrate grants the apps' role again below.
        '--no-acl',
        `--dbname=${withDatabase(adminUrl(), db)}`,
        path.join(dumps, `${db}.dump`),
      ]);
    }
    // 4. migrate, as compose runs it before the apps: the apps' role gets its grants back.
    await migrateDatabase(urls, { seed: true });
    // 5. Temporal first, then the worker and the API.
    await temporal.server.restart('all');
    await startApps();

    const http = client(api!);
    const before = await http.get('cadre.phongnam', id);
    expect([before.status, before.body.title]).toEqual([200, 'Sao lưu và khôi phục: kiến nghị đang mở']);
    const acknowledged = await http.act('officer.propaganda', id, 'acknowledge');
    expect([acknowledged.status, acknowledged.body.status]).toEqual([200, 'in-progress']);
    const types = (await http.timeline(id)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['submitted', 'routed', 'acknowledged']));
  });
});
