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
] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/** What the workflow waits for: an SLA deadline, or the plan date of a planned item. */
export type WorkflowClockKind = ClockKind | 'plan';

/** The deadlines of the unit holding the item: their breach climbs the escalation ladder. */
export const ESCALATING_CLOCKS: readonly ClockKind[] = ['triage', 'acknowledge', 'resolution'];

/** Whether a clock's breach climbs the escalation ladder (rather than being chased with a reminder). */
export function escalates(kind: WorkflowClockKind): boolean {
  return (ESCALATING_CLOCKS as readonly string[]).includes(kind);
}
