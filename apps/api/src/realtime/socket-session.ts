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

/**
 * Sockets due at a whole second, with one timer for the process instead of one per socket
 * (two timers with their closures were about half a kilobyte of every idle socket's heap).
 * `fire` is called at or up to a second after the time asked; an entry made stale by a later
 * `add` of the same socket is told apart by the caller (`due` gives the second it was filed at).
 */
export class DueBySecond<T> {
  private readonly buckets = new Map<number, Set<T>>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly fire: (item: T, due: number) => void) {}

  static secondOf(at: number) {
    return Math.ceil(at / 1000);
  }

  add(item: T, at: number) {
    const second = DueBySecond.secondOf(at);
    if (second * 1000 <= Date.now()) {
      setImmediate(() => this.fire(item, second));
      return;
    }
    const bucket = this.buckets.get(second);
    if (bucket) bucket.add(item);
    else this.buckets.set(second, new Set([item]));
    this.timer ??= setInterval(() => this.tick(), 1000).unref();
  }

  delete(item: T, at: number) {
    const second = DueBySecond.secondOf(at);
    const bucket = this.buckets.get(second);
    if (bucket?.delete(item) && !bucket.size) this.buckets.delete(second);
  }

  private tick() {
    const now = Date.now() / 1000;
    for (const [second, bucket] of this.buckets) {
      if (second > now) continue;
      this.buckets.delete(second);
      for (const item of bucket) this.fire(item, second);
    }
    if (!this.buckets.size) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
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
  /** notices and ends by the socket's tokenExpiresAt; an entry whose second no longer matches it is stale */
  private readonly notices = new DueBySecond<AppSocket>((socket, due) => {
    if (socket.connected && DueBySecond.secondOf(socket.data.tokenExpiresAt - EXPIRY_NOTICE_MS) === due) {
      this.hub.clientSendLocal('session:expiring', socket.id, { expiresAt: socket.data.tokenExpiresAt });
    }
  });
  private readonly ends = new DueBySecond<AppSocket>((socket, due) => {
    if (socket.connected && DueBySecond.secondOf(socket.data.tokenExpiresAt) === due) this.end(socket, 'token_expired');
  });

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
    this.disarm(socket);
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

  /** Files the socket by its current tokenExpiresAt. */
  private arm(socket: AppSocket) {
    this.notices.add(socket, socket.data.tokenExpiresAt - EXPIRY_NOTICE_MS);
    this.ends.add(socket, socket.data.tokenExpiresAt);
  }

  /** Takes the socket out, by the tokenExpiresAt it was filed with. */
  private disarm(socket: AppSocket) {
    this.notices.delete(socket, socket.data.tokenExpiresAt - EXPIRY_NOTICE_MS);
    this.ends.delete(socket, socket.data.tokenExpiresAt);
  }
}
