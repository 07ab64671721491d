import type { Outcome, RecommendationStatus, Urgency } from '@ngk/domain';

/** One column of the read model: its SQL name, the type of its value in code, whether a projection sets it. */
export interface Column<T, Patched extends boolean = boolean> {
  readonly name: string;
  readonly patched: Patched;
  /** A cast for reading it, where the driver's own reading would not do (a date read as text). */
  readonly cast?: string;
  /** Never set: carries the value's type. */
  readonly value?: T;
}

const read = <T>(name: string): Column<T, false> => ({ name, patched: false });
const patched = <T>(name: string, cast?: string): Column<T, true> => ({ name, patched: true, cast });

/**
 * The columns of `recommendations` the code reads or the workflow's projection sets, listed once, by the
 * field name the code uses. Dates a projection sets travel as ISO strings.
 */
export const RECOMMENDATION_COLUMNS = {
  id: read<string>('id'),
  workflowId: read<string>('workflow_id'),
  reference: read<string>('reference'),
  title: read<string>('title'),
  situation: read<string>('situation'),
  proposal: read<string>('proposal'),
  categoryCode: read<string>('category_code'),
  localityUnitId: read<string>('locality_unit_id'),
  costEstimateVnd: read<string | null>('cost_estimate_vnd'),
  urgency: read<Urgency>('urgency'),
  legalReferences: read<string[]>('legal_references'),
  attachments: read<unknown[]>('attachments'),
  suggestedUnitId: read<string | null>('suggested_unit_id'),
  submittedBy: read<string>('submitted_by'),
  /** The cadre whose steps the item waits for: the submitter until a handover sets another. */
  cadreInCharge: patched<string>('cadre_in_charge'),
  status: read<RecommendationStatus>('status'),
  leadUnitId: patched<string | null>('lead_unit_id'),
  coordinatingUnitIds: patched<string[]>('coordinating_unit_ids'),
  routingRuleId: patched<string | null>('routing_rule_id'),
  acknowledgeDueAt: patched<string | null>('acknowledge_due_at'),
  resolutionDueAt: patched<string | null>('resolution_due_at'),
  overdue: patched<boolean>('overdue'),
  escalationLevel: patched<number>('escalation_level'),
  maxEscalationLevel: read<number>('max_escalation_level'),
  outcome: patched<Outcome | null>('outcome'),
  disputeCount: patched<number>('dispute_count'),
  response: patched<string | null>('response'),
  planDate: patched<string | null>('plan_date', 'text'),
  budgetYear: patched<number | null>('budget_year'),
  closedAt: read<Date | null>('closed_at'),
  lastEventSeq: read<number>('last_event_seq'),
  createdAt: read<Date>('created_at'),
  updatedAt: read<Date>('updated_at'),
  slaPolicyCode: patched<string | null>('sla_policy_code'),
  supervisingUnitId: patched<string | null>('supervising_unit_id'),
  clockPausedAt: patched<string | null>('clock_paused_at'),
  extensionCount: patched<number>('extension_count'),
  extensionRequestedBy: patched<string | null>('extension_requested_by'),
  feedbackDueAt: patched<string | null>('feedback_due_at'),
  verificationDueAt: patched<string | null>('verification_due_at'),
  directiveDueAt: patched<string | null>('directive_due_at'),
  infoDueAt: patched<string | null>('info_due_at'),
  reopenUntil: patched<string | null>('reopen_until'),
  closedByDirective: patched<boolean>('closed_by_directive'),
  reopenedCount: patched<number>('reopened_count'),
  /** The item this one duplicates, merged into it (null: not a duplicate). */
  duplicateOfId: patched<string | null>('duplicate_of_id'),
} as const;

type Columns = typeof RECOMMENDATION_COLUMNS;
export type RecommendationField = keyof Columns;

/** The fields a projection may set. */
export type PatchedField = {
  [K in RecommendationField]: Columns[K] extends Column<unknown, true> ? K : never;
}[RecommendationField];

/** Read-model columns a projection may set. */
export type RecommendationPatch = {
  [K in PatchedField]?: Columns[K] extends Column<infer T, true> ? T : never;
};

/** The column of each field a projection may set. */
export const PATCH_COLUMNS = Object.fromEntries(
  Object.entries(RECOMMENDATION_COLUMNS)
    .filter(([, column]) => column.patched)
    .map(([field, column]) => [field, column.name]),
) as Record<PatchedField, string>;

/** `alias.column AS "field"` for each field asked (every one by default), for a SELECT list. */
export function selectRecommendationColumns(
  alias: string,
  fields: readonly RecommendationField[] = Object.keys(RECOMMENDATION_COLUMNS) as RecommendationField[],
): string {
  return fields
    .map((field) => {
      const column: Column<unknown> = RECOMMENDATION_COLUMNS[field];
      return `${alias}.${column.name}${column.cast ? `::${column.cast}` : ''} AS "${field}"`;
    })
    .join(', ');
}
