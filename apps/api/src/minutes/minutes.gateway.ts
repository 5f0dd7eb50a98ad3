import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { meetingRoom, minutesEditingSchema } from '@app/contracts';
import { AccountEntity } from '../accounts/account.entity';
import type { AppServer, AppSocket } from '../realtime/realtime.gateway';
import { runCommand } from '../realtime/socket-command';
import { MeetingPolicy } from '../policy/meeting-policy';

/** Who is editing which entry: relayed to the meeting room, not kept (it is presence, not history). */
@WebSocketGateway()
export class MinutesGateway {
  @WebSocketServer() server!: AppServer;

  constructor(
    private readonly policy: MeetingPolicy,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @SubscribeMessage('minutes:editing')
  editing(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, minutesEditingSchema, payload, async ({ meetingId, entryId }) => {
      await this.policy.require({ id: socket.data.accountId, sessionId: socket.data.sessionId, roles: socket.data.roles as never }, meetingId, 'minutes.edit');
      const account = await this.db.getRepository(AccountEntity).findOneByOrFail({ id: socket.data.accountId });
      this.server.to(meetingRoom(meetingId)).emit('minutes:presence', { meetingId, accountId: account.id, fullName: account.fullName, entryId, at: Date.now() });
      return { ok: true as const };
    });
  }
}
