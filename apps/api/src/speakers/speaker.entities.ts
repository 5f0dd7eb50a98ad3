import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SpeechKind, SpeechStatus } from '@app/contracts';

@Entity('speech_requests')
export class SpeechRequestEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') meetingId!: string;
  @Column('uuid') endpointId!: string;
  @Column('uuid') attendeeId!: string;
  @Column('uuid', { nullable: true }) agendaItemId!: string | null;
  @Column('text') kind!: SpeechKind;
  @Column('integer', { nullable: true }) categoryRank!: number | null;
  @Column('uuid', { nullable: true }) answersRequestId!: string | null;
  @Column('text', { nullable: true }) topic!: string | null;
  @Column('text', { nullable: true }) abstract!: string | null;
  @Column('text', { nullable: true }) documentUrl!: string | null;
  /** a prepared contribution's uploaded document (meeting_documents, kind tham_luan) */
  @Column('uuid', { nullable: true }) documentId!: string | null;
  @Column('integer') requestedMinutes!: number;
  @Column('text') status!: SpeechStatus;
  @Column('text', { nullable: true }) rejectReason!: string | null;
  @Column('integer') position!: number;
  @Column('timestamptz') requestedAt!: Date;
  @Column('uuid', { nullable: true }) requestedBy!: string | null;
  @Column('timestamptz', { nullable: true }) approvedAt!: Date | null;
  @Column('uuid', { nullable: true }) approvedBy!: string | null;
  @Column('integer') version!: number;
}

@Entity('speaker_turns')
export class SpeakerTurnEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') meetingId!: string;
  @Column('uuid') requestId!: string;
  @Column('uuid') endpointId!: string;
  @Column('uuid') attendeeId!: string;
  @Column('uuid', { nullable: true }) agendaItemId!: string | null;
  @Column('timestamptz') startedAt!: Date;
  @Column('timestamptz', { nullable: true }) endedAt!: Date | null;
  @Column('integer') allottedSeconds!: number;
  @Column('integer', { nullable: true }) durationSeconds!: number | null;
  @Column('timestamptz', { nullable: true }) pausedAt!: Date | null;
  @Column('integer', { default: 0 }) pausedMs!: number;
  @Column('uuid', { nullable: true }) startedBy!: string | null;
}

@Entity('endpoint_time_additions')
export class EndpointTimeAdditionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid') meetingId!: string;
  @Column('uuid') endpointId!: string;
  @Column('integer') seconds!: number;
  @Column('uuid', { nullable: true }) addedBy!: string | null;
  @Column('timestamptz') at!: Date;
}

export const SPEAKER_ENTITIES = [SpeechRequestEntity, SpeakerTurnEntity, EndpointTimeAdditionEntity];
