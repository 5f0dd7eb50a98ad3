import { Inject, Logger } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection } from '@nestjs/websockets';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ENV, type Env } from '@app/config';
import { toApiError } from '../common/exception.filter';
import { CommonErrorCode, CommonException } from '../common/domain.exception';
import type { AppSocket } from './realtime.gateway';
import { RealtimeHub } from './realtime-hub';
import { commandFailure } from './socket-command';
import { messageExceeds, rateLimited, refusalOf } from './socket-hygiene';

/**
 * What every packet of a socket passes before any gateway sees it (Socket.IO middleware,
 * `socket.use`): a per-socket command budget, then the event must be a command of the
 * contract and its payload not absurdly nested. A refused command is answered through its
 * ack with the one error body and is not run. A message over SOCKET_MAX_MESSAGE_BYTES gets
 * `socket:error` with the reason, then the connection is closed (the client reconnects).
 *
 * The budget lives in this process's memory, per socket: a socket is served by one process.
 */
@WebSocketGateway()
export class SocketHygieneGateway implements OnGatewayConnection<AppSocket> {
  private readonly logger = new Logger(SocketHygieneGateway.name);
  private readonly budget: RateLimiterMemory;

  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly hub: RealtimeHub,
  ) {
    this.budget = new RateLimiterMemory({ keyPrefix: 'socket-commands', points: env.SOCKET_COMMAND_LIMIT, duration: env.SOCKET_COMMAND_WINDOW_SECONDS });
  }

  handleConnection(socket: AppSocket) {
    let closing = false;
    const limit = this.env.SOCKET_MAX_MESSAGE_BYTES;
    // The engine hands each message here before Socket.IO decodes it.
    socket.conn.on('packet', (packet: { type: string; data?: unknown }) => {
      if (closing || packet.type !== 'message' || !messageExceeds(packet.data, limit)) return;
      closing = true;
      this.logger.warn({ socket: socket.id, account: socket.data.accountId, limit }, 'socket message over the size limit: closing');
      const error = new CommonException(CommonErrorCode.PayloadTooLarge, `A socket message may be at most ${limit} bytes`);
      this.hub.clientSendLocal('socket:error', socket.id, toApiError(error, `ws-${socket.id}-${Date.now().toString(36)}`));
      // the engine sends what is queued (the reason) before it closes the transport
      socket.conn.close();
    });

    socket.use((packet, next) => {
      // the oversized message itself, and anything after it, is not run
      if (closing) return;
      const answer = (err: unknown) => {
        const ack = packet.at(-1);
        if (typeof ack === 'function') ack(commandFailure(socket.id, err));
      };
      // RateLimiterMemory settles inside the promise's executor, so packets keep their order.
      this.budget.consume(socket.id).then(
        () => {
          const refusal = refusalOf(packet);
          if (refusal) answer(refusal);
          else next();
        },
        (res: unknown) => {
          if (res instanceof RateLimiterRes) answer(rateLimited(res.msBeforeNext));
          else answer(res);
        },
      );
    });

    socket.on('disconnect', () => void this.budget.delete(socket.id));
  }
}
