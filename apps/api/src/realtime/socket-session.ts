import { Injectable } from '@nestjs/common';
import type { AuthRefreshResult, SessionEndReason } from '@app/contracts';
import { AuthErrorCode, AuthException } from '../auth/auth.exception';
import { SessionRegistry, userFrom, type SessionEnd, type SessionState } from '../auth/session-registry';
import { TokenService } from '../auth/token.service';
import { CommonException } from '../common/domain.exception';
import { RealtimeHub, accountRoom, sessionRoom } from './realtime-hub';
import { commandFailure } from './socket-command';
import type { AppSocket } from './realtime.gateway';

/**
 * How long before its access token runs out a socket is told to present a fresh one. The web
 * already refreshes a minute early (apps/web/src/api/http.ts), so it usually answers at once.
 */
export const EXPIRY_NOTICE_MS = 30_000;

interface Timers {
  notice?: NodeJS.Timeout;
  end?: NodeJS.Timeout;
}

/**
 * The session step of the socket gateway: the handshake admits a socket only for a live
 * session, every command first re-checks it against the SessionRegistry (a map lookup when
 * cached) and takes the account's current roles, a socket whose access token runs out is
 * warned ('session:expiring') and closed at expiry unless it sent 'auth:refresh', and a
 * session or account ended anywhere closes its sockets here with a reason ('session:ended').
 */
@Injectable()
export class SocketSessions {
  /** beside the socket, not in socket.data: that is serialized to other processes by fetchSockets */
  private readonly timers = new WeakMap<AppSocket, Timers>();

  constructor(
    private readonly tokens: TokenService,
    private readonly registry: SessionRegistry,
    private readonly hub: RealtimeHub,
  ) {
    registry.onEnd((end: SessionEnd) => this.hub.endLocal('sessionId' in end ? sessionRoom(end.sessionId) : accountRoom(end.accountId), end.reason));
  }

  /** Handshake: verifies the token and the session (throws a 401 otherwise), then checks every later packet. */
  async admit(socket: AppSocket, token: string | undefined): Promise<void> {
    const verified = this.tokens.verifyAccess(token);
    const user = await this.registry.user(verified.accountId, verified.sessionId);
    if (user.mustChangePassword) throw new AuthException(AuthErrorCode.PasswordChangeRequired, 'An administrator reset the password: change it first');
    socket.data = { accountId: user.id, sessionId: user.sessionId, roles: user.roles, tokenExpiresAt: verified.expiresAt };
    socket.use((packet, next) => this.checkPacket(socket, packet, next));
  }

  /** After the socket joined its rooms: the expiry clock starts. */
  connected(socket: AppSocket) {
    socket.on('disconnect', () => this.disarm(socket));
    this.arm(socket);
  }

  /** 'auth:refresh': a fresh access token of the same session moves the socket's expiry. */
  async refresh(socket: AppSocket, token: string): Promise<AuthRefreshResult> {
    const verified = this.tokens.verifyAccess(token);
    if (verified.sessionId !== socket.data.sessionId || verified.accountId !== socket.data.accountId) {
      throw CommonException.unauthenticated('The token belongs to another session');
    }
    socket.data.roles = (await this.registry.user(verified.accountId, verified.sessionId)).roles;
    socket.data.tokenExpiresAt = Math.max(socket.data.tokenExpiresAt, verified.expiresAt);
    this.arm(socket);
    return { expiresAt: socket.data.tokenExpiresAt };
  }

  private checkPacket(socket: AppSocket, packet: unknown[], next: (err?: Error) => void) {
    if (packet[0] === 'auth:refresh') return next();
    if (Date.now() >= socket.data.tokenExpiresAt) {
      this.refuse(socket, packet, new AuthException(AuthErrorCode.SessionExpired, 'The access token has expired; send auth:refresh'));
      return this.end(socket, 'token_expired');
    }
    const apply = (state: SessionState | null | undefined) => {
      try {
        socket.data.roles = userFrom(socket.data.accountId, socket.data.sessionId, state).roles;
      } catch (err) {
        this.refuse(socket, packet, err);
        return this.end(socket, state?.disabled ? 'disabled' : 'revoked');
      }
      next();
    };
    // The cached case stays synchronous: no promise per packet.
    const cached = this.registry.peek(socket.data.sessionId);
    if (cached) return apply(cached);
    this.registry.state(socket.data.sessionId).then(apply, (err: unknown) => this.refuse(socket, packet, err));
  }

  /** Answers the command's ack (its last argument) with the error, as runCommand would. */
  private refuse(socket: AppSocket, packet: unknown[], err: unknown) {
    const ack = packet.at(-1);
    if (typeof ack === 'function') ack(commandFailure(socket.id, err));
  }

  private end(socket: AppSocket, reason: SessionEndReason) {
    this.hub.endLocal(socket.id, reason);
  }

  private arm(socket: AppSocket) {
    this.disarm(socket);
    const left = socket.data.tokenExpiresAt - Date.now();
    this.timers.set(socket, {
      notice: setTimeout(() => this.hub.clientSendLocal('session:expiring', socket.id, { expiresAt: socket.data.tokenExpiresAt }), Math.max(0, left - EXPIRY_NOTICE_MS)),
      end: setTimeout(() => this.end(socket, 'token_expired'), Math.max(0, left)),
    });
  }

  private disarm(socket: AppSocket) {
    const t = this.timers.get(socket);
    clearTimeout(t?.notice);
    clearTimeout(t?.end);
  }
}
