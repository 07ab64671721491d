import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One definition of the Standing Committee's level (see escalationLevelAfter in libs/domain): an item a
 * second dispute took to the committee stands at level 2, like one still overdue after the grace period.
 * Items projected before the rule get their levels from the event log; the summary trigger moves their
 * counts as their rows change. The quarterly report counts arrivals at the committee by status, through
 * an index of its own.
 */
export class StandingCommitteeLevel1765300417293 implements MigrationInterface {
  name = 'StandingCommitteeLevel1765300417293';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE recommendations r SET max_escalation_level = 2
       WHERE r.max_escalation_level < 2
         AND EXISTS (SELECT 1 FROM recommendation_events e
                      WHERE e.recommendation_id = r.id AND e.status_after = 'standing-committee-review')`);
    // Still before the committee, or closed by its directive.
    await q.query(`
      UPDATE recommendations r SET escalation_level = 2
       WHERE r.escalation_level < 2
         AND (r.status = 'standing-committee-review'
              OR (r.status = 'closed' AND EXISTS (
                    SELECT 1 FROM recommendation_events e
                     WHERE e.recommendation_id = r.id AND e.seq = r.last_event_seq
                       AND e.status_before = 'standing-committee-review')))`);
    await q.query(
      `CREATE INDEX "IDX_recommendation_events_to_committee" ON recommendation_events (occurred_at)
        WHERE status_after = 'standing-committee-review' AND status_before IS DISTINCT FROM 'standing-committee-review'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The levels stay: the older rule cannot tell which of them it would have counted.
    await q.query(`DROP INDEX "IDX_recommendation_events_to_committee"`);
  }
}
