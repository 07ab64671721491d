import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { FINAL_STATUSES, RECOMMENDATION_STATUSES } from '@ngk/domain';
import type { ApiMetrics } from './api-metrics';

const OPEN_STATUSES = RECOMMENDATION_STATUSES.filter((s) => !FINAL_STATUSES.includes(s));

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

interface Snapshot {
  open: { status: string; items: number; overdue: number; level_1: number; level_2: number }[];
  pending: number;
  oldest: number | null;
}

/** The business gauges, read from the read model at scrape time. */
@Injectable()
export class ReadModelMetrics {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async refresh(metrics: ApiMetrics): Promise<void> {
    const [row] = (await this.dataSource.query(SNAPSHOT_SQL, [OPEN_STATUSES])) as Snapshot[];
    // Every open status is reported, 0 when empty, so a panel never shows a stale last value.
    for (const status of OPEN_STATUSES) metrics.open.set({ status }, 0);
    for (const group of row.open) metrics.open.set({ status: group.status }, group.items);
    const sum = (key: 'overdue' | 'level_1' | 'level_2') => row.open.reduce((n, g) => n + g[key], 0);
    metrics.overdue.set(sum('overdue'));
    metrics.escalated.set({ level: '1' }, sum('level_1'));
    metrics.escalated.set({ level: '2' }, sum('level_2'));
    metrics.emailPending.set(row.pending);
    metrics.oldestPendingEmailAge.set(Math.max(0, row.oldest ?? 0));
  }
}
