import { z } from 'zod';
import type { Attendee, AttendanceAction, AttendeeStatus, RosterImportRowError } from './attendance';
import type { Agenda, Meeting, MeetingAction, MeetingStatus, SchedulingConflict } from './meetings';
import type { MinutesAction, MinutesEntry, MinutesStatus, TaskStatus } from './minutes';
import type { TaskAction } from './tasks';
import type { SpeechStatus } from './speakers';
import type { ReportState, ReportStatus } from './summaries';
import type { PollAction, PollStatus } from './voting';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type None = {};

/**
 * Every error code the server answers, with the parameters it sends along.
 * The web translates by code and fills the translation from the params; the
 * `message` beside them is for developers. A domain exception whose code is
 * not declared here does not compile (DomainException<TCode extends ErrorCode>).
 */
export interface ErrorParams {
  // ---- common (CommonException and the global filter)
  validation_failed: None;
  invalid_json: None;
  payload_too_large: None;
  unauthenticated: None;
  forbidden: None;
  not_found: None;
  rate_limited: { retryAfterSeconds?: number };
  /** a socket event no command of the server answers to (a client of another release, or a typo) */
  unknown_command: { event: string };
  /** a socket payload nested deeper than any command needs (mediasoup's structures are a handful of levels) */
  payload_too_deep: { maxDepth: number };
  server_busy: None;
  internal_error: None;
  /** the body's declared charset (415) */
  unsupported_charset: { charset: string };
  /** the body's Content-Encoding, not one of identity, gzip, deflate, br (415) */
  unsupported_content_encoding: { encoding: string };
  /** the body could not be read: a broken gzip stream, a length that does not match (400) */
  unreadable_body: None;
  /** a unique rule of the stored data (409): the record exists already */
  duplicate_record: None;
  /** the request names a record that does not exist (422) */
  unknown_reference: None;
  /** a rule of the stored data refused the values (422): a check, a required value, a value out of range */
  constraint_violated: None;
  /** PostgreSQL is unreachable or restarting (503, with Retry-After) */
  database_unavailable: { retryAfterSeconds: number };
  /** the job queue dashboard needs Redis (REDIS_URL) */
  queue_dashboard_unavailable: None;

  // ---- auth
  invalid_credentials: None;
  account_disabled: None;
  session_expired: None;
  session_revoked: None;
  wrong_password: None;
  password_reused: None;
  /** shorter than PASSWORD_MIN_LENGTH is a validation error; this one is a common or easily guessed password (400) */
  password_too_weak: None;
  /** an administrator set a temporary password: only changing it is allowed (403) */
  password_change_required: None;
  too_many_attempts: { retryAfterSeconds: number };

  // ---- accounts
  account_not_found: { id: string };
  account_username_taken: { username: string };
  account_organization_not_found: None;
  account_last_admin: None;

  // ---- organizations
  organization_not_found: { id: string };
  organization_parent_not_found: { parentId: string };
  organization_name_taken: None;
  organization_code_taken: { code: string };
  organization_has_children: { children: number };
  organization_in_use: { id: string };
  organization_cycle: { parentId: string };
  organization_stale: None;
  /** an imported commune list with bad lines (every one reported; nothing saved) */
  invalid_commune_list: { rows?: RosterImportRowError[] };
  /** a headcount above the site's capacity, or a capacity below the headcount reported (422) */
  headcount_above_capacity: { capacity: number; total: number };
  /** a headcount for a site that keeps a named roster (409) */
  endpoint_keeps_roster: { endpointId: string };

  // ---- meetings, agenda, endpoints
  meeting_not_found: { meetingId: string };
  meeting_illegal_transition: { status: MeetingStatus; action: MeetingAction };
  meeting_not_editable: { status: MeetingStatus };
  meeting_stale: { currentVersion: number; meeting: Meeting };
  agenda_stale: { currentVersion: number; agenda: Agenda };
  scheduling_conflict: { conflicts: SchedulingConflict[] };
  /** Shared by meetings and minutes: an organization named in the request does not exist. */
  unknown_organization: { organizationId?: string; organizationIds?: string[] };
  unknown_account: { accountIds: string[] };
  /** endpointId absent when an endpoint capability was asked without one */
  endpoint_not_found: { endpointId?: string };
  duplicate_endpoint: { organizationId: string; organizationName: string };
  host_endpoint_exists: None;
  invalid_agenda: None;
  start_in_past: { scheduledStart: string };
  /** no endpoint has this code, or the caller does not operate the one that has it (the same answer, so codes cannot be probed) */
  join_code_not_found: None;

  // ---- attendance
  attendee_not_found: { attendeeId: string };
  attendee_stale: { attendee: Attendee };
  roster_closed: { status: MeetingStatus };
  invalid_roster: { rows?: RosterImportRowError[] };
  not_endpoint_operator: { endpointId?: string };
  tech_check_closed: { status?: MeetingStatus };
  no_open_roll_call: { status?: MeetingStatus };
  roll_call_already_open: None;
  illegal_attendance_change: { status: AttendeeStatus; action: AttendanceAction; attendee: Attendee };

  // ---- speakers
  speech_request_not_found: { requestId?: string; endpointId?: string };
  speaker_list_closed: None;
  meeting_not_live: { status: MeetingStatus };
  too_many_open_requests: { open: number; max: number };
  turn_cap_reached: { used: number; cap: number };
  illegal_speech_request_change: { status: SpeechStatus; action: SpeechRequestAction; requestId: string };
  speaker_not_checked_in: { attendeeId: string; fullName: string; status: AttendeeStatus };
  no_current_speaker: None;
  speaker_queue_empty: None;
  unknown_attendee: None;
  unknown_agenda_item: None;
  not_an_ordinary_request: None;
  speech_already_paused: None;
  speech_not_paused: None;

  // ---- minutes and tasks
  minutes_entry_not_found: { entryId?: string; afterEntryId?: string };
  minutes_entry_stale: { entry: MinutesEntry };
  minutes_not_editable: { status: MinutesStatus };
  minutes_in_review: { status: MinutesStatus };
  minutes_correction_required: { status: MinutesStatus; revision: number };
  minutes_not_published: { status: MinutesStatus };
  minutes_entry_at_edge: { direction: 'up' | 'down' };
  minutes_illegal_transition: { status: MinutesStatus; action: MinutesAction };
  not_meeting_secretary: None;
  deadline_in_the_past: { deadline: string };
  no_finished_turn: None;
  minutes_revision_not_found: { number: number };
  /** Shared by minutes and reports: the meeting has not ended yet. */
  meeting_not_ended: { status: MeetingStatus };
  task_not_found: { taskId: string };
  task_illegal_action: { status: TaskStatus; action: TaskAction };
  task_no_extension_pending: None;
  task_extension_pending: { deadline: string };
  /** the caller's agency is neither the lead nor a co-operating one (nor the assigning side) */
  task_not_participant: { taskId: string };

  // ---- reports
  report_not_ready: { reports: ReportState[] };
  report_not_found: { revision: number };
  report_format_unavailable: { format: 'docx' | 'pdf'; revision: number };
  report_not_failed: { status: ReportStatus };

  // ---- media
  media_disabled: None;
  media_unavailable: None;
  media_not_found: None;
  media_not_owner: None;
  media_floor_held: None;
  media_muted_by_chair: None;
  media_bad_request: None;
  media_room_closed: None;
  media_meeting_not_active: { status: MeetingStatus };
  media_failed: None;
  broadcast_forbidden: { problem: 'missing' | 'malformed' | 'expired' | 'wrong_meeting' | 'not_broadcast' };
  broadcast_not_found: None;

  // ---- voting
  poll_not_found: { pollId: string };
  poll_illegal_transition: { status: PollStatus; action: PollAction };
  poll_not_open: { status: PollStatus };
  poll_not_closed: { status: PollStatus };
  poll_unknown_option: { optionId: string };
  poll_choice_count: { max: number };
  poll_not_voting_member: { attendeeId: string };
  poll_not_checked_in: { attendeeId: string };
  poll_counts_above_present: { present: number; total: number };
  poll_counts_incomplete: { missing: string[] };
  poll_site_already_counted: { endpointId: string };
  /** a site that reports counts cannot also take delegate ballots, and the other way round */
  poll_wrong_mode: { endpointId: string; counts: boolean };
  poll_secret_needs_link: None;
  poll_unknown_site: None;
  ballot_token_invalid: None;

  // ---- hall displays
  /** no display shows this pairing code (never issued, mistyped, or already used) */
  display_code_invalid: None;
  /** the code was right but its 10 minutes are over: the display shows a new one */
  display_code_expired: None;
  display_not_found: { displayId: string };
  display_already_revoked: { displayId: string };

  // ---- meeting documents
  /** no such document in this meeting, or not one the caller may read (existence is not revealed) */
  document_not_found: { documentId: string };
  /** the bytes are not one of the accepted types; `detected` is what they are ('unknown' when nothing matched) */
  document_type_refused: { detected: string };
  /** larger than DOCUMENT_MAX_BYTES: refused as it streamed in, nothing kept */
  document_too_large: { maxBytes: number };
  /** a zip-based document that unpacks too far (a zip bomb) or lacks its format's structure */
  document_archive_refused: { reason: string };
  /** the upload is not a multipart form with its fields and then one file */
  document_upload_malformed: { reason: string };
  /** the version has no PDF to view yet (conversion pending or failed) or never will (an image) */
  document_no_pdf: { documentId: string };
  document_speech_not_prepared: { requestId: string; kind: string };
  document_speech_closed: { requestId: string; status: string };
  // ---- conclusion notice
  /** no notice: the minutes were never published (or not this revision) */
  notice_not_found: { revision: number | null };
  /** the notice of this revision is not generated yet (or its generation failed) */
  notice_not_ready: { status: ReportStatus };
  /** issued notices are frozen: no new wording, no second issue */
  notice_already_issued: { issuedAt: string };
  notice_format_unavailable: { format: 'docx' | 'pdf' };
}

export type ErrorCode = keyof ErrorParams;

/** What the chair or an endpoint tried to do to a request to speak (illegal_speech_request_change). */
export const SPEECH_REQUEST_ACTIONS = ['withdraw', 'approve', 'reject', 'move', 'change_item', 'give_floor', 'skip', 'recall'] as const;
export type SpeechRequestAction = (typeof SPEECH_REQUEST_ACTIONS)[number];

/**
 * The filter's answer to a framework HttpException it has no code for
 * (405, 415, ...): `http_<status>`, translated by its status.
 */
export type HttpFallbackCode = `http_${number}`;
export type ApiErrorCode = ErrorCode | HttpFallbackCode;
export const isHttpFallbackCode = (code: string): code is HttpFallbackCode => /^http_\d{3}$/.test(code);

/** The parameter names of each code, at runtime: ERROR_CODES is its key list, and the web's tests check translations against it. */
export const ERROR_PARAM_NAMES = {
  validation_failed: [],
  invalid_json: [],
  payload_too_large: [],
  unauthenticated: [],
  forbidden: [],
  not_found: [],
  rate_limited: ['retryAfterSeconds'],
  unknown_command: ['event'],
  payload_too_deep: ['maxDepth'],
  server_busy: [],
  internal_error: [],
  unsupported_charset: ['charset'],
  unsupported_content_encoding: ['encoding'],
  unreadable_body: [],
  duplicate_record: [],
  unknown_reference: [],
  constraint_violated: [],
  database_unavailable: ['retryAfterSeconds'],
  queue_dashboard_unavailable: [],
  invalid_credentials: [],
  account_disabled: [],
  session_expired: [],
  session_revoked: [],
  wrong_password: [],
  password_reused: [],
  password_too_weak: [],
  password_change_required: [],
  too_many_attempts: ['retryAfterSeconds'],
  account_not_found: ['id'],
  account_username_taken: ['username'],
  account_organization_not_found: [],
  account_last_admin: [],
  organization_not_found: ['id'],
  organization_parent_not_found: ['parentId'],
  organization_name_taken: [],
  organization_code_taken: ['code'],
  organization_has_children: ['children'],
  organization_in_use: ['id'],
  organization_cycle: ['parentId'],
  organization_stale: [],
  invalid_commune_list: ['rows'],
  headcount_above_capacity: ['capacity', 'total'],
  endpoint_keeps_roster: ['endpointId'],
  meeting_not_found: ['meetingId'],
  meeting_illegal_transition: ['status', 'action'],
  meeting_not_editable: ['status'],
  meeting_stale: ['currentVersion', 'meeting'],
  agenda_stale: ['currentVersion', 'agenda'],
  scheduling_conflict: ['conflicts'],
  unknown_organization: ['organizationId', 'organizationIds'],
  unknown_account: ['accountIds'],
  endpoint_not_found: ['endpointId'],
  duplicate_endpoint: ['organizationId', 'organizationName'],
  host_endpoint_exists: [],
  invalid_agenda: [],
  start_in_past: ['scheduledStart'],
  join_code_not_found: [],
  attendee_not_found: ['attendeeId'],
  attendee_stale: ['attendee'],
  roster_closed: ['status'],
  invalid_roster: ['rows'],
  not_endpoint_operator: ['endpointId'],
  tech_check_closed: ['status'],
  no_open_roll_call: ['status'],
  roll_call_already_open: [],
  illegal_attendance_change: ['status', 'action', 'attendee'],
  speech_request_not_found: ['requestId', 'endpointId'],
  speaker_list_closed: [],
  meeting_not_live: ['status'],
  too_many_open_requests: ['open', 'max'],
  turn_cap_reached: ['used', 'cap'],
  illegal_speech_request_change: ['status', 'action', 'requestId'],
  speaker_not_checked_in: ['attendeeId', 'fullName', 'status'],
  no_current_speaker: [],
  speaker_queue_empty: [],
  unknown_attendee: [],
  unknown_agenda_item: [],
  not_an_ordinary_request: [],
  speech_already_paused: [],
  speech_not_paused: [],
  minutes_entry_not_found: ['entryId', 'afterEntryId'],
  minutes_entry_stale: ['entry'],
  minutes_not_editable: ['status'],
  minutes_in_review: ['status'],
  minutes_correction_required: ['status', 'revision'],
  minutes_not_published: ['status'],
  minutes_entry_at_edge: ['direction'],
  minutes_illegal_transition: ['status', 'action'],
  not_meeting_secretary: [],
  deadline_in_the_past: ['deadline'],
  no_finished_turn: [],
  minutes_revision_not_found: ['number'],
  meeting_not_ended: ['status'],
  task_not_found: ['taskId'],
  task_illegal_action: ['status', 'action'],
  task_no_extension_pending: [],
  task_extension_pending: ['deadline'],
  task_not_participant: ['taskId'],
  report_not_ready: ['reports'],
  report_not_found: ['revision'],
  report_format_unavailable: ['format', 'revision'],
  report_not_failed: ['status'],
  media_disabled: [],
  media_unavailable: [],
  media_not_found: [],
  media_not_owner: [],
  media_floor_held: [],
  media_muted_by_chair: [],
  media_bad_request: [],
  media_room_closed: [],
  media_meeting_not_active: ['status'],
  media_failed: [],
  broadcast_forbidden: ['problem'],
  broadcast_not_found: [],
  poll_not_found: ['pollId'],
  poll_illegal_transition: ['status', 'action'],
  poll_not_open: ['status'],
  poll_not_closed: ['status'],
  poll_unknown_option: ['optionId'],
  poll_choice_count: ['max'],
  poll_not_voting_member: ['attendeeId'],
  poll_not_checked_in: ['attendeeId'],
  poll_counts_above_present: ['present', 'total'],
  poll_counts_incomplete: ['missing'],
  poll_site_already_counted: ['endpointId'],
  poll_wrong_mode: ['endpointId', 'counts'],
  poll_secret_needs_link: [],
  poll_unknown_site: [],
  ballot_token_invalid: [],
  display_code_invalid: [],
  display_code_expired: [],
  display_not_found: ['displayId'],
  display_already_revoked: ['displayId'],
  document_not_found: ['documentId'],
  document_type_refused: ['detected'],
  document_too_large: ['maxBytes'],
  document_archive_refused: ['reason'],
  document_upload_malformed: ['reason'],
  document_no_pdf: ['documentId'],
  document_speech_not_prepared: ['requestId', 'kind'],
  document_speech_closed: ['requestId', 'status'],
  notice_not_found: ['revision'],
  notice_not_ready: ['status'],
  notice_already_issued: ['issuedAt'],
  notice_format_unavailable: ['format'],
} as const satisfies { [C in ErrorCode]: readonly (keyof ErrorParams[C] & string)[] };

type UnlistedParam = { [C in ErrorCode]: Exclude<keyof ErrorParams[C], (typeof ERROR_PARAM_NAMES)[C][number]> }[ErrorCode];
/** Compiles only while ERROR_PARAM_NAMES lists every param of every code. */
export const ERROR_PARAMS_ALL_LISTED: [UnlistedParam] extends [never] ? true : UnlistedParam = true;

export const ERROR_CODES = Object.keys(ERROR_PARAM_NAMES) as ErrorCode[];
export const isErrorCode = (code: string): code is ErrorCode => Object.prototype.hasOwnProperty.call(ERROR_PARAM_NAMES, code);

// ---------- field errors ----------

/**
 * The named checks a schema refine or a service applies to one field. A
 * refine carries its rule as `params: { rule }` (see `fieldRule()`), so the
 * client translates the rule and never shows the English message.
 */
export const FIELD_RULES = [
  'date_time_format',
  'date_format',
  'real_date',
  'text_characters',
  'organization_code_format',
  'username_format',
  'phone_format',
  'end_after_start',
  'at_most_three_days',
  'organization_listed_twice',
  'join_code_format',
  'task_needs_lead',
  'task_needs_text',
  'prepared_needs_topic',
  'point_of_order_needs_category',
  'not_zero',
  'send_needs_endpoint',
  'roster_empty',
  'roster_needs_name_column',
  'roster_no_attendees',
  'attendee_role',
  'fraction_at_most_one',
  'mixed_needs_sites',
  'election_per_delegate',
  'max_choices_above_candidates',
  'option_listed_twice',
  'commune_list_empty',
  'commune_list_needs_columns',
  'unknown_province',
  'duplicate_commune',
  'commune_name_empty',
  'commune_type',
] as const;
export type FieldRule = (typeof FIELD_RULES)[number];

/** The zod refine options of a named rule: the developer message, and the rule as data. */
export const fieldRule = (rule: FieldRule, message: string, path?: string[]) => ({ message, params: { rule }, ...(path ? { path } : {}) });

/**
 * A string pattern as a named rule. zod's .regex() cannot carry params, so the
 * client could not tell one pattern from another; the pattern stays in the JSON
 * Schema (OpenAPI) through .meta.
 */
export const matching = <T extends z.ZodType<string>>(schema: T, re: RegExp, rule: FieldRule, message: string): T =>
  schema.refine((s) => re.test(s), fieldRule(rule, message)).meta({ pattern: re.source });

type Primitive = string | number | boolean | null;

/** What went wrong with one field, and the facts to phrase it. */
export interface FieldErrorParams {
  /** missing, or empty after trimming */
  required: None;
  /** origin: string (length), number, array (items), date, ... */
  too_small: { origin: string; minimum: number | string; inclusive: boolean };
  too_big: { origin: string; maximum: number | string; inclusive: boolean };
  invalid_type: { expected: string };
  /** format: uuid, email, url, datetime, date, regex, ... */
  invalid_format: { format: string };
  /** not one of the allowed values (enum, literal, union) */
  invalid_value: { values: Primitive[] };
  unknown_field: None;
  not_multiple_of: { divisor: number };
  custom: { rule: FieldRule | null };
  // checked by a service against stored data
  /** names a record that does not exist (or not in this meeting) */
  not_found: None;
  /** already used by another record */
  taken: None;
  duplicate: None;
  in_past: None;
  incorrect: None;
  unchanged: None;
  invalid_file: None;
  /** a common or easily guessed password */
  too_weak: None;
}
export type FieldErrorCode = keyof FieldErrorParams;

export const FIELD_ERROR_PARAM_NAMES = {
  required: [],
  too_small: ['origin', 'minimum', 'inclusive'],
  too_big: ['origin', 'maximum', 'inclusive'],
  invalid_type: ['expected'],
  invalid_format: ['format'],
  invalid_value: ['values'],
  unknown_field: [],
  not_multiple_of: ['divisor'],
  custom: ['rule'],
  not_found: [],
  taken: [],
  duplicate: [],
  in_past: [],
  incorrect: [],
  unchanged: [],
  invalid_file: [],
  too_weak: [],
} as const satisfies { [C in FieldErrorCode]: readonly (keyof FieldErrorParams[C] & string)[] };
export const FIELD_ERROR_CODES = Object.keys(FIELD_ERROR_PARAM_NAMES) as FieldErrorCode[];

/** One invalid field of a request, as every 4xx answer names it; `reason` is the developer's English. */
export type FieldError = {
  [C in FieldErrorCode]: { field: string; code: C; params: FieldErrorParams[C]; reason: string };
}[FieldErrorCode];

/** A field error whose code has no params. */
export const fieldError = (field: string, code: { [C in FieldErrorCode]: None extends FieldErrorParams[C] ? C : never }[FieldErrorCode], reason: string): FieldError =>
  ({ field, code, params: {}, reason }) as FieldError;

export const fieldErrorSchema = z.object({
  field: z.string(),
  code: z.enum(FIELD_ERROR_CODES as [FieldErrorCode, ...FieldErrorCode[]]),
  params: z.record(z.string(), z.unknown()),
  reason: z.string(),
});

interface ApiErrorBody<C extends ApiErrorCode, P> {
  statusCode: number;
  code: C;
  /** For developers and logs (English); people see the translation of `code` with `params`. */
  message: string;
  params: P;
  /** @deprecated the same object as `params`, sent when it is not empty; read `params`. Goes away in the next release. */
  details?: Record<string, unknown>;
  fields?: FieldError[];
  correlationId: string;
}

/** The body of every error answer, REST and socket ack alike; narrowing on `code` types `params`. */
export type ApiError = { [C in ErrorCode]: ApiErrorBody<C, ErrorParams[C]> }[ErrorCode] | ApiErrorBody<HttpFallbackCode, None>;

export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.unknown()),
  fields: z.array(fieldErrorSchema).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  correlationId: z.string(),
});
