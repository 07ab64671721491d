import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { UnitKind } from '@ngk/domain';

/** A public body. Names, parents and validity are data: administrative reforms change them, code does not. */
@Entity('units')
export class UnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column('text')
  code!: string;

  @Column('text')
  kind!: UnitKind;

  @Column('text', { name: 'name_vi' })
  nameVi!: string;

  @Column('text', { name: 'name_en' })
  nameEn!: string;

  @Index()
  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId!: string | null;

  /** The body that supervises this unit (level-1 escalations, extensions); its parent when null. */
  @Column('uuid', { name: 'supervisor_id', nullable: true })
  supervisorId!: string | null;

  /** Title of the unit's head, who receives level-1 escalations. */
  @Column('text', { name: 'head_title', nullable: true })
  headTitle!: string | null;

  @Column('date', { name: 'valid_from' })
  validFrom!: string;

  @Column('date', { name: 'valid_to', nullable: true })
  validTo!: string | null;
}
