import type { AuthUser } from '../common/auth-user';
import type { AppSocket } from './realtime.gateway';

/** The caller of a socket command: the session the handshake verified, with the roles SocketSessions read for this very command (the same AuthUser a REST call gets). */
export const userOf = (socket: AppSocket): AuthUser => ({ id: socket.data.accountId, sessionId: socket.data.sessionId, roles: socket.data.roles });
