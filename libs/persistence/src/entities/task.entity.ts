import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TaskRole, TaskStatus } from '@ngk/domain';

/** One unit's piece of work on a recommendation ("chủ trì / phối hợp"), projected from the workflow. */
@Entity('tasks')
export class TaskEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'recommendation_id' })
  recommendationId!: string;

  @Column('uuid', { name: 'unit_id' })
  unitId!: string;

  @Column('text')
  role!: TaskRole;

  @Column('text')
  status!: TaskStatus;

  @Column('int', { name: 'opened_seq' })
  openedSeq!: number;

  @Column('int', { name: 'closed_seq', nullable: true })
  closedSeq!: number | null;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column('timestamptz', { name: 'due_at', nullable: true })
  dueAt!: Date | null;

  @Column('boolean', { default: false })
  overdue!: boolean;

  @Column('text', { name: 'outcome_note', nullable: true })
  outcomeNote!: string | null;
}
