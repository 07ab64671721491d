import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sign-in: password hashes, email for notifications, and revoked tokens (logout before expiry). */
export class Accounts1764700000000 implements MigrationInterface {
  name = 'Accounts1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN password_hash text,
        ADD COLUMN email text,
        ADD COLUMN email_muted boolean NOT NULL DEFAULT false,
        ADD COLUMN active boolean NOT NULL DEFAULT true`);
    await q.query(`
      CREATE TABLE revoked_tokens (
        jti uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX "IDX_revoked_tokens_expires" ON revoked_tokens (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE revoked_tokens`);
    await q.query(
      `ALTER TABLE users DROP COLUMN password_hash, DROP COLUMN email, DROP COLUMN email_muted, DROP COLUMN active`,
    );
  }
}
