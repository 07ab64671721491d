import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The per-minute counts of each user's requests need not survive a crash: after one a user may take a
 * few more actions that minute, nothing else is lost. Unlogged, counting one more writes no WAL and waits
 * for no flush to disk, which every action and submission did before it reached Temporal.
 */
export class UnloggedRateWindows1796265000000 implements MigrationInterface {
  name = 'UnloggedRateWindows1796265000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_rate_windows SET UNLOGGED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_rate_windows SET LOGGED`);
  }
}
