import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions that outlive a browser tab: one row per refresh token, only its SHA-256 kept. Each use rotates
 * it within its family (one sign-in); a token used twice means a copy is in someone else's hands, and the
 * whole family is revoked. users.sessions_revoked_at ends every session at once (a password reset):
 * access tokens issued before it are refused.
 */
export class RefreshTokens1765300418273 implements MigrationInterface {
  name = 'RefreshTokens1765300418273';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id),
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text CHECK (revoked_reason IN ('logout', 'reuse', 'password', 'deactivated'))
      )`);
    await q.query(`CREATE INDEX "IDX_refresh_tokens_family" ON refresh_tokens (family_id)`);
    await q.query(
      `CREATE INDEX "IDX_refresh_tokens_user" ON refresh_tokens (user_id) WHERE revoked_at IS NULL`,
    );
    await q.query(`CREATE INDEX "IDX_refresh_tokens_expires" ON refresh_tokens (expires_at)`);
    await q.query(`ALTER TABLE users ADD COLUMN sessions_revoked_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN sessions_revoked_at`);
    await q.query(`DROP TABLE refresh_tokens`);
  }
}
