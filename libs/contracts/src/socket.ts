import { z } from 'zod';
import type { ApiError } from './errors';
import type { MeetingEventPayloads, MeetingEventType, MeetingSnapshot } from './meetings';
import type { EndpointJoinRequest, EndpointPresence } from './attendance';
import type { MinutesPresence } from './minutes';
import type { ReportStatusEvent } from './summaries';
import type { NoticeState } from './notices';
import type { PollStatus } from './voting';
import type { RoleAssignment } from './roles';
import type { PolicyFacts } from './policy';
import type { NotificationNew } from './notifications';
import { MEDIA_SOCKET_COMMANDS } from './media';

/**
 * Socket.IO contract, both directions. Commands (client -> server) always
 * answer through an ack; notifications (server -> client) never expect one.
 */

/** The answer to every command: data, or the same error body REST uses. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };
export type AckFn<T> = (answer: Ack<T>) => void;

/** One committed change of type K to a meeting, numbered in the meeting's one ordered history. */
export interface MeetingEventOf<K extends MeetingEventType> {
  meetingId: string;
  seq: number;
  type: K;
  payload: MeetingEventPayloads[K];
  actorId: string | null;
  /** server time the change was committed (ISO 8601, UTC) */
  at: string;
}

/**
 * A committed change to a meeting: the union over every event type (or over
 * the types K), so testing `type` types the payload and nobody casts it
 * (`{ [K in T]: Event<K> }[T]`, the trick JobHandlerMap uses).
 */
export type MeetingEvent<K extends MeetingEventType = MeetingEventType> = { [P in K]: MeetingEventOf<P> }[K];

export const clockSyncRequestSchema = z.object({ clientTime: z.number().finite() }).strict();
export type ClockSyncRequest = z.infer<typeof clockSyncRequestSchema>;
export interface ClockSyncResult {
  clientTime: number;
  serverTime: number;
}

export const meetingSubscribeRequestSchema = z
  .object({
    meetingId: z.uuid(),
    /** the last seq the client applied; the answer carries every later event, or a snapshot if too many */
    afterSeq: z.number().int().min(0).optional(),
  })
  .strict();
export type MeetingSubscribeRequest = z.infer<typeof meetingSubscribeRequestSchema>;

export interface MeetingSyncResult {
  meetingId: string;
  /** the newest seq the server has committed */
  seq: number;
  /** events after afterSeq in order, when the gap is small enough to replay */
  events: MeetingEvent[] | null;
  /** the whole state at `seq`, when there is no afterSeq or the gap is too large to replay */
  snapshot: MeetingSnapshot | null;
  /**
   * What the server knows of the caller, for `meetingCapabilities(viewer, snapshot.meeting,
   * snapshot.endpoints)`: the web shows a control exactly when the server would accept it.
   * Beside the snapshot, not in it: callers at the same seq share one snapshot.
   */
  viewer: PolicyFacts;
  /** REST only: more events follow the last one in `events` (ask again with after = its seq) */
  hasMore?: boolean;
}

export const meetingUnsubscribeRequestSchema = z.object({ meetingId: z.uuid() }).strict();

export interface SessionReady {
  accountId: string;
  serverTime: number;
}

/** Why the server closed a socket; sent as 'session:ended' just before it disconnects. */
export const sessionEndReasons = ['logout', 'revoked', 'disabled', 'roles_changed', 'password_changed', 'token_expired'] as const;
export type SessionEndReason = (typeof sessionEndReasons)[number];

export interface SessionEnded {
  reason: SessionEndReason;
}

/** The socket's access token runs out at `expiresAt` (server ms): answer with 'auth:refresh' before then. */
export interface SessionExpiring {
  expiresAt: number;
}

/** A fresh access token of the same session, for a socket whose token is about to expire. */
export const authRefreshRequestSchema = z.object({ token: z.string().min(1).max(4096) }).strict();
export type AuthRefreshRequest = z.infer<typeof authRefreshRequestSchema>;
export interface AuthRefreshResult {
  expiresAt: number;
}

export interface ServerToClientEvents {
  'session:ready': (p: SessionReady) => void;
  'session:expiring': (p: SessionExpiring) => void;
  'session:ended': (p: SessionEnded) => void;
  'meeting:event': (e: MeetingEvent) => void;
  /** who is editing which minutes entry (ephemeral, not in the history) */
  'minutes:presence': (p: MinutesPresence) => void;
  /** a report job of the meeting moved: queued, running with progress, done, failed */
  'report:status': (p: ReportStatusEvent) => void;
  /**
   * To a delegate's phone (a socket that presented `auth.ballotToken`): a poll of its meeting
   * changed (opened, closed, published, cancelled). The phone reads its ballot again (ballot.view):
   * the event says what, never how anybody voted.
   */
  'ballot:changed': (p: BallotChanged) => void;
  /**
   * Why the server is about to close this connection (a message over the size limit): sent
   * just before the close, so the client can say what happened; it then reconnects as usual.
   */
  'socket:error': (e: ApiError) => void;
  /** to the account room: a notification was committed for this account */
  'notification:new': (p: NotificationNew) => void;
  /** to the meeting room: the conclusion notice's job moved (queued, running, done, failed) */
  'notice:status': (p: { meetingId: string; notice: NoticeState }) => void;
}

export interface ClientToServerEvents {
  'auth:refresh': (p: AuthRefreshRequest, ack: AckFn<AuthRefreshResult>) => void;
  'clock:sync': (p: ClockSyncRequest, ack: AckFn<ClockSyncResult>) => void;
  'meeting:subscribe': (p: MeetingSubscribeRequest, ack: AckFn<MeetingSyncResult>) => void;
  'meeting:unsubscribe': (p: z.infer<typeof meetingUnsubscribeRequestSchema>, ack: AckFn<{ meetingId: string }>) => void;
  /** an endpoint operator's console announces itself: the endpoint counts as connected while any of its consoles is */
  'endpoint:join': (p: EndpointJoinRequest, ack: AckFn<{ endpointId: string; presence: EndpointPresence }>) => void;
  'endpoint:leave': (p: { endpointId: string }, ack: AckFn<{ endpointId: string }>) => void;
  'minutes:editing': (p: { meetingId: string; entryId: string | null }, ack: AckFn<{ ok: true }>) => void;
}

/**
 * Every command of ClientToServerEvents, at runtime: the server answers an event not
 * listed here with unknown_command, and tests enumerate the commands from it. Media's
 * commands are declared in media.ts and listed there.
 */
export const CORE_SOCKET_COMMANDS = ['auth:refresh', 'clock:sync', 'meeting:subscribe', 'meeting:unsubscribe', 'endpoint:join', 'endpoint:leave', 'minutes:editing'] as const satisfies readonly SocketCommand[];
export const SOCKET_COMMANDS: readonly SocketCommand[] = [...CORE_SOCKET_COMMANDS, ...MEDIA_SOCKET_COMMANDS];
export type SocketCommand = keyof ClientToServerEvents;
type UnlistedCommand = Exclude<SocketCommand, (typeof CORE_SOCKET_COMMANDS)[number] | (typeof MEDIA_SOCKET_COMMANDS)[number]>;
/** Compiles only while the lists above name every command of ClientToServerEvents. */
export const SOCKET_COMMANDS_ALL_LISTED: [UnlistedCommand] extends [never] ? true : UnlistedCommand = true;
export const isSocketCommand = (event: unknown): event is SocketCommand => typeof event === 'string' && (SOCKET_COMMANDS as readonly string[]).includes(event);

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export interface SocketData {
  accountId: string;
  sessionId: string;
  /** the account's current roles, read from the SessionRegistry before every command (not the token's claims) */
  roles: RoleAssignment[];
  /** when the access token the socket presented runs out (ms); 'auth:refresh' moves it */
  tokenExpiresAt: number;
}

export interface BallotChanged {
  pollId: string;
  status: PollStatus;
}

/** Socket.IO room of the delegates' phones of one meeting (ballot:changed). */
export const ballotRoom = (meetingId: string) => `ballot:${meetingId}`;
/** Socket.IO room of one delegate's phones: closed when the delegate's slip is replaced. */
export const ballotHolderRoom = (attendeeId: string) => `ballot-holder:${attendeeId}`;

/** Socket.IO room that receives every event of one meeting. */
export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
