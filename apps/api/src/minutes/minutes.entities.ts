import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { MinutesEntry, MinutesEntryKind, SpeechRecordFacts } from '@app/contracts';

@Entity('minutes_entries')
export class MinutesEntryEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') meetingId!: string;
  @Column('double precision') position!: number;
  @Column('text') kind!: MinutesEntryKind;
  @Column('uuid', { nullable: true }) agendaItemId!: string | null;
  @Column('text') text!: string;
  @Column('jsonb', { nullable: true }) speech!: SpeechRecordFacts | null;
  @Column('uuid', { nullable: true }) turnId!: string | null;
  @Column('uuid', { nullable: true }) leadOrganizationId!: string | null;
  @Column('jsonb') coOrganizationIds!: string[];
  @Column('date', { nullable: true }) deadline!: string | null;
  @Column('integer') version!: number;
  @Column('uuid', { nullable: true }) updatedBy!: string | null;
  @Column('timestamptz') updatedAt!: Date;
}

@Entity('minutes_entry_history')
export class MinutesEntryHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid') meetingId!: string;
  @Column('uuid') entryId!: string;
  @Column('integer') version!: number;
  @Column('text') action!: 'created' | 'updated' | 'removed';
  @Column('uuid', { nullable: true }) actorId!: string | null;
  @Column('timestamptz') at!: Date;
  @Column('jsonb') content!: MinutesEntry;
}

@Entity('minutes_revisions')
export class MinutesRevisionEntity {
  @PrimaryColumn('uuid') meetingId!: string;
  @PrimaryColumn('integer') number!: number;
  @Column('jsonb') content!: MinutesEntry[];
  @Column('text') contentHash!: string;
  @Column('uuid', { nullable: true }) publishedBy!: string | null;
  @Column('timestamptz') publishedAt!: Date;
}

@Entity('minutes_corrections')
export class MinutesCorrectionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') meetingId!: string;
  /** the published revision corrected */
  @Column('integer') revision!: number;
  @Column('text') reason!: string;
  @Column('uuid', { nullable: true }) startedBy!: string | null;
  @Column('timestamptz') startedAt!: Date;
  /** the revision that published it; null while the correction is under way */
  @Column('integer', { nullable: true }) publishedRevision!: number | null;
}

export const MINUTES_ENTITIES = [MinutesEntryEntity, MinutesEntryHistoryEntity, MinutesRevisionEntity, MinutesCorrectionEntity];
