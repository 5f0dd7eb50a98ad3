import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AttendanceMode, HeadcountSource, MeetingKind, MeetingStatus, MinutesStatus, PresenceState, SpeakerSettings, Visibility } from '@app/contracts';

const bigintNumber = { to: (v: number) => v, from: (v: string | number) => Number(v) };

@Entity('meetings')
export class MeetingEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') kind!: MeetingKind;
  @Column('text') title!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('uuid') hostOrganizationId!: string;
  @Column('uuid', { nullable: true }) chairId!: string | null;
  @Column('text') status!: MeetingStatus;
  @Column('text') visibility!: Visibility;
  @Column('timestamptz') scheduledStart!: Date;
  @Column('timestamptz') scheduledEnd!: Date;
  @Column('timestamptz', { nullable: true }) actualStart!: Date | null;
  @Column('timestamptz', { nullable: true }) actualEnd!: Date | null;
  @Column('text', { nullable: true }) postponedReason!: string | null;
  @Column('text', { nullable: true }) cancelledReason!: string | null;
  @Column('integer') icalSequence!: number;
  @Column('bigint', { transformer: bigintNumber }) seq!: number;
  @Column('integer') agendaVersion!: number;
  /** bumped by every write through the service (optimistic concurrency for edits) */
  @Column('integer') version!: number;
  @Column('text') searchText!: string;
  @Column('uuid', { nullable: true }) createdBy!: string | null;
  @Column('boolean') techCheckOpen!: boolean;
  /** partial SpeakerSettings; the defaults fill the rest */
  @Column('jsonb') speakerSettings!: Partial<SpeakerSettings>;
  /** hands out the next position in the speaker list, under the meeting row lock */
  @Column('integer') requestCounter!: number;
  @Column('text') minutesStatus!: MinutesStatus;
  @Column('integer') minutesRevision!: number;
  /** hands out positions of minutes entries appended at the end */
  @Column('integer') minutesCounter!: number;
  @Column('timestamptz', { nullable: true }) techCheckOpenedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('meeting_secretaries')
export class MeetingSecretaryEntity {
  @PrimaryColumn('uuid') meetingId!: string;
  @PrimaryColumn('uuid') accountId!: string;
}

@Entity('agenda_sessions')
export class AgendaSessionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') meetingId!: string;
  @Column('integer') position!: number;
  @Column('text') title!: string;
  @Column('timestamptz', { nullable: true }) fixedStart!: Date | null;
}

@Entity('agenda_items')
export class AgendaItemEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') meetingId!: string;
  @Column('uuid') sessionId!: string;
  @Column('integer') position!: number;
  @Column('text') title!: string;
  @Column('integer') durationMinutes!: number;
  @Column('text', { nullable: true }) presenter!: string | null;
  @Column('uuid', { nullable: true }) responsibleOrganizationId!: string | null;
}

@Entity('meeting_endpoints')
export class MeetingEndpointEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') meetingId!: string;
  @Column('uuid') organizationId!: string;
  @Column('boolean') isHost!: boolean;
  @Column('text') locationName!: string;
  @Column('text', { nullable: true }) contactName!: string | null;
  @Column('text', { nullable: true }) contactPhone!: string | null;
  @Column('text') joinCode!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column('text') presenceState!: PresenceState;
  @Column('timestamptz', { nullable: true }) presenceChangedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) lastSeenAt!: Date | null;
  @Column('timestamptz', { nullable: true }) readyAt!: Date | null;
  @Column('uuid', { nullable: true }) readyBy!: string | null;
  @Column('boolean', { nullable: true }) mediaTested!: boolean | null;
  @Column('text', { nullable: true }) readyNote!: string | null;
  @Column('uuid', { nullable: true }) parentEndpointId!: string | null;
  @Column('text') attendanceMode!: AttendanceMode;
  @Column('integer', { nullable: true }) capacity!: number | null;
  @Column('integer', { nullable: true }) headcountLeaders!: number | null;
  @Column('integer', { nullable: true }) headcountOfficials!: number | null;
  @Column('integer', { nullable: true }) headcountMembers!: number | null;
  @Column('timestamptz', { nullable: true }) headcountAt!: Date | null;
  @Column('uuid', { nullable: true }) headcountBy!: string | null;
  @Column('text', { nullable: true }) headcountSource!: HeadcountSource | null;
}

@Entity('meeting_endpoint_operators')
export class MeetingEndpointOperatorEntity {
  @PrimaryColumn('uuid') endpointId!: string;
  @PrimaryColumn('uuid') accountId!: string;
}

@Entity('meeting_events')
export class MeetingEventEntity {
  @PrimaryColumn('uuid') meetingId!: string;
  @PrimaryColumn('bigint', { transformer: bigintNumber }) seq!: number;
  @Column('text') type!: string;
  @Column('jsonb') payload!: unknown;
  @Column('uuid', { nullable: true }) actorId!: string | null;
  @Column('timestamptz') at!: Date;
}

export const MEETING_ENTITIES = [
  MeetingEntity,
  MeetingSecretaryEntity,
  AgendaSessionEntity,
  AgendaItemEntity,
  MeetingEndpointEntity,
  MeetingEndpointOperatorEntity,
  MeetingEventEntity,
];
