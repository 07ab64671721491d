/**
 * Series of the Temporal SDK's Prometheus exporter (prefix `temporal_`, durations in milliseconds, no
 * unit or `_total` suffix: the SDK's defaults) that the Grafana dashboard reads. The worker process test
 * scrapes a real worker for those a healthy run emits; the failure counters appear at the first failure.
 */
export const WORKER_SDK_SERIES = {
  emittedWhenHealthy: [
    'temporal_workflow_task_schedule_to_start_latency_bucket',
    'temporal_workflow_task_execution_latency_bucket',
    'temporal_sticky_cache_size',
    'temporal_worker_task_slots_available',
  ],
  failures: [
    'temporal_activity_execution_failed',
    'temporal_local_activity_execution_failed',
    'temporal_workflow_task_execution_failed',
  ],
} as const;

/**
 * A series of the Temporal server's own metrics endpoint (the dev server's `--metrics-port`, a cluster's
 * `global.metrics.prometheus`), not of NGK: how long the server waits on its database, per operation.
 */
export const TEMPORAL_SERVER_SERIES = ['persistence_latency_bucket'] as const;
