import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { meetingRoom, minutesEditingSchema } from '@app/contracts';
import { AccountEntity } from '../accounts/account.entity';
import { RealtimeHub } from '../realtime/realtime-hub';
import type { AppSocket } from '../realtime/realtime.gateway';
import { runCommand } from '../realtime/socket-command';
import { userOf } from '../realtime/socket-user';
import { MeetingPolicy } from '../policy/meeting-policy';

/** Who is editing which entry: relayed to the meeting room, not kept (it is presence, not history). */
@WebSocketGateway()
export class MinutesGateway {
  constructor(
    private readonly policy: MeetingPolicy,
    @InjectDataSource() private readonly db: DataSource,
    private readonly hub: RealtimeHub,
  ) {}

  @SubscribeMessage('minutes:editing')
  editing(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, minutesEditingSchema, payload, async ({ meetingId, entryId }) => {
      await this.policy.require(userOf(socket), meetingId, 'minutes.edit');
      const account = await this.db.getRepository(AccountEntity).findOneByOrFail({ id: socket.data.accountId });
      this.hub.clientSend('minutes:presence', meetingRoom(meetingId), { meetingId, accountId: account.id, fullName: account.fullName, entryId, at: Date.now() });
      return { ok: true as const };
    });
  }
}
