import { z } from 'zod';
import { inputString, pageSchema } from './common';
import type { Role } from './roles';
import type { EndpointCapability, MeetingCapability } from './policy';
import {
  accountListItemSchema,
  accountViewSchema,
  changePasswordRequestSchema,
  createAccountRequestSchema,
  listAccountsQuerySchema,
  loginRequestSchema,
  loginResponseSchema,
  peopleQuerySchema,
  personSchema,
  resetPasswordRequestSchema,
  updateAccountRequestSchema,
} from './auth';
import { healthReportSchema } from './health';
import { joinByCodeRequestSchema, joinByCodeResultSchema } from './join-codes';
import { broadcastAccessSchema, broadcastFileParamsSchema, broadcastFileQuerySchema } from './broadcast';
import { createOrganizationRequestSchema, importCommunesRequestSchema, importCommunesResultSchema, listOrganizationsQuerySchema, organizationPageSchema, organizationSchema, updateOrganizationRequestSchema } from './organizations';
import {
  addEndpointRequestSchema,
  agendaSchema,
  bulkInviteRequestSchema,
  bulkInviteResultSchema,
  createMeetingRequestSchema,
  listMeetingsQuerySchema,
  meetingEndpointSchema,
  meetingEventsQuerySchema,
  meetingSchema,
  meetingSyncResultSchema,
  meetingTransitionRequestSchema,
  meetingWriteResultSchema,
  myMeetingsSchema,
  putAgendaRequestSchema,
  techCheckStateSchema,
  updateEndpointRequestSchema,
  updateMeetingRequestSchema,
} from './meetings';
import {
  attendanceActionRequestSchema,
  attendanceSummarySchema,
  bulkAttendanceRequestSchema,
  bulkAttendanceResultSchema,
  attendeeSchema,
  connectionLogEntrySchema,
  connectionLogQuerySchema,
  createAttendeeRequestSchema,
  endpointPresenceSchema,
  endpointReadyRequestSchema,
  endpointWallSchema,
  importRosterRequestSchema,
  rollCallResponseRequestSchema,
  rollCallSchema,
  rosterImportResultSchema,
  techCheckRequestSchema,
  updateAttendeeRequestSchema,
} from './attendance';
import {
  addTimeSchema,
  changeAgendaItemSchema,
  createSpeechRequestSchema,
  endpointTimeSchema,
  extendFloorSchema,
  giveFloorSchema,
  moveSpeechRequestSchema,
  rejectSpeechRequestSchema,
  speakerSettingsResponseSchema,
  speakerSettingsSchema,
  speakersStateSchema,
  speakerTurnSchema,
  speechRequestSchema,
} from './speakers';
import {
  assignedTaskSchema,
  createMinutesEntrySchema,
  entryHistoryQuerySchema,
  listTasksQuerySchema,
  minutesDiffEntrySchema,
  minutesEntrySchema,
  minutesEntryVersionSchema,
  minutesRevisionSchema,
  minutesRevisionSummarySchema,
  minutesStateSchema,
  minutesTransitionSchema,
  moveMinutesEntrySchema,
  startCorrectionSchema,
  speechRecordRequestSchema,
  updateMinutesEntrySchema,
  exportTasksQuerySchema,
} from './minutes';
import {
  ballotQuerySchema,
  ballotSlipSchema,
  ballotSlipsRequestSchema,
  ballotViewSchema,
  castBallotRequestSchema,
  createPollRequestSchema,
  pollBallotsSchema,
  pollSchema,
  pollTransitionRequestSchema,
  recordVoteRequestSchema,
  siteCountRequestSchema,
  voteReceiptSchema,
} from './voting';
import { displayPairingSchema, displayStatusRequestSchema, displayStatusSchema, displayViewSchema, pairDisplayRequestSchema } from './display';
import { listNotificationsQuerySchema, markNotificationsReadSchema, notificationPageSchema, notificationPreferencesResponseSchema, notificationPreferencesSchema, unreadCountSchema } from './notifications';
import { taskActionRequestSchema, taskDashboardSchema, taskDetailSchema, taskParamsSchema } from './tasks';
import { meetingSummarySchema, reportQuerySchema, reportStateSchema, retryReportRequestSchema } from './summaries';
import { assignOperatorsRequestSchema, childSitesSchema, headcountRequestSchema, siteSettingsRequestSchema, sitesRollupSchema } from './sites';
import { documentDownloadQuerySchema, documentReadSchema, documentSearchHitSchema, documentSearchQuerySchema, meetingDocumentSchema } from './documents';
import { noticeQuerySchema, noticeStateSchema, noticeWordingSchema } from './notices';

/**
 * The REST route map: every route of the api once, with the schemas of its
 * params, query, body and response, its success status and who may call it.
 * The api's controllers bind to it by name (`@ApiRoute('meetings.get')`), the
 * OpenAPI document is generated from it, and the one typed client
 * (`./client.ts`) that the web app, tests, bench and seed scripts use is built
 * from it, so a path or a payload cannot drift between them.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route.
 * - `public`: no access token;
 * - `signed_in`: any account; the service scopes what it answers;
 * - `{ roles }`: one of these roles in some organization (the service checks the organization's scope);
 * - `{ meeting }`: this capability in the meeting `:id` (libs/contracts/src/policy.ts); a list means
 *   "one of them, chosen by the body's action" (transitions), the service picks which;
 * - `{ endpoint }`: this capability for the endpoint the request names (`:endpointId` or the body's
 *   `endpointId`, or the endpoint of the speech request it acts on).
 */
export type RouteAuth =
  | 'public'
  | 'signed_in'
  | { roles: readonly Role[] }
  | { meeting: MeetingCapability | readonly MeetingCapability[] }
  | { endpoint: EndpointCapability };

/** A response that is a file, not JSON. */
export interface FileResponse {
  file: string;
}

export interface RouteDef {
  method: HttpMethod;
  /** the full path, Express style: '/api/meetings/:id/agenda' */
  path: `/api/${string}`;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** the JSON answer's schema, a file, or null for 204 */
  response: z.ZodType | FileResponse | null;
  status: 200 | 201 | 202 | 204;
  summary: string;
  tag: string;
  auth: RouteAuth;
  /** further statuses that are not errors (health answers 503 with the same body) */
  alsoAnswers?: readonly number[];
}

const uuid = z.uuid({ message: 'must be a UUID' });
const int = z.coerce.number({ message: 'must be a number' }).int().min(0);
const idParams = z.object({ id: uuid });
const endpointParams = z.object({ id: uuid, endpointId: uuid });
const attendeeParams = z.object({ id: uuid, endpointId: uuid, attendeeId: uuid });
const requestParams = z.object({ id: uuid, requestId: uuid });
const entryParams = z.object({ id: uuid, entryId: uuid });
const pollParams = z.object({ id: uuid, pollId: uuid });
const displayParams = z.object({ id: uuid, displayId: uuid });
const documentParams = z.object({ id: uuid, documentId: uuid });
const endpointFilterQuery = z.object({ endpointId: z.uuid().optional() }).strict();
const feedQuery = z.object({ token: inputString().max(100).optional() }).strict();
const icsFileParams = z.object({ file: z.string().regex(/^[0-9a-f-]{36}\.ics$/, 'must be <organization id>.ics') });
const urlSchema = z.object({ url: z.string() });

const ICS = { file: 'text/calendar' } as const;
const PUBLIC = 'public' as const;
const SIGNED_IN = 'signed_in' as const;
const ADMIN = { roles: ['admin'] } as const satisfies RouteAuth;
const ORGANIZER = { roles: ['organizer', 'admin'] } as const satisfies RouteAuth;
const can = <C extends MeetingCapability>(meeting: C) => ({ meeting }) as const;
const VIEW = can('meeting.view');
const forEndpoint = <C extends EndpointCapability>(endpoint: C) => ({ endpoint }) as const;

const route = <const D extends RouteDef>(def: D): D => def;

export const ROUTES = {
  // ---- auth ----
  'auth.login': route({ method: 'POST', path: '/api/auth/login', body: loginRequestSchema, response: loginResponseSchema, status: 200, tag: 'auth', auth: PUBLIC, summary: 'Sign in: an access token in the body, the refresh token as an httpOnly cookie' }),
  'auth.refresh': route({ method: 'POST', path: '/api/auth/refresh', response: loginResponseSchema, status: 200, tag: 'auth', auth: PUBLIC, summary: 'A new access token from the refresh cookie (rotated)' }),
  'auth.logout': route({ method: 'POST', path: '/api/auth/logout', response: null, status: 204, tag: 'auth', auth: SIGNED_IN, summary: 'Ends the session and clears the refresh cookie' }),
  'auth.changePassword': route({ method: 'POST', path: '/api/auth/password', body: changePasswordRequestSchema, response: null, status: 204, tag: 'auth', auth: SIGNED_IN, summary: 'Changes the caller’s password; other sessions end' }),
  'health.check': route({ method: 'GET', path: '/api/health', response: healthReportSchema, status: 200, alsoAnswers: [503], tag: 'health', auth: PUBLIC, summary: '200 when every configured component answers, 503 (same body) otherwise' }),

  // ---- accounts ----
  'accounts.me': route({ method: 'GET', path: '/api/me', response: accountViewSchema, status: 200, tag: 'accounts', auth: SIGNED_IN, summary: 'The signed-in account' }),
  'accounts.people': route({ method: 'GET', path: '/api/people', query: peopleQuerySchema, response: z.array(personSchema), status: 200, tag: 'accounts', auth: ORGANIZER, summary: 'Active accounts to name as chair, secretary or operator: a bare list of at most `limit` best matches' }),
  'accounts.list': route({ method: 'GET', path: '/api/accounts', query: listAccountsQuerySchema, response: pageSchema(accountListItemSchema), status: 200, tag: 'accounts', auth: ADMIN, summary: 'Accounts the administrator manages, paged, filtered by organization and role, sorted by name, organization or last sign-in' }),
  'accounts.create': route({ method: 'POST', path: '/api/accounts', body: createAccountRequestSchema, response: accountViewSchema, status: 201, tag: 'accounts', auth: ADMIN, summary: 'Creates an account with its roles' }),
  'accounts.update': route({ method: 'PATCH', path: '/api/accounts/:id', params: idParams, body: updateAccountRequestSchema, response: accountViewSchema, status: 200, tag: 'accounts', auth: ADMIN, summary: 'Changes an account, its roles, or disables it' }),
  'accounts.resetPassword': route({ method: 'POST', path: '/api/accounts/:id/password', params: idParams, body: resetPasswordRequestSchema, response: null, status: 204, tag: 'accounts', auth: ADMIN, summary: 'Sets a temporary password the account must change at its next sign-in; its sessions end' }),

  // ---- organizations ----
  'organizations.list': route({ method: 'GET', path: '/api/organizations', query: listOrganizationsQuerySchema, response: organizationPageSchema, status: 200, tag: 'organizations', auth: SIGNED_IN, summary: 'Organizations, searchable, paged, in Vietnamese order' }),
  'organizations.get': route({ method: 'GET', path: '/api/organizations/:id', params: idParams, response: organizationSchema, status: 200, tag: 'organizations', auth: SIGNED_IN, summary: 'One organization' }),
  'organizations.create': route({ method: 'POST', path: '/api/organizations', body: createOrganizationRequestSchema, response: organizationSchema, status: 201, tag: 'organizations', auth: ADMIN, summary: 'Creates an organization' }),
  'organizations.update': route({ method: 'PATCH', path: '/api/organizations/:id', params: idParams, body: updateOrganizationRequestSchema, response: organizationSchema, status: 200, tag: 'organizations', auth: ADMIN, summary: 'Changes an organization' }),
  'organizations.remove': route({ method: 'DELETE', path: '/api/organizations/:id', params: idParams, response: null, status: 204, tag: 'organizations', auth: ADMIN, summary: 'Removes an organization nothing refers to' }),
  'calendar.feedUrl': route({ method: 'GET', path: '/api/organizations/:id/calendar-feed', params: idParams, response: urlSchema, status: 200, tag: 'calendar', auth: SIGNED_IN, summary: 'The subscribable calendar feed’s address, for the organization’s members and those above it' }),
  'calendar.feed': route({ method: 'GET', path: '/api/calendar/organizations/:file', params: icsFileParams, query: feedQuery, response: ICS, status: 200, tag: 'calendar', auth: PUBLIC, summary: 'The organization’s iCalendar feed: public, but only with its secret token' }),

  // ---- meetings ----
  'meetings.list': route({ method: 'GET', path: '/api/meetings', query: listMeetingsQuerySchema, response: pageSchema(meetingSchema), status: 200, tag: 'meetings', auth: SIGNED_IN, summary: 'Meetings the caller may see, paged' }),
  'meetings.mine': route({ method: 'GET', path: '/api/meetings/mine', response: myMeetingsSchema, status: 200, tag: 'meetings', auth: SIGNED_IN, summary: 'The caller’s meetings by role (bare lists of the upcoming and live ones)' }),
  'meetings.create': route({ method: 'POST', path: '/api/meetings', body: createMeetingRequestSchema, response: meetingWriteResultSchema, status: 201, tag: 'meetings', auth: ORGANIZER, summary: 'Creates a draft meeting' }),
  'meetings.get': route({ method: 'GET', path: '/api/meetings/:id', params: idParams, response: meetingSchema, status: 200, tag: 'meetings', auth: VIEW, summary: 'One meeting' }),
  'meetings.update': route({ method: 'PATCH', path: '/api/meetings/:id', params: idParams, body: updateMeetingRequestSchema, response: meetingWriteResultSchema, status: 200, tag: 'meetings', auth: can('meeting.edit'), summary: 'Changes title, times, chair, secretaries or visibility (version checked)' }),
  'meetings.transition': route({ method: 'POST', path: '/api/meetings/:id/transitions', params: idParams, body: meetingTransitionRequestSchema, response: meetingWriteResultSchema, status: 200, tag: 'meetings', auth: { meeting: ['meeting.schedule', 'meeting.run', 'minutes.publish'] }, summary: 'schedule, postpone, cancel (meeting.schedule); start, end (meeting.run); publish_minutes (minutes.publish)' }),
  'meetings.events': route({ method: 'GET', path: '/api/meetings/:id/events', params: idParams, query: meetingEventsQuerySchema, response: meetingSyncResultSchema, status: 200, tag: 'meetings', auth: VIEW, summary: 'What a client missed after `after`: at most `limit` events in seq order (hasMore: ask again from the last seq), or a snapshot when there is no `after` or the gap is too large' }),
  'agenda.get': route({ method: 'GET', path: '/api/meetings/:id/agenda', params: idParams, response: agendaSchema, status: 200, tag: 'meetings', auth: VIEW, summary: 'The agenda with its planned times' }),
  'agenda.put': route({ method: 'PUT', path: '/api/meetings/:id/agenda', params: idParams, body: putAgendaRequestSchema, response: agendaSchema, status: 200, tag: 'meetings', auth: can('agenda.edit'), summary: 'Replaces the whole agenda in its new order (version checked)' }),
  'endpoints.list': route({ method: 'GET', path: '/api/meetings/:id/endpoints', params: idParams, response: z.array(meetingEndpointSchema), status: 200, tag: 'meetings', auth: VIEW, summary: 'Every endpoint of the meeting (a bare list: the meeting’s whole set, as in its snapshot)' }),
  'endpoints.add': route({ method: 'POST', path: '/api/meetings/:id/endpoints', params: idParams, body: addEndpointRequestSchema, response: meetingEndpointSchema, status: 201, tag: 'meetings', auth: can('endpoints.manage'), summary: 'Invites one endpoint' }),
  'endpoints.bulkInvite': route({ method: 'POST', path: '/api/meetings/:id/endpoints/bulk', params: idParams, body: bulkInviteRequestSchema, response: bulkInviteResultSchema, status: 201, tag: 'meetings', auth: can('endpoints.manage'), summary: 'Invites many endpoints: all provinces, a list, or the bodies under one' }),
  'endpoints.update': route({ method: 'PATCH', path: '/api/meetings/:id/endpoints/:endpointId', params: endpointParams, body: updateEndpointRequestSchema, response: meetingEndpointSchema, status: 200, tag: 'meetings', auth: can('endpoints.manage'), summary: 'Changes an endpoint’s location, contact or operators' }),
  'endpoints.remove': route({ method: 'DELETE', path: '/api/meetings/:id/endpoints/:endpointId', params: endpointParams, response: null, status: 204, tag: 'meetings', auth: can('endpoints.manage'), summary: 'Removes an endpoint from the meeting' }),
  'calendar.meeting': route({ method: 'GET', path: '/api/meetings/:id/calendar.ics', params: idParams, response: ICS, status: 200, tag: 'calendar', auth: VIEW, summary: 'The meeting’s invitation as iCalendar' }),
  'calendar.endpoint': route({ method: 'GET', path: '/api/meetings/:id/endpoints/:endpointId/calendar.ics', params: endpointParams, response: ICS, status: 200, tag: 'calendar', auth: VIEW, summary: 'An endpoint’s invitation as iCalendar (with its join code and location)' }),
  'joinCodes.resolve': route({ method: 'POST', path: '/api/join-codes', body: joinByCodeRequestSchema, response: joinByCodeResultSchema, status: 200, tag: 'meetings', auth: SIGNED_IN, summary: 'Where an endpoint’s join code leads its operator: that endpoint’s console (404 join_code_not_found for a wrong code or someone else’s endpoint)' }),

  // ---- attendance ----
  'attendees.list': route({ method: 'GET', path: '/api/meetings/:id/attendees', params: idParams, query: endpointFilterQuery, response: z.array(attendeeSchema), status: 200, tag: 'attendance', auth: VIEW, summary: 'The roster, of one endpoint or all (a bare list: the meeting’s whole roster, as in its snapshot)' }),
  'attendees.create': route({ method: 'POST', path: '/api/meetings/:id/endpoints/:endpointId/attendees', params: endpointParams, body: createAttendeeRequestSchema, response: attendeeSchema, status: 201, tag: 'attendance', auth: forEndpoint('roster.edit'), summary: 'Adds an attendee (a walk-in is checked in at once)' }),
  'attendees.import': route({ method: 'POST', path: '/api/meetings/:id/endpoints/:endpointId/attendees/import', params: endpointParams, body: importRosterRequestSchema, response: rosterImportResultSchema, status: 201, tag: 'attendance', auth: forEndpoint('roster.edit'), summary: 'Imports a roster from CSV or .xlsx: every row valid, or nothing saved' }),
  'attendees.update': route({ method: 'PATCH', path: '/api/meetings/:id/endpoints/:endpointId/attendees/:attendeeId', params: attendeeParams, body: updateAttendeeRequestSchema, response: attendeeSchema, status: 200, tag: 'attendance', auth: forEndpoint('roster.edit'), summary: 'Changes an attendee (version checked)' }),
  'attendees.act': route({ method: 'POST', path: '/api/meetings/:id/endpoints/:endpointId/attendees/:attendeeId/attendance', params: attendeeParams, body: attendanceActionRequestSchema, response: attendeeSchema, status: 200, tag: 'attendance', auth: forEndpoint('roster.edit'), summary: 'Checks an attendee in or out, excuses, marks absent or resets' }),
  'attendees.bulkAct': route({ method: 'POST', path: '/api/meetings/:id/endpoints/:endpointId/attendees/attendance', params: endpointParams, body: bulkAttendanceRequestSchema, response: bulkAttendanceResultSchema, status: 200, tag: 'attendance', auth: forEndpoint('roster.edit'), summary: 'One attendance action (e.g. check-in) for several attendees of the endpoint at once; those it makes no sense for are left as they are' }),
  'attendees.remove': route({ method: 'DELETE', path: '/api/meetings/:id/endpoints/:endpointId/attendees/:attendeeId', params: attendeeParams, response: null, status: 204, tag: 'attendance', auth: forEndpoint('roster.edit'), summary: 'Removes an attendee' }),
  'attendance.wall': route({ method: 'GET', path: '/api/meetings/:id/wall', params: idParams, response: endpointWallSchema, status: 200, tag: 'attendance', auth: VIEW, summary: 'The presence wall: which endpoints are connected, ready, missing' }),
  'attendance.connectionLog': route({ method: 'GET', path: '/api/meetings/:id/connection-log', params: idParams, query: connectionLogQuerySchema, response: pageSchema(connectionLogEntrySchema), status: 200, tag: 'attendance', auth: VIEW, summary: 'Joins, leaves, reconnects and timeouts of the endpoints’ consoles, oldest first, paged' }),
  'attendance.summary': route({ method: 'GET', path: '/api/meetings/:id/attendance', params: idParams, response: attendanceSummarySchema, status: 200, tag: 'attendance', auth: VIEW, summary: 'Attendance counts by endpoint and by kind of organization, late arrivals' }),
  'attendance.exportCsv': route({ method: 'GET', path: '/api/meetings/:id/attendance/export.csv', params: idParams, response: { file: 'text/csv' }, status: 200, tag: 'attendance', auth: VIEW, summary: 'The roster with attendance as CSV (formulas neutralized)' }),
  'attendance.exportXlsx': route({ method: 'GET', path: '/api/meetings/:id/attendance/export.xlsx', params: idParams, response: { file: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, status: 200, tag: 'attendance', auth: VIEW, summary: 'The roster with attendance as .xlsx' }),
  'attendance.techCheck': route({ method: 'POST', path: '/api/meetings/:id/tech-check', params: idParams, body: techCheckRequestSchema, response: techCheckStateSchema, status: 200, tag: 'attendance', auth: can('techcheck.open'), summary: 'Opens (clearing earlier confirmations) or closes the technical check' }),
  'attendance.ready': route({ method: 'POST', path: '/api/meetings/:id/endpoints/:endpointId/ready', params: endpointParams, body: endpointReadyRequestSchema, response: endpointPresenceSchema, status: 200, tag: 'attendance', auth: forEndpoint('presence.report'), summary: 'An endpoint confirms it is ready for the technical check, or withdraws that' }),
  'rollCalls.current': route({ method: 'GET', path: '/api/meetings/:id/roll-calls/current', params: idParams, response: rollCallSchema.nullable(), status: 200, tag: 'attendance', auth: VIEW, summary: 'The newest roll call, or null' }),
  'rollCalls.start': route({ method: 'POST', path: '/api/meetings/:id/roll-calls', params: idParams, response: rollCallSchema, status: 201, tag: 'attendance', auth: can('rollcall.run'), summary: 'Starts a roll call of the endpoints' }),
  'rollCalls.respond': route({ method: 'POST', path: '/api/meetings/:id/roll-calls/current/responses', params: idParams, body: rollCallResponseRequestSchema, response: rollCallSchema, status: 200, tag: 'attendance', auth: forEndpoint('presence.report'), summary: 'An endpoint answers the roll call with the number present' }),
  'rollCalls.close': route({ method: 'POST', path: '/api/meetings/:id/roll-calls/current/close', params: idParams, response: rollCallSchema, status: 200, tag: 'attendance', auth: can('rollcall.run'), summary: 'Closes the roll call' }),

  // ---- speakers ----
  'speakers.state': route({ method: 'GET', path: '/api/meetings/:id/speakers', params: idParams, response: speakersStateSchema, status: 200, tag: 'speakers', auth: VIEW, summary: 'The list of speakers: settings, requests, turns, added time' }),
  'speakers.settings': route({ method: 'PATCH', path: '/api/meetings/:id/speakers/settings', params: idParams, body: speakerSettingsSchema, response: speakerSettingsResponseSchema, status: 200, tag: 'speakers', auth: can('queue.moderate'), summary: 'Opens or closes the list, sets limits, budgets and the default time' }),
  'speakers.request': route({ method: 'POST', path: '/api/meetings/:id/speech-requests', params: idParams, body: createSpeechRequestSchema, response: speechRequestSchema, status: 201, tag: 'speakers', auth: forEndpoint('queue.request'), summary: 'An endpoint asks the floor for one of its attendees' }),
  'speakers.withdraw': route({ method: 'POST', path: '/api/meetings/:id/speech-requests/:requestId/withdraw', params: requestParams, response: speechRequestSchema, status: 200, tag: 'speakers', auth: forEndpoint('queue.request'), summary: 'The endpoint withdraws its request' }),
  'speakers.approve': route({ method: 'POST', path: '/api/meetings/:id/speech-requests/:requestId/approve', params: requestParams, response: speechRequestSchema, status: 200, tag: 'speakers', auth: { meeting: ['queue.moderate', 'queue.approve_prepared'] }, summary: 'Approves a request into the queue (prepared contributions: the secretariat too)' }),
  'speakers.reject': route({ method: 'POST', path: '/api/meetings/:id/speech-requests/:requestId/reject', params: requestParams, body: rejectSpeechRequestSchema, response: speechRequestSchema, status: 200, tag: 'speakers', auth: { meeting: ['queue.moderate', 'queue.approve_prepared'] }, summary: 'Rejects a request with a reason (prepared contributions: the secretariat too)' }),
  'speakers.move': route({ method: 'POST', path: '/api/meetings/:id/speech-requests/:requestId/move', params: requestParams, body: moveSpeechRequestSchema, response: z.array(speechRequestSchema), status: 200, tag: 'speakers', auth: can('queue.moderate'), summary: 'Moves a request in the queue; answers the requests whose position changed (a bare list)' }),
  'speakers.changeAgendaItem': route({ method: 'POST', path: '/api/meetings/:id/speech-requests/:requestId/agenda-item', params: requestParams, body: changeAgendaItemSchema, response: speechRequestSchema, status: 200, tag: 'speakers', auth: can('queue.moderate'), summary: 'Moves a request to another agenda item' }),
  'speakers.skip': route({ method: 'POST', path: '/api/meetings/:id/speech-requests/:requestId/skip', params: requestParams, response: speechRequestSchema, status: 200, tag: 'speakers', auth: can('queue.moderate'), summary: 'Skips a queued request (it can be recalled)' }),
  'speakers.recall': route({ method: 'POST', path: '/api/meetings/:id/speech-requests/:requestId/recall', params: requestParams, response: speechRequestSchema, status: 200, tag: 'speakers', auth: can('queue.moderate'), summary: 'Puts a skipped request back in the queue' }),
  'speakers.giveFloor': route({ method: 'POST', path: '/api/meetings/:id/floor', params: idParams, body: giveFloorSchema, response: speakerTurnSchema, status: 200, tag: 'speakers', auth: can('queue.moderate'), summary: 'Gives the floor to the next speaker in order, or to the one named; a running speech ends first' }),
  'speakers.extend': route({ method: 'POST', path: '/api/meetings/:id/floor/extend', params: idParams, body: extendFloorSchema, response: speakerTurnSchema, status: 200, tag: 'speakers', auth: can('queue.moderate'), summary: 'Adds time to the running speech' }),
  'speakers.pause': route({ method: 'POST', path: '/api/meetings/:id/floor/pause', params: idParams, response: speakerTurnSchema, status: 200, tag: 'speakers', auth: can('queue.moderate'), summary: 'Pauses the running speech’s countdown (the time left is kept)' }),
  'speakers.resume': route({ method: 'POST', path: '/api/meetings/:id/floor/resume', params: idParams, response: speakerTurnSchema, status: 200, tag: 'speakers', auth: can('queue.moderate'), summary: 'Resumes the paused countdown from the time it had left' }),
  'speakers.endSpeech': route({ method: 'POST', path: '/api/meetings/:id/floor/end', params: idParams, response: speakerTurnSchema, status: 200, tag: 'speakers', auth: can('queue.moderate'), summary: 'Ends the running speech' }),
  'speakers.addTime': route({ method: 'POST', path: '/api/meetings/:id/endpoints/:endpointId/speaking-time', params: endpointParams, body: addTimeSchema, response: endpointTimeSchema, status: 200, tag: 'speakers', auth: can('queue.moderate'), summary: 'Adds (or takes) seconds to an endpoint’s speaking-time budget' }),

  // ---- minutes ----
  'minutes.state': route({ method: 'GET', path: '/api/meetings/:id/minutes', params: idParams, response: minutesStateSchema, status: 200, tag: 'minutes', auth: VIEW, summary: 'The minutes: status, revision, entries' }),
  'minutes.addEntry': route({ method: 'POST', path: '/api/meetings/:id/minutes/entries', params: idParams, body: createMinutesEntrySchema, response: minutesEntrySchema, status: 201, tag: 'minutes', auth: can('minutes.edit'), summary: 'Adds a heading, note, conclusion or task' }),
  'minutes.addSpeechRecord': route({ method: 'POST', path: '/api/meetings/:id/minutes/speech-records', params: idParams, body: speechRecordRequestSchema, response: minutesEntrySchema, status: 201, tag: 'minutes', auth: can('minutes.edit'), summary: 'Records a finished speech (the newest one, or the turn named)' }),
  'minutes.updateEntry': route({ method: 'PATCH', path: '/api/meetings/:id/minutes/entries/:entryId', params: entryParams, body: updateMinutesEntrySchema, response: minutesEntrySchema, status: 200, tag: 'minutes', auth: can('minutes.edit'), summary: 'Changes an entry (version checked: two secretaries never overwrite each other)' }),
  'minutes.removeEntry': route({ method: 'DELETE', path: '/api/meetings/:id/minutes/entries/:entryId', params: entryParams, response: null, status: 204, tag: 'minutes', auth: can('minutes.edit'), summary: 'Removes an entry' }),
  'minutes.moveEntry': route({ method: 'POST', path: '/api/meetings/:id/minutes/entries/:entryId/move', params: entryParams, body: moveMinutesEntrySchema, response: minutesEntrySchema, status: 200, tag: 'minutes', auth: can('minutes.edit'), summary: 'Moves an entry one place up or down (409 at the edge)' }),
  'minutes.startCorrection': route({ method: 'POST', path: '/api/meetings/:id/minutes/corrections', params: idParams, body: startCorrectionSchema, response: minutesStateSchema, status: 201, tag: 'minutes', auth: can('minutes.edit'), summary: 'Starts a correction of published minutes, with its reason (recorded with who and when)' }),
  'minutes.history': route({ method: 'GET', path: '/api/meetings/:id/minutes/entries/:entryId/history', params: entryParams, query: entryHistoryQuerySchema, response: pageSchema(minutesEntryVersionSchema), status: 200, tag: 'minutes', auth: VIEW, summary: 'Every saved version of an entry, oldest first, paged' }),
  'minutes.transition': route({ method: 'POST', path: '/api/meetings/:id/minutes/transitions', params: idParams, body: minutesTransitionSchema, response: minutesStateSchema, status: 200, tag: 'minutes', auth: { meeting: ['minutes.submit', 'minutes.approve', 'minutes.reopen', 'minutes.publish'] }, summary: 'submit, approve, reopen or publish the minutes (each its own capability)' }),
  'minutes.revisions': route({ method: 'GET', path: '/api/meetings/:id/minutes/revisions', params: idParams, response: z.array(minutesRevisionSummarySchema), status: 200, tag: 'minutes', auth: VIEW, summary: 'The published revisions, newest first (a bare list: one per publication)' }),
  'minutes.revision': route({ method: 'GET', path: '/api/meetings/:id/minutes/revisions/:number', params: z.object({ id: uuid, number: int }), response: minutesRevisionSchema, status: 200, tag: 'minutes', auth: VIEW, summary: 'One published revision, immutable' }),
  'minutes.diff': route({ method: 'GET', path: '/api/meetings/:id/minutes/revisions/:from/diff/:to', params: z.object({ id: uuid, from: int, to: int }), response: z.array(minutesDiffEntrySchema), status: 200, tag: 'minutes', auth: VIEW, summary: 'What changed between two revisions, entry by entry (a bare list: one per entry)' }),
  'tasks.list': route({ method: 'GET', path: '/api/tasks', query: listTasksQuerySchema, response: pageSchema(assignedTaskSchema), status: 200, tag: 'tasks', auth: SIGNED_IN, summary: 'Tasks the caller’s organizations lead or co-operate on, by deadline, paged' }),
  'tasks.exportXlsx': route({ method: 'GET', path: '/api/tasks/export.xlsx', query: exportTasksQuerySchema, response: { file: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, status: 200, tag: 'tasks', auth: SIGNED_IN, summary: 'The filtered register as .xlsx (every text cell neutralized)' }),
  'tasks.dashboard': route({ method: 'GET', path: '/api/tasks/dashboard', response: taskDashboardSchema, status: 200, tag: 'tasks', auth: SIGNED_IN, summary: 'Per lead agency the caller sees: assigned, open, overdue, done on time and late; with totals across them' }),
  'tasks.get': route({ method: 'GET', path: '/api/tasks/:taskId', params: taskParamsSchema, response: taskDetailSchema, status: 200, tag: 'tasks', auth: SIGNED_IN, summary: 'A task with its history (who, what, when) and the actions the caller may take' }),
  'tasks.act': route({ method: 'POST', path: '/api/tasks/:taskId/actions', params: taskParamsSchema, body: taskActionRequestSchema, response: taskDetailSchema, status: 200, tag: 'tasks', auth: SIGNED_IN, summary: 'Progress reports, contributions, extension requests and decisions, acceptance, withdrawal: the task policy, then its lifecycle' }),

  // ---- voting ----
  'polls.list': route({ method: 'GET', path: '/api/meetings/:id/polls', params: idParams, response: z.array(pollSchema), status: 200, tag: 'voting', auth: VIEW, summary: 'The meeting’s polls, oldest first, with turnout and (once closed) results (a bare list: the meeting’s whole set, as in its snapshot)' }),
  'polls.create': route({ method: 'POST', path: '/api/meetings/:id/polls', params: idParams, body: createPollRequestSchema, response: pollSchema, status: 201, tag: 'voting', auth: can('poll.manage'), summary: 'Prepares a poll: question, choices, named or secret, per delegate / per site / mixed, majority rule and quorum' }),
  'polls.get': route({ method: 'GET', path: '/api/meetings/:id/polls/:pollId', params: pollParams, response: pollSchema, status: 200, tag: 'voting', auth: VIEW, summary: 'One poll' }),
  'polls.transition': route({ method: 'POST', path: '/api/meetings/:id/polls/:pollId/transitions', params: pollParams, body: pollTransitionRequestSchema, response: pollSchema, status: 200, tag: 'voting', auth: can('poll.manage'), summary: 'open (fixes members and those checked in), close (counts exactly the ballots committed before), publish, cancel with a reason' }),
  'polls.recordVote': route({ method: 'POST', path: '/api/meetings/:id/polls/:pollId/votes', params: pollParams, body: recordVoteRequestSchema, response: voteReceiptSchema, status: 200, tag: 'voting', auth: forEndpoint('poll.count'), summary: 'The operator records the vote of a named attendee of its site (named polls); a later vote replaces it' }),
  'polls.siteCount': route({ method: 'POST', path: '/api/meetings/:id/polls/:pollId/site-counts', params: pollParams, body: siteCountRequestSchema, response: pollSchema, status: 201, tag: 'voting', auth: forEndpoint('poll.count'), summary: 'The operator enters the room’s show of hands: a count per option, at most the members checked in, once' }),
  'polls.ballots': route({ method: 'GET', path: '/api/meetings/:id/polls/:pollId/ballots', params: pollParams, response: pollBallotsSchema, status: 200, tag: 'voting', auth: VIEW, summary: 'A closed poll’s canonical ballot list and its SHA-256, recomputed from the stored ballots' }),
  'polls.exportCsv': route({ method: 'GET', path: '/api/meetings/:id/polls/:pollId/result.csv', params: pollParams, response: { file: 'text/csv' }, status: 200, tag: 'voting', auth: VIEW, summary: 'A closed poll’s result (counts, shares, outcome, digest, named votes) as CSV (formulas neutralized)' }),
  'polls.exportXlsx': route({ method: 'GET', path: '/api/meetings/:id/polls/:pollId/result.xlsx', params: pollParams, response: { file: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, status: 200, tag: 'voting', auth: VIEW, summary: 'A closed poll’s result as .xlsx' }),
  'polls.slips': route({ method: 'POST', path: '/api/meetings/:id/endpoints/:endpointId/ballot-slips', params: endpointParams, body: ballotSlipsRequestSchema, response: z.array(ballotSlipSchema), status: 201, tag: 'voting', auth: forEndpoint('poll.count'), summary: 'New personal voting links for the site’s voting members (each earlier link stops working); a bare list, one per slip' }),
  'ballot.view': route({ method: 'GET', path: '/api/ballot', query: ballotQuerySchema, response: ballotViewSchema, status: 200, tag: 'voting', auth: PUBLIC, summary: 'The delegate’s phone: who the link belongs to and the polls it may vote in (public, with the link’s token)' }),
  'ballot.cast': route({ method: 'POST', path: '/api/ballot/votes', body: castBallotRequestSchema, response: voteReceiptSchema, status: 200, tag: 'voting', auth: PUBLIC, summary: 'A delegate votes with the link’s token; a second vote replaces the first until the poll closes' }),

  // ---- hall displays ----
  'displays.startPairing': route({ method: 'POST', path: '/api/displays/pairings', response: displayPairingSchema, status: 201, tag: 'displays', auth: PUBLIC, summary: 'A hall display asks to be paired: a 6-character code to show (10 minutes) and the secret it keeps (public, rate-limited per address)' }),
  'displays.status': route({ method: 'POST', path: '/api/displays/pairings/status', body: displayStatusRequestSchema, response: displayStatusSchema, status: 200, tag: 'displays', auth: PUBLIC, summary: 'The display polls its pairing with its secret: pending, expired, paired (then it connects with the secret) or revoked' }),
  'displays.list': route({ method: 'GET', path: '/api/meetings/:id/displays', params: idParams, response: z.array(displayViewSchema), status: 200, tag: 'displays', auth: VIEW, summary: 'The hall displays the caller may manage: all of them for organizers, its own sites’ for an operator (a bare list)' }),
  'displays.pair': route({ method: 'POST', path: '/api/meetings/:id/displays', params: idParams, body: pairDisplayRequestSchema, response: displayViewSchema, status: 201, tag: 'displays', auth: forEndpoint('display.pair'), summary: 'Pairs the display showing the code, named, for the host hall (organizers) or an endpoint (its operators too)' }),
  'displays.revoke': route({ method: 'POST', path: '/api/meetings/:id/displays/:displayId/revoke', params: displayParams, response: displayViewSchema, status: 200, tag: 'displays', auth: forEndpoint('display.pair'), summary: 'Revokes a display: its token stops working and its live connection closes at once, on every api process' }),

  // ---- reports ----
  'reports.states': route({ method: 'GET', path: '/api/meetings/:id/reports', params: idParams, response: z.array(reportStateSchema), status: 200, tag: 'reports', auth: VIEW, summary: 'Every report job of the meeting, newest revision first (a bare list: one per revision)' }),
  'reports.retry': route({ method: 'POST', path: '/api/meetings/:id/reports/retry', params: idParams, body: retryReportRequestSchema, response: reportStateSchema, status: 202, tag: 'reports', auth: can('report.retry'), summary: 'Runs a failed report again, or makes one that was never requested' }),
  'reports.summary': route({ method: 'GET', path: '/api/meetings/:id/summary', params: idParams, query: reportQuerySchema, response: meetingSummarySchema, status: 200, tag: 'reports', auth: VIEW, summary: 'The newest finished summary, or the one of ?revision=' }),
  'reports.docx': route({ method: 'GET', path: '/api/meetings/:id/summary.docx', params: idParams, query: reportQuerySchema, response: { file: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }, status: 200, tag: 'reports', auth: VIEW, summary: 'The report as .docx' }),
  'reports.pdf': route({ method: 'GET', path: '/api/meetings/:id/summary.pdf', params: idParams, query: reportQuerySchema, response: { file: 'application/pdf' }, status: 200, tag: 'reports', auth: VIEW, summary: 'The report as PDF' }),

  // ---- notifications ----
  'notifications.list': route({ method: 'GET', path: '/api/notifications', query: listNotificationsQuerySchema, response: notificationPageSchema, status: 200, tag: 'notifications', auth: SIGNED_IN, summary: 'The caller’s notifications, newest first, with the unread count' }),
  'notifications.markRead': route({ method: 'POST', path: '/api/notifications/read', body: markNotificationsReadSchema, response: unreadCountSchema, status: 200, tag: 'notifications', auth: SIGNED_IN, summary: 'Marks the caller’s notifications read (these ids, or all); the unread count after' }),
  'notifications.preferences': route({ method: 'GET', path: '/api/notifications/preferences', response: notificationPreferencesResponseSchema, status: 200, tag: 'notifications', auth: SIGNED_IN, summary: 'The caller’s email address for notifications and the kinds it wants by email' }),
  'notifications.setPreferences': route({ method: 'PUT', path: '/api/notifications/preferences', body: notificationPreferencesSchema, response: notificationPreferencesResponseSchema, status: 200, tag: 'notifications', auth: SIGNED_IN, summary: 'Sets the email address and the kinds that go by email' }),
  // ---- documents (uploads are multipart/form-data: the fields of documentUploadFieldsSchema, then one file part) ----
  'documents.list': route({ method: 'GET', path: '/api/meetings/:id/documents', params: idParams, response: z.array(meetingDocumentSchema), status: 200, tag: 'documents', auth: VIEW, summary: 'The meeting’s documents the caller may read now (a bare list, in agenda order then title)' }),
  'documents.upload': route({ method: 'POST', path: '/api/meetings/:id/documents', params: idParams, response: meetingDocumentSchema, status: 201, tag: 'documents', auth: can('documents.manage'), summary: 'Adds a document: multipart fields (kind, title, agendaItemId, access, endpointIds, releaseAt, marking) then the file, typed by its bytes, streamed, deduplicated by SHA-256' }),
  'documents.get': route({ method: 'GET', path: '/api/meetings/:id/documents/:documentId', params: documentParams, response: meetingDocumentSchema, status: 200, tag: 'documents', auth: VIEW, summary: 'One document with its versions (404 when the caller may not read it)' }),
  'documents.replace': route({ method: 'POST', path: '/api/meetings/:id/documents/:documentId/versions', params: documentParams, response: meetingDocumentSchema, status: 201, tag: 'documents', auth: can('documents.manage'), summary: 'A new version from a multipart file part; every earlier version is kept' }),
  'documents.download': route({ method: 'GET', path: '/api/meetings/:id/documents/:documentId/file', params: documentParams, query: documentDownloadQuerySchema, response: { file: 'application/octet-stream' }, status: 200, tag: 'documents', auth: VIEW, summary: 'The current (or ?version=) file as an attachment, sandboxed; the reading is audited' }),
  'documents.search': route({ method: 'GET', path: '/api/meetings/:id/document-search', params: idParams, query: documentSearchQuerySchema, response: z.array(documentSearchHitSchema), status: 200, tag: 'documents', auth: VIEW, summary: 'The meeting’s documents the caller may read whose title or text holds every word of q (accents folded), at most 100' }),
  'documents.searchAll': route({ method: 'GET', path: '/api/document-search', query: documentSearchQuerySchema, response: z.array(documentSearchHitSchema), status: 200, tag: 'documents', auth: SIGNED_IN, summary: 'The same across every meeting the caller may see, newest meetings first, at most 100' }),
  'documents.reads': route({ method: 'GET', path: '/api/meetings/:id/document-reads', params: idParams, response: z.array(documentReadSchema), status: 200, tag: 'documents', auth: can('documents.manage'), summary: 'Who opened which document and version, when, per endpoint (newest first, at most 1000)' }),
  'documents.speechUpload': route({ method: 'POST', path: '/api/meetings/:id/speech-requests/:requestId/document', params: requestParams, response: speechRequestSchema, status: 201, tag: 'documents', auth: forEndpoint('queue.request'), summary: 'The endpoint uploads its prepared contribution’s document (multipart: title, then the file): a tham luận document for the host site, chair and secretaries; again, a new version' }),

  // ---- admin ----
  'admin.queueSession': route({ method: 'POST', path: '/api/admin/queues/session', response: urlSchema, status: 200, tag: 'admin', auth: ADMIN, summary: 'A short-lived cookie for the job queue dashboard (409 when jobs run in-process)' }),

  // ---- watch-only broadcast (HLS) ----
  'broadcast.access': route({ method: 'GET', path: '/api/meetings/:id/broadcast', params: idParams, response: broadcastAccessSchema, status: 200, tag: 'broadcast', auth: VIEW, summary: 'The programme\u2019s state (why it is off, when it is) and a playlist URL with a short-lived token scoped to this meeting' }),
  'broadcast.file': route({ method: 'GET', path: '/api/meetings/:id/broadcast/:file', params: broadcastFileParamsSchema, query: broadcastFileQuerySchema, response: { file: 'application/vnd.apple.mpegurl' }, status: 200, tag: 'broadcast', auth: PUBLIC, summary: 'The HLS playlist (no-cache) or a segment (immutable); the ?token= of this meeting is the credential (403 otherwise)' }),
  'broadcast.authorize': route({ method: 'GET', path: '/api/broadcast/authorize', response: null, status: 204, tag: 'broadcast', auth: PUBLIC, summary: 'nginx auth_request: 204 when the token in X-Original-URI is valid for the meeting in that path, 403 otherwise' }),
  // ---- sites in a hierarchy: communes under their provinces (issue 21) ----
  'organizations.importCommunes': route({ method: 'POST', path: '/api/organizations/communes/import', body: importCommunesRequestSchema, response: importCommunesResultSchema, status: 200, tag: 'organizations', auth: ADMIN, summary: 'Imports the authoritative commune list (CSV or .xlsx): every bad line reported, nothing saved when there is one' }),
  'sites.rollup': route({ method: 'GET', path: '/api/meetings/:id/sites', params: idParams, response: sitesRollupSchema, status: 200, tag: 'sites', auth: VIEW, summary: 'The roll-up communes -> provinces -> conference: a tile per top-level site, national totals, every site not connected' }),
  'sites.children': route({ method: 'GET', path: '/api/meetings/:id/sites/:endpointId', params: endpointParams, response: childSitesSchema, status: 200, tag: 'sites', auth: VIEW, summary: 'A top-level site and its child sites (a province and its communes): connection, readiness, headcount, operators' }),
  'sites.headcount': route({ method: 'PUT', path: '/api/meetings/:id/endpoints/:endpointId/headcount', params: endpointParams, body: headcountRequestSchema, response: meetingEndpointSchema, status: 200, tag: 'sites', auth: forEndpoint('roster.edit'), summary: 'A site reports how many are present by category (its operators, or its province for a commune reporting by phone)' }),
  'sites.settings': route({ method: 'PATCH', path: '/api/meetings/:id/endpoints/:endpointId/site', params: endpointParams, body: siteSettingsRequestSchema, response: meetingEndpointSchema, status: 200, tag: 'sites', auth: forEndpoint('operators.assign'), summary: 'A site’s capacity and whether it keeps a roster or reports a headcount' }),
  'sites.operators': route({ method: 'PUT', path: '/api/meetings/:id/endpoints/:endpointId/operators', params: endpointParams, body: assignOperatorsRequestSchema, response: meetingEndpointSchema, status: 200, tag: 'sites', auth: forEndpoint('operators.assign'), summary: 'Assigns a site’s operators (the organizers, or its province for a commune)' }),
  // ---- conclusion notice ----
  'notices.get': route({ method: 'GET', path: '/api/meetings/:id/notice', params: idParams, query: noticeQuerySchema, response: noticeStateSchema, status: 200, tag: 'notices', auth: SIGNED_IN, summary: 'The conclusion notice of the newest published minutes revision (or of ?revision=): its state, text and wording; for whoever sees the meeting and, once issued, the agencies it names' }),
  'notices.docx': route({ method: 'GET', path: '/api/meetings/:id/notice.docx', params: idParams, query: noticeQuerySchema, response: { file: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }, status: 200, tag: 'notices', auth: SIGNED_IN, summary: 'The conclusion notice as .docx' }),
  'notices.pdf': route({ method: 'GET', path: '/api/meetings/:id/notice.pdf', params: idParams, query: noticeQuerySchema, response: { file: 'application/pdf' }, status: 200, tag: 'notices', auth: SIGNED_IN, summary: 'The conclusion notice as PDF' }),
  'notices.edit': route({ method: 'PUT', path: '/api/meetings/:id/notice/wording', params: idParams, body: noticeWordingSchema, response: noticeStateSchema, status: 202, tag: 'notices', auth: can('notice.issue'), summary: 'The secretariat rewords the conclusions and tasks of the draft notice; its documents are rendered again' }),
  'notices.issue': route({ method: 'POST', path: '/api/meetings/:id/notice/issue', params: idParams, response: noticeStateSchema, status: 200, tag: 'notices', auth: can('notice.issue'), summary: 'Issues the generated notice: frozen, and every account of the agencies it names is notified' }),
} as const satisfies Record<string, RouteDef>;

export type Routes = typeof ROUTES;
export type RouteName = keyof Routes;
export const ROUTE_NAMES = Object.keys(ROUTES) as RouteName[];

export const isFileResponse = (r: RouteDef['response']): r is FileResponse => !!r && typeof r === 'object' && 'file' in r && typeof (r as FileResponse).file === 'string';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What the server hands the controller, after validation. */
export type RouteParams<N extends RouteName> = Out<Routes[N] extends { params: infer P } ? P : undefined>;
export type RouteQuery<N extends RouteName> = Out<Routes[N] extends { query: infer Q } ? Q : undefined>;
export type RouteBody<N extends RouteName> = Out<Routes[N] extends { body: infer B } ? B : undefined>;

/** What a caller sends: params and body when the route has them; query always optional. */
export type RouteInput<N extends RouteName> = (Routes[N] extends { params: infer P } ? { params: In<P> } : { params?: undefined }) &
  (Routes[N] extends { query: infer Q } ? { query?: In<Q> } : { query?: undefined }) &
  (Routes[N] extends { body: infer B } ? { body: In<B> } : { body?: undefined });

/** A file answer: the raw HTTP response (read it with blob(), text() or arrayBuffer()). */
export interface FileResult {
  contentType: string;
  /** the name from Content-Disposition (filename* when given), null when absent */
  filename: string | null;
  blob(): Promise<Blob>;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** What the route answers on success. */
export type RouteResponse<N extends RouteName> = Routes[N]['response'] extends z.ZodType
  ? z.output<Routes[N]['response']>
  : Routes[N]['response'] extends FileResponse
    ? FileResult
    : void;

/** Routes whose input needs nothing (callable as `client.call(name)`). */
export type RoutesWithoutInput = { [N in RouteName]: Routes[N] extends { params: unknown } | { body: unknown } ? never : N }[RouteName];

/** '/api/meetings/:id' + { id } -> '/api/meetings/…', each value URL-encoded. */
export function routePath(name: RouteName, params: Record<string, unknown> = {}): string {
  return ROUTES[name].path.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined || value === null) throw new Error(`route ${name} needs the path parameter ${key}`);
    return encodeURIComponent(String(value));
  });
}

const patterns = (Object.entries(ROUTES) as [RouteName, RouteDef][]).map(([name, def]) => ({
  name,
  method: def.method,
  // a literal segment outranks a parameter ('/api/meetings/mine' before '/api/meetings/:id')
  rank: def.path.split('/').map((seg) => (seg.startsWith(':') ? '1' : '0')).join(''),
  regex: new RegExp(`^${def.path.replace(/[.]/g, '\\.').replace(/:[A-Za-z]+/g, '[^/]+')}$`),
}));
patterns.sort((a, b) => a.rank.localeCompare(b.rank));

/** The route a request goes to ('GET', '/api/meetings/…?x=1' -> 'meetings.get'), or undefined. */
export function matchRoute(method: string, url: string): RouteName | undefined {
  const path = url.split('?')[0].replace(/^https?:\/\/[^/]+/, '');
  const upper = method.toUpperCase();
  return patterns.find((p) => p.method === upper && p.regex.test(path))?.name;
}
