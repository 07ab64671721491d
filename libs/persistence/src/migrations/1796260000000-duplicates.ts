import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Merging duplicates (issue 18): a duplicate names the item it duplicates, and the cadres who followed it
 * follow that original from then on: they see it and hear of its events as its own cadre does.
 */
export class Duplicates1796260000000 implements MigrationInterface {
  name = 'Duplicates1796260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE recommendations ADD COLUMN duplicate_of_id uuid REFERENCES recommendations (id)
         CHECK (duplicate_of_id <> id)`,
    );
    await q.query(
      `CREATE INDEX "IDX_recommendations_duplicate_of" ON recommendations (duplicate_of_id)
         WHERE duplicate_of_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE recommendation_followers (
        recommendation_id uuid NOT NULL REFERENCES recommendations (id),
        user_id uuid NOT NULL REFERENCES users (id),
        via_recommendation_id uuid NOT NULL REFERENCES recommendations (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (recommendation_id, user_id)
      )`);
    await q.query(`CREATE INDEX "IDX_recommendation_followers_user" ON recommendation_followers (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recommendation_followers`);
    await q.query(`ALTER TABLE recommendations DROP COLUMN duplicate_of_id`);
  }
}
