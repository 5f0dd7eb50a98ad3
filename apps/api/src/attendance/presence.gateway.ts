import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayConnection } from '@nestjs/websockets';
import { z } from 'zod';
import { endpointJoinRequestSchema, meetingRoom } from '@app/contracts';
import type { AppSocket } from '../realtime/realtime.gateway';
import { runCommand } from '../realtime/socket-command';
import { userOf } from '../realtime/socket-user';
import { PresenceService } from './presence.service';

const leaveSchema = z.object({ endpointId: z.uuid() }).strict();

/** Endpoint consoles announce themselves here; a closed socket is a console that left. */
@WebSocketGateway()
export class PresenceGateway implements OnGatewayConnection<AppSocket> {
  constructor(private readonly presence: PresenceService) {}

  @SubscribeMessage('endpoint:join')
  join(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, endpointJoinRequestSchema, payload, async ({ meetingId, endpointId, device }) => {
      const presence = await this.presence.join(userOf(socket), socket.id, meetingId, endpointId, device);
      await socket.join(meetingRoom(meetingId));
      return { endpointId, presence };
    });
  }

  @SubscribeMessage('endpoint:leave')
  leave(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, leaveSchema, payload, async ({ endpointId }) => {
      await this.presence.leave(socket.id, 'left the meeting', endpointId);
      return { endpointId };
    });
  }

  handleConnection(socket: AppSocket) {
    // Socket.IO's reason tells a closed tab ("transport close") from a lost link ("ping timeout").
    socket.on('disconnect', (reason) => void this.presence.leave(socket.id, reason).catch(() => undefined));
  }
}
