import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ENV, type Env } from '@app/config';
import { escapeLike, normalizeName, searchDocument, searchTerms } from '@app/vietnamese';
import { blobBuffer, putBlob, readBlob } from '@app/reports';
import { imagePdf, watermarkPdf } from './watermark';
import { DOCUMENT_TYPES, documentConvertJobId, localInputOf, documentUploadFieldsSchema, fieldError, isDocumentMime, type DocumentMime, type DocumentRead, type DocumentSearchHit, type DocumentUploadFields, type MeetingDocument, type SpeechRequest, type SpeechStatus } from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import { attachmentDisposition } from '../common/download';
import { parseOrThrow } from '../common/zod.pipe';
import { CommonException } from '../common/domain.exception';
import { MeetingEventsService, type MeetingTx } from '../meetings/meeting-events.service';
import { MeetingEndpointEntity, MeetingEntity } from '../meetings/meeting.entities';
import { MeetingsService } from '../meetings/meetings.service';
import { MeetingPolicy } from '../policy/meeting-policy';
import { checkArchive, detectDocumentType } from './document-check';
import { DocumentReadEntity, DocumentVersionEntity, MeetingDocumentEntity } from './document.entities';
import { DocumentErrorCode, DocumentException } from './document.exception';
import { receiveUpload, type ReceivedFile } from './document-intake';
import { documentViews } from './document-views';
import { SpeechRequestEntity } from '../speakers/speaker.entities';
import { SpeakerErrorCode, SpeakerException } from '../speakers/speaker.exception';
import { requestViews } from '../speakers/speaker-views';

/** The states in which a prepared contribution may still get (or replace) its document. */
const SPEECH_DOCUMENT_STATUSES: SpeechStatus[] = ['pending', 'queued'];

/** What decides which of a meeting's documents one account may read. */
export interface Reader {
  accountId: string;
  /** manages the documents (organizer of the host, secretary) or chairs: reads all, released or not */
  all: boolean;
  /** the meeting's endpoints this account operates */
  endpointIds: Set<string>;
  hostEndpointId: string | null;
}

/** Whether `reader` may read `doc` at `now`: the access level and the release time (pure; unit-tested). */
export function mayRead(reader: Reader, doc: Pick<MeetingDocumentEntity, 'access' | 'endpointIds' | 'releaseAt'>, now: Date): boolean {
  if (reader.all) return true;
  if (doc.releaseAt && doc.releaseAt.getTime() > now.getTime()) return false;
  switch (doc.access) {
    case 'all_invited':
      return true;
    case 'host_participants':
      return reader.hostEndpointId !== null && reader.endpointIds.has(reader.hostEndpointId);
    case 'named_endpoints':
      return doc.endpointIds.some((id) => reader.endpointIds.has(id));
  }
}

/** Headers of every document served: a download, never shown inline, sniffed or run (no origin, no script). */
function sandboxedAttachment(res: Response, name: string, ext: string, mime: string, size: number) {
  res.setHeader('Content-Type', mime);
  res.setHeader('Content-Length', String(size));
  res.setHeader('Content-Disposition', attachmentDisposition(name, ext));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
  res.setHeader('Cache-Control', 'private, no-store');
}

const MARKING_STAMP = { mat: 'MẬT', noi_bo: 'LƯU HÀNH NỘI BỘ' } as const;

const requestNotFound = (requestId: string) => new SpeakerException(SpeakerErrorCode.RequestNotFound, 'Speech request not found', { requestId });

const notFound = (documentId: string) => new DocumentException(DocumentErrorCode.NotFound, 'Document not found', { documentId });

/**
 * Meeting documents: uploads streamed to a temporary file, typed and checked by their bytes,
 * kept once per SHA-256 in PostgreSQL (blob-store), versions, access per reader, audited
 * downloads streamed back one row at a time. Adding and replacing are sequenced events of the
 * meeting (document.changed), so every site's console lists them again live.
 */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ENV) private readonly env: Env,
    private readonly events: MeetingEventsService,
    private readonly meetings: MeetingsService,
    private readonly policy: MeetingPolicy,
  ) {}

  async list(user: AuthUser, meetingId: string): Promise<MeetingDocument[]> {
    const meeting = await this.policy.visibleMeeting(user, meetingId);
    const reader = await this.reader(user, meeting);
    const now = new Date();
    const docs = (await this.db.getRepository(MeetingDocumentEntity).findBy({ meetingId })).filter((d) => mayRead(reader, d, now));
    return documentViews(this.db.manager, docs);
  }

  async get(user: AuthUser, meetingId: string, documentId: string): Promise<MeetingDocument> {
    const doc = await this.readable(user, meetingId, documentId);
    return (await documentViews(this.db.manager, [doc]))[0];
  }

  async upload(user: AuthUser, meetingId: string, req: IncomingMessage): Promise<MeetingDocument> {
    await this.policy.require(user, meetingId, 'documents.manage');
    let fields: DocumentUploadFields | undefined;
    return this.receive(req, async (raw) => {
      fields = parseOrThrow(documentUploadFieldsSchema, raw);
      await this.checkTargets(meetingId, fields);
    }, async (file, mime) => {
      const f = fields!;
      return this.events.command(meetingId, async (tx) => {
        await tx.lockMeeting(meetingId);
        const doc = await this.addDocument(tx, meetingId, { agendaItemId: f.agendaItemId ?? null, kind: f.kind, title: f.title, access: f.access, endpointIds: f.access === 'named_endpoints' ? [...new Set(f.endpointIds)] : [], releaseAt: f.releaseAt ? new Date(f.releaseAt) : null, marking: f.marking }, file, mime, user);
        return (await documentViews(tx.manager, [doc]))[0];
      });
    });
  }

  /**
   * A prepared contribution's document (tham luận), uploaded by the operator of the request's
   * endpoint: a meeting document of kind tham_luan for the host site, the chair and the
   * secretaries and the site that wrote it, named by the request (shown in the speaker queue, listed in the report).
   * Uploading again adds a version to the same document. Refused before the body is read: 403
   * for anyone but the endpoint's operators, 409 for a request that is no prepared contribution
   * or is closed.
   */
  async uploadForSpeech(user: AuthUser, meetingId: string, requestId: string, req: IncomingMessage): Promise<SpeechRequest> {
    const meeting = await this.policy.visibleMeeting(user, meetingId);
    const request = await this.db.getRepository(SpeechRequestEntity).findOneBy({ id: requestId, meetingId });
    if (!request) throw requestNotFound(requestId);
    await this.policy.decide(user, meeting, 'queue.request', request.endpointId);
    const refuse = (row: SpeechRequestEntity) => {
      if (row.kind !== 'prepared') throw new DocumentException(DocumentErrorCode.SpeechNotPrepared, 'Only a prepared contribution (tham luận) carries a document', { requestId, kind: row.kind });
      if (!SPEECH_DOCUMENT_STATUSES.includes(row.status)) throw new DocumentException(DocumentErrorCode.SpeechClosed, `The request is ${row.status}`, { requestId, status: row.status });
    };
    refuse(request);
    return this.receive(req, () => undefined, (file, mime) =>
      this.events.command(meetingId, async (tx) => {
        const [, row] = await tx.lockMeetingWith(meetingId, SpeechRequestEntity, requestId);
        if (!row) throw requestNotFound(requestId);
        refuse(row);
        const m = tx.manager;
        const existing = row.documentId ? await m.getRepository(MeetingDocumentEntity).findOneBy({ id: row.documentId, meetingId }) : null;
        if (existing) await this.addNextVersion(tx, existing, file, mime, user);
        else {
          // the host site (chair, secretaries and managers read every document) and the site that wrote it
          const host = await m.getRepository(MeetingEndpointEntity).findOneBy({ meetingId, isHost: true });
          const endpointIds = [...new Set([host?.id, row.endpointId].filter((id): id is string => !!id))];
          const doc = await this.addDocument(tx, meetingId, { agendaItemId: row.agendaItemId, kind: 'tham_luan', title: row.topic ?? 'Tham luận', access: 'named_endpoints', endpointIds, releaseAt: null, marking: 'none' }, file, mime, user);
          row.documentId = doc.id;
        }
        row.version += 1;
        await m.getRepository(SpeechRequestEntity).update({ id: row.id }, { documentId: row.documentId, version: row.version });
        const [view] = await requestViews(m, [row]);
        await tx.append(meetingId, 'speech_requests.upserted', { requests: [view] }, user.id);
        return view;
      }),
    );
  }

  async replace(user: AuthUser, meetingId: string, documentId: string, req: IncomingMessage): Promise<MeetingDocument> {
    await this.policy.require(user, meetingId, 'documents.manage');
    if (!(await this.db.getRepository(MeetingDocumentEntity).existsBy({ id: documentId, meetingId }))) throw notFound(documentId);
    return this.receive(req, () => undefined, (file, mime) =>
      this.events.command(meetingId, async (tx) => {
        const [, doc] = await tx.lockMeetingWith(meetingId, MeetingDocumentEntity, documentId);
        if (!doc) throw notFound(documentId);
        return (await documentViews(tx.manager, [await this.addNextVersion(tx, doc, file, mime, user)]))[0];
      }),
    );
  }

  /**
   * Sends one version as an attachment, after its reading is recorded. Nothing the browser could
   * run: `attachment`, nosniff, and a sandbox CSP (a PDF's scripts or an HTML look-alike opened
   * in a tab get no origin). The bytes go out one stored row at a time, as fast as the client reads.
   */
  async download(user: AuthUser, meetingId: string, documentId: string, wanted: number | undefined, action: 'download' | 'view', res: Response): Promise<void> {
    const doc = await this.readable(user, meetingId, documentId);
    const version = await this.db.getRepository(DocumentVersionEntity).findOneBy({ documentId, version: wanted ?? doc.currentVersion });
    if (!version) throw notFound(documentId);
    // the viewer reads the PDF: the file itself, or the worker's conversion of an office file
    const pdfSha = version.mime === 'application/pdf' ? version.blobSha256 : version.pdfSha256;
    if (action === 'view' && !pdfSha) throw new DocumentException(DocumentErrorCode.NoPdf, 'This version has no PDF to view', { documentId });
    const served = action === 'view' ? { sha: pdfSha!, mime: 'application/pdf', size: await this.blobSize(pdfSha!) } : { sha: version.blobSha256, mime: version.mime, size: version.size };
    await this.recordRead(user, doc, version.version, action);
    const name = `${doc.title}${version.version > 1 ? ` (bản ${version.version})` : ''}`;
    if (doc.marking !== 'none') {
      const source = version.mime === 'image/png' || version.mime === 'image/jpeg' ? await imagePdf(await blobBuffer(this.db, version.blobSha256), version.mime) : pdfSha ? await blobBuffer(this.db, pdfSha) : null;
      if (!source) throw new DocumentException(DocumentErrorCode.NoPdf, 'A marked document is served as a stamped PDF, and this version has none yet', { documentId });
      const stamped = await watermarkPdf(source, MARKING_STAMP[doc.marking], await this.readerStamp(user));
      sandboxedAttachment(res, name, 'pdf', 'application/pdf', stamped.length);
      res.status(200).end(stamped);
      return;
    }
    const ext = isDocumentMime(served.mime) ? DOCUMENT_TYPES[served.mime] : 'bin';
    sandboxedAttachment(res, name, ext, served.mime, served.size);
    res.status(200);
    for await (const chunk of readBlob(this.db, served.sha)) {
      if (res.destroyed) return;
      if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
    res.end();
  }

  async reads(user: AuthUser, meetingId: string): Promise<DocumentRead[]> {
    await this.policy.require(user, meetingId, 'documents.manage');
    const rows: { document_id: string; title: string; version: number; account_id: string; full_name: string; endpoint_id: string | null; endpoint_name: string | null; action: 'download' | 'view'; at: Date }[] = await this.db.query(
      `SELECT r.document_id, d.title, r.version, r.account_id, a.full_name, r.endpoint_id, COALESCE(o.short_name, o.name) AS endpoint_name, r.action, r.at
         FROM document_reads r
         JOIN meeting_documents d ON d.id = r.document_id
         JOIN accounts a ON a.id = r.account_id
         LEFT JOIN meeting_endpoints e ON e.id = r.endpoint_id
         LEFT JOIN organizations o ON o.id = e.organization_id
        WHERE r.meeting_id = $1 ORDER BY r.at DESC LIMIT 1000`,
      [meetingId],
    );
    return rows.map((r) => ({
      documentId: r.document_id,
      documentTitle: r.title,
      version: r.version,
      account: { id: r.account_id, fullName: r.full_name },
      endpointId: r.endpoint_id,
      endpointName: r.endpoint_name,
      action: r.action,
      at: new Date(r.at).toISOString(),
    }));
  }

  /**
   * Documents whose current version's title and text (searchDocument, written at upload and again
   * by the conversion job with the extracted text) hold every folded word of `q`: in one meeting,
   * or in every meeting the caller may see; each hit checked against the reader's access.
   */
  async search(user: AuthUser, q: string, meetingId?: string): Promise<DocumentSearchHit[]> {
    const terms = searchTerms(q);
    if (!terms.length) return [];
    const m = this.db.manager;
    if (meetingId) await this.policy.visibleMeeting(user, meetingId);
    const visible = await this.policy.visibilityFilter(user, m);
    const qb = m
      .createQueryBuilder()
      .select(['d.id AS id', 'd.meeting_id AS meeting_id', 'm.title AS meeting_title', 'd.title AS title', 'd.kind AS kind', 'd.access AS access', 'd.endpoint_ids AS endpoint_ids', 'd.release_at AS release_at', 'v.version AS version', 'v.page_count AS page_count'])
      .from(MeetingDocumentEntity, 'd')
      .innerJoin('meetings', 'm', 'm.id = d.meeting_id')
      .innerJoin(DocumentVersionEntity, 'v', 'v.document_id = d.id AND v.version = d.current_version')
      .where(visible.sql, visible.params)
      .orderBy('m.scheduled_start', 'DESC')
      .addOrderBy('d.title', 'ASC')
      .limit(300);
    if (meetingId) qb.andWhere('d.meeting_id = :meetingId', { meetingId });
    terms.forEach((term, i) => qb.andWhere(`v.search_text LIKE :t${i}`, { [`t${i}`]: `%${escapeLike(term)}%` }));
    const rows: { id: string; meeting_id: string; meeting_title: string; title: string; kind: DocumentSearchHit['kind']; access: MeetingDocumentEntity['access']; endpoint_ids: string[] | string; release_at: Date | null; version: number; page_count: number | null }[] = await qb.getRawMany();
    const readers = new Map<string, Reader>();
    const hits: DocumentSearchHit[] = [];
    const now = new Date();
    for (const r of rows) {
      let reader = readers.get(r.meeting_id);
      if (!reader) {
        reader = await this.reader(user, (await this.db.getRepository(MeetingEntity).findOneByOrFail({ id: r.meeting_id })));
        readers.set(r.meeting_id, reader);
      }
      const endpointIds = Array.isArray(r.endpoint_ids) ? r.endpoint_ids : String(r.endpoint_ids).replace(/[{}]/g, '').split(',').filter(Boolean);
      if (!mayRead(reader, { access: r.access, endpointIds, releaseAt: r.release_at ? new Date(r.release_at) : null }, now)) continue;
      hits.push({ meetingId: r.meeting_id, meetingTitle: r.meeting_title, documentId: r.id, title: r.title, kind: r.kind, version: r.version, pageCount: r.page_count });
      if (hits.length === 100) break;
    }
    return hits;
  }

  // ---------- parts ----------

  /** The document when it is in the meeting and the caller may read it now; 404 otherwise (existence is not revealed). */
  async readable(user: AuthUser, meetingId: string, documentId: string): Promise<MeetingDocumentEntity> {
    const meeting = await this.policy.visibleMeeting(user, meetingId);
    const doc = await this.db.getRepository(MeetingDocumentEntity).findOneBy({ id: documentId, meetingId });
    if (!doc || !mayRead(await this.reader(user, meeting), doc, new Date())) throw notFound(documentId);
    return doc;
  }

  async reader(user: AuthUser, meeting: MeetingEntity, m: EntityManager = this.db.manager): Promise<Reader> {
    const operated: { id: string }[] = await m.query(
      `SELECT e.id FROM meeting_endpoints e JOIN meeting_endpoint_operators o ON o.endpoint_id = e.id WHERE e.meeting_id = $1 AND o.account_id = $2`,
      [meeting.id, user.id],
    );
    const host = await m.getRepository(MeetingEndpointEntity).findOneBy({ meetingId: meeting.id, isHost: true });
    const all = meeting.chairId === user.id || (await this.policy.allows(user, meeting, 'documents.manage', undefined, m));
    return { accountId: user.id, all, endpointIds: new Set(operated.map((o) => o.id)), hostEndpointId: host?.id ?? null };
  }

  /** "Hoàng Văn Đức - Ủy ban nhân dân tỉnh Lạng Sơn - 03/12/2026 23:45" (Asia/Ho_Chi_Minh) */
  private async readerStamp(user: AuthUser): Promise<string> {
    const [row] = (await this.db.query(`SELECT a.full_name, o.name FROM accounts a LEFT JOIN organizations o ON o.id = a.organization_id WHERE a.id = $1`, [user.id])) as { full_name: string; name: string | null }[];
    const [date, time] = localInputOf(new Date()).split('T');
    return [row?.full_name, row?.name, `${date.split('-').reverse().join('/')} ${time}`].filter(Boolean).join(' - ');
  }

  private async blobSize(sha256: string): Promise<number> {
    const [row] = (await this.db.query(`SELECT size FROM document_blobs WHERE sha256 = $1`, [sha256])) as { size: string }[];
    return Number(row?.size ?? 0);
  }

  private async recordRead(user: AuthUser, doc: MeetingDocumentEntity, version: number, action: 'download' | 'view') {
    const [endpoint] = (await this.db.query(
      `SELECT e.id FROM meeting_endpoints e JOIN meeting_endpoint_operators o ON o.endpoint_id = e.id WHERE e.meeting_id = $1 AND o.account_id = $2 ORDER BY e.is_host DESC, e.created_at LIMIT 1`,
      [doc.meetingId, user.id],
    )) as { id: string }[];
    await this.db.getRepository(DocumentReadEntity).insert({ meetingId: doc.meetingId, documentId: doc.id, version, accountId: user.id, endpointId: endpoint?.id ?? null, action, at: new Date() });
  }

  /** The agenda item and the named endpoints must be this meeting's. */
  private async checkTargets(meetingId: string, fields: DocumentUploadFields) {
    const m = this.db.manager;
    if (fields.agendaItemId && !(await this.meetings.hasAgendaItem(m, meetingId, fields.agendaItemId))) {
      throw CommonException.validation([fieldError('agendaItemId', 'not_found', 'is not an item of this meeting')]);
    }
    if (fields.access === 'named_endpoints') {
      const ids = [...new Set(fields.endpointIds)];
      const found = await m.getRepository(MeetingEndpointEntity).countBy({ meetingId, id: In(ids) });
      if (found !== ids.length) throw CommonException.validation([fieldError('endpointIds', 'not_found', 'names an endpoint that is not in this meeting')]);
    }
  }

  /**
   * Receives the upload into a temporary file, types and checks it, keeps its bytes (once per
   * hash, in a transaction of their own so the meeting is not locked while 100 MB are written),
   * then runs `commit`. The temporary file is gone whatever happens.
   */
  private async receive<T>(req: IncomingMessage, beforeFile: (fields: Record<string, string>) => Promise<void> | void, commit: (file: ReceivedFile, mime: DocumentMime) => Promise<T>): Promise<T> {
    const { file } = await receiveUpload(req, this.env.DOCUMENT_MAX_BYTES, beforeFile);
    try {
      if (file.size === 0) throw new DocumentException(DocumentErrorCode.Malformed, 'The file is empty', { reason: 'empty file' });
      const mime = await detectDocumentType(file.path);
      await checkArchive(file.path, mime, file.size);
      await this.db.transaction((m) => putBlob(m, file, mime));
      return await commit(file, mime);
    } finally {
      await file.discard();
    }
  }

  /** A new document with its first version, announced and queued for conversion (in the meeting's command). */
  private async addDocument(tx: MeetingTx, meetingId: string, fields: Pick<MeetingDocumentEntity, 'agendaItemId' | 'kind' | 'title' | 'access' | 'endpointIds' | 'releaseAt' | 'marking'>, file: ReceivedFile, mime: DocumentMime, user: AuthUser): Promise<MeetingDocumentEntity> {
    const m = tx.manager;
    const now = new Date();
    const repo = m.getRepository(MeetingDocumentEntity);
    const doc = await repo.save(repo.create({ ...fields, meetingId, title: normalizeName(fields.title.trim()), currentVersion: 1, createdBy: user.id, createdAt: now, updatedAt: now }));
    await this.addVersion(m, doc, 1, file, mime, user, now);
    await tx.append(meetingId, 'document.changed', { documentId: doc.id, version: 1, change: 'added' }, user.id);
    tx.outbox('document.convert', { documentId: doc.id, version: 1 }, { jobId: documentConvertJobId(doc.id, 1) });
    return doc;
  }

  /** The document's next version, every earlier one kept, announced and queued for conversion. */
  private async addNextVersion(tx: MeetingTx, doc: MeetingDocumentEntity, file: ReceivedFile, mime: DocumentMime, user: AuthUser): Promise<MeetingDocumentEntity> {
    const m = tx.manager;
    const now = new Date();
    const version = doc.currentVersion + 1;
    await this.addVersion(m, doc, version, file, mime, user, now);
    await m.getRepository(MeetingDocumentEntity).update({ id: doc.id }, { currentVersion: version, updatedAt: now });
    await tx.append(doc.meetingId, 'document.changed', { documentId: doc.id, version, change: 'replaced' }, user.id);
    tx.outbox('document.convert', { documentId: doc.id, version }, { jobId: documentConvertJobId(doc.id, version) });
    return { ...doc, currentVersion: version, updatedAt: now };
  }

  private async addVersion(m: EntityManager, doc: MeetingDocumentEntity, version: number, file: ReceivedFile, mime: string, user: AuthUser, at: Date) {
    // the title is searchable at once; the conversion job adds the text
    await m.getRepository(DocumentVersionEntity).insert({ documentId: doc.id, version, blobSha256: file.sha256, fileName: file.fileName, mime, size: file.size, uploadedBy: user.id, uploadedAt: at, conversion: 'pending', searchText: searchDocument(doc.title) });
  }
}
