import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents, SessionEndReason } from '@app/contracts';
import { session } from './http';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One Socket.IO connection for the signed-in person; the token is fetched fresh on every (re)connect. */
let socket: AppSocket | null = null;
let offsetMs = 0;
/** the access token the socket last presented (handshake or auth:refresh) */
let presented: string | null = null;
let ended: SessionEndReason | null = null;

export function connectSocket(): AppSocket {
  if (socket) return socket;
  const s: AppSocket = io({
    path: '/socket.io',
    transports: ['websocket'],
    auth: (cb) =>
      void session.token().then((token) => {
        presented = token;
        cb({ token });
      }),
  });
  socket = s;
  s.on('connect', () => void syncClock());
  s.on('connect_error', () => void session.refresh());
  // The socket's token runs out soon: hand it a newer one, silently (the server closes it otherwise).
  s.on('session:expiring', () => void presentFreshToken(s));
  s.on('session:ended', ({ reason }) => (ended = reason));
  // The server closed it and said why. Try the refresh cookie: roles changed or a token that ran
  // out reconnect with what the account is now; after a logout, revocation or a disabled account
  // the refresh fails, the session becomes null and the app shows the sign-in page.
  s.on('disconnect', (why) => {
    if (why !== 'io server disconnect' || !ended) return;
    ended = null;
    void session.refresh().then((fresh) => {
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
  socket?.disconnect();
  socket = null;
}

/** The server owns time: the offset of its clock from ours, measured at the middle of a round trip. */
async function syncClock() {
  if (!socket) return;
  const sent = Date.now();
  const answer = (await socket.emitWithAck('clock:sync', { clientTime: sent })) as Ack<{ clientTime: number; serverTime: number }>;
  if (answer.ok) offsetMs = answer.data.serverTime - (sent + Date.now()) / 2;
}

export const serverNow = () => Date.now() + offsetMs;

export async function command<T>(emit: (s: AppSocket) => Promise<Ack<T>>): Promise<T> {
  const answer = await emit(connectSocket());
  if (!answer.ok) throw Object.assign(new Error(answer.error.message), { body: answer.error });
  return answer.data;
}
