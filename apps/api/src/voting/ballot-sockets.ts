import { Injectable } from '@nestjs/common';
import { ballotHolderRoom, ballotRoom } from '@app/contracts';
import { CommonException } from '../common/domain.exception';
import { toApiError } from '../common/exception.filter';
import type { AppSocket } from '../realtime/realtime.gateway';
import { commandFailure } from '../realtime/socket-command';
import { VotingService } from './voting.service';

/** What a phone's socket may send: nothing but the clock. */
const PASSED = new Set(['clock:sync']);

interface Admitted {
  meetingId: string;
  attendeeId: string;
}

/**
 * The delegate's phone on the one Socket.IO namespace (called from RealtimeGateway, like a hall
 * display): a socket that presents `auth.ballotToken` is a voting slip, not a person. It has no
 * session and no roles and follows nothing but its meeting's `ballot:changed` news (which poll
 * opened or closed, never how anybody voted); every command but clock:sync is refused as
 * forbidden. Its ballots still go over HTTP (ballot.cast), each checked against the token. A
 * replaced slip closes the old slip's sockets on every api process.
 */
@Injectable()
export class BallotSockets {
  private readonly admitted = new WeakMap<AppSocket, Admitted>();

  constructor(private readonly voting: VotingService) {}

  /** False when the socket is not a phone's; a phone's with an unknown or replaced token throws (401). */
  async admit(socket: AppSocket): Promise<boolean> {
    const raw = (socket.handshake.auth as { ballotToken?: unknown } | undefined)?.ballotToken;
    if (raw === undefined) return false;
    if (typeof raw !== 'string' || raw.length > 200) throw CommonException.unauthenticated('Not a voting link');
    const holder = await this.voting.ballotHolder(raw).catch(() => {
      throw CommonException.unauthenticated('Unknown or replaced voting link');
    });
    // The slip's attendee stands in the account's place: no account has that id, and no command it could reach reads it.
    socket.data = { accountId: holder.attendeeId, sessionId: holder.attendeeId, roles: [], tokenExpiresAt: Number.MAX_SAFE_INTEGER };
    this.admitted.set(socket, holder);
    socket.use((packet, next) => this.checkPacket(socket, packet, next));
    return true;
  }

  /** After the handshake: true (and the meeting's and the holder's rooms joined) for a phone's socket. */
  connected(socket: AppSocket): boolean {
    const admitted = this.admitted.get(socket);
    if (!admitted) return false;
    void socket.join([ballotRoom(admitted.meetingId), ballotHolderRoom(admitted.attendeeId)]);
    return true;
  }

  private checkPacket(socket: AppSocket, packet: unknown[], next: (err?: Error) => void) {
    const [event] = packet;
    if (typeof event === 'string' && PASSED.has(event)) return next();
    const ack = packet.at(-1);
    const refusal = CommonException.forbidden('A voting link only hears which polls open and close');
    if (typeof ack === 'function') ack(commandFailure(socket.id, refusal));
    else socket.emit('socket:error', toApiError(refusal, `ws-${socket.id}-${Date.now().toString(36)}`));
  }
}
