import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A unit whose name is not confirmed from public sources is marked as such: the demo's merged communes
 * carry illustrative names, and every screen that lists units can say so instead of passing an invented
 * name off as official.
 */
export class DemoUnits1796200000000 implements MigrationInterface {
  name = 'DemoUnits1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE units ADD COLUMN demo boolean NOT NULL DEFAULT false`);
    await q.query(
      `COMMENT ON COLUMN units.demo IS 'the name is illustrative (demo data), not confirmed from public sources'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE units DROP COLUMN demo`);
  }
}
