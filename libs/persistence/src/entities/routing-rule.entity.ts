import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('routing_rules')
@Index(['categoryCode', 'localityUnitId'])
export class RoutingRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stable name for seeding and admin edits. */
  @Index({ unique: true })
  @Column('text')
  code!: string;

  @Column('text', { name: 'category_code', nullable: true })
  categoryCode!: string | null;

  @Column('uuid', { name: 'locality_unit_id', nullable: true })
  localityUnitId!: string | null;

  @Column('uuid', { name: 'lead_unit_id' })
  leadUnitId!: string;

  @Column('uuid', { name: 'coordinating_unit_ids', array: true, default: () => "'{}'" })
  coordinatingUnitIds!: string[];

  @Column('text', { name: 'sla_policy_code', nullable: true })
  slaPolicyCode!: string | null;

  @Column('int', { default: 0 })
  priority!: number;

  @Column('boolean', { default: true })
  active!: boolean;
}
