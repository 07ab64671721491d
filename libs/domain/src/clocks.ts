/** The deadlines an item runs on, each from one column of its SLA policy. */
export const CLOCK_KINDS = [
  'triage',
  'acknowledge',
  'coordination',
  'resolution',
  'feedback',
  'verification',
  'directive',
  'escalation',
  'info',
] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/**
 * What the workflow waits for: an SLA deadline, the plan date of a planned item, or the end of the
 * window in which the cadre may reopen a closed item (calendar days, not an SLA deadline).
 */
export type WorkflowClockKind = ClockKind | 'plan' | 'reopen';

/** The deadlines of the unit holding the item: their breach climbs the escalation ladder. */
export const ESCALATING_CLOCKS: readonly ClockKind[] = ['triage', 'acknowledge', 'resolution'];

/** Whether a clock's breach climbs the escalation ladder (rather than being chased with a reminder). */
export function escalates(kind: WorkflowClockKind): boolean {
  return (ESCALATING_CLOCKS as readonly string[]).includes(kind);
}
