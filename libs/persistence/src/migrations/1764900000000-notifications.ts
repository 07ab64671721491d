import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: one per event and recipient (the dedupe key), written with the event itself; email is
 * sent from the same rows, each claimed before sending so it goes out at most once.
 */
export class Notifications1764900000000 implements MigrationInterface {
  name = 'Notifications1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        recommendation_id uuid NOT NULL REFERENCES recommendations(id),
        event_seq int NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        email_status text NOT NULL CHECK (email_status IN ('pending', 'sending', 'sent', 'skipped')),
        emailed_at timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_notifications_once" ON notifications (recommendation_id, event_seq, user_id)`,
    );
    await q.query(`CREATE INDEX "IDX_notifications_user" ON notifications (user_id, created_at DESC)`);
    await q.query(`CREATE INDEX "IDX_notifications_unread" ON notifications (user_id) WHERE read_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
  }
}
