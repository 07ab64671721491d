import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** What counting one more request gave: allowed, or refused until the minute is over. */
export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the current minute ends and the count starts again. */
  retryAfterSeconds: number;
}

/**
 * Per-user counts of one kind of request in the current minute, in PostgreSQL so that every API process
 * shares them. A refused request is not counted, so waiting out the minute is always enough.
 */
@Injectable()
export class UserRateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async take(userId: string, scope: string, perMinute: number): Promise<RateDecision> {
    const [row]: { allowed: boolean; retryAfterSeconds: number }[] = await this.dataSource.query(
      `WITH taken AS (
         INSERT INTO user_rate_windows AS w (user_id, scope, window_start, count)
         VALUES ($1, $2, date_trunc('minute', now()), 1)
         ON CONFLICT (user_id, scope) DO UPDATE
           SET count = CASE WHEN w.window_start = EXCLUDED.window_start THEN w.count + 1 ELSE 1 END,
               window_start = EXCLUDED.window_start
           WHERE w.window_start <> EXCLUDED.window_start OR w.count < $3
         RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM taken) AS allowed,
              greatest(1, ceil(extract(epoch FROM date_trunc('minute', now()) + interval '1 minute' - now())))::int
                AS "retryAfterSeconds"`,
      [userId, scope, perMinute],
    );
    return row;
  }
}
