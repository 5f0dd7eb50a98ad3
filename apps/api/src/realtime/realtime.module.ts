import { Module } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway';
import { SocketHygieneGateway } from './socket-hygiene.gateway';

@Module({ providers: [RealtimeGateway, SocketHygieneGateway], exports: [RealtimeGateway] })
export class RealtimeModule {}
