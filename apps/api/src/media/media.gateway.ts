import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayConnection } from '@nestjs/websockets';
import {
  connectMediaTransportRequestSchema,
  consumeRequestSchema,
  createMediaTransportRequestSchema,
  mediaConsumerRequestSchema,
  mediaMeetingRequestSchema,
  mediaProducerRequestSchema,
  mediaSettingsRequestSchema,
  mediaTransportRequestSchema,
  meetingRoom,
  muteEndpointRequestSchema,
  openEndpointRequestSchema,
  produceRequestSchema,
} from '@app/contracts';
import type { AppSocket } from '../realtime/realtime.gateway';
import { runCommand } from '../realtime/socket-command';
import { userOf } from '../realtime/socket-user';
import { MediaService } from './media.service';

/** Media signalling over the one Socket.IO connection: each command validated, authorized in MediaService, relayed to the media process. */
@WebSocketGateway()
export class MediaGateway implements OnGatewayConnection<AppSocket> {
  constructor(private readonly media: MediaService) {}

  handleConnection(socket: AppSocket) {
    socket.on('disconnect', () => void this.media.disconnected(socket.id));
  }

  @SubscribeMessage('media:capabilities')
  capabilities(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, mediaMeetingRequestSchema, payload, async ({ meetingId }) => {
      const caps = await this.media.capabilities(userOf(socket), meetingId);
      await socket.join(meetingRoom(meetingId));
      return caps;
    });
  }

  @SubscribeMessage('media:transport:create')
  createTransport(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, createMediaTransportRequestSchema, payload, (p) => this.media.createTransport(userOf(socket), socket.id, p));
  }

  @SubscribeMessage('media:transport:connect')
  connectTransport(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, connectMediaTransportRequestSchema, payload, (p) => this.media.connectTransport(userOf(socket), socket.id, p));
  }

  @SubscribeMessage('media:transport:restart-ice')
  restartIce(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, mediaTransportRequestSchema, payload, (p) => this.media.restartIce(userOf(socket), socket.id, p.meetingId, p.transportId));
  }

  @SubscribeMessage('media:transport:close')
  closeTransport(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, mediaTransportRequestSchema, payload, (p) => this.media.closeTransport(userOf(socket), socket.id, p.meetingId, p.transportId));
  }

  @SubscribeMessage('media:produce')
  produce(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, produceRequestSchema, payload, (p) => this.media.produce(userOf(socket), socket.id, p));
  }

  @SubscribeMessage('media:consume')
  consume(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, consumeRequestSchema, payload, (p) => this.media.consume(userOf(socket), socket.id, p));
  }

  @SubscribeMessage('media:producer:pause')
  pauseProducer(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, mediaProducerRequestSchema, payload, (p) => this.media.setProducerPaused(userOf(socket), socket.id, p.meetingId, p.producerId, true));
  }

  @SubscribeMessage('media:producer:resume')
  resumeProducer(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, mediaProducerRequestSchema, payload, (p) => this.media.setProducerPaused(userOf(socket), socket.id, p.meetingId, p.producerId, false));
  }

  @SubscribeMessage('media:producer:close')
  closeProducer(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, mediaProducerRequestSchema, payload, (p) => this.media.closeProducer(userOf(socket), socket.id, p.meetingId, p.producerId));
  }

  @SubscribeMessage('media:consumer:pause')
  pauseConsumer(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, mediaConsumerRequestSchema, payload, (p) => this.media.setConsumerPaused(userOf(socket), socket.id, p.meetingId, p.consumerId, true));
  }

  @SubscribeMessage('media:consumer:resume')
  resumeConsumer(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, mediaConsumerRequestSchema, payload, (p) => this.media.setConsumerPaused(userOf(socket), socket.id, p.meetingId, p.consumerId, false));
  }

  @SubscribeMessage('media:endpoint:mute')
  mute(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, muteEndpointRequestSchema, payload, (p) => this.media.mute(userOf(socket), p.meetingId, p.endpointId, p.muted));
  }

  @SubscribeMessage('media:endpoint:open')
  open(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, openEndpointRequestSchema, payload, (p) => this.media.open(userOf(socket), p.meetingId, p.endpointId, p.open));
  }

  @SubscribeMessage('media:settings')
  settings(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, mediaSettingsRequestSchema, payload, (p) => this.media.settings(userOf(socket), p.meetingId, p.openDiscussion));
  }

  @SubscribeMessage('media:state')
  state(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, mediaMeetingRequestSchema, payload, (p) => this.media.state(userOf(socket), p.meetingId));
  }

  @SubscribeMessage('media:leave')
  leave(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return runCommand(socket.id, mediaMeetingRequestSchema, payload, (p) => this.media.leave(userOf(socket), socket.id, p.meetingId));
  }
}
