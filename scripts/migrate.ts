import { validateProvisioningEnvironment } from '@ngk/config';
import { ADMIN_VARIABLES, adminFromEnvironment } from '@ngk/persistence';
import { migrateDatabase } from './lib/database';

/**
 * `node dist/scripts/migrate.js [--seed]`: what a deployment runs before starting the apps. It connects
 * with DATABASE_MIGRATION_URL (the role that owns the tables) and gives DATABASE_URL's role, which the apps
 * use, only what they need, creating that role when it is missing. `--seed`
 * inserts the missing reference data; NGK_DEMO=1 adds the demo accounts (refused in production);
 * ADMIN_USERNAME and ADMIN_PASSWORD create the first admin when none exists.
 */
async function main(): Promise<void> {
  const env = validateProvisioningEnvironment(process.env, { migrating: true });
  const seed = process.argv.includes('--seed');
  const demo = env.NGK_DEMO === true;
  if (demo && !seed)
    throw new Error('NGK_DEMO=1 needs --seed: demo accounts belong to the reference data units');
  const account = adminFromEnvironment(env);
  const urls = { owner: env.DATABASE_MIGRATION_URL!, app: env.DATABASE_URL };
  const result = await migrateDatabase(urls, {
    seed,
    demo,
    firstAdmin: account && { account, names: ADMIN_VARIABLES },
  });
  console.log(`migrations applied: ${result.applied.length ? result.applied.join(', ') : 'none pending'}`);
  console.log(
    `apps' role: ${result.appRole.name}${result.appRole.created ? ' (created)' : ''}, granted what the apps need`,
  );
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
