import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReminderPoint, Urgency } from '@ngk/domain';

/** Deadlines in working days for one category (or every category, when null) and urgency. */
@Entity('sla_policies')
export class SlaPolicyEntity {
  @PrimaryColumn('text')
  code!: string;

  @Column('text', { name: 'category_code', nullable: true })
  categoryCode!: string | null;

  @Column('text')
  urgency!: Urgency;

  @Column('int', { name: 'acknowledge_days' })
  acknowledgeDays!: number;

  @Column('int', { name: 'coordination_days' })
  coordinationDays!: number;

  @Column('int', { name: 'resolution_days' })
  resolutionDays!: number;

  @Column('int', { name: 'feedback_days' })
  feedbackDays!: number;

  @Column('int', { name: 'verification_grace_days' })
  verificationGraceDays!: number;

  @Column('int', { name: 'escalation_grace_days' })
  escalationGraceDays!: number;

  /** Working days the Standing Committee has to issue a directive. */
  @Column('int', { name: 'directive_days', default: 10 })
  directiveDays!: number;

  /** When to remind before each deadline. */
  @Column('jsonb', { name: 'reminder_points' })
  reminderPoints!: ReminderPoint[];
}
