import { io } from 'socket.io-client';
import {
  ROUTES,
  holds,
  meetingCapabilities,
  type Ack,
  type ApiError,
  type Attendee,
  type ClientToServerEvents,
  type EndpointCapability,
  type MeetingCapabilities,
  type MeetingCapability,
  type MeetingEndpoint,
  type MeetingSyncResult,
  type MeetingWriteResult,
  type MinutesEntry,
  type PolicyFacts,
  type SpeechRequest,
} from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount, newOrganization } from '../support/factories';
import { http, UserSession, type TestSocket } from '../support/session';
import { day } from '../support/time';

/*
 * The permission matrix: every meeting route and every client->server socket event, against
 * every part a caller can play, with a request valid enough to reach the permission check.
 * What each cell must answer is not written here: each route names the capability it needs,
 * and `meetingCapabilities` (the one policy, the same function the web runs) says who holds
 * it. A cell is refused when it answers 401 (no token), 404 meeting_not_found (may not see
 * the meeting) or 403; anything else (200, 201, 409, a 404 of something inside the meeting,
 * 503 from the unreachable media process) passed the policy. A 400 validation error fails
 * the test: the request was not valid enough to ask the policy anything.
 *
 * State: requests are chosen so that allowed cells change little and never what the policy
 * reads (chair, secretaries, operators), and every service checks permission before state,
 * so a cell answers the same whichever cell ran before it. Media runs first, while the
 * meeting is live (media refuses a closed meeting before it looks at the caller).
 */

const ROLES = ['admin', 'organizerOfHost', 'organizerElsewhere', 'chair', 'secretary', 'operatorA', 'operatorB', 'viewer', 'stranger', 'anonymous'] as const;
type Role = (typeof ROLES)[number];
type Signed = Exclude<Role, 'anonymous'>;

/** What a route needs: a meeting capability, an endpoint capability on endpoint A (the host site) or B, any one of several, or only a signed-in caller. */
type Need = MeetingCapability | `${EndpointCapability}@${'A' | 'B'}` | 'signed_in' | Need[];

/** The facts of each part, as the test set them up (checked against what the server sends beside the snapshot). */
const FACTS: Record<Signed, Omit<PolicyFacts, 'accountId'>> = {
  admin: { visible: true, organizerOfHost: true },
  organizerOfHost: { visible: true, organizerOfHost: true },
  organizerElsewhere: { visible: true, organizerOfHost: false },
  chair: { visible: true, organizerOfHost: false },
  secretary: { visible: true, organizerOfHost: false },
  operatorA: { visible: true, organizerOfHost: false },
  operatorB: { visible: true, organizerOfHost: false },
  viewer: { visible: true, organizerOfHost: false },
  stranger: { visible: false, organizerOfHost: false },
};

/**
 * The capability each meeting route needs, read from the route map in libs/contracts (its
 * `auth`), so the map, the server and this test cannot disagree unnoticed. An endpoint
 * capability is asked on endpoint B (the cells name B's ids). A route guarded by roles only
 * (creating a meeting) names its need on its cell: the service asks the policy about the
 * host organization the body names.
 */
type RouteKey = { [K in keyof typeof ROUTES]: (typeof ROUTES)[K]['path'] extends `/api/meetings${string}` ? `${(typeof ROUTES)[K]['method']} ${(typeof ROUTES)[K]['path']}` : never }[keyof typeof ROUTES];
const MEETING_ROUTES = new Map(
  Object.values(ROUTES)
    .filter((r) => r.path.startsWith('/api/meetings'))
    .map((r) => [`${r.method} ${r.path}`, r.auth] as const),
);
const authOf = (route: RouteKey): Need => {
  const auth = MEETING_ROUTES.get(route);
  if (auth === undefined) throw new Error(`${route} is not in the route map`);
  if (auth === 'signed_in') return 'signed_in';
  if (auth === 'public') throw new Error(`${route} is public: nothing to check`);
  if ('meeting' in auth) return typeof auth.meeting === 'string' ? auth.meeting : [...auth.meeting];
  if ('endpoint' in auth) return `${auth.endpoint}@B`;
  throw new Error(`${route} is guarded by roles only: its cell names what it needs`);
};

/** Every client->server event, with what it needs: a missing event does not compile. */
const SOCKET_AUTH: { [E in keyof ClientToServerEvents]: Need } = {
  'auth:refresh': 'signed_in',
  'clock:sync': 'signed_in',
  'meeting:subscribe': 'meeting.view',
  'meeting:unsubscribe': 'signed_in',
  'endpoint:join': 'presence.report@B',
  'endpoint:leave': 'signed_in',
  'minutes:editing': 'minutes.edit',
  'media:capabilities': 'meeting.view',
  'media:transport:create': 'meeting.view',
  'media:transport:connect': 'meeting.view',
  'media:transport:restart-ice': 'meeting.view',
  'media:transport:close': 'meeting.view',
  'media:produce': 'media.produce@B',
  'media:consume': 'meeting.view',
  'media:producer:pause': 'meeting.view',
  'media:producer:resume': 'meeting.view',
  'media:producer:close': 'meeting.view',
  'media:consumer:pause': 'meeting.view',
  'media:consumer:resume': 'meeting.view',
  'media:endpoint:mute': ['media.moderate', 'media.produce@B'],
  'media:endpoint:open': 'media.moderate',
  'media:settings': 'media.moderate',
  'media:state': 'meeting.view',
  'media:leave': 'meeting.view',
};

interface Ctx {
  meetingId: string;
  A: string;
  B: string;
  spare: string;
  inviteOrg: string;
  bulkOrg: string;
  hostOrg: string;
  agendaVersion: number;
  meetingVersion: number;
  attendee: Attendee;
  spareAttendee: Attendee;
  prepared: SpeechRequest;
  ordinary: SpeechRequest;
  entry: MinutesEntry;
  spareEntry: MinutesEntry;
  /** a hall display of endpoint B */
  display: string;
  /** endpoint B's operator (B's operators are set to the same list: nothing changes for the later cells) */
  operatorB: string;
}

/** One cell column: a request to a route. `need` overrides the route's when the body decides (which transition, which kind of request). */
interface RestCase {
  route: RouteKey;
  params?: (c: Ctx) => Record<string, string>;
  body?: (c: Ctx) => unknown;
  need?: Need;
  /** not about one meeting (list, create): a caller who does not see the meeting is refused 403, not 404 */
  unscoped?: true;
  /** a query string the route needs to be valid */
  query?: string;
}
interface SocketCase {
  event: keyof ClientToServerEvents;
  /** `token`: the caller's own access token (auth:refresh presents it) */
  payload: (c: Ctx, token: string) => Record<string, unknown>;
  need?: Need;
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const B = (c: Ctx) => ({ endpointId: c.B });

const REST: RestCase[] = [
  { route: 'GET /api/meetings', unscoped: true },
  { route: 'GET /api/meetings/mine', unscoped: true },
  { route: 'POST /api/meetings', unscoped: true, need: 'meeting.schedule', body: (c) => ({ kind: 'seminar', title: 'Họp thử quyền', hostOrganizationId: c.hostOrg, scheduledStart: day(40, '08:00'), scheduledEnd: day(40, '09:00') }) },
  { route: 'GET /api/meetings/:id' },
  { route: 'PATCH /api/meetings/:id', body: (c) => ({ version: c.meetingVersion, description: 'Cập nhật' }) },
  { route: 'POST /api/meetings/:id/transitions', body: () => ({ action: 'start' }), need: 'meeting.run' },
  { route: 'POST /api/meetings/:id/transitions', body: () => ({ action: 'publish_minutes' }), need: 'meeting.run' },
  { route: 'POST /api/meetings/:id/transitions', body: () => ({ action: 'schedule' }), need: 'meeting.schedule' },
  { route: 'POST /api/meetings/:id/transitions', body: () => ({ action: 'cancel', reason: 'Thử' }), need: 'meeting.schedule' },
  { route: 'GET /api/meetings/:id/events' },
  { route: 'GET /api/meetings/:id/agenda' },
  { route: 'PUT /api/meetings/:id/agenda', body: (c) => ({ version: c.agendaVersion, sessions: [] }) },
  { route: 'GET /api/meetings/:id/endpoints' },
  { route: 'POST /api/meetings/:id/endpoints', body: (c) => ({ organizationId: c.inviteOrg }) },
  { route: 'POST /api/meetings/:id/endpoints/bulk', body: (c) => ({ mode: 'organizations', organizationIds: [c.bulkOrg] }) },
  { route: 'PATCH /api/meetings/:id/endpoints/:endpointId', params: (c) => ({ endpointId: c.spare }), body: () => ({ contactName: 'Văn phòng' }) },
  { route: 'DELETE /api/meetings/:id/endpoints/:endpointId', params: (c) => ({ endpointId: c.spare }) },
  { route: 'GET /api/meetings/:id/calendar.ics' },
  { route: 'GET /api/meetings/:id/endpoints/:endpointId/calendar.ics', params: B },
  { route: 'GET /api/meetings/:id/speakers' },
  { route: 'PATCH /api/meetings/:id/speakers/settings', body: () => ({ open: true }) },
  { route: 'POST /api/meetings/:id/speech-requests', body: (c) => ({ endpointId: c.B, attendeeId: c.attendee.id, kind: 'contribution' }) },
  { route: 'POST /api/meetings/:id/speech-requests/:requestId/approve', params: (c) => ({ requestId: c.prepared.id }), need: 'queue.approve_prepared' },
  { route: 'POST /api/meetings/:id/speech-requests/:requestId/approve', params: (c) => ({ requestId: c.ordinary.id }), need: 'queue.moderate' },
  { route: 'POST /api/meetings/:id/speech-requests/:requestId/reject', params: (c) => ({ requestId: c.prepared.id }), body: () => ({ reason: 'Trùng nội dung' }), need: 'queue.approve_prepared' },
  { route: 'POST /api/meetings/:id/speech-requests/:requestId/reject', params: (c) => ({ requestId: c.ordinary.id }), body: () => ({ reason: 'Trùng nội dung' }), need: 'queue.moderate' },
  { route: 'POST /api/meetings/:id/speech-requests/:requestId/move', params: (c) => ({ requestId: c.ordinary.id }), body: () => ({ position: 0 }) },
  { route: 'POST /api/meetings/:id/speech-requests/:requestId/agenda-item', params: (c) => ({ requestId: c.ordinary.id }), body: () => ({ agendaItemId: null }) },
  { route: 'POST /api/meetings/:id/speech-requests/:requestId/skip', params: (c) => ({ requestId: c.ordinary.id }) },
  { route: 'POST /api/meetings/:id/speech-requests/:requestId/recall', params: (c) => ({ requestId: c.ordinary.id }) },
  { route: 'POST /api/meetings/:id/floor', body: () => ({}) },
  { route: 'POST /api/meetings/:id/floor/extend', body: () => ({ seconds: 30 }) },
  { route: 'POST /api/meetings/:id/floor/pause' },
  { route: 'POST /api/meetings/:id/floor/resume' },
  { route: 'POST /api/meetings/:id/floor/end' },
  { route: 'POST /api/meetings/:id/endpoints/:endpointId/speaking-time', params: B, body: () => ({ seconds: 30 }) },
  { route: 'POST /api/meetings/:id/speech-requests/:requestId/withdraw', params: (c) => ({ requestId: c.ordinary.id }) },
  { route: 'GET /api/meetings/:id/attendees' },
  { route: 'POST /api/meetings/:id/endpoints/:endpointId/attendees', params: B, body: () => ({ fullName: 'Trần Thị Thử', walkIn: true }) },
  { route: 'POST /api/meetings/:id/endpoints/:endpointId/attendees/import', params: B, body: () => ({ csv: 'Họ và tên,Chức vụ\nLê Văn Nhập,Chuyên viên\n' }) },
  { route: 'PATCH /api/meetings/:id/endpoints/:endpointId/attendees/:attendeeId', params: (c) => ({ endpointId: c.B, attendeeId: c.attendee.id }), body: (c) => ({ version: c.attendee.version, position: 'Phó Giám đốc' }) },
  { route: 'POST /api/meetings/:id/endpoints/:endpointId/attendees/:attendeeId/attendance', params: (c) => ({ endpointId: c.B, attendeeId: c.attendee.id }), body: () => ({ action: 'check_in' }) },
  { route: 'POST /api/meetings/:id/endpoints/:endpointId/attendees/attendance', params: B, body: (c) => ({ action: 'check_in', attendeeIds: [c.attendee.id] }) },
  { route: 'DELETE /api/meetings/:id/endpoints/:endpointId/attendees/:attendeeId', params: (c) => ({ endpointId: c.B, attendeeId: c.spareAttendee.id }) },
  { route: 'GET /api/meetings/:id/wall' },
  { route: 'GET /api/meetings/:id/connection-log' },
  { route: 'GET /api/meetings/:id/attendance' },
  { route: 'GET /api/meetings/:id/attendance/export.csv' },
  { route: 'GET /api/meetings/:id/attendance/export.xlsx' },
  { route: 'POST /api/meetings/:id/tech-check', body: () => ({ open: true }) },
  { route: 'POST /api/meetings/:id/endpoints/:endpointId/ready', params: B, body: () => ({ ready: true, mediaTested: true }) },
  { route: 'GET /api/meetings/:id/roll-calls/current' },
  { route: 'POST /api/meetings/:id/roll-calls' },
  { route: 'POST /api/meetings/:id/roll-calls/current/responses', body: (c) => ({ endpointId: c.B, presentCount: 3 }) },
  { route: 'POST /api/meetings/:id/roll-calls/current/close' },
  { route: 'GET /api/meetings/:id/minutes' },
  { route: 'POST /api/meetings/:id/minutes/entries', body: () => ({ kind: 'note', text: 'Ghi chú' }) },
  { route: 'POST /api/meetings/:id/minutes/speech-records', body: () => ({}) },
  { route: 'PATCH /api/meetings/:id/minutes/entries/:entryId', params: (c) => ({ entryId: c.entry.id }), body: (c) => ({ version: c.entry.version, text: 'Kết luận đã sửa' }) },
  { route: 'DELETE /api/meetings/:id/minutes/entries/:entryId', params: (c) => ({ entryId: c.spareEntry.id }) },
  { route: 'GET /api/meetings/:id/minutes/entries/:entryId/history', params: (c) => ({ entryId: c.entry.id }) },
  { route: 'POST /api/meetings/:id/minutes/entries/:entryId/move', params: (c) => ({ entryId: c.entry.id }), body: () => ({ direction: 'down' }) },
  // draft minutes: an allowed caller gets 409 minutes_not_published, after the policy
  { route: 'POST /api/meetings/:id/minutes/corrections', body: () => ({ reason: 'Sửa tên cơ quan' }) },
  { route: 'GET /api/meetings/:id/minutes/revisions' },
  { route: 'GET /api/meetings/:id/minutes/revisions/:number', params: () => ({ number: '1' }) },
  { route: 'GET /api/meetings/:id/minutes/revisions/:from/diff/:to', params: () => ({ from: '1', to: '2' }) },
  // submit first, approve then: each transition is asked in a state where its holders succeed or get 409
  { route: 'POST /api/meetings/:id/minutes/transitions', body: () => ({ action: 'submit' }), need: 'minutes.submit' },
  { route: 'POST /api/meetings/:id/minutes/transitions', body: () => ({ action: 'approve' }), need: 'minutes.approve' },
  { route: 'POST /api/meetings/:id/minutes/transitions', body: () => ({ action: 'reopen' }), need: 'minutes.reopen' },
  { route: 'POST /api/meetings/:id/minutes/transitions', body: () => ({ action: 'publish' }), need: 'minutes.publish' },
  // a poll that does not exist: an allowed caller gets 404 poll_not_found, after the policy
  { route: 'GET /api/meetings/:id/polls' },
  { route: 'POST /api/meetings/:id/polls', body: () => ({ question: 'Thử quyền biểu quyết' }) },
  { route: 'GET /api/meetings/:id/polls/:pollId', params: () => ({ pollId: uuid(9) }) },
  { route: 'POST /api/meetings/:id/polls/:pollId/transitions', params: () => ({ pollId: uuid(9) }), body: () => ({ action: 'open' }) },
  { route: 'POST /api/meetings/:id/polls/:pollId/votes', params: () => ({ pollId: uuid(9) }), body: (c) => ({ endpointId: c.B, attendeeId: c.attendee.id, optionIds: ['yes'] }) },
  { route: 'POST /api/meetings/:id/polls/:pollId/site-counts', params: () => ({ pollId: uuid(9) }), body: (c) => ({ endpointId: c.B, counts: { yes: 1 } }) },
  { route: 'GET /api/meetings/:id/polls/:pollId/ballots', params: () => ({ pollId: uuid(9) }) },
  { route: 'GET /api/meetings/:id/polls/:pollId/result.csv', params: () => ({ pollId: uuid(9) }) },
  { route: 'GET /api/meetings/:id/polls/:pollId/result.xlsx', params: () => ({ pollId: uuid(9) }) },
  { route: 'POST /api/meetings/:id/endpoints/:endpointId/ballot-slips', params: B, body: () => ({}) },
  // hall displays: a code no display shows (an allowed caller gets 422 display_code_invalid); B's display, revoked by the first allowed caller (409 after)
  { route: 'GET /api/meetings/:id/displays' },
  { route: 'POST /api/meetings/:id/displays', body: (c) => ({ code: 'ZZZZZZ', name: 'Màn hình thử quyền', endpointId: c.B }) },
  { route: 'POST /api/meetings/:id/displays', body: () => ({ code: 'ZZZZZZ', name: 'Màn hình hội trường' }), need: 'endpoints.manage' },
  { route: 'POST /api/meetings/:id/displays/:displayId/revoke', params: (c) => ({ displayId: c.display }), need: 'display.pair@B' },
  { route: 'GET /api/meetings/:id/reports' },
  { route: 'POST /api/meetings/:id/reports/retry', body: () => ({ revision: 1 }) },
  { route: 'GET /api/meetings/:id/summary' },
  { route: 'GET /api/meetings/:id/summary.docx' },
  { route: 'GET /api/meetings/:id/summary.pdf' },
  // the broadcast's state (media is off in this app: an allowed caller reads why)
  { route: 'GET /api/meetings/:id/broadcast' },
  // sites in a hierarchy: B keeps a roster, so an allowed caller's headcount is 409 endpoint_keeps_roster, after the policy
  { route: 'GET /api/meetings/:id/sites' },
  { route: 'GET /api/meetings/:id/sites/:endpointId', params: B },
  { route: 'PUT /api/meetings/:id/endpoints/:endpointId/headcount', params: B, body: () => ({ leaders: 1, officials: 2, members: 3 }) },
  { route: 'PATCH /api/meetings/:id/endpoints/:endpointId/site', params: B, body: () => ({ capacity: 500 }) },
  { route: 'PUT /api/meetings/:id/endpoints/:endpointId/operators', params: B, body: (c) => ({ operatorIds: [c.operatorB] }) },
  // documents: a JSON body is no upload (an allowed caller gets 400 document_upload_malformed); a document that does not exist (404 document_not_found)
  { route: 'GET /api/meetings/:id/documents' },
  { route: 'POST /api/meetings/:id/documents', body: () => ({}) },
  { route: 'GET /api/meetings/:id/documents/:documentId', params: () => ({ documentId: uuid(9) }) },
  { route: 'POST /api/meetings/:id/documents/:documentId/versions', params: () => ({ documentId: uuid(9) }), body: () => ({}) },
  { route: 'GET /api/meetings/:id/documents/:documentId/file', params: () => ({ documentId: uuid(9) }) },
  { route: 'GET /api/meetings/:id/document-search', query: '?q=ng%C3%A2n%20s%C3%A1ch' },
  { route: 'GET /api/meetings/:id/document-reads' },
  { route: 'POST /api/meetings/:id/speech-requests/:requestId/document', params: (c) => ({ requestId: c.prepared.id }), body: () => ({}) },
  // the conclusion notice: read by whoever sees the meeting (the route is signed_in: the agencies an issued notice names read it too)
  { route: 'GET /api/meetings/:id/notice', need: 'meeting.view' },
  { route: 'GET /api/meetings/:id/notice.docx', need: 'meeting.view' },
  { route: 'GET /api/meetings/:id/notice.pdf', need: 'meeting.view' },
  { route: 'PUT /api/meetings/:id/notice/wording', body: () => ({ conclusions: ['Thử quyền'], tasks: [] }) },
  { route: 'POST /api/meetings/:id/notice/issue' },
];

/** Meeting routes whose credential is not the session (the watch token of a playlist): their own tests check it (test/int/broadcast.int-spec.ts). */
const NOT_SESSION_ROUTES = [...MEETING_ROUTES].filter(([, auth]) => auth === 'public').map(([route]) => route);

const SOCKET: SocketCase[] = [
  { event: 'auth:refresh', payload: (_, token) => ({ token }) },
  { event: 'clock:sync', payload: () => ({ clientTime: Date.now() }) },
  { event: 'meeting:subscribe', payload: (c) => ({ meetingId: c.meetingId }) },
  { event: 'meeting:unsubscribe', payload: (c) => ({ meetingId: c.meetingId }) },
  { event: 'endpoint:join', payload: (c) => ({ meetingId: c.meetingId, endpointId: c.B, device: 'ma trận' }) },
  { event: 'endpoint:leave', payload: (c) => ({ endpointId: c.B }) },
  { event: 'minutes:editing', payload: (c) => ({ meetingId: c.meetingId, entryId: null }) },
  { event: 'media:capabilities', payload: (c) => ({ meetingId: c.meetingId }) },
  { event: 'media:transport:create', payload: (c) => ({ meetingId: c.meetingId, direction: 'recv' }) },
  { event: 'media:transport:create', payload: (c) => ({ meetingId: c.meetingId, direction: 'send', endpointId: c.A }), need: 'media.produce@A' },
  { event: 'media:transport:create', payload: (c) => ({ meetingId: c.meetingId, direction: 'send', endpointId: c.B }), need: 'media.produce@B' },
  { event: 'media:transport:connect', payload: (c) => ({ meetingId: c.meetingId, transportId: uuid(1), dtlsParameters: {} }) },
  { event: 'media:transport:restart-ice', payload: (c) => ({ meetingId: c.meetingId, transportId: uuid(1) }) },
  { event: 'media:transport:close', payload: (c) => ({ meetingId: c.meetingId, transportId: uuid(1) }) },
  { event: 'media:produce', payload: (c) => ({ meetingId: c.meetingId, transportId: uuid(1), endpointId: c.A, kind: 'audio', rtpParameters: {} }), need: 'media.produce@A' },
  { event: 'media:produce', payload: (c) => ({ meetingId: c.meetingId, transportId: uuid(1), endpointId: c.B, kind: 'audio', rtpParameters: {} }) },
  { event: 'media:consume', payload: (c) => ({ meetingId: c.meetingId, transportId: uuid(1), producerId: uuid(2), rtpCapabilities: {} }) },
  { event: 'media:producer:pause', payload: (c) => ({ meetingId: c.meetingId, producerId: uuid(2) }) },
  { event: 'media:producer:resume', payload: (c) => ({ meetingId: c.meetingId, producerId: uuid(2) }) },
  { event: 'media:producer:close', payload: (c) => ({ meetingId: c.meetingId, producerId: uuid(2) }) },
  { event: 'media:consumer:pause', payload: (c) => ({ meetingId: c.meetingId, consumerId: uuid(3) }) },
  { event: 'media:consumer:resume', payload: (c) => ({ meetingId: c.meetingId, consumerId: uuid(3) }) },
  { event: 'media:endpoint:mute', payload: (c) => ({ meetingId: c.meetingId, endpointId: c.B, muted: true }) },
  { event: 'media:endpoint:open', payload: (c) => ({ meetingId: c.meetingId, endpointId: c.B, open: true }) },
  { event: 'media:settings', payload: (c) => ({ meetingId: c.meetingId, openDiscussion: false }) },
  { event: 'media:state', payload: (c) => ({ meetingId: c.meetingId }) },
  { event: 'media:leave', payload: (c) => ({ meetingId: c.meetingId }) },
];

type Outcome = 'allowed' | 'unauthenticated' | 'not_visible' | 'forbidden';
const outcomeOf = (status: number, code: string | undefined): Outcome =>
  status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : status === 404 && code === 'meeting_not_found' ? 'not_visible' : 'allowed';

/** The routes Nest serves under /api/meetings, read from the express router. */
function servedMeetingRoutes(t: TestApp): string[] {
  const instance = t.app.getHttpAdapter().getInstance() as { router?: { stack: unknown[] }; _router?: { stack: unknown[] } };
  const stack = (instance.router ?? instance._router)!.stack as { route?: { path: string; methods: Record<string, boolean> } }[];
  return stack
    .filter((l) => l.route && l.route.path.startsWith('/api/meetings'))
    .flatMap((l) => Object.keys(l.route!.methods).filter((m) => m !== '_all').map((m) => `${m.toUpperCase()} ${l.route!.path}`));
}

describe('the meeting policy, cell by cell', () => {
  let t: TestApp;
  const sessions = {} as Record<Signed, UserSession>;
  const caps = {} as Record<Signed, MeetingCapabilities>;
  let c: Ctx;

  beforeAll(async () => {
    // A media process that is not there: media commands reach the policy, and an allowed one then fails with media_unavailable.
    t = await startTestApp({ env: { MEDIA_URL: 'http://127.0.0.1:9', MEDIA_SECRET: 'matrix-media-secret-0123456789' } });
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    sessions.admin = admin;
    // One root without roles above everything the meeting involves; a second root for the stranger.
    const root = await newOrganization(admin, { kind: 'ministry' });
    const org = (name: string) => newOrganization(admin, { parentId: root.id, name: `${name} ${root.id.slice(0, 4)}` });
    const [host, other, inviteOrg, bulkOrg, spareOrg] = await Promise.all([org('Bộ Chủ trì'), org('Sở Khác'), org('Sở Mời'), org('Sở Mời loạt'), org('Sở Dự phòng')]);
    const strangers = await newOrganization(admin, { kind: 'ministry' });
    const made = await Promise.all([
      newAccount(admin, 'organizer', host.id),
      newAccount(admin, 'organizer', other.id),
      newAccount(admin, 'chair', host.id),
      newAccount(admin, 'secretary', host.id),
      newAccount(admin, 'endpoint_operator', host.id),
      newAccount(admin, 'endpoint_operator', other.id),
      newAccount(admin, 'viewer', host.id),
      newAccount(admin, 'viewer', strangers.id),
    ]);
    const parts: Signed[] = ['organizerOfHost', 'organizerElsewhere', 'chair', 'secretary', 'operatorA', 'operatorB', 'viewer', 'stranger'];
    await Promise.all(parts.map(async (p, i) => (sessions[p] = await made[i].session())));
    const s = sessions;

    const created = await s.organizerOfHost.post<MeetingWriteResult>('/api/meetings', {
      kind: 'plenary',
      title: 'Hội nghị ma trận quyền',
      hostOrganizationId: host.id,
      chairId: s.chair.account.id,
      secretaryIds: [s.secretary.account.id],
      visibility: 'restricted',
      scheduledStart: day(1, '08:00'),
      scheduledEnd: day(1, '11:00'),
      overrideConflicts: true,
    });
    expect(created.status).toBe(201);
    const meetingId = created.body.meeting.id;
    const base = `/api/meetings/${meetingId}`;
    const invite = async (organizationId: string, extra: object) => {
      const res = await s.organizerOfHost.post<MeetingEndpoint>(`${base}/endpoints`, { organizationId, ...extra });
      expect(res.status).toBe(201);
      return res.body.id;
    };
    const A = await invite(host.id, { isHost: true, operatorIds: [s.operatorA.account.id] });
    const Bid = await invite(other.id, { operatorIds: [s.operatorB.account.id] });
    const spare = await invite(spareOrg.id, {});
    const roster = `${base}/endpoints/${Bid}/attendees`;
    const attendee = (await s.operatorB.post<Attendee>(roster, { fullName: 'Nguyễn Văn Phát Biểu', walkIn: true })).body;
    const spareAttendee = (await s.operatorB.post<Attendee>(roster, { fullName: 'Phạm Thị Dự Phòng' })).body;
    const prepared = await s.operatorB.post<SpeechRequest>(`${base}/speech-requests`, { endpointId: Bid, attendeeId: attendee.id, kind: 'prepared', topic: 'Tham luận chuẩn bị trước' });
    expect(prepared.status).toBe(201);
    expect((await s.organizerOfHost.post(`${base}/transitions`, { action: 'schedule', overrideConflicts: true })).status).toBe(200);
    expect((await s.chair.post(`${base}/transitions`, { action: 'start' })).status).toBe(200);
    const ordinary = await s.operatorB.post<SpeechRequest>(`${base}/speech-requests`, { endpointId: Bid, attendeeId: attendee.id, kind: 'contribution' });
    expect(ordinary.status).toBe(201);
    const entry = (await s.secretary.post<MinutesEntry>(`${base}/minutes/entries`, { kind: 'conclusion', text: 'Kết luận' })).body;
    const spareEntry = (await s.secretary.post<MinutesEntry>(`${base}/minutes/entries`, { kind: 'note', text: 'Bỏ' })).body;
    const pairing = (await http<{ code: string }>(t.baseUrl, 'POST', '/api/displays/pairings')).body;
    const display = await s.organizerOfHost.post<{ id: string }>(`${base}/displays`, { code: pairing.code, name: 'Màn hình ma trận', endpointId: Bid });
    expect(display.status).toBe(201);
    const sync = (await s.organizerOfHost.get<MeetingSyncResult>(`${base}/events`)).body;
    c = {
      meetingId,
      A,
      B: Bid,
      spare,
      inviteOrg: inviteOrg.id,
      bulkOrg: bulkOrg.id,
      hostOrg: host.id,
      agendaVersion: sync.snapshot!.agenda.version,
      meetingVersion: sync.snapshot!.meeting.version,
      attendee,
      spareAttendee,
      prepared: prepared.body,
      ordinary: ordinary.body,
      entry,
      spareEntry,
      display: display.body.id,
      operatorB: s.operatorB.account.id,
    };
    // The expected cells: the shared policy over the facts of each part and the meeting as the snapshot has it.
    for (const role of Object.keys(FACTS) as Signed[]) {
      caps[role] = meetingCapabilities({ accountId: s[role].account.id, ...FACTS[role] }, sync.snapshot!.meeting, sync.snapshot!.endpoints);
    }
  });
  afterAll(() => t?.close());

  const allowedFor = (role: Role, need: Need): boolean => {
    if (role === 'anonymous') return false;
    if (need === 'signed_in') return true;
    if (Array.isArray(need)) return need.some((n) => allowedFor(role, n));
    const [capability, site] = need.split('@') as [string, 'A' | 'B' | undefined];
    return site ? holds(caps[role], capability as EndpointCapability, c[site]) : holds(caps[role], capability as MeetingCapability);
  };
  const expected = (role: Role, need: Need, unscoped = false): Outcome =>
    role === 'anonymous' ? 'unauthenticated' : allowedFor(role, need) ? 'allowed' : !unscoped && !FACTS[role].visible ? 'not_visible' : 'forbidden';

  it('covers every route Nest serves under /api/meetings, and only those', () => {
    const served = servedMeetingRoutes(t).sort();
    expect(served.length).toBeGreaterThan(50);
    expect(served).toEqual([...MEETING_ROUTES.keys()].sort());
    const exercised = new Set(REST.map((r) => r.route));
    expect([...MEETING_ROUTES.keys()].filter((r) => !exercised.has(r as RouteKey) && !NOT_SESSION_ROUTES.includes(r))).toEqual([]);
    expect(NOT_SESSION_ROUTES).toEqual(['GET /api/meetings/:id/broadcast/:file']);
  });

  it('sends each caller its facts beside the snapshot, as the test set them up', async () => {
    for (const role of Object.keys(FACTS) as Signed[]) {
      const res = await sessions[role].get<MeetingSyncResult>(`/api/meetings/${c.meetingId}/events`);
      if (!FACTS[role].visible) expect(res.status).toBe(404);
      else expect({ role, viewer: res.body.viewer }).toEqual({ role, viewer: { accountId: sessions[role].account.id, ...FACTS[role] } });
    }
  });

  it('lets no socket in without a token', async () => {
    const socket = io(t.baseUrl, { transports: ['websocket'], reconnection: false, forceNew: true });
    const error = await new Promise<Error & { data?: ApiError }>((resolve) => socket.once('connect_error', resolve));
    expect(error.data).toMatchObject({ statusCode: 401, code: 'unauthenticated' });
    socket.close();
  });

  it('answers every socket command as the policy says, for every part (media first, while the meeting is live)', async () => {
    const covered = new Set(SOCKET.map((x) => x.event));
    expect(Object.keys(SOCKET_AUTH).filter((e) => !covered.has(e as keyof ClientToServerEvents))).toEqual([]);
    const roles = Object.keys(FACTS) as Signed[];
    const sockets = Object.fromEntries(await Promise.all(roles.map(async (r) => [r, await sessions[r].socket()] as const))) as Record<Signed, TestSocket>;
    const mismatches: string[] = [];
    try {
      for (const cell of [...SOCKET].sort((a, b) => Number(b.event.startsWith('media:')) - Number(a.event.startsWith('media:')))) {
        const need = cell.need ?? SOCKET_AUTH[cell.event];
        await Promise.all(
          roles.map(async (role) => {
            const emit = sockets[role].emitWithAck as (event: string, payload: unknown) => Promise<Ack<unknown>>;
            const ack = await emit.call(sockets[role], cell.event, cell.payload(c, sessions[role].token));
            const error = ack.ok ? undefined : (ack.error as ApiError);
            if (error?.code === 'validation_failed') mismatches.push(`${cell.event} ${role}: request not valid enough: ${error.message}`);
            const got = error ? outcomeOf(error.statusCode, error.code) : 'allowed';
            const want = expected(role, need);
            if (got !== want) mismatches.push(`${cell.event} ${JSON.stringify(cell.payload(c, '…')).slice(0, 80)} as ${role}: expected ${want}, got ${got} (${error?.statusCode ?? 'ok'} ${error?.code ?? ''})`);
          }),
        );
      }
    } finally {
      roles.forEach((r) => sockets[r].close());
    }
    expect(mismatches).toEqual([]);
  });

  it('answers every meeting route as the policy says, for every part', async () => {
    const mismatches: string[] = [];
    let requests = 0;
    for (const cell of REST) {
      const need = cell.need ?? authOf(cell.route);
      const [method, pattern] = cell.route.split(' ');
      const params: Record<string, string> = { id: c.meetingId, ...cell.params?.(c) };
      const path = pattern.replace(/:(\w+)/g, (_, name: string) => params[name]) + (cell.query ?? '');
      await Promise.all(
        ROLES.map(async (role) => {
          const body = cell.body?.(c);
          const res = role === 'anonymous' ? await http<ApiError>(t.baseUrl, method, path, body) : await sessions[role].request<ApiError>(method, path, body);
          requests++;
          const code = typeof res.body === 'object' && res.body ? res.body.code : undefined;
          if (code === 'validation_failed') mismatches.push(`${cell.route} as ${role}: request not valid enough: ${res.body.message}`);
          const got = outcomeOf(res.status, code);
          const want = expected(role, need, cell.unscoped);
          if (got !== want) mismatches.push(`${method} ${pattern} ${JSON.stringify(body ?? '').slice(0, 60)} as ${role}: expected ${want}, got ${got} (${res.status} ${code ?? ''})`);
        }),
      );
    }
    expect(mismatches).toEqual([]);
    expect(requests).toBe(REST.length * ROLES.length);
  });
});
