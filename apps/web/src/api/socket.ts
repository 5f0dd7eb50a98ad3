import { io, type Socket } from 'socket.io-client';
import type { Ack, ApiError, ClientToServerEvents, ServerToClientEvents, SessionEndReason } from '@app/contracts';
import { session, type SignOutReason } from './http';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * What the header says of the live connection: 'connecting' before the first connect,
 * 'online', 'offline' from the moment the socket (or the browser's network) drops until it
 * is back, then 'restored' for a few seconds ("đã kết nối lại") before 'online' again.
 */
export type ConnectionState = 'connecting' | 'online' | 'offline' | 'restored';
const RESTORED_SHOWN_MS = 8_000;
let connection: ConnectionState = 'connecting';
let everConnected = false;
let restoredTimer: ReturnType<typeof setTimeout> | undefined;
const connectionListeners = new Set<() => void>();
function setConnection(next: ConnectionState) {
  if (connection === next) return;
  connection = next;
  clearTimeout(restoredTimer);
  if (next === 'restored') restoredTimer = setTimeout(() => setConnection('online'), RESTORED_SHOWN_MS);
  connectionListeners.forEach((fn) => fn());
}
/** for useSyncExternalStore */
export const connectionState = () => connection;
export function subscribeConnection(fn: () => void) {
  connectionListeners.add(fn);
  return () => void connectionListeners.delete(fn);
}

/** Session end reasons the sign-in page explains when the refresh that follows is refused. */
const SIGN_OUT_HINTS: Partial<Record<SessionEndReason, SignOutReason>> = {
  logout: 'logout_elsewhere',
  revoked: 'revoked',
  disabled: 'disabled',
  password_changed: 'password_changed',
};

/** One Socket.IO connection for the signed-in person; the token is fetched fresh on every (re)connect. */
let socket: AppSocket | null = null;
let offsetMs = 0;
/** the access token the socket last presented (handshake or auth:refresh) */
let presented: string | null = null;
let ended: SessionEndReason | null = null;

if (typeof window !== 'undefined') {
  // The browser knows first that the network is gone: say so at once, and close the transport
  // (an open WebSocket can stay "open" on a dead network until the ping times out); Socket.IO
  // then keeps trying to reconnect by itself.
  window.addEventListener('offline', () => {
    if (!socket) return;
    setConnection('offline');
    socket.io.engine?.close();
  });
  window.addEventListener('online', () => {
    if (socket && !socket.connected && !socket.active) socket.connect();
  });
}

export function connectSocket(): AppSocket {
  if (socket) return socket;
  const s: AppSocket = io({
    path: '/socket.io',
    transports: ['websocket'],
    reconnectionDelayMax: 5_000,
    auth: (cb) =>
      void session.token().then((token) => {
        presented = token;
        cb({ token });
      }),
  });
  socket = s;
  s.on('connect', () => {
    setConnection(everConnected ? 'restored' : 'online');
    everConnected = true;
    void syncClock();
  });
  s.on('connect_error', () => {
    if (socket !== s) return;
    if (everConnected) setConnection('offline');
    // A transport error (no network, the api restarting): Socket.IO retries by itself, asking
    // the auth callback for a token each time.
    if (s.active) return;
    // The server refused the handshake (e.g. the token ran out during a long outage): refresh,
    // then connect again. Refused too: the session becomes null and the app signs out.
    void session.refresh().then((fresh) => {
      if (!fresh || socket !== s) return;
      setTimeout(() => socket === s && !s.connected && s.connect(), session.unreachable ? 3_000 : 0);
    });
  });
  // The socket's token runs out soon: hand it a newer one, silently (the server closes it otherwise).
  s.on('session:expiring', () => void presentFreshToken(s));
  s.on('session:ended', ({ reason }) => (ended = reason));
  s.on('disconnect', (why) => {
    if (socket !== s) return;
    setConnection('offline');
    if (why !== 'io server disconnect') return; // the transport dropped: Socket.IO reconnects by itself
    // The server closed it (and said why in 'session:ended'). Try the refresh cookie: roles
    // changed or a token that ran out reconnect with what the account is now; after a logout,
    // revocation or a disabled account the refresh is refused, the session becomes null and the
    // sign-in page says why.
    const hint = ended ? SIGN_OUT_HINTS[ended] : undefined;
    ended = null;
    void session.refresh(hint).then((fresh) => {
      if (fresh && socket === s) s.connect();
    });
  });
  return s;
}

async function presentFreshToken(s: AppSocket) {
  let token = session.value?.accessToken ?? null;
  if (!token || token === presented) token = (await session.refresh())?.accessToken ?? null;
  if (!token) return;
  const answer = (await s.emitWithAck('auth:refresh', { token })) as Ack<{ expiresAt: number }>;
  if (answer.ok) presented = token;
}

export function disconnectSocket() {
  const s = socket;
  socket = null;
  s?.disconnect();
  everConnected = false;
  setConnection('connecting');
}

/** The server owns time: the offset of its clock from ours, measured at the middle of a round trip. */
async function syncClock() {
  if (!socket) return;
  const sent = Date.now();
  const answer = (await socket.emitWithAck('clock:sync', { clientTime: sent })) as Ack<{ clientTime: number; serverTime: number }>;
  if (answer.ok) offsetMs = answer.data.serverTime - (sent + Date.now()) / 2;
}

export const serverNow = () => Date.now() + offsetMs;

/**
 * A socket command, refused at once while the connection is down (instead of waiting in
 * Socket.IO's buffer for who knows how long): describeError says the server cannot be reached.
 */
export async function command<T>(emit: (s: AppSocket) => Promise<Ack<T>>): Promise<T> {
  const s = connectSocket();
  if (!s.connected) {
    // statusCode 0: never reached the server (describeError says so in the reader's language)
    const offline = { statusCode: 0, code: 'http_0', message: 'not connected', params: {}, correlationId: '' } as ApiError;
    throw Object.assign(new Error(offline.message), { body: offline });
  }
  const answer = await emit(s);
  if (!answer.ok) throw Object.assign(new Error(answer.error.message), { body: answer.error });
  return answer.data;
}
