import { validateProvisioningEnvironment } from '@ngk/config';
import { ADMIN_VARIABLES, adminFromEnvironment } from '@ngk/persistence';
import { migrateDatabase } from './lib/database';

/**
 * `node dist/scripts/migrate.js [--seed]`: what a deployment runs before starting the apps. `--seed`
 * inserts the missing reference data; NGK_DEMO=1 adds the demo accounts (refused in production);
 * ADMIN_USERNAME and ADMIN_PASSWORD create the first admin when none exists.
 */
async function main(): Promise<void> {
  const env = validateProvisioningEnvironment(process.env);
  const seed = process.argv.includes('--seed');
  const demo = env.NGK_DEMO === true;
  if (demo && !seed)
    throw new Error('NGK_DEMO=1 needs --seed: demo accounts belong to the reference data units');
  const account = adminFromEnvironment(env);
  const result = await migrateDatabase(env.DATABASE_URL, {
    seed,
    demo,
    firstAdmin: account && { account, names: ADMIN_VARIABLES },
  });
  console.log(`migrations applied: ${result.applied.length ? result.applied.join(', ') : 'none pending'}`);
  if (result.seed)
    console.log(`reference data${demo ? ' and demo accounts' : ''}: ${JSON.stringify(result.seed)}`);
  if (result.firstAdmin?.created) console.log(`first admin created: ${result.firstAdmin.username}`);
  else if (result.firstAdmin)
    console.log(`first admin: not created, an admin exists already (${result.firstAdmin.existingAdmin})`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
