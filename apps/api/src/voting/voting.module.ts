import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { VotingController } from './voting.controller';
import { VotingService } from './voting.service';
import { BallotSockets } from './ballot-sockets';

@Module({
  imports: [MeetingsModule, AttendanceModule],
  controllers: [VotingController],
  providers: [VotingService, BallotSockets],
  exports: [VotingService, BallotSockets],
})
export class VotingModule {}
