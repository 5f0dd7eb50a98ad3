import { z } from 'zod';
import { fieldRule, matching } from './errors';
import { inputString, nameText, optionalNameText, optionalText, paginationSchema, text, type Assert, type Aligned } from './common';
import { instantSchema, localDateSchema } from './time';
import { attendeeSchema, endpointPresenceSchema, rollCallSchema, type Attendee, type EndpointPresence, type RollCall } from './attendance';
import { speakersStateSchema, type SpeakerSettings, type SpeakerTurn, type SpeakersState, type SpeechRequest } from './speakers';
import { minutesStateSchema, type MinutesCorrection, type MinutesEntry, type MinutesState, type MinutesStatus } from './minutes';
import type { MeetingEvent, MeetingSyncResult } from './socket';
import { pollSchema, type Poll, type PollTurnout } from './voting';
import { attendanceModeSchema, headcountSchema, type AttendanceMode, type Headcount, type SitesRollupEvent } from './sites';

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
  /** an organization's short name ("Lạng Sơn"), for a list read at a glance; null for a person or an organization without one */
  subjectShortName: string | null;
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
  title: nameText(500),
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
    q: inputString().max(200).optional(),
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
    title: nameText(500),
    durationMinutes: z.number().int().min(1).max(600),
    presenter: optionalNameText(300).optional(),
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
            title: nameText(500),
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
  /** the endpoint of the body above it in this meeting (a commune's province), which runs it */
  parentEndpointId: string | null;
  attendanceMode: AttendanceMode;
  capacity: number | null;
  headcount: Headcount | null;
}

export const addEndpointRequestSchema = z
  .object({
    organizationId: z.uuid(),
    isHost: z.boolean().default(false),
    locationName: optionalNameText(300).optional(),
    contactName: optionalNameText(200).optional(),
    contactPhone: matching(inputString().trim(), /^[0-9 +().-]{6,30}$/, 'phone_format', 'must be a phone number').nullish(),
    operatorIds: z.array(z.uuid()).max(20).optional(),
    overrideConflicts: z.boolean().default(false),
  })
  .strict();
export type AddEndpointRequest = z.input<typeof addEndpointRequestSchema>;

export const updateEndpointRequestSchema = z
  .object({
    locationName: nameText(300).optional(),
    contactName: optionalNameText(200).optional(),
    contactPhone: matching(inputString().trim(), /^[0-9 +().-]{6,30}$/, 'phone_format', 'must be a phone number').nullish(),
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
  /** a province (or any body) and every commune under it */
  z.object({ mode: z.literal('with_children'), parentId: z.uuid(), overrideConflicts: z.boolean().default(false) }).strict(),
  /** the 34 provincial-level units and their 3,321 communes */
  z.object({ mode: z.literal('all_provinces_and_communes'), overrideConflicts: z.boolean().default(false) }).strict(),
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
  /** `correction`: the one under way after this change (null once published); absent when the change leaves it as it was */
  'minutes.status_changed': { status: MinutesStatus; revision: number; correction?: MinutesCorrection | null };
  /** a poll was created, opened, closed (with its result), published or cancelled */
  'poll.upserted': { poll: Poll };
  /** how many have voted while a poll is open (never how): coalesced, at most a few a second per poll */
  'poll.turnout': { pollId: string; turnout: PollTurnout };
  /** a site's headcount, entered at its console or by its province for a commune that reports by phone */
  'endpoint.headcount_changed': { endpointId: string; headcount: Headcount };
  /** the roll-up communes -> provinces -> conference: the tiles that changed, at most one event a second per meeting and api process */
  'sites.rollup': SitesRollupEvent;
  /**
   * a document was added or replaced: ids only, since not everyone in the meeting's room may read
   * it (access level, release time); a client lists the meeting's documents again to see it
   */
  'document.changed': { documentId: string; version: number; change: 'added' | 'replaced' };
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
  'poll.upserted',
  'poll.turnout',
  'endpoint.headcount_changed',
  'sites.rollup',
  'document.changed',
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
  /** the meeting's polls, oldest first */
  polls: Poll[];
}

// ---- response schemas: the interfaces above as zod, for the route map, OpenAPI and the tests' response checks ----

const iso = z.string();
export const personRefSchema = z.object({ id: z.string(), fullName: z.string(), position: z.string().nullable() });

export const meetingSchema = z.object({
  id: z.string(),
  kind: meetingKindSchema,
  title: z.string(),
  description: z.string().nullable(),
  hostOrganizationId: z.string(),
  hostOrganizationName: z.string(),
  chair: personRefSchema.nullable(),
  secretaries: z.array(personRefSchema),
  status: meetingStatusSchema,
  visibility: visibilitySchema,
  scheduledStart: iso,
  scheduledEnd: iso,
  actualStart: iso.nullable(),
  actualEnd: iso.nullable(),
  postponedReason: z.string().nullable(),
  cancelledReason: z.string().nullable(),
  endpointCount: z.number().int(),
  seq: z.number().int(),
  agendaVersion: z.number().int(),
  version: z.number().int(),
  createdAt: iso,
  updatedAt: iso,
});

export const schedulingConflictSchema = z.object({
  kind: z.enum(['chair', 'secretary', 'endpoint']),
  subjectId: z.string(),
  subjectName: z.string(),
  subjectShortName: z.string().nullable(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  scheduledStart: iso,
  scheduledEnd: iso,
});
export const meetingWriteResultSchema = z.object({ meeting: meetingSchema, conflicts: z.array(schedulingConflictSchema) });
export const myMeetingsSchema = z.object({
  chairing: z.array(meetingSchema),
  secretary: z.array(meetingSchema),
  organizing: z.array(meetingSchema),
  operating: z.array(meetingSchema),
  attending: z.array(meetingSchema),
});

export const agendaItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  durationMinutes: z.number().int(),
  presenter: z.string().nullable(),
  responsibleOrganizationId: z.string().nullable(),
  plannedStart: iso,
  plannedEnd: iso,
});
export const agendaSessionSchema = z.object({
  id: z.string(),
  title: z.string(),
  fixedStart: iso.nullable(),
  plannedStart: iso,
  plannedEnd: iso,
  items: z.array(agendaItemSchema),
});
export const agendaSchema = z.object({ meetingId: z.string(), version: z.number().int(), sessions: z.array(agendaSessionSchema) });

export const meetingEndpointSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  organizationShortName: z.string().nullable(),
  isHost: z.boolean(),
  locationName: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  joinCode: z.string(),
  operators: z.array(personRefSchema),
  createdAt: iso,
  parentEndpointId: z.string().nullable(),
  attendanceMode: attendanceModeSchema,
  capacity: z.number().int().nullable(),
  headcount: headcountSchema.nullable(),
});
export const bulkInviteResultSchema = z.object({
  added: z.array(meetingEndpointSchema),
  alreadyInvited: z.array(z.string()),
  conflicts: z.array(schedulingConflictSchema),
});

const techCheckStateSchema = z.object({ open: z.boolean(), openedAt: iso.nullable() });
export { techCheckStateSchema };

export const meetingSnapshotSchema = z.object({
  meeting: meetingSchema,
  agenda: agendaSchema,
  endpoints: z.array(meetingEndpointSchema),
  presence: z.array(endpointPresenceSchema),
  attendees: z.array(attendeeSchema),
  techCheck: techCheckStateSchema,
  rollCall: rollCallSchema.nullable(),
  speakers: speakersStateSchema,
  minutes: minutesStateSchema,
  polls: z.array(pollSchema),
});

/** One event of the history; its payload is typed by `type` (MeetingEventPayloads), checked here only as an object. */
export const meetingEventSchema = z.object({
  meetingId: z.string(),
  seq: z.number().int(),
  type: z.string(),
  payload: z.unknown(),
  actorId: z.string().nullable(),
  at: iso,
});

/** GET /api/meetings/:id/events: at most `limit` events after `after` (`hasMore` says there are more), or the snapshot. */
export const meetingEventsQuerySchema = z
  .object({
    /** the seq the client has applied; without it, the answer is a snapshot */
    after: z.coerce.number().int().min(0).optional(),
    /** events per page; read on with after = the last seq received while hasMore */
    limit: z.coerce.number().int().min(1).max(500).default(500),
  })
  .strict();
export const meetingSyncResultSchema = z.object({
  meetingId: z.string(),
  seq: z.number().int(),
  events: z.array(meetingEventSchema).nullable(),
  snapshot: meetingSnapshotSchema.nullable(),
  viewer: z.object({ accountId: z.string(), visible: z.boolean(), organizerOfHost: z.boolean() }),
  /** more events follow the last one in `events` (ask again with after = its seq) */
  hasMore: z.boolean().optional(),
});

export type _MeetingSchemasAligned = [
  Assert<Aligned<z.output<typeof personRefSchema>, PersonRef>>,
  Assert<Aligned<z.output<typeof meetingSchema>, Meeting>>,
  Assert<Aligned<z.output<typeof meetingWriteResultSchema>, MeetingWriteResult>>,
  Assert<Aligned<z.output<typeof myMeetingsSchema>, MyMeetings>>,
  Assert<Aligned<z.output<typeof agendaSchema>, Agenda>>,
  Assert<Aligned<z.output<typeof meetingEndpointSchema>, MeetingEndpoint>>,
  Assert<Aligned<z.output<typeof bulkInviteResultSchema>, BulkInviteResult>>,
  Assert<Aligned<z.output<typeof meetingSnapshotSchema>, MeetingSnapshot>>,
  // the event schema checks the envelope; the union types each payload by its type, so one way only
  Assert<[MeetingEvent] extends [z.output<typeof meetingEventSchema>] ? true : false>,
  Assert<[MeetingSyncResult] extends [z.output<typeof meetingSyncResultSchema>] ? true : false>,
];
