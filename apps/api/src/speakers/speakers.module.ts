import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { SpeakersController } from './speakers.controller';
import { SpeakersService } from './speakers.service';

@Module({
  imports: [MeetingsModule, AttendanceModule],
  controllers: [SpeakersController],
  providers: [SpeakersService],
  exports: [SpeakersService],
})
export class SpeakersModule {}
