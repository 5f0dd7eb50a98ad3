import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { DocumentAccess, DocumentKind, DocumentMarking } from '@app/contracts';

@Entity('meeting_documents')
export class MeetingDocumentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') meetingId!: string;
  @Column('uuid', { nullable: true }) agendaItemId!: string | null;
  @Column('text') kind!: DocumentKind;
  @Column('text') title!: string;
  @Column('text') access!: DocumentAccess;
  @Column('uuid', { array: true }) endpointIds!: string[];
  @Column('timestamptz', { nullable: true }) releaseAt!: Date | null;
  @Column('text') marking!: DocumentMarking;
  @Column('integer') currentVersion!: number;
  @Column('uuid', { nullable: true }) createdBy!: string | null;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}

@Entity('document_versions')
export class DocumentVersionEntity {
  @PrimaryColumn('uuid') documentId!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('text') blobSha256!: string;
  @Column('text') fileName!: string;
  @Column('text') mime!: string;
  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) size!: number;
  @Column('uuid', { nullable: true }) uploadedBy!: string | null;
  @Column('timestamptz') uploadedAt!: Date;
  @Column('text', { default: 'pending' }) conversion!: 'pending' | 'done' | 'failed' | 'none';
  @Column('text', { nullable: true }) conversionError!: string | null;
  @Column('text', { nullable: true }) pdfSha256!: string | null;
  @Column('integer', { nullable: true }) pageCount!: number | null;
  @Column('text', { nullable: true, select: false }) searchText!: string | null;
}

@Entity('document_reads')
export class DocumentReadEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') meetingId!: string;
  @Column('uuid') documentId!: string;
  @Column('integer') version!: number;
  @Column('uuid') accountId!: string;
  @Column('uuid', { nullable: true }) endpointId!: string | null;
  @Column('text') action!: 'download' | 'view';
  @Column('timestamptz') at!: Date;
}

export const DOCUMENT_ENTITIES = [MeetingDocumentEntity, DocumentVersionEntity, DocumentReadEntity];
