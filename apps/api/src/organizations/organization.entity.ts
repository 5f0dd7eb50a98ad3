import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { OrganizationKind } from '@app/contracts';

@Entity('organizations')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { nullable: true }) parentId!: string | null;
  @Column('text') kind!: OrganizationKind;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) shortName!: string | null;
  @Column('text', { nullable: true }) code!: string | null;
  @Column('text', { nullable: true }) provinceType!: 'city' | 'province' | null;
  @Column('jsonb', { default: () => `'[]'::jsonb` }) formedFrom!: string[];
  /** folded name for accent-insensitive search */
  @Column('text') searchText!: string;
  /** Vietnamese collation key, compared with COLLATE "C" */
  @Column('text') sortKey!: string;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
