import { z } from 'zod';
import { fieldRule, matching } from './errors';
import { optionalText, paginationSchema, text } from './common';
import { instantSchema, localDateSchema } from './time';
import type { Attendee, EndpointPresence, RollCall } from './attendance';
import type { SpeakerSettings, SpeakerTurn, SpeakersState, SpeechRequest } from './speakers';
import type { MinutesEntry, MinutesState, MinutesStatus } from './minutes';

export const MEETING_KINDS = ['plenary', 'conference', 'seminar', 'working'] as const;
export const meetingKindSchema = z.enum(MEETING_KINDS);
export type MeetingKind = z.infer<typeof meetingKindSchema>;

export const MEETING_STATUSES = ['draft', 'scheduled', 'live', 'ended', 'minutes_published', 'cancelled'] as const;
export const meetingStatusSchema = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;

/** public: every signed-in account sees it; restricted: only the host, invited bodies (and those above them), chair and secretaries. */
export const VISIBILITIES = ['public', 'restricted'] as const;
export const visibilitySchema = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof visibilitySchema>;

export interface PersonRef {
  id: string;
  fullName: string;
  position: string | null;
}

export interface Meeting {
  id: string;
  kind: MeetingKind;
  title: string;
  description: string | null;
  hostOrganizationId: string;
  hostOrganizationName: string;
  chair: PersonRef | null;
  secretaries: PersonRef[];
  status: MeetingStatus;
  visibility: Visibility;
  scheduledStart: string;
  scheduledEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
  postponedReason: string | null;
  cancelledReason: string | null;
  endpointCount: number;
  /** the newest seq of the meeting's event history */
  seq: number;
  agendaVersion: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One clash found when scheduling: the same chair, secretary or endpoint booked at overlapping times. */
export interface SchedulingConflict {
  kind: 'chair' | 'secretary' | 'endpoint';
  /** account or organization that is double-booked */
  subjectId: string;
  subjectName: string;
  meetingId: string;
  meetingTitle: string;
  scheduledStart: string;
  scheduledEnd: string;
}

export interface MeetingWriteResult {
  meeting: Meeting;
  /** clashes that were overridden explicitly */
  conflicts: SchedulingConflict[];
}

const meetingFields = {
  kind: meetingKindSchema,
  title: text(500),
  description: optionalText(5000),
  hostOrganizationId: z.uuid(),
  chairId: z.uuid().nullable(),
  secretaryIds: z.array(z.uuid()).max(20),
  visibility: visibilitySchema,
  scheduledStart: instantSchema,
  scheduledEnd: instantSchema,
  /** proceed even though the chair, a secretary or an endpoint is booked elsewhere at the same time */
  overrideConflicts: z.boolean(),
};

const endAfterStart = (m: { scheduledStart?: string; scheduledEnd?: string }) =>
  !m.scheduledStart || !m.scheduledEnd || new Date(m.scheduledEnd) > new Date(m.scheduledStart);
const atMostThreeDays = (m: { scheduledStart?: string; scheduledEnd?: string }) =>
  !m.scheduledStart || !m.scheduledEnd || new Date(m.scheduledEnd).getTime() - new Date(m.scheduledStart).getTime() <= 3 * 86_400_000;

export const createMeetingRequestSchema = z
  .object({
    ...meetingFields,
    description: meetingFields.description.optional(),
    chairId: meetingFields.chairId.default(null),
    secretaryIds: meetingFields.secretaryIds.default([]),
    visibility: meetingFields.visibility.default('restricted'),
    overrideConflicts: meetingFields.overrideConflicts.default(false),
  })
  .strict()
  .refine(endAfterStart, fieldRule('end_after_start', 'must be after scheduledStart', ['scheduledEnd']))
  .refine(atMostThreeDays, fieldRule('at_most_three_days', 'a meeting lasts at most 3 days', ['scheduledEnd']));
export type CreateMeetingRequest = z.input<typeof createMeetingRequestSchema>;

export const updateMeetingRequestSchema = z
  .object({
    version: z.number().int().min(1),
    kind: meetingFields.kind.optional(),
    title: meetingFields.title.optional(),
    description: meetingFields.description.optional(),
    chairId: meetingFields.chairId.optional(),
    secretaryIds: meetingFields.secretaryIds.optional(),
    visibility: meetingFields.visibility.optional(),
    scheduledStart: meetingFields.scheduledStart.optional(),
    scheduledEnd: meetingFields.scheduledEnd.optional(),
    overrideConflicts: meetingFields.overrideConflicts.default(false),
  })
  .strict()
  .refine(endAfterStart, fieldRule('end_after_start', 'must be after scheduledStart', ['scheduledEnd']));
export type UpdateMeetingRequest = z.input<typeof updateMeetingRequestSchema>;

export const MEETING_ACTIONS = ['schedule', 'start', 'end', 'publish_minutes', 'cancel', 'postpone'] as const;

export const meetingTransitionRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('schedule'), overrideConflicts: z.boolean().default(false) }).strict(),
  z.object({ action: z.literal('start') }).strict(),
  z.object({ action: z.literal('end') }).strict(),
  z.object({ action: z.literal('publish_minutes') }).strict(),
  z.object({ action: z.literal('cancel'), reason: text(1000) }).strict(),
  z
    .object({
      action: z.literal('postpone'),
      reason: text(1000),
      scheduledStart: instantSchema,
      scheduledEnd: instantSchema,
      overrideConflicts: z.boolean().default(false),
    })
    .strict()
    .refine(endAfterStart, fieldRule('end_after_start', 'must be after scheduledStart', ['scheduledEnd'])),
]);
export type MeetingTransitionRequest = z.input<typeof meetingTransitionRequestSchema>;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

export const listMeetingsQuerySchema = paginationSchema
  .extend({
    q: z.string().max(200).optional(),
    status: z
      .string()
      .transform((s) => s.split(',').filter(Boolean))
      .pipe(z.array(meetingStatusSchema))
      .optional(),
    organizationId: z.uuid().optional(),
    /** first local day (Asia/Ho_Chi_Minh), inclusive */
    from: localDateSchema.optional(),
    /** last local day (Asia/Ho_Chi_Minh), inclusive */
    to: localDateSchema.optional(),
  })
  .strict();
export type ListMeetingsQuery = z.input<typeof listMeetingsQuerySchema>;

export interface MyMeetings {
  chairing: Meeting[];
  secretary: Meeting[];
  organizing: Meeting[];
  operating: Meeting[];
  attending: Meeting[];
}

// ---- agenda ----

export interface AgendaItem {
  id: string;
  title: string;
  durationMinutes: number;
  presenter: string | null;
  responsibleOrganizationId: string | null;
  /** computed: the session's start plus the items before this one */
  plannedStart: string;
  plannedEnd: string;
}

export interface AgendaSession {
  id: string;
  title: string;
  /** set by the organizer, or following the previous session (the first follows the meeting's start) */
  fixedStart: string | null;
  plannedStart: string;
  plannedEnd: string;
  items: AgendaItem[];
}

export interface Agenda {
  meetingId: string;
  version: number;
  sessions: AgendaSession[];
}

const agendaItemInput = z
  .object({
    id: z.uuid().optional(),
    title: text(500),
    durationMinutes: z.number().int().min(1).max(600),
    presenter: optionalText(300).optional(),
    responsibleOrganizationId: z.uuid().nullable().optional(),
  })
  .strict();

/**
 * The whole agenda in its new order: insert, remove and reorder are one
 * request. `version` must be the one the editor started from (409 otherwise).
 */
export const putAgendaRequestSchema = z
  .object({
    version: z.number().int().min(0),
    sessions: z
      .array(
        z
          .object({
            id: z.uuid().optional(),
            title: text(500),
            fixedStart: instantSchema.nullable().optional(),
            items: z.array(agendaItemInput).max(100),
          })
          .strict(),
      )
      .max(20),
  })
  .strict();
export type PutAgendaRequest = z.input<typeof putAgendaRequestSchema>;

// ---- endpoints ----

export interface MeetingEndpoint {
  id: string;
  meetingId: string;
  organizationId: string;
  organizationName: string;
  organizationShortName: string | null;
  isHost: boolean;
  locationName: string;
  contactName: string | null;
  contactPhone: string | null;
  joinCode: string;
  operators: PersonRef[];
  createdAt: string;
}

export const addEndpointRequestSchema = z
  .object({
    organizationId: z.uuid(),
    isHost: z.boolean().default(false),
    locationName: optionalText(300).optional(),
    contactName: optionalText(200).optional(),
    contactPhone: matching(z.string().trim(), /^[0-9 +().-]{6,30}$/, 'phone_format', 'must be a phone number').nullish(),
    operatorIds: z.array(z.uuid()).max(20).optional(),
    overrideConflicts: z.boolean().default(false),
  })
  .strict();
export type AddEndpointRequest = z.input<typeof addEndpointRequestSchema>;

export const updateEndpointRequestSchema = z
  .object({
    locationName: text(300).optional(),
    contactName: optionalText(200).optional(),
    contactPhone: matching(z.string().trim(), /^[0-9 +().-]{6,30}$/, 'phone_format', 'must be a phone number').nullish(),
    operatorIds: z.array(z.uuid()).max(20).optional(),
  })
  .strict();

/** Invite many endpoints in one call. */
export const bulkInviteRequestSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('all_provinces'), overrideConflicts: z.boolean().default(false) }).strict(),
  z
    .object({ mode: z.literal('organizations'), organizationIds: z.array(z.uuid()).min(1).max(500), overrideConflicts: z.boolean().default(false) })
    .strict()
    .refine((r) => new Set(r.organizationIds).size === r.organizationIds.length, fieldRule('organization_listed_twice', 'lists an organization twice', ['organizationIds'])),
  z.object({ mode: z.literal('children_of'), parentId: z.uuid(), overrideConflicts: z.boolean().default(false) }).strict(),
]);
export type BulkInviteRequest = z.input<typeof bulkInviteRequestSchema>;

export interface BulkInviteResult {
  added: MeetingEndpoint[];
  /** organizations that were already invited */
  alreadyInvited: string[];
  conflicts: SchedulingConflict[];
}

// ---- events of the meeting history ----

export interface MeetingEventPayloads {
  'meeting.created': { meeting: Meeting };
  'meeting.updated': { meeting: Meeting };
  'meeting.status_changed': { meeting: Meeting; from: MeetingStatus; to: MeetingStatus; reason: string | null };
  'agenda.replaced': { agenda: Agenda };
  'endpoints.added': { endpoints: MeetingEndpoint[] };
  'endpoint.updated': { endpoint: MeetingEndpoint };
  'endpoint.removed': { endpointId: string; organizationId: string };
  'presence.changed': { presence: EndpointPresence };
  'attendees.upserted': { attendees: Attendee[] };
  'attendee.removed': { attendeeId: string; endpointId: string };
  'tech_check.changed': { open: boolean; openedAt: string | null };
  'roll_call.changed': { rollCall: RollCall };
  'speech_requests.upserted': { requests: SpeechRequest[] };
  'turns.upserted': { turns: SpeakerTurn[] };
  'speaker_settings.changed': { settings: SpeakerSettings };
  'endpoint_time.changed': { endpointId: string; addedSeconds: number };
  'minutes.entry_upserted': { entry: MinutesEntry };
  'minutes.entry_removed': { entryId: string };
  'minutes.status_changed': { status: MinutesStatus; revision: number };
}
export type MeetingEventType = keyof MeetingEventPayloads;

/**
 * Every event type at run time, for code that must visit each one (the
 * reducer's spec does). It cannot fall behind the payload map: a type missing
 * here fails to compile below, a type that is not in the map fails `satisfies`.
 */
export const MEETING_EVENT_TYPES = [
  'meeting.created',
  'meeting.updated',
  'meeting.status_changed',
  'agenda.replaced',
  'endpoints.added',
  'endpoint.updated',
  'endpoint.removed',
  'presence.changed',
  'attendees.upserted',
  'attendee.removed',
  'tech_check.changed',
  'roll_call.changed',
  'speech_requests.upserted',
  'turns.upserted',
  'speaker_settings.changed',
  'endpoint_time.changed',
  'minutes.entry_upserted',
  'minutes.entry_removed',
  'minutes.status_changed',
] as const satisfies readonly MeetingEventType[];
type CompilesOnlyIf<T extends true> = T;
/** Does not compile when a key of MeetingEventPayloads is missing from MEETING_EVENT_TYPES. */
export type MeetingEventTypesListed = CompilesOnlyIf<MeetingEventType extends (typeof MEETING_EVENT_TYPES)[number] ? true : false>;

export interface MeetingSnapshot {
  meeting: Meeting;
  agenda: Agenda;
  endpoints: MeetingEndpoint[];
  presence: EndpointPresence[];
  attendees: Attendee[];
  techCheck: { open: boolean; openedAt: string | null };
  rollCall: RollCall | null;
  speakers: SpeakersState;
  minutes: MinutesState;
}
