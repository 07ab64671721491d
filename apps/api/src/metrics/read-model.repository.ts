import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * One statement per scrape. Open items are found through the status index (`= ANY`, not `<> 'closed'`),
 * so the cost follows the open items, not the years of closed ones; pending emails through their partial
 * index.
 *
 * "Oldest unprojected event": an event reaches PostgreSQL in the same transaction as the item's row, its
 * tasks and its notifications, so nothing in the read model lags its events. What follows an event
 * afterwards is its email, claimed from `notifications` ('pending', then 'sending'): the age of the
 * oldest one not sent is the projection lag an operator can see from here. Events still waiting inside a
 * workflow (a projection retrying while PostgreSQL is down) show in the worker's SDK metrics instead.
 */
const SNAPSHOT_SQL = `
  WITH open AS (
    SELECT status, count(*)::int AS items,
           count(*) FILTER (WHERE overdue)::int AS overdue,
           count(*) FILTER (WHERE escalation_level = 1)::int AS level_1,
           count(*) FILTER (WHERE escalation_level = 2)::int AS level_2
      FROM recommendations WHERE status = ANY($1::text[]) GROUP BY status
  ), outbox AS (
    SELECT count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest
      FROM notifications WHERE email_status IN ('pending', 'sending')
  )
  SELECT coalesce((SELECT json_agg(open) FROM open), '[]'::json) AS open, pending, oldest FROM outbox`;

export interface Snapshot {
  open: { status: string; items: number; overdue: number; level_1: number; level_2: number }[];
  pending: number;
  oldest: number | null;
}

/** The read model as the business gauges see it. */
@Injectable()
export class ReadModelRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Open items per status (of those given), and the email outbox. */
  async snapshot(openStatuses: readonly string[]): Promise<Snapshot> {
    const [row] = (await this.dataSource.query(SNAPSHOT_SQL, [openStatuses])) as Snapshot[];
    return row;
  }
}
