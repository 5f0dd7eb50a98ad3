import { Module } from '@nestjs/common';
import { DisplayModule } from '../display/display.module';
import { VotingModule } from '../voting/voting.module';
import { RealtimeGateway } from './realtime.gateway';
import { SocketHygieneGateway } from './socket-hygiene.gateway';
import { SocketSessions } from './socket-session';

@Module({ imports: [DisplayModule, VotingModule], providers: [RealtimeGateway, SocketHygieneGateway, SocketSessions], exports: [RealtimeGateway] })
export class RealtimeModule {}
