import {
  BACKFILL_DECISION,
  CadreAssignments1796180000000,
} from '../libs/persistence/src/migrations/1796180000000-cadre-assignments';
import { sqlAt } from './support/fixtures';
import { backToBefore, useScratchDatabase } from './support/scratch-database';

/**
 * The migration to dated assignments keeps what each cadre followed: every followed unit becomes an
 * assignment since the unit began, naming no decision, and every item starts in its submitter's charge.
 * On a database of its own, taken back to the undated list and forward again.
 */
describe('cadre assignments on an existing database', () => {
  const scratch = useScratchDatabase('assign');

  it('turns each followed unit into an assignment in force, and back', async () => {
    // Back to the schema before the migration, with the data it must carry forward.
    await backToBefore(scratch.ownerUrl, CadreAssignments1796180000000, async () => {
      // Going back keeps the demo cadres' communes in the undated list.
      const [before] = await sqlAt<{ followed: string[] }>(
        scratch.ownerUrl,
        `SELECT ARRAY(SELECT n.code FROM units n WHERE n.id = ANY(u.followed_unit_ids) ORDER BY n.code) AS followed
           FROM users u WHERE username = 'cadre.phule'`,
      );
      expect(before.followed).toEqual(['binh-thanh', 'phu-le']);
      await sqlAt(
        scratch.ownerUrl,
        `UPDATE users SET followed_unit_ids = ARRAY(SELECT id FROM units WHERE code IN ('hoa-loi', 'an-thanh'))
          WHERE username = 'cadre.anthanh'`,
      );
    });
    const rows = await sqlAt<{ code: string; decision: string; from: string; to: string | null }>(
      scratch.ownerUrl,
      `SELECT n.code, a.decision_no AS decision, (a.valid_from = n.valid_from) AS from, a.valid_to AS to
         FROM cadre_assignments a JOIN users u ON u.id = a.user_id JOIN units n ON n.id = a.unit_id
        WHERE u.username = 'cadre.anthanh' ORDER BY n.code`,
    );
    expect(rows).toEqual([
      { code: 'an-thanh', decision: BACKFILL_DECISION, from: true, to: null },
      { code: 'hoa-loi', decision: BACKFILL_DECISION, from: true, to: null },
    ]);
    const [inForce] = await sqlAt<{ n: number }>(
      scratch.ownerUrl,
      `SELECT cardinality(ngk_assigned_units(id)) AS n FROM users WHERE username = 'cadre.anthanh'`,
    );
    expect(inForce.n).toBe(2);
    const [column] = await sqlAt<{ n: number }>(
      scratch.ownerUrl,
      `SELECT count(*)::int AS n FROM information_schema.columns
        WHERE table_name = 'users' AND column_name = 'followed_unit_ids'`,
    );
    expect(column.n).toBe(0);
  });
});
