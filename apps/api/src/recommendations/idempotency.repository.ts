import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ASYNCHRONOUS_COMMIT, returning } from '@ngk/persistence';

/** An action sent with an Idempotency-Key, as recorded: its answer is null until the first is given. */
export interface ActionRecord {
  requestHash: string;
  statusCode: number | null;
  answer: Record<string, unknown> | null;
}

export interface ActionKey {
  userId: string;
  recommendationId: string;
  key: string;
}

/** The Idempotency-Keys of actions and submissions, in PostgreSQL (see the idempotency-keys migration). */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findAction({ userId, recommendationId, key }: ActionKey): Promise<ActionRecord | null> {
    const [row]: ActionRecord[] = await this.dataSource.query(
      `SELECT request_hash AS "requestHash", status_code AS "statusCode", answer
         FROM action_requests WHERE user_id = $1 AND recommendation_id = $2 AND idempotency_key = $3`,
      [userId, recommendationId, key],
    );
    return row ?? null;
  }

  /**
   * Records the request before it is sent, in one statement: `fresh` when this request made the record. A
   * request that got there first keeps its record, returned with `fresh` false: its answer, or none yet if
   * it is still under way or was cut short.
   *
   * Its commit does not wait for the disk (ASYNCHRONOUS_COMMIT): an accepted action answers only once its
   * projection has committed synchronously, which flushes this record too. A record lost to a crash of
   * PostgreSQL before then is one whose request had no answer, or a refusal, which changed nothing: its
   * retry records it again and sends the same Update, which Temporal applies once.
   */
  async claimAction(
    id: ActionKey,
    action: string,
    requestHash: string,
  ): Promise<{ record: ActionRecord; fresh: boolean }> {
    const [claimed]: ActionRecord[] = await this.dataSource.query(
      `INSERT INTO action_requests (user_id, recommendation_id, idempotency_key, action, request_hash)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING
       RETURNING request_hash AS "requestHash", status_code AS "statusCode", answer, ${ASYNCHRONOUS_COMMIT}`,
      [id.userId, id.recommendationId, id.key, action, requestHash],
    );
    // A conflicting insert waits for the other's commit, so its record is there to read.
    return claimed
      ? { record: claimed, fresh: true }
      : { record: (await this.findAction(id))!, fresh: false };
  }

  /**
   * The first answer stays: a concurrent retry that finishes later gets the stored one back.
   *
   * Its commit does not wait for the disk (ASYNCHRONOUS_COMMIT). Should PostgreSQL crash before the WAL
   * writer flushes it, the record is left as one whose request was cut short: a retry sends the same
   * Update, which Temporal answers from its own record, and answers from the read model as it then is.
   */
  async answerAction(id: ActionKey, statusCode: number, answer: unknown): Promise<ActionRecord> {
    const [answered] = await returning<ActionRecord>(
      this.dataSource,
      `UPDATE action_requests SET status_code = $4, answer = $5, answered_at = now()
        WHERE user_id = $1 AND recommendation_id = $2 AND idempotency_key = $3 AND status_code IS NULL
       RETURNING request_hash AS "requestHash", status_code AS "statusCode", answer, ${ASYNCHRONOUS_COMMIT}`,
      [id.userId, id.recommendationId, id.key, statusCode, JSON.stringify(answer)],
    );
    return answered ?? (await this.findAction(id))!;
  }

  /** A request refused for now (a cap): nothing of it stays, and a later retry is taken afresh. */
  async releaseAction(id: ActionKey): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM action_requests
        WHERE user_id = $1 AND recommendation_id = $2 AND idempotency_key = $3 AND status_code IS NULL`,
      [id.userId, id.recommendationId, id.key],
    );
  }

  /**
   * Deletes up to `limit` answered action records made more than `days` ago, oldest first; how many it
   * deleted. Records another process is deleting are skipped, not waited for. A record without an answer
   * (its request was cut short) stays: a retry may be about to answer it, and it holds no answer's bytes.
   */
  async deleteActionsOlderThan(days: number, limit: number): Promise<number> {
    const [{ deleted }]: { deleted: number }[] = await this.dataSource.query(
      // By row address: the index finds the oldest, and the deletion goes to them without a join.
      `WITH gone AS (
         DELETE FROM action_requests WHERE ctid = ANY (ARRAY (
           SELECT ctid FROM action_requests
            WHERE created_at < now() - make_interval(days => $1) AND status_code IS NOT NULL
            ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED))
         RETURNING 1
       )
       SELECT count(*)::int AS deleted FROM gone`,
      [days, limit],
    );
    return deleted;
  }

  async findSubmission(userId: string, key: string): Promise<{ requestHash: string } | null> {
    const [row]: { requestHash: string }[] = await this.dataSource.query(
      `SELECT request_hash AS "requestHash" FROM submission_keys WHERE user_id = $1 AND idempotency_key = $2`,
      [userId, key],
    );
    return row ?? null;
  }

  /**
   * Records a submission's key with its item and request; the first record of a key stays. A concurrent
   * request's insert of the same key makes this one wait for its commit and then insert nothing; the
   * record is then read in a statement of its own, since the insert's snapshot predates that commit.
   *
   * Its commit does not wait for the disk (ASYNCHRONOUS_COMMIT): the submission answers only once the
   * workflow's first projection has committed synchronously, which flushes this record too. One lost to a
   * crash of PostgreSQL before then belongs to a submission never answered, and its retry records it again.
   */
  async recordSubmission(
    userId: string,
    key: string,
    recommendationId: string,
    requestHash: string,
  ): Promise<{ requestHash: string }> {
    const [added]: { requestHash: string }[] = await this.dataSource.query(
      `INSERT INTO submission_keys (user_id, idempotency_key, recommendation_id, request_hash)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING
       RETURNING request_hash AS "requestHash", ${ASYNCHRONOUS_COMMIT}`,
      [userId, key, recommendationId, requestHash],
    );
    return added ?? (await this.findSubmission(userId, key))!;
  }
}
