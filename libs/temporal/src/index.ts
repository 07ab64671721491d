export * from './task-queues';
export * from './search-attributes';
export * from './temporal.module';
export * from './schedules';
export * from './connection-options';
export * from './unavailable';
