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
  authRefreshRequestSchema,
  clockSyncRequestSchema,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from '@app/contracts';
import { toApiError } from '../common/exception.filter';
import { RealtimeHub, accountRoom, sessionRoom } from './realtime-hub';
import { bearerToken } from '../auth/auth.guard';
import { runCommand } from './socket-command';
import { SocketSessions } from './socket-session';
import { DisplaySockets } from '../display/display-sockets';
import { BallotSockets } from '../voting/ballot-sockets';

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export { accountRoom } from './realtime-hub';

/**
 * The one Socket.IO namespace. A socket is let in only with a valid access
 * token of a live session (checked in the handshake, before any event), and
 * every later command re-checks the session first (SocketSessions).
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit<AppServer>, OnGatewayConnection<AppSocket> {
  private readonly logger = new Logger(RealtimeGateway.name);
  @WebSocketServer() server!: AppServer;

  constructor(
    private readonly sessions: RealtimeHub,
    private readonly socketSessions: SocketSessions,
    private readonly displays: DisplaySockets,
    private readonly ballots: BallotSockets,
  ) {}

  afterInit(server: AppServer) {
    this.sessions.attach(server);
    server.use(async (socket, next) => {
      try {
        if (await this.displays.admit(socket)) return next(); // a hall display: read-only, one meeting (display/display-sockets.ts)
        if (await this.ballots.admit(socket)) return next(); // a delegate's phone: hears which polls open (voting/ballot-sockets.ts)
        const raw = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
        await this.socketSessions.admit(socket, typeof raw === 'string' ? raw : bearerToken(socket.handshake.headers.authorization));
        next();
      } catch (err) {
        const body = toApiError(err, socket.id);
        const error = Object.assign(new Error(body.statusCode === 500 ? 'Unauthorized' : body.message), {
          data: { ...body, statusCode: 401, code: 'unauthenticated' },
        });
        next(error);
      }
    });
  }

  async handleConnection(socket: AppSocket) {
    if (this.displays.connected(socket) || this.ballots.connected(socket)) return;
    await socket.join([sessionRoom(socket.data.sessionId), accountRoom(socket.data.accountId)]);
    this.socketSessions.connected(socket);
    this.sessions.clientSendLocal('session:ready', socket.id, { accountId: socket.data.accountId, serverTime: Date.now() });
    this.logger.debug({ socket: socket.id, account: socket.data.accountId }, 'socket connected');
  }

  /** A fresh access token of the same session, before the socket's runs out (see 'session:expiring'). */
  @SubscribeMessage('auth:refresh')
  authRefresh(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, authRefreshRequestSchema, payload, ({ token }) => this.socketSessions.refresh(socket, token));
  }

  /** The server owns time: clients measure their offset against it. */
  @SubscribeMessage('clock:sync')
  clockSync(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, clockSyncRequestSchema, payload, (p) => ({ clientTime: p.clientTime, serverTime: Date.now() }));
  }
}
