import { z } from 'zod';
import type { FieldError } from './errors';
import { optionalText, text } from './common';

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
  fullName: text(200),
  position: optionalText(300),
  unit: optionalText(300),
  role: attendeeRoleSchema,
  note: optionalText(1000),
};

export const createAttendeeRequestSchema = z
  .object({
    ...attendeeFields,
    position: attendeeFields.position.optional(),
    unit: attendeeFields.unit.optional(),
    role: attendeeRoleSchema.default('delegate'),
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

/** Pasted or uploaded roster: CSV text (comma, semicolon or tab separated, with a header row), or an .xlsx file in base64. */
export const importRosterRequestSchema = z.union([
  z.object({ csv: z.string().min(1).max(700_000) }).strict(),
  z.object({ xlsxBase64: z.base64().min(1).max(900_000) }).strict(),
]);

/** One bad line of an imported roster: a field error (code, params, reason) with its line. */
export type RosterImportRowError = FieldError & {
  /** 1-based line number in the file, header included */
  line: number;
};

export interface RosterImportResult {
  created: Attendee[];
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
    device: z.string().trim().min(1).max(100).default('console'),
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
