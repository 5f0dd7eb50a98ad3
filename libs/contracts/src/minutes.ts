import { z } from 'zod';
import { fieldRule } from './errors';
import { localDateSchema } from './time';
import { inputString, type Aligned, type Assert } from './common';

export const MINUTES_ENTRY_KINDS = ['heading', 'note', 'speech', 'conclusion', 'task'] as const;
export const minutesEntryKindSchema = z.enum(MINUTES_ENTRY_KINDS);
export type MinutesEntryKind = z.infer<typeof minutesEntryKindSchema>;

export const MINUTES_STATUSES = ['draft', 'in_review', 'approved', 'published'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

/** What a speech record says, filled in from the finished turn. */
export interface SpeechRecordFacts {
  turnId: string;
  speakerName: string;
  speakerPosition: string | null;
  endpointName: string;
  topic: string | null;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
}

export interface MinutesEntry {
  id: string;
  meetingId: string;
  position: number;
  kind: MinutesEntryKind;
  agendaItemId: string | null;
  text: string;
  speech: SpeechRecordFacts | null;
  /** tasks: the organization that leads ("chủ trì") and those that co-operate ("phối hợp") */
  leadOrganizationId: string | null;
  coOrganizationIds: string[];
  /** the names of those organizations, for the screens (absent in revisions frozen before names were added) */
  leadOrganizationName?: string | null;
  coOrganizations?: { id: string; name: string }[];
  deadline: string | null;
  version: number;
  updatedBy: string | null;
  updatedByName: string | null;
  updatedAt: string;
}

/** A correction of published minutes: started on purpose, with a reason, by someone, at a time. */
export interface MinutesCorrection {
  /** the published revision being corrected (the correction is published as the next one) */
  revision: number;
  reason: string;
  startedByName: string;
  startedAt: string;
}

export interface MinutesState {
  status: MinutesStatus;
  /** number of the newest published revision, 0 before the first */
  revision: number;
  entries: MinutesEntry[];
  /** the correction under way (from "Bắt đầu đính chính" until it is published), else null */
  correction: MinutesCorrection | null;
}

export interface MinutesRevision {
  meetingId: string;
  number: number;
  contentHash: string;
  publishedBy: string;
  publishedByName: string;
  publishedAt: string;
  entries: MinutesEntry[];
}

export interface MinutesRevisionSummary {
  number: number;
  contentHash: string;
  publishedByName: string;
  publishedAt: string;
  /** the correction this revision published (null for the first publication) */
  correction: MinutesCorrection | null;
}

export interface MinutesDiffEntry {
  entryId: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  before: MinutesEntry | null;
  after: MinutesEntry | null;
  /** word diff of the text when it changed */
  text: { value: string; added?: boolean; removed?: boolean }[];
}

export const MAX_ENTRY_TEXT = 20_000;

const entryText = inputString()
  .transform((s) => s.normalize('NFC'))
  .pipe(z.string().max(MAX_ENTRY_TEXT, `must be at most ${MAX_ENTRY_TEXT} characters`));

const taskFields = {
  leadOrganizationId: z.uuid().nullable(),
  coOrganizationIds: z.array(z.uuid()).max(100),
  deadline: localDateSchema.nullable(),
};

export const createMinutesEntrySchema = z
  .object({
    kind: minutesEntryKindSchema.exclude(['speech']),
    text: entryText.default(''),
    agendaItemId: z.uuid().nullish().transform((v) => v ?? null),
    /** insert after this entry; at the end when absent */
    afterEntryId: z.uuid().nullish(),
    leadOrganizationId: taskFields.leadOrganizationId.optional(),
    coOrganizationIds: taskFields.coOrganizationIds.optional(),
    deadline: taskFields.deadline.optional(),
  })
  .strict()
  .refine((e) => e.kind !== 'task' || !!e.leadOrganizationId, fieldRule('task_needs_lead', 'a task needs a lead organization', ['leadOrganizationId']))
  .refine((e) => e.kind !== 'task' || !!e.text.trim(), fieldRule('task_needs_text', 'a task needs a description', ['text']));

export const updateMinutesEntrySchema = z
  .object({
    version: z.number().int().min(1),
    text: entryText.optional(),
    agendaItemId: z.uuid().nullable().optional(),
    leadOrganizationId: taskFields.leadOrganizationId.optional(),
    coOrganizationIds: taskFields.coOrganizationIds.optional(),
    deadline: taskFields.deadline.optional(),
  })
  .strict();

/** Moves an entry one place up or down (computed on the server under the meeting's lock, so two secretaries moving at once stay in one order). */
export const moveMinutesEntrySchema = z.object({ direction: z.enum(['up', 'down']) }).strict();
export type MinutesMoveDirection = z.infer<typeof moveMinutesEntrySchema>['direction'];

export const MAX_CORRECTION_REASON = 1000;
/** "Bắt đầu đính chính": published minutes change only through a correction that says why. */
export const startCorrectionSchema = z
  .object({
    reason: inputString()
      .transform((s) => s.normalize('NFC').trim())
      .pipe(z.string().min(3, 'must say why (at least 3 characters)').max(MAX_CORRECTION_REASON, `must be at most ${MAX_CORRECTION_REASON} characters`)),
  })
  .strict();

export const MINUTES_ACTIONS = ['submit', 'approve', 'reopen', 'publish'] as const;
export const minutesTransitionSchema = z.object({ action: z.enum(MINUTES_ACTIONS) }).strict();
export type MinutesAction = (typeof MINUTES_ACTIONS)[number];

export const speechRecordRequestSchema = z.object({ turnId: z.uuid().optional() }).strict();

// ---- tasks across meetings ----

/** The stored lifecycle (libs/contracts tasks.ts nextTaskState); overdue is a fact of the day beside it. */
export const TASK_STATUSES = ['assigned', 'in_progress', 'reported_done', 'accepted', 'extended', 'withdrawn'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface AssignedTask {
  id: string;
  meetingId: string;
  meetingTitle: string;
  revision: number;
  description: string;
  leadOrganizationId: string;
  leadOrganizationName: string;
  coOrganizations: { id: string; name: string }[];
  deadline: string | null;
  status: TaskStatus;
  updatedAt: string;
  /** the host organization of the meeting that assigned it */
  assigningOrganizationId: string;
  assigningOrganizationName: string;
  /** past its deadline (Asia/Ho_Chi_Minh) and still being worked on */
  overdue: boolean;
  /** the deadline a pending extension request asks for */
  extensionRequested: string | null;
  deadlineVersion: number;
}

export const listTasksQuerySchema = z
  .object({
    organizationId: z.uuid().optional(),
    status: z.enum(TASK_STATUSES).optional(),
    dueFrom: localDateSchema.optional(),
    dueTo: localDateSchema.optional(),
    meetingId: z.uuid().optional(),
    assigningOrganizationId: z.uuid().optional(),
    leadOrganizationId: z.uuid().optional(),
    coOrganizationId: z.uuid().optional(),
    overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    dueThisWeek: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();


export const exportTasksQuerySchema = listTasksQuerySchema.omit({ limit: true, offset: true });

/** Who edits what right now, for the editor's presence (not part of the meeting history). */
export interface MinutesPresence {
  meetingId: string;
  accountId: string;
  fullName: string;
  entryId: string | null;
  at: number;
}
export const minutesEditingSchema = z.object({ meetingId: z.uuid(), entryId: z.uuid().nullable() }).strict();

// ---- response schemas (the interfaces above as zod, for the route map and the tests' response checks) ----

const iso = z.string();
export const speechRecordFactsSchema = z.object({
  turnId: z.string(),
  speakerName: z.string(),
  speakerPosition: z.string().nullable(),
  endpointName: z.string(),
  topic: z.string().nullable(),
  startedAt: iso,
  endedAt: iso.nullable(),
  durationSeconds: z.number().int().nullable(),
});
export const minutesEntrySchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  position: z.number(),
  kind: minutesEntryKindSchema,
  agendaItemId: z.string().nullable(),
  text: z.string(),
  speech: speechRecordFactsSchema.nullable(),
  leadOrganizationId: z.string().nullable(),
  coOrganizationIds: z.array(z.string()),
  leadOrganizationName: z.string().nullable().optional(),
  coOrganizations: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
  deadline: z.string().nullable(),
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedByName: z.string().nullable(),
  updatedAt: iso,
});
export const minutesStatusSchema = z.enum(MINUTES_STATUSES);
export const minutesCorrectionSchema = z.object({ revision: z.number().int(), reason: z.string(), startedByName: z.string(), startedAt: iso });
export const minutesStateSchema = z.object({ status: minutesStatusSchema, revision: z.number().int(), entries: z.array(minutesEntrySchema), correction: minutesCorrectionSchema.nullable() });
export const minutesRevisionSchema = z.object({
  meetingId: z.string(),
  number: z.number().int(),
  contentHash: z.string(),
  publishedBy: z.string(),
  publishedByName: z.string(),
  publishedAt: iso,
  entries: z.array(minutesEntrySchema),
});
export const minutesRevisionSummarySchema = z.object({ number: z.number().int(), contentHash: z.string(), publishedByName: z.string(), publishedAt: iso, correction: minutesCorrectionSchema.nullable() });
export const minutesDiffEntrySchema = z.object({
  entryId: z.string(),
  change: z.enum(['added', 'removed', 'changed', 'unchanged']),
  before: minutesEntrySchema.nullable(),
  after: minutesEntrySchema.nullable(),
  text: z.array(z.object({ value: z.string(), added: z.boolean().optional(), removed: z.boolean().optional() })),
});

/** One saved version of a minutes entry, oldest first. */
export const minutesEntryVersionSchema = z.object({
  version: z.number().int(),
  action: z.string(),
  actorName: z.string().nullable(),
  at: iso,
  text: z.string(),
});
export type MinutesEntryVersion = z.infer<typeof minutesEntryVersionSchema>;
/** GET /api/meetings/:id/minutes/entries/:entryId/history: oldest first, paged. */
export const entryHistoryQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const assignedTaskSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  revision: z.number().int(),
  description: z.string(),
  leadOrganizationId: z.string(),
  leadOrganizationName: z.string(),
  coOrganizations: z.array(z.object({ id: z.string(), name: z.string() })),
  deadline: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  updatedAt: iso,
  assigningOrganizationId: z.string(),
  assigningOrganizationName: z.string(),
  overdue: z.boolean(),
  extensionRequested: z.string().nullable(),
  deadlineVersion: z.number().int(),
});

export type _MinutesSchemasAligned = [
  Assert<Aligned<z.output<typeof minutesEntrySchema>, MinutesEntry>>,
  Assert<Aligned<z.output<typeof minutesStateSchema>, MinutesState>>,
  Assert<Aligned<z.output<typeof minutesCorrectionSchema>, MinutesCorrection>>,
  Assert<Aligned<z.output<typeof minutesRevisionSchema>, MinutesRevision>>,
  Assert<Aligned<z.output<typeof minutesRevisionSummarySchema>, MinutesRevisionSummary>>,
  Assert<Aligned<z.output<typeof minutesDiffEntrySchema>, MinutesDiffEntry>>,
  Assert<Aligned<z.output<typeof assignedTaskSchema>, AssignedTask>>,
];
