import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { BroadcastController } from './broadcast.controller';
import { BroadcastService } from './broadcast.service';
import { MediaClient } from './media-client';
import { MediaGateway } from './media.gateway';
import { MediaService } from './media.service';

/** Audio and video through the media process (apps/media); inert without MEDIA_URL. */
@Module({
  imports: [MeetingsModule, AttendanceModule],
  controllers: [BroadcastController],
  providers: [MediaClient, MediaService, MediaGateway, BroadcastService],
  exports: [MediaService],
})
export class MediaModule {}
