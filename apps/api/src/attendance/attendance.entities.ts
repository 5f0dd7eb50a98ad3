import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AttendeeRole, AttendeeStatus } from '@app/contracts';

@Entity('attendees')
export class AttendeeEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') meetingId!: string;
  @Column('uuid') endpointId!: string;
  @Column('text') fullName!: string;
  @Column('text', { nullable: true }) position!: string | null;
  @Column('text', { nullable: true }) unit!: string | null;
  @Column('text') role!: AttendeeRole;
  /** eligible to vote for their delegation (only delegates; see votingMemberOf) */
  @Column('boolean') votingMember!: boolean;
  @Column('text') status!: AttendeeStatus;
  @Column('timestamptz', { nullable: true }) checkedInAt!: Date | null;
  @Column('timestamptz', { nullable: true }) checkedOutAt!: Date | null;
  /** set at check-in, kept after the person leaves */
  @Column('boolean') arrivedLate!: boolean;
  @Column('boolean') walkIn!: boolean;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('text') searchText!: string;
  @Column('text') sortKey!: string;
  @Column('integer') version!: number;
  @Column('uuid', { nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('endpoint_connections')
export class EndpointConnectionEntity {
  @PrimaryColumn('text') socketId!: string;
  @Column('uuid') meetingId!: string;
  @Column('uuid') endpointId!: string;
  @Column('uuid') accountId!: string;
  @Column('text') instanceId!: string;
  @Column('text') device!: string;
  @Column('timestamptz') connectedAt!: Date;
  @Column('timestamptz') lastSeenAt!: Date;
}

@Entity('endpoint_connection_log')
export class ConnectionLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid') meetingId!: string;
  @Column('uuid') endpointId!: string;
  @Column('uuid', { nullable: true }) accountId!: string | null;
  @Column('text') event!: 'join' | 'leave' | 'reconnect' | 'timeout';
  @Column('text', { nullable: true }) device!: string | null;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('timestamptz') at!: Date;
}

@Entity('roll_calls')
export class RollCallEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') meetingId!: string;
  @Column('uuid', { nullable: true }) startedBy!: string | null;
  @Column('timestamptz') startedAt!: Date;
  @Column('timestamptz', { nullable: true }) closedAt!: Date | null;
}

@Entity('roll_call_responses')
export class RollCallResponseEntity {
  @PrimaryColumn('uuid') rollCallId!: string;
  @PrimaryColumn('uuid') endpointId!: string;
  @Column('integer') presentCount!: number;
  @Column('uuid', { nullable: true }) confirmedBy!: string | null;
  @Column('timestamptz') confirmedAt!: Date;
}

export const ATTENDANCE_ENTITIES = [AttendeeEntity, EndpointConnectionEntity, ConnectionLogEntity, RollCallEntity, RollCallResponseEntity];
