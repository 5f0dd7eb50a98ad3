import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { meetingRoom, meetingSubscribeRequestSchema, meetingUnsubscribeRequestSchema } from '@app/contracts';
import type { AppSocket } from '../realtime/realtime.gateway';
import { runCommand } from '../realtime/socket-command';
import { MeetingPolicy } from '../policy/meeting-policy';
import { MeetingsService } from '../meetings/meetings.service';
import { SnapshotService } from './snapshot.service';

const userOf = (socket: AppSocket) => ({ id: socket.data.accountId, sessionId: socket.data.sessionId, roles: socket.data.roles as never });

/** Following a meeting live: join its room, and get what was missed since the client's last seq. */
@WebSocketGateway()
export class SnapshotGateway {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly snapshots: SnapshotService,
    private readonly policy: MeetingPolicy,
  ) {}

  @SubscribeMessage('meeting:subscribe')
  subscribe(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, meetingSubscribeRequestSchema, payload, async ({ meetingId, afterSeq }) => {
      const user = userOf(socket);
      const row = await this.meetings.requireVisible(user, meetingId);
      const viewer = await this.policy.facts(user, row);
      // Join first, then read: an event committed in between arrives twice at most, never zero times.
      await socket.join(meetingRoom(meetingId));
      return this.snapshots.syncVisible(meetingId, afterSeq, viewer);
    });
  }

  @SubscribeMessage('meeting:unsubscribe')
  unsubscribe(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, meetingUnsubscribeRequestSchema, payload, async ({ meetingId }) => {
      await socket.leave(meetingRoom(meetingId));
      return { meetingId };
    });
  }
}
