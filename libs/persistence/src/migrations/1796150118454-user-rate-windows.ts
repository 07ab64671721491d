import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many requests of one kind (`scope`) a user made in the current minute, counted in PostgreSQL so
 * that every API process shares the count. One row per user and scope: the table never grows with time.
 */
export class UserRateWindows1796150118454 implements MigrationInterface {
  name = 'UserRateWindows1796150118454';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_rate_windows (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        scope text NOT NULL,
        window_start timestamptz NOT NULL,
        count integer NOT NULL CHECK (count > 0),
        PRIMARY KEY (user_id, scope)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_rate_windows`);
  }
}
