import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Every series the API exports starts with this; process metrics with `ngk_api_`. */
export const METRIC_PREFIX = 'ngk_';

/** The API's metrics, in a registry of their own: tests build many apps in one process. */
export interface ApiMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  open: Gauge<'status'>;
  overdue: Gauge;
  escalated: Gauge<'level'>;
  emailPending: Gauge;
  oldestPendingEmailAge: Gauge;
}

export function createApiMetrics(): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: `${METRIC_PREFIX}api_` });
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: `${METRIC_PREFIX}http_request_duration_seconds`,
      help: 'HTTP requests by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    open: new Gauge({
      name: `${METRIC_PREFIX}recommendations_open`,
      help: 'Items not closed, by status (read model)',
      labelNames: ['status'],
      registers,
    }),
    overdue: new Gauge({
      name: `${METRIC_PREFIX}recommendations_overdue`,
      help: 'Open items flagged overdue (read model)',
      registers,
    }),
    escalated: new Gauge({
      name: `${METRIC_PREFIX}recommendations_escalated`,
      help: 'Open items by current escalation level: 1 supervising body, 2 Standing Committee',
      labelNames: ['level'],
      registers,
    }),
    emailPending: new Gauge({
      name: `${METRIC_PREFIX}email_notifications_pending`,
      help: 'Notification emails written with their event and not yet sent',
      registers,
    }),
    oldestPendingEmailAge: new Gauge({
      name: `${METRIC_PREFIX}email_oldest_pending_age_seconds`,
      help: 'Age of the oldest notification email not yet sent: the lag of the only step after projection; 0 when none',
      registers,
    }),
  };
}

/** Every series name a scrape can carry, histograms with their _bucket, _sum and _count. */
export function seriesNames(registry: Registry): string[] {
  return registry.getMetricsAsArray().flatMap((metric) => {
    const { name, type } = metric as unknown as { name: string; type: string };
    return type === 'histogram' || type === 'summary'
      ? [name, `${name}_bucket`, `${name}_sum`, `${name}_count`]
      : [name];
  });
}
