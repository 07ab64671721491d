import { migrateDatabase } from './lib/database';

/** `node dist/scripts/migrate.js [--seed]`: what a deployment runs before starting the apps. */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const result = await migrateDatabase(url, { seed: process.argv.includes('--seed') });
  console.log(`migrations applied: ${result.applied.length ? result.applied.join(', ') : 'none pending'}`);
  if (result.seed) console.log(`reference data: ${JSON.stringify(result.seed)}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
