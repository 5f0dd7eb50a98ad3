import type { AuthUser } from '../common/auth-user';
import type { AppSocket } from './realtime.gateway';

/** The caller of a socket command, as the handshake verified it: the same AuthUser a REST call gets. */
export const userOf = (socket: AppSocket): AuthUser => ({ id: socket.data.accountId, sessionId: socket.data.sessionId, roles: socket.data.roles });
