import { Module } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway';
import { SocketSessions } from './socket-session';

@Module({ providers: [RealtimeGateway, SocketSessions], exports: [RealtimeGateway] })
export class RealtimeModule {}
