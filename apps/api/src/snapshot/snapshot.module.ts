import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { MinutesModule } from '../minutes/minutes.module';
import { SpeakersModule } from '../speakers/speakers.module';
import { VotingModule } from '../voting/voting.module';
import { SnapshotController } from './snapshot.controller';
import { SnapshotGateway } from './snapshot.gateway';
import { SnapshotService } from './snapshot.service';
import { FollowCache } from './follow-cache';

/** Following a meeting (subscribe, sync, snapshot): above the domains, reading each through its service. */
@Module({
  imports: [MeetingsModule, AttendanceModule, SpeakersModule, MinutesModule, VotingModule],
  controllers: [SnapshotController],
  providers: [SnapshotService, SnapshotGateway, { provide: FollowCache, useFactory: () => new FollowCache() }],
  exports: [SnapshotService],
})
export class SnapshotModule {}
