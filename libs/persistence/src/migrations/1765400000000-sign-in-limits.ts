import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins, counted where every API process sees them: one row per client address (failures in
 * the current window) and one per username (consecutive failures and the lock they earned). A row past
 * its expires_at means nothing and is pruned, so the table holds only recent attackers and typos.
 */
export class SignInLimits1765400000000 implements MigrationInterface {
  name = 'SignInLimits1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sign_in_limits (
        kind text NOT NULL CHECK (kind IN ('address', 'account')),
        subject text NOT NULL,
        failures integer NOT NULL CHECK (failures >= 0),
        window_started_at timestamptz NOT NULL,
        locked_until timestamptz,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (kind, subject)
      )`);
    await q.query(`CREATE INDEX "IDX_sign_in_limits_expires" ON sign_in_limits (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sign_in_limits`);
  }
}
