import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@app/contracts';
import { session } from './http';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One Socket.IO connection for the signed-in person; the token is fetched fresh on every (re)connect. */
let socket: AppSocket | null = null;
let offsetMs = 0;

export function connectSocket(): AppSocket {
  if (socket) return socket;
  socket = io({
    path: '/socket.io',
    transports: ['websocket'],
    auth: (cb) => void session.token().then((token) => cb({ token })),
  });
  socket.on('connect', () => void syncClock());
  socket.on('connect_error', () => void session.refresh());
  return socket;
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
