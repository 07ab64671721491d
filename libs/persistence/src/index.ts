export * from './migrations';
export * from './data-source';
export * from './seed';
export * from './persistence.module';
export * from './recommendation-columns';
export * from './returning';
export { HOURS_BUCKET_GROWTH, HOURS_BUCKETS, STATS_STATUS_ORDER } from './migrations/1765000000000-tracking';
export * from './unavailable';
export * from './query-timeout';
