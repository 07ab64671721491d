import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** What counting one more request gave: allowed, or refused until the minute is over. */
export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the current minute ends and the count starts again. */
  retryAfterSeconds: number;
  /** The minute the request was counted in, to give it back; null when it was refused. */
  window: Date | null;
}

/**
 * Counts one more request of `scope` for `user` in the current minute, unless `perMinute` are counted
 * already; returns the minute it was counted in, or no row. `when` gates the count, for a statement that
 * counts a request only if another part of it went through. Each argument is SQL: a parameter or a literal.
 */
export function countOneSql(user: string, scope: string, perMinute: string, when = 'true'): string {
  return `INSERT INTO user_rate_windows AS w (user_id, scope, window_start, count)
          SELECT ${user}, ${scope}, date_trunc('minute', now()), 1 WHERE ${when}
          ON CONFLICT (user_id, scope) DO UPDATE
            SET count = CASE WHEN w.window_start = EXCLUDED.window_start THEN w.count + 1 ELSE 1 END,
                window_start = EXCLUDED.window_start
            WHERE w.window_start <> EXCLUDED.window_start OR w.count < ${perMinute}
          RETURNING w.window_start`;
}

/** Whole seconds until the current minute ends, as SQL. */
export const RETRY_AFTER_SECONDS_SQL = `greatest(1, ceil(extract(epoch FROM date_trunc('minute', now()) + interval '1 minute' - now())))::int`;

/**
 * Per-user counts of one kind of request in the current minute, in PostgreSQL so that every API process
 * shares them. A refused request is not counted, so waiting out the minute is always enough.
 */
@Injectable()
export class UserRateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async take(userId: string, scope: string, perMinute: number): Promise<RateDecision> {
    const [row]: { window: Date | null; retryAfterSeconds: number }[] = await this.dataSource.query(
      `WITH taken AS (${countOneSql('$1::uuid', '$2', '$3')})
       SELECT (SELECT window_start FROM taken) AS "window", ${RETRY_AFTER_SECONDS_SQL} AS "retryAfterSeconds"`,
      [userId, scope, perMinute],
    );
    return { allowed: row.window !== null, retryAfterSeconds: row.retryAfterSeconds, window: row.window };
  }

  /**
   * Uncounts a request counted in `window` that was refused afterwards for another reason, so that it
   * costs nothing, as if it had been refused before it was counted. A minute that is over has started
   * its count again and is left alone.
   */
  async giveBack(userId: string, scope: string, window: Date): Promise<void> {
    // A count of one goes with its row: a count is never zero.
    await this.dataSource.query(
      `WITH gone AS (
         DELETE FROM user_rate_windows
          WHERE user_id = $1 AND scope = $2 AND window_start = $3 AND count = 1
       )
       UPDATE user_rate_windows SET count = count - 1
        WHERE user_id = $1 AND scope = $2 AND window_start = $3 AND count > 1`,
      [userId, scope, window],
    );
  }
}
