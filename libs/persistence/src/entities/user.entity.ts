import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@ngk/domain';

/** An account. Display names are role names ("Cán bộ phụ trách xã Hòa Lợi"), never real officials. */
@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column('text')
  username!: string;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  @Column('text')
  role!: Role;

  @Column('uuid', { name: 'unit_id', nullable: true })
  unitId!: string | null;

  /** Communes a cadre follows ("cán bộ tỉnh theo dõi, hỗ trợ xã"). */
  @Column('uuid', { name: 'followed_unit_ids', array: true, default: () => "'{}'" })
  followedUnitIds!: string[];

  /** bcrypt hash; never returned by the API. Null: the account cannot sign in. */
  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash!: string | null;

  @Column('text', { nullable: true })
  email!: string | null;

  @Column('boolean', { name: 'email_muted', default: false })
  emailMuted!: boolean;

  /** 'immediate': an email per notification; 'daily': one digest at 07:30 Việt Nam time. */
  @Column('text', { name: 'email_digest', default: 'immediate' })
  emailDigest!: 'immediate' | 'daily';

  @Column('boolean', { default: true })
  active!: boolean;
}
