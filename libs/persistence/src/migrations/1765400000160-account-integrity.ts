import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts that hold together: usernames unique whatever their case (sign-in accepts any case), and a
 * token version per user that every access and refresh token carries, so a password reset, deactivation
 * or change of role or unit ends every session at once. It replaces sessions_revoked_at, whose whole
 * seconds let a token issued in the same second as a reset live on.
 */
export class AccountIntegrity1765400000160 implements MigrationInterface {
  name = 'AccountIntegrity1765400000160';

  async up(q: QueryRunner): Promise<void> {
    const twins: { names: string }[] = await q.query(
      `SELECT string_agg(username, ', ' ORDER BY username) AS names FROM users
        GROUP BY lower(username) HAVING count(*) > 1`,
    );
    if (twins.length > 0) {
      throw new Error(
        `usernames that differ only in case must be renamed before this migration: ${twins.map((t) => t.names).join('; ')}`,
      );
    }
    // The case-sensitive index stays: the seed's upsert names it as its conflict target.
    await q.query(`CREATE UNIQUE INDEX "IDX_users_username_lower" ON users (lower(username))`);
    await q.query(`ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE users DROP COLUMN sessions_revoked_at`);
    await q.query(`ALTER TABLE refresh_tokens DROP CONSTRAINT refresh_tokens_revoked_reason_check`);
    await q.query(
      `ALTER TABLE refresh_tokens ADD CONSTRAINT refresh_tokens_revoked_reason_check
         CHECK (revoked_reason IN ('logout', 'reuse', 'password', 'deactivated', 'reassigned'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE refresh_tokens SET revoked_reason = 'password' WHERE revoked_reason = 'reassigned'`,
    );
    await q.query(`ALTER TABLE refresh_tokens DROP CONSTRAINT refresh_tokens_revoked_reason_check`);
    await q.query(
      `ALTER TABLE refresh_tokens ADD CONSTRAINT refresh_tokens_revoked_reason_check
         CHECK (revoked_reason IN ('logout', 'reuse', 'password', 'deactivated'))`,
    );
    await q.query(`ALTER TABLE users ADD COLUMN sessions_revoked_at timestamptz`);
    await q.query(`ALTER TABLE users DROP COLUMN token_version`);
    await q.query(`DROP INDEX "IDX_users_username_lower"`);
  }
}
