import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import {
  clockSyncRequestSchema,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from '@app/contracts';
import { toApiError } from '../common/exception.filter';
import { AuthService } from '../auth/auth.service';
import { RealtimeHub, sessionRoom } from './realtime-hub';
import { TokenService } from '../auth/token.service';
import { bearerToken } from '../auth/auth.guard';
import { runCommand } from './socket-command';

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export const accountRoom = (accountId: string) => `account:${accountId}`;

/**
 * The one Socket.IO namespace. A socket is let in only with a valid access
 * token of a live session (checked in the handshake, before any event).
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit<AppServer>, OnGatewayConnection<AppSocket> {
  private readonly logger = new Logger(RealtimeGateway.name);
  @WebSocketServer() server!: AppServer;

  constructor(
    private readonly tokens: TokenService,
    private readonly auth: AuthService,
    private readonly sessions: RealtimeHub,
  ) {}

  afterInit(server: AppServer) {
    this.sessions.attach(server);
    server.use(async (socket, next) => {
      try {
        const raw = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
        const user = this.tokens.verifyAccess(typeof raw === 'string' ? raw : bearerToken(socket.handshake.headers.authorization));
        if (!(await this.auth.isSessionActive(user.sessionId))) throw new Error('session ended');
        socket.data = { accountId: user.id, sessionId: user.sessionId, roles: user.roles };
        next();
      } catch (err) {
        const body = toApiError(err instanceof Error && err.message === 'session ended' ? undefined : err, socket.id);
        const error = Object.assign(new Error(body.statusCode === 500 ? 'Unauthorized' : body.message), {
          data: { ...body, statusCode: 401, code: 'unauthenticated' },
        });
        next(error);
      }
    });
  }

  async handleConnection(socket: AppSocket) {
    await socket.join([sessionRoom(socket.data.sessionId), accountRoom(socket.data.accountId)]);
    this.sessions.clientSendLocal('session:ready', socket.id, { accountId: socket.data.accountId, serverTime: Date.now() });
    this.logger.debug({ socket: socket.id, account: socket.data.accountId }, 'socket connected');
  }

  /** The server owns time: clients measure their offset against it. */
  @SubscribeMessage('clock:sync')
  clockSync(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, clockSyncRequestSchema, payload, (p) => ({ clientTime: p.clientTime, serverTime: Date.now() }));
  }
}
