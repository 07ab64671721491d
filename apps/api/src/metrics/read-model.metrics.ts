import { Injectable } from '@nestjs/common';
import { FINAL_STATUSES, RECOMMENDATION_STATUSES } from '@ngk/domain';
import type { ApiMetrics } from './api-metrics';
import { ReadModelRepository } from './read-model.repository';

const OPEN_STATUSES = RECOMMENDATION_STATUSES.filter((s) => !FINAL_STATUSES.includes(s));

/** The business gauges, read from the read model at scrape time. */
@Injectable()
export class ReadModelMetrics {
  constructor(private readonly repository: ReadModelRepository) {}

  async refresh(metrics: ApiMetrics): Promise<void> {
    const row = await this.repository.snapshot(OPEN_STATUSES);
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
