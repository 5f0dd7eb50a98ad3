import { z } from 'zod';
import type { Aligned, Assert } from './common';
import { text } from './common';
import { REPORT_STATUSES, type ReportStatus } from './summaries';

/**
 * The conclusion notice ("Thông báo kết luận", issue 20): composed by a job from one published minutes
 * revision, in the layout of Decree 30/2020; the meeting's secretariat may reword its conclusion and task
 * paragraphs (kept as a draft, each edit renders the documents again as the next version), then issues it,
 * which freezes it and notifies every account of the agencies it names.
 */
export interface NoticeAgency {
  organizationId: string;
  name: string;
  /** lead: leads at least one task; co: only co-operates */
  role: 'lead' | 'co';
}

/** The wording of the notice: what the job composed, or the secretariat's draft over it. */
export interface NoticeWording {
  conclusions: string[];
  tasks: string[];
}

export interface NoticeContent extends NoticeWording {
  /** "Kết luận của Phó Thủ tướng Chính phủ Trần Hồng Hà tại Hội nghị ..." */
  subject: string;
  /** the paragraph before the numbered conclusions (when, where, who chaired, who attended) */
  opening: string;
  issuingBody: string;
  parentBody: string | null;
  hostCode: string | null;
  /** the signature block's lines above the signature: "TL. ...", "KT. ...", the signer's title */
  signature: string[];
  agencies: NoticeAgency[];
}

export interface NoticeState {
  meetingId: string;
  /** the published minutes revision the notice is made from */
  revision: number;
  /** 1 for the generated text, +1 for each edit of the wording */
  version: number;
  status: ReportStatus;
  error: string | null;
  formats: ('docx' | 'pdf')[];
  formatNotes: Record<string, string>;
  /** null until the job has composed it */
  content: NoticeContent | null;
  /** the secretariat's wording, when it edited it (the documents use it) */
  wording: NoticeWording | null;
  editedAt: string | null;
  issuedAt: string | null;
  issuedByName: string | null;
  /** the accounts notified when it was issued */
  notifiedAccounts: number | null;
  completedAt: string | null;
}

export const noticeJobId = (meetingId: string, revision: number, version: number) => `notice.${meetingId}.r${revision}.v${version}`;

const PARAGRAPH_MAX = 4000;
const paragraphs = z.array(text(PARAGRAPH_MAX)).max(200);
/** the secretariat's wording: every paragraph non-empty, at least one conclusion */
export const noticeWordingSchema = z.object({ conclusions: paragraphs.min(1), tasks: paragraphs }).strict();
export const noticeQuerySchema = z.object({ revision: z.coerce.number().int().min(1).optional() }).strict();

const iso = z.string();
const wordingOut = z.object({ conclusions: z.array(z.string()), tasks: z.array(z.string()) });
export const noticeStateSchema = z.object({
  meetingId: z.string(),
  revision: z.number().int(),
  version: z.number().int(),
  status: z.enum(REPORT_STATUSES),
  error: z.string().nullable(),
  formats: z.array(z.enum(['docx', 'pdf'])),
  formatNotes: z.record(z.string(), z.string()),
  content: wordingOut
    .extend({
      subject: z.string(),
      opening: z.string(),
      issuingBody: z.string(),
      parentBody: z.string().nullable(),
      hostCode: z.string().nullable(),
      signature: z.array(z.string()),
      agencies: z.array(z.object({ organizationId: z.string(), name: z.string(), role: z.enum(['lead', 'co']) })),
    })
    .nullable(),
  wording: wordingOut.nullable(),
  editedAt: iso.nullable(),
  issuedAt: iso.nullable(),
  issuedByName: z.string().nullable(),
  notifiedAccounts: z.number().int().nullable(),
  completedAt: iso.nullable(),
});

export type _NoticeSchemasAligned = [Assert<Aligned<z.output<typeof noticeStateSchema>, NoticeState>>];
