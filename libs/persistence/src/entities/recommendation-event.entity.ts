import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only log: who did what, when and why. The database refuses updates and deletes. */
@Entity('recommendation_events')
@Index(['recommendationId', 'seq'], { unique: true })
export class RecommendationEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'recommendation_id' })
  recommendationId!: string;

  @Column('int')
  seq!: number;

  @Column('text')
  type!: string;

  @Column('uuid', { name: 'actor_user_id', nullable: true })
  actorUserId!: string | null;

  @Column('uuid', { name: 'actor_unit_id', nullable: true })
  actorUnitId!: string | null;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('text', { name: 'status_before', nullable: true })
  statusBefore!: string | null;

  @Column('text', { name: 'status_after' })
  statusAfter!: string;

  @Column('jsonb', { default: () => "'{}'" })
  payload!: Record<string, unknown>;

  @Column('text', { name: 'actor_role', nullable: true })
  actorRole!: string | null;

  /** The HTTP request that caused the event (its X-Request-Id), for people's actions. */
  @Column('text', { name: 'request_id', nullable: true })
  requestId!: string | null;

  /** When the read model stored the event; `occurredAt` is when the workflow decided it. */
  @Column('timestamptz', { name: 'recorded_at', default: () => 'clock_timestamp()' })
  recordedAt!: Date;
}
