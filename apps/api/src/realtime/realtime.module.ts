import { Module } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway';
import { SocketHygieneGateway } from './socket-hygiene.gateway';
import { SocketSessions } from './socket-session';

@Module({ providers: [RealtimeGateway, SocketHygieneGateway, SocketSessions], exports: [RealtimeGateway] })
export class RealtimeModule {}
