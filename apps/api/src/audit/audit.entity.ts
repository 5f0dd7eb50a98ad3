import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_log')
export class AuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('timestamptz', { default: () => 'now()' }) at!: Date;
  @Column('uuid', { nullable: true }) actorId!: string | null;
  @Column('text') action!: string;
  @Column('text') entityType!: string;
  @Column('text') entityId!: string;
  @Column('jsonb') changes!: Record<string, unknown>;
  @Column('text', { nullable: true }) correlationId!: string | null;
}
