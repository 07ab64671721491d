import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Outcome, RecommendationStatus, Urgency } from '@ngk/domain';

/** Read model of one recommendation, projected from its workflow; the workflow owns the process. */
@Entity('recommendations')
@Index(['status', 'createdAt'])
@Index(['leadUnitId', 'status'])
export class RecommendationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column('text', { name: 'workflow_id' })
  workflowId!: string;

  @Column('text')
  title!: string;

  @Column('text')
  situation!: string;

  @Column('text')
  proposal!: string;

  @Index()
  @Column('text', { name: 'category_code' })
  categoryCode!: string;

  @Index()
  @Column('uuid', { name: 'locality_unit_id' })
  localityUnitId!: string;

  /** VND, as a decimal string: amounts reach tens of billions. */
  @Column('bigint', { name: 'cost_estimate_vnd', nullable: true })
  costEstimateVnd!: string | null;

  @Column('text')
  urgency!: Urgency;

  @Column('text', { name: 'legal_references', array: true, default: () => "'{}'" })
  legalReferences!: string[];

  @Column('jsonb', { default: () => "'[]'" })
  attachments!: { name: string; url: string }[];

  @Column('uuid', { name: 'suggested_unit_id', nullable: true })
  suggestedUnitId!: string | null;

  @Index()
  @Column('uuid', { name: 'submitted_by' })
  submittedBy!: string;

  @Column('text')
  status!: RecommendationStatus;

  @Column('uuid', { name: 'lead_unit_id', nullable: true })
  leadUnitId!: string | null;

  @Column('uuid', { name: 'coordinating_unit_ids', array: true, default: () => "'{}'" })
  coordinatingUnitIds!: string[];

  @Column('uuid', { name: 'routing_rule_id', nullable: true })
  routingRuleId!: string | null;

  @Column('timestamptz', { name: 'acknowledge_due_at', nullable: true })
  acknowledgeDueAt!: Date | null;

  @Column('timestamptz', { name: 'resolution_due_at', nullable: true })
  resolutionDueAt!: Date | null;

  @Column('boolean', { default: false })
  overdue!: boolean;

  @Column('int', { name: 'escalation_level', default: 0 })
  escalationLevel!: number;

  @Column('text', { nullable: true })
  outcome!: Outcome | null;

  @Column('int', { name: 'dispute_count', default: 0 })
  disputeCount!: number;

  @Column('text', { nullable: true })
  response!: string | null;

  @Column('date', { name: 'plan_date', nullable: true })
  planDate!: string | null;

  @Column('int', { name: 'budget_year', nullable: true })
  budgetYear!: number | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  /** The SLA policy whose deadlines apply, and the lead unit's supervising body. */
  @Column('text', { name: 'sla_policy_code', nullable: true })
  slaPolicyCode!: string | null;

  @Column('uuid', { name: 'supervising_unit_id', nullable: true })
  supervisingUnitId!: string | null;

  /** Set while the resolution clock is paused (waiting for information from the cadre). */
  @Column('timestamptz', { name: 'clock_paused_at', nullable: true })
  clockPausedAt!: Date | null;

  @Column('int', { name: 'extension_count', default: 0 })
  extensionCount!: number;

  /** Who asked for the extension waiting for a decision, if one is. */
  @Column('uuid', { name: 'extension_requested_by', nullable: true })
  extensionRequestedBy!: string | null;

  @Column('timestamptz', { name: 'feedback_due_at', nullable: true })
  feedbackDueAt!: Date | null;

  @Column('timestamptz', { name: 'verification_due_at', nullable: true })
  verificationDueAt!: Date | null;

  @Column('timestamptz', { name: 'directive_due_at', nullable: true })
  directiveDueAt!: Date | null;

  /** Sequence of the last event projected; the projection never goes backwards. */
  @Column('int', { name: 'last_event_seq', default: 0 })
  lastEventSeq!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
