// The holiday tables (date-holidays) are imported from './vietnam-holidays' directly, never through
// @ngk/domain: workflow code must not load them; activities compute deadlines for it.
export * from './working-calendar';
export * from './time-scale';
export * from './sla-clock';
