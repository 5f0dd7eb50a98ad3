import { z } from 'zod';
import type { FieldError } from './errors';
import { inputString, nameText, optionalNameText, optionalText, paginationSchema, POSITION_MAX, type Aligned, type Assert } from './common';

export const ATTENDEE_ROLES = ['delegate', 'guest', 'observer', 'technical'] as const;
export const attendeeRoleSchema = z.enum(ATTENDEE_ROLES);
export type AttendeeRole = z.infer<typeof attendeeRoleSchema>;

export const ATTENDEE_STATUSES = ['expected', 'present', 'late', 'left', 'excused', 'absent'] as const;
export const attendeeStatusSchema = z.enum(ATTENDEE_STATUSES);
export type AttendeeStatus = z.infer<typeof attendeeStatusSchema>;

export interface Attendee {
  id: string;
  meetingId: string;
  endpointId: string;
  fullName: string;
  position: string | null;
  unit: string | null;
  role: AttendeeRole;
  /** a voting member of their delegation: delegates by default; guests, observers and technical staff never vote */
  votingMember: boolean;
  status: AttendeeStatus;
  /** server time of check-in */
  checkedInAt: string | null;
  checkedOutAt: string | null;
  walkIn: boolean;
  note: string | null;
  version: number;
  updatedAt: string;
}

const attendeeFields = {
  fullName: nameText(200),
  position: optionalNameText(POSITION_MAX),
  unit: optionalNameText(300),
  role: attendeeRoleSchema,
  note: optionalText(1000),
};

export const createAttendeeRequestSchema = z
  .object({
    ...attendeeFields,
    position: attendeeFields.position.optional(),
    unit: attendeeFields.unit.optional(),
    role: attendeeRoleSchema.default('delegate'),
    /** default: true for a delegate; only a delegate can be one */
    votingMember: z.boolean().optional(),
    note: attendeeFields.note.optional(),
    /** a walk-in is checked in at once */
    walkIn: z.boolean().default(false),
  })
  .strict();
export type CreateAttendeeRequest = z.input<typeof createAttendeeRequestSchema>;

export const updateAttendeeRequestSchema = z
  .object({
    version: z.number().int().min(1),
    fullName: attendeeFields.fullName.optional(),
    position: attendeeFields.position.optional(),
    unit: attendeeFields.unit.optional(),
    role: attendeeRoleSchema.optional(),
    votingMember: z.boolean().optional(),
    note: attendeeFields.note.optional(),
  })
  .strict();

export const ATTENDANCE_ACTIONS = ['check_in', 'check_out', 'excuse', 'mark_absent', 'reset'] as const;
export const attendanceActionRequestSchema = z
  .object({
    action: z.enum(ATTENDANCE_ACTIONS),
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type AttendanceAction = (typeof ATTENDANCE_ACTIONS)[number];

/** One attendance action for several attendees of one endpoint at once (select several, or all): one transaction, one event. */
export const BULK_ATTENDANCE_MAX = 1000;
export const bulkAttendanceRequestSchema = z
  .object({
    action: z.enum(ATTENDANCE_ACTIONS),
    attendeeIds: z
      .array(z.uuid())
      .min(1)
      .max(BULK_ATTENDANCE_MAX)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'names an attendee twice' }),
  })
  .strict();

/** What a bulk action answers: the attendees it changed, and those it left as they were (the action makes no sense from their status, e.g. already checked in). */
export interface BulkAttendanceResult {
  changed: Attendee[];
  unchanged: string[];
}

/** Pasted or uploaded roster: CSV text (comma, semicolon or tab separated, with a header row), or an .xlsx file in base64. */
export const importRosterRequestSchema = z.union([
  z.object({ csv: inputString().min(1).max(700_000) }).strict(),
  z.object({ xlsxBase64: z.base64().min(1).max(900_000) }).strict(),
]);

/** One bad line of an imported roster: a field error (code, params, reason) with its line. */
export type RosterImportRowError = FieldError & {
  /** 1-based line number in the file, header included */
  line: number;
};

/** What a roster import answers: the attendees it created, in file order, and how many rows it merged as duplicates. */
export interface RosterImportResult {
  created: Attendee[];
  /** rows not added because the same person (same name, position and unit, case and spacing aside) is already on the roster or earlier in the file */
  merged: number;
}

// ---- presence ----

export const PRESENCE_STATES = ['not_joined', 'connected', 'reconnecting', 'offline'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

export interface EndpointPresence {
  endpointId: string;
  state: PresenceState;
  /** live consoles (devices) of the endpoint */
  devices: number;
  lastSeenAt: string | null;
  changedAt: string | null;
  /** technical check: when the endpoint confirmed it is ready */
  readyAt: string | null;
  mediaTested: boolean | null;
}

export interface WallEntry extends EndpointPresence {
  organizationName: string;
  organizationShortName: string | null;
  isHost: boolean;
  present: number;
  expected: number;
}

export interface EndpointWall {
  meetingId: string;
  connected: number;
  total: number;
  missing: { endpointId: string; name: string; state: PresenceState }[];
  endpoints: WallEntry[];
  techCheck: { open: boolean; openedAt: string | null; ready: number; unready: number; silent: number };
}

export const endpointJoinRequestSchema = z
  .object({
    meetingId: z.uuid(),
    endpointId: z.uuid(),
    /** a name for this console, e.g. "Máy chủ trì phòng họp tầng 3" */
    device: inputString().trim().min(1).max(100).default('console'),
  })
  .strict();
export type EndpointJoinRequest = z.input<typeof endpointJoinRequestSchema>;

export interface ConnectionLogEntry {
  id: number;
  endpointId: string;
  accountId: string | null;
  accountName: string | null;
  event: 'join' | 'leave' | 'reconnect' | 'timeout';
  device: string | null;
  reason: string | null;
  at: string;
}

// ---- technical check and roll call ----

export const techCheckRequestSchema = z.object({ open: z.boolean() }).strict();
export const endpointReadyRequestSchema = z
  .object({
    ready: z.boolean(),
    mediaTested: z.boolean().default(false),
    note: optionalText(500).optional(),
  })
  .strict();

export interface RollCall {
  id: string;
  meetingId: string;
  startedAt: string;
  closedAt: string | null;
  responses: { endpointId: string; presentCount: number; confirmedBy: string; confirmedByName: string; confirmedAt: string }[];
  /** endpoints that have not confirmed */
  missing: string[];
}

export const rollCallResponseRequestSchema = z
  .object({
    endpointId: z.uuid(),
    presentCount: z.number().int().min(0).max(10_000),
  })
  .strict();

// ---- summary ----

export interface AttendanceCounts {
  expected: number;
  present: number;
  late: number;
  left: number;
  excused: number;
  absent: number;
  total: number;
}

export interface AttendanceSummary {
  meetingId: string;
  totals: AttendanceCounts;
  byEndpoint: ({ endpointId: string; name: string; organizationKind: string } & AttendanceCounts)[];
  byOrganizationKind: ({ organizationKind: string } & AttendanceCounts)[];
  lateArrivals: { attendeeId: string; fullName: string; endpointName: string; checkedInAt: string }[];
}

// ---- response schemas (the interfaces above as zod, for the route map and the tests' response checks) ----

const iso = z.string();
export const attendeeSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  endpointId: z.string(),
  fullName: z.string(),
  position: z.string().nullable(),
  unit: z.string().nullable(),
  role: attendeeRoleSchema,
  votingMember: z.boolean(),
  status: attendeeStatusSchema,
  checkedInAt: iso.nullable(),
  checkedOutAt: iso.nullable(),
  walkIn: z.boolean(),
  note: z.string().nullable(),
  version: z.number().int(),
  updatedAt: iso,
});
export const rosterImportResultSchema = z.object({ created: z.array(attendeeSchema), merged: z.number().int() });
export const bulkAttendanceResultSchema = z.object({ changed: z.array(attendeeSchema), unchanged: z.array(z.string()) });

const presenceStateSchema = z.enum(PRESENCE_STATES);
export const endpointPresenceSchema = z.object({
  endpointId: z.string(),
  state: presenceStateSchema,
  devices: z.number().int(),
  lastSeenAt: iso.nullable(),
  changedAt: iso.nullable(),
  readyAt: iso.nullable(),
  mediaTested: z.boolean().nullable(),
});
export const wallEntrySchema = endpointPresenceSchema.extend({
  organizationName: z.string(),
  organizationShortName: z.string().nullable(),
  isHost: z.boolean(),
  present: z.number().int(),
  expected: z.number().int(),
});
export const endpointWallSchema = z.object({
  meetingId: z.string(),
  connected: z.number().int(),
  total: z.number().int(),
  missing: z.array(z.object({ endpointId: z.string(), name: z.string(), state: presenceStateSchema })),
  endpoints: z.array(wallEntrySchema),
  techCheck: z.object({ open: z.boolean(), openedAt: iso.nullable(), ready: z.number().int(), unready: z.number().int(), silent: z.number().int() }),
});

export const connectionLogEntrySchema = z.object({
  id: z.number().int(),
  endpointId: z.string(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  event: z.enum(['join', 'leave', 'reconnect', 'timeout']),
  device: z.string().nullable(),
  reason: z.string().nullable(),
  at: iso,
});
/** GET /api/meetings/:id/connection-log: oldest first, paged. */
export const connectionLogQuerySchema = paginationSchema.extend({ endpointId: z.uuid().optional() }).strict();

export const rollCallSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  startedAt: iso,
  closedAt: iso.nullable(),
  responses: z.array(z.object({ endpointId: z.string(), presentCount: z.number().int(), confirmedBy: z.string(), confirmedByName: z.string(), confirmedAt: iso })),
  missing: z.array(z.string()),
});

export const attendanceCountsSchema = z.object({
  expected: z.number().int(),
  present: z.number().int(),
  late: z.number().int(),
  left: z.number().int(),
  excused: z.number().int(),
  absent: z.number().int(),
  total: z.number().int(),
});
export const attendanceSummarySchema = z.object({
  meetingId: z.string(),
  totals: attendanceCountsSchema,
  byEndpoint: z.array(attendanceCountsSchema.extend({ endpointId: z.string(), name: z.string(), organizationKind: z.string() })),
  byOrganizationKind: z.array(attendanceCountsSchema.extend({ organizationKind: z.string() })),
  lateArrivals: z.array(z.object({ attendeeId: z.string(), fullName: z.string(), endpointName: z.string(), checkedInAt: iso })),
});

export type _AttendanceSchemasAligned = [
  Assert<Aligned<z.output<typeof attendeeSchema>, Attendee>>,
  Assert<Aligned<z.output<typeof rosterImportResultSchema>, RosterImportResult>>,
  Assert<Aligned<z.output<typeof bulkAttendanceResultSchema>, BulkAttendanceResult>>,
  Assert<Aligned<z.output<typeof endpointPresenceSchema>, EndpointPresence>>,
  Assert<Aligned<z.output<typeof endpointWallSchema>, EndpointWall>>,
  Assert<Aligned<z.output<typeof connectionLogEntrySchema>, ConnectionLogEntry>>,
  Assert<Aligned<z.output<typeof rollCallSchema>, RollCall>>,
  Assert<Aligned<z.output<typeof attendanceSummarySchema>, AttendanceSummary>>,
];
