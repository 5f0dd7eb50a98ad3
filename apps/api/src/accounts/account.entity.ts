import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, ManyToOne, JoinColumn, PrimaryColumn } from 'typeorm';
import type { Locale, Role } from '@app/contracts';

@Entity('accounts')
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') username!: string;
  @Column('text', { select: false }) passwordHash!: string;
  @Column('text') fullName!: string;
  @Column('text', { nullable: true }) position!: string | null;
  @Column('uuid') organizationId!: string;
  @Column('text') locale!: Locale;
  @Column('boolean') disabled!: boolean;
  @Column('text') searchText!: string;
  @Column('text') sortKey!: string;
  @Column('timestamptz') passwordChangedAt!: Date;
  /** set by an administrator's reset: only changing the password is allowed until it is changed */
  @Column('boolean', { default: false }) mustChangePassword!: boolean;
  @Column('timestamptz', { nullable: true }) lastSignInAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @OneToMany(() => RoleAssignmentEntity, (r) => r.account, { cascade: true })
  roles!: RoleAssignmentEntity[];
}

@Entity('role_assignments')
export class RoleAssignmentEntity {
  @PrimaryColumn('uuid') accountId!: string;
  @PrimaryColumn('text') role!: Role;
  @PrimaryColumn('uuid') organizationId!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @ManyToOne(() => AccountEntity, (a) => a.roles, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account!: AccountEntity;
}
