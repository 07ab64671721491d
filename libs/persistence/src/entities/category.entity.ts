import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('categories')
export class CategoryEntity {
  @PrimaryColumn('text')
  code!: string;

  @Column('text', { name: 'name_vi' })
  nameVi!: string;

  @Column('text', { name: 'name_en' })
  nameEn!: string;
}
