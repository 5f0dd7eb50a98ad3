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
  /** the meeting's host organization: the assigning body of the registers */
  @Column('uuid') assigningOrganizationId!: string;
  @Column('date', { nullable: true }) deadline!: string | null;
  @Column('text') status!: TaskStatus;
  @Column('date', { nullable: true }) extensionRequested!: string | null;
  @Column('integer') deadlineVersion!: number;
  /** when the lead reported it done (done on time or late, for the dashboards) */
  @Column('timestamptz', { nullable: true }) reportedAt!: Date | null;
  @Column('timestamptz') updatedAt!: Date;
}

/** Every change of a task: who, for which agency, what, when. */
@Entity('task_history')
export class TaskHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid') taskId!: string;
  @Column('text') action!: string;
  @Column('uuid', { nullable: true }) actorId!: string | null;
  @Column('uuid', { nullable: true }) organizationId!: string | null;
  @Column('text', { nullable: true }) text!: string | null;
  @Column('text', { nullable: true }) fromStatus!: TaskStatus | null;
  @Column('text') toStatus!: TaskStatus;
  @Column('date', { nullable: true }) deadlineBefore!: string | null;
  @Column('date', { nullable: true }) deadlineAfter!: string | null;
  @Column('timestamptz') at!: Date;
}

export const TASK_ENTITIES = [AssignedTaskEntity, TaskHistoryEntity];
