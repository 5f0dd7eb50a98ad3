import { z } from 'zod';
import { inputString } from './common';

/**
 * Meeting documents (issue 19): "tài liệu họp" on a meeting or one of its agenda
 * items, with versions, an access level, an optional release time and a marking.
 */

export const DOCUMENT_KINDS = ['to_trinh', 'du_thao', 'bao_cao', 'tham_luan', 'tham_khao', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * Who may read a document besides those who manage the meeting's documents (organizers of the
 * host, secretaries) and the chair: everyone who sees the meeting, the operators of the host's
 * endpoint only, or the operators of the named endpoints only.
 */
export const DOCUMENT_ACCESS = ['all_invited', 'host_participants', 'named_endpoints'] as const;
export type DocumentAccess = (typeof DOCUMENT_ACCESS)[number];

/** "MẬT" (secret) or "Lưu hành nội bộ" (internal circulation); both are watermarked for their reader. */
export const DOCUMENT_MARKINGS = ['none', 'mat', 'noi_bo'] as const;
export type DocumentMarking = (typeof DOCUMENT_MARKINGS)[number];

/** The types accepted, as the bytes tell them (file-type's names), with the extension a download gets. */
export const DOCUMENT_TYPES = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'image/png': 'png',
  'image/jpeg': 'jpg',
} as const;
export type DocumentMime = keyof typeof DOCUMENT_TYPES;
export const isDocumentMime = (mime: string): mime is DocumentMime => Object.prototype.hasOwnProperty.call(DOCUMENT_TYPES, mime);

const uuid = z.uuid({ message: 'must be a UUID' });
/** "" from a form field is "not given" */
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

/**
 * The text fields of an upload (multipart/form-data), sent BEFORE the file part; endpointIds
 * as a comma-separated list. A replacement sends no fields but the file (and an optional note).
 */
export const documentUploadFieldsSchema = z
  .object({
    kind: z.enum(DOCUMENT_KINDS),
    title: inputString().min(1).max(300),
    agendaItemId: z.preprocess(blankToUndefined, uuid.optional()),
    access: z.enum(DOCUMENT_ACCESS).default('all_invited'),
    endpointIds: z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(uuid).max(500).default([])),
    releaseAt: z.preprocess(blankToUndefined, z.iso.datetime({ offset: true, message: 'must be an ISO date-time with offset' }).optional()),
    marking: z.enum(DOCUMENT_MARKINGS).default('none'),
  })
  .strict()
  .refine((v) => v.access !== 'named_endpoints' || v.endpointIds.length > 0, { path: ['endpointIds'], message: 'name at least one endpoint' });
export type DocumentUploadFields = z.output<typeof documentUploadFieldsSchema>;

export const documentVersionSchema = z.object({
  version: z.number().int(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedBy: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  /** when a later version replaced this one (its upload), null for the current one */
  replacedAt: z.string().nullable(),
  replacedBy: z.object({ id: z.string(), fullName: z.string() }).nullable(),
});
export type DocumentVersion = z.output<typeof documentVersionSchema>;

export const meetingDocumentSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  agendaItemId: z.string().nullable(),
  kind: z.enum(DOCUMENT_KINDS),
  title: z.string(),
  access: z.enum(DOCUMENT_ACCESS),
  endpointIds: z.array(z.string()),
  releaseAt: z.string().nullable(),
  marking: z.enum(DOCUMENT_MARKINGS),
  currentVersion: z.number().int(),
  /** the current version's PDF for the viewer: 'pending' until the worker made it, 'none' for images */
  conversion: z.enum(['pending', 'done', 'failed', 'none']),
  pageCount: z.number().int().nullable(),
  createdAt: z.string(),
  /** newest first */
  versions: z.array(documentVersionSchema),
});
export type MeetingDocument = z.output<typeof meetingDocumentSchema>;

/** `as=view`: the web's viewer fetches it (audited as a viewing, not a download) */
export const documentDownloadQuerySchema = z.object({ version: z.coerce.number().int().min(1).optional(), as: z.enum(['download', 'view']).default('download') }).strict();

/** One opening of a document by an account: what the organizer sees per endpoint. */
export const documentReadSchema = z.object({
  documentId: z.string(),
  documentTitle: z.string(),
  version: z.number().int(),
  account: z.object({ id: z.string(), fullName: z.string() }),
  /** the endpoint of the meeting the reader operates, null for the host's staff */
  endpointId: z.string().nullable(),
  endpointName: z.string().nullable(),
  action: z.enum(['download', 'view']),
  at: z.string(),
});
export type DocumentRead = z.output<typeof documentReadSchema>;

export const documentSearchQuerySchema = z.object({ q: inputString().trim().min(2).max(200) }).strict();

/** A document whose title or text holds every word of the query (accents and case folded). */
export const documentSearchHitSchema = z.object({
  meetingId: z.string(),
  meetingTitle: z.string(),
  documentId: z.string(),
  title: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  version: z.number().int(),
  pageCount: z.number().int().nullable(),
});
export type DocumentSearchHit = z.output<typeof documentSearchHitSchema>;
