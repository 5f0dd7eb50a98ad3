import { Injectable } from '@nestjs/common';
import { meetingRoom, meetingSubscribeRequestSchema, type DisplaySelf, type MeetingSyncResult } from '@app/contracts';
import { CommonException } from '../common/domain.exception';
import { toApiError } from '../common/exception.filter';
import type { AppSocket } from '../realtime/realtime.gateway';
import { commandFailure, runCommand } from '../realtime/socket-command';
import { SnapshotService } from '../snapshot/snapshot.service';
import { displayRoom } from './display-code';
import { DisplayService } from './display.service';

/** What a display socket may send besides meeting:subscribe: nothing that changes anything. */
const PASSED = new Set(['clock:sync', 'meeting:unsubscribe']);

interface Admitted {
  self: DisplaySelf;
  token: string;
}

/**
 * The display step of the socket handshake (called from RealtimeGateway): a socket that
 * presents `auth.displayToken` is a hall display, not a person. It has no session and no
 * roles; it may follow its one meeting ('meeting:subscribe' for that meeting, answered
 * here), sync its clock, and nothing else: every other command is refused as forbidden.
 * It sits in the room of its display, which a revocation closes on every api process.
 */
@Injectable()
export class DisplaySockets {
  private readonly admitted = new WeakMap<AppSocket, Admitted>();

  constructor(
    private readonly displays: DisplayService,
    private readonly snapshots: SnapshotService,
  ) {}

  /** False when the socket is not a display's; a display's with a bad or revoked token throws (401). */
  async admit(socket: AppSocket): Promise<boolean> {
    const raw = (socket.handshake.auth as { displayToken?: unknown } | undefined)?.displayToken;
    if (raw === undefined) return false;
    if (typeof raw !== 'string' || raw.length > 200) throw CommonException.unauthenticated('Not a display token');
    const self = await this.displays.authenticate(raw);
    // The display's id stands in the account's place: no account has it, and no command it could reach reads it.
    socket.data = { accountId: self.id, sessionId: self.id, roles: [], tokenExpiresAt: Number.MAX_SAFE_INTEGER };
    this.admitted.set(socket, { self, token: raw });
    socket.use((packet, next) => this.checkPacket(socket, packet, next));
    return true;
  }

  /** After the handshake: true (and the display's room joined) for a display's socket. */
  connected(socket: AppSocket): boolean {
    const admitted = this.admitted.get(socket);
    if (!admitted) return false;
    void socket.join(displayRoom(admitted.self.id));
    return true;
  }

  private checkPacket(socket: AppSocket, packet: unknown[], next: (err?: Error) => void) {
    const [event, payload] = packet;
    const ack = packet.at(-1);
    const answer = (value: unknown) => typeof ack === 'function' && ack(value);
    if (typeof event === 'string' && PASSED.has(event)) return next();
    if (event === 'meeting:subscribe') {
      void this.subscribe(socket, payload).then(answer);
      return;
    }
    const refusal = CommonException.forbidden('A hall display only follows its meeting');
    if (typeof ack === 'function') answer(commandFailure(socket.id, refusal));
    else socket.emit('socket:error', toApiError(refusal, `ws-${socket.id}-${Date.now().toString(36)}`));
  }

  private subscribe(socket: AppSocket, payload: unknown) {
    return runCommand(socket.id, meetingSubscribeRequestSchema, payload, async ({ meetingId, afterSeq }): Promise<MeetingSyncResult> => {
      const admitted = this.admitted.get(socket)!;
      if (meetingId !== admitted.self.meetingId) throw CommonException.forbidden('This display is paired with another meeting');
      // Re-read: a revocation whose message this process missed still stops the display here.
      await this.displays.authenticate(admitted.token);
      await socket.join(meetingRoom(meetingId));
      return this.snapshots.syncVisible(meetingId, afterSeq, { accountId: admitted.self.id, visible: true, organizerOfHost: false });
    });
  }
}
