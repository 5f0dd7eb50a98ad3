import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { meetingRoom, meetingSubscribeRequestSchema, meetingUnsubscribeRequestSchema } from '@app/contracts';
import type { AppSocket } from '../realtime/realtime.gateway';
import { runCommand } from '../realtime/socket-command';
import { userOf } from '../realtime/socket-user';
import { MeetingPolicy } from '../policy/meeting-policy';
import { MeetingsService } from '../meetings/meetings.service';
import { SnapshotService } from './snapshot.service';
import { FollowCache } from './follow-cache';
import type { AuthUser } from '../common/auth-user';
import type { PolicyFacts } from '@app/contracts';

/** Following a meeting live: join its room, and get what was missed since the client's last seq. */
@WebSocketGateway()
export class SnapshotGateway {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly snapshots: SnapshotService,
    private readonly policy: MeetingPolicy,
    private readonly follow: FollowCache,
  ) {}

  @SubscribeMessage('meeting:subscribe')
  subscribe(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, meetingSubscribeRequestSchema, payload, async ({ meetingId, afterSeq }) => {
      const viewer = await this.visibleFacts(userOf(socket), meetingId);
      // Join first, then read: an event committed in between arrives twice at most, never zero times.
      await socket.join(meetingRoom(meetingId));
      return this.snapshots.syncVisible(meetingId, afterSeq, viewer);
    });
  }

  /**
   * The caller's facts in a meeting it may see (404 otherwise). A decision this process took
   * for the same account, roles and meeting is reused while the meeting is still at the seq it
   * was taken at (FollowCache): a storm of subscribes reads one seq each instead of the meeting
   * row and the visibility rule.
   */
  private async visibleFacts(user: AuthUser, meetingId: string): Promise<PolicyFacts> {
    const cached = this.follow.decision(user, meetingId);
    if (cached && (await this.meetings.seqOf(meetingId)) === cached.seq) return cached.facts;
    const row = await this.meetings.requireVisible(user, meetingId);
    const facts = await this.policy.facts(user, row);
    this.follow.rememberDecision(user, meetingId, row.seq, facts);
    return facts;
  }

  @SubscribeMessage('meeting:unsubscribe')
  unsubscribe(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, meetingUnsubscribeRequestSchema, payload, async ({ meetingId }) => {
      await socket.leave(meetingRoom(meetingId));
      return { meetingId };
    });
  }
}
