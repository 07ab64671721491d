import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A day the government announced as an extra day off, or as a make-up working day. */
@Entity('calendar_overrides')
export class CalendarOverrideEntity {
  @PrimaryColumn('date')
  date!: string;

  @Column('text')
  kind!: 'holiday' | 'working';

  @Column('text')
  name!: string;

  @Column('text', { name: 'legal_basis', nullable: true })
  legalBasis!: string | null;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
