import { randomUUID } from 'node:crypto';
import { ASYNCHRONOUS_COMMIT, createDataSource } from '@ngk/persistence';
import type { DataSource, QueryRunner } from 'typeorm';
import { IdempotencyRepository } from '../apps/api/src/recommendations/idempotency.repository';
import { unitId } from './support/fixtures';

/**
 * The key's record an action or a submission writes before its Update, and an action's kept answer after
 * it, commit without waiting for the disk; every other write still waits.
 * PostgreSQL reads `synchronous_commit` as it stands when a transaction commits, so each case runs in a
 * transaction and reads the setting before its end; all but the first are rolled back.
 */
describe('asynchronous commit of the action path bookkeeping', () => {
  let dataSource: DataSource;
  let runner: QueryRunner;
  let userId: string;
  const setting = async () =>
    ((await runner.query(`SHOW synchronous_commit`)) as { synchronous_commit: string }[])[0]
      .synchronous_commit;
  /** A submission's key: a row written, or none when the key is already recorded. */
  const write = `INSERT INTO submission_keys (user_id, idempotency_key, recommendation_id, request_hash)
                 VALUES ($1, 'asynchronous-commit', gen_random_uuid(), 'hash') ON CONFLICT DO NOTHING
                 RETURNING ${ASYNCHRONOUS_COMMIT}`;
  /** The repository of the API, over this transaction. */
  const keys = () => new IdempotencyRepository(runner.manager as unknown as DataSource);

  /** An item for an action's record to name, in the transaction. */
  const item = async () => {
    const communeId = await unitId('hoa-loi');
    const recommendationId = randomUUID();
    await runner.query(
      `INSERT INTO recommendations (id, workflow_id, title, situation, proposal, category_code,
         locality_unit_id, urgency, submitted_by, status)
       VALUES ($1, $4, 'Đường liên ấp', 'Tình hình', 'Đề xuất', 'infrastructure',
         $2, 'normal', $3, 'submitted')`,
      [recommendationId, communeId, userId, `asynchronous-commit-${recommendationId}`],
    );
    return recommendationId;
  };

  beforeAll(async () => {
    dataSource = createDataSource(process.env.DATABASE_URL!, { extra: { max: 1 } });
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());

  beforeEach(async () => {
    runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    [{ id: userId }] = (await runner.query(`SELECT id FROM users WHERE username = 'officer.propaganda'`)) as {
      id: string;
    }[];
    expect(await setting()).toBe('on');
  });
  afterEach(async () => {
    await runner.rollbackTransaction();
    await runner.release();
  });

  it('is turned off, for its own transaction only, by a statement that writes a row', async () => {
    expect(await runner.query(write, [userId])).toEqual([{ asynchronousCommit: 'off' }]);
    expect(await setting()).toBe('off');
    await runner.commitTransaction();
    expect(await setting()).toBe('on');
    await runner.query(
      `DELETE FROM submission_keys WHERE user_id = $1 AND idempotency_key = 'asynchronous-commit'`,
      [userId],
    );
    await runner.startTransaction();
  });

  it('stays on when the statement writes nothing', async () => {
    await runner.query(
      `INSERT INTO submission_keys (user_id, idempotency_key, recommendation_id, request_hash)
       VALUES ($1, 'asynchronous-commit', gen_random_uuid(), 'hash')`,
      [userId],
    );
    expect(await runner.query(write, [userId])).toEqual([]);
    expect(await setting()).toBe('on');
  });

  it("an action's record and its kept answer", async () => {
    const key = { userId, recommendationId: await item(), key: randomUUID() };
    expect((await keys().claimAction(key, 'progress', 'hash')).fresh).toBe(true);
    expect(await setting()).toBe('off');
    await runner.query(`SET LOCAL synchronous_commit = on`);
    const answered = await keys().answerAction(key, 200, { status: 'in-progress' });
    expect(answered).toMatchObject({
      requestHash: 'hash',
      statusCode: 200,
      answer: { status: 'in-progress' },
    });
    expect(await setting()).toBe('off');
  });

  it("a submission's key", async () => {
    const recorded = await keys().recordSubmission(userId, randomUUID(), randomUUID(), 'hash');
    expect(recorded).toMatchObject({ requestHash: 'hash' });
    expect(await setting()).toBe('off');
  });
});
