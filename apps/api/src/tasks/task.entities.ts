import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TaskStatus } from '@app/contracts';

/** A task assigned in published minutes, followed up by its lead organization. */
@Entity('assigned_tasks')
export class AssignedTaskEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') meetingId!: string;
  @Column('uuid') entryId!: string;
  @Column('integer') revision!: number;
  @Column('text') description!: string;
  @Column('uuid') leadOrganizationId!: string;
  @Column('jsonb') coOrganizationIds!: string[];
  @Column('date', { nullable: true }) deadline!: string | null;
  @Column('text') status!: TaskStatus;
  @Column('timestamptz') updatedAt!: Date;
}

export const TASK_ENTITIES = [AssignedTaskEntity];
