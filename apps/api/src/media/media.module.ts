import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { MediaClient } from './media-client';
import { MediaGateway } from './media.gateway';
import { MediaService } from './media.service';

/** Audio and video through the media process (apps/media); inert without MEDIA_URL. */
@Module({
  imports: [MeetingsModule, AttendanceModule],
  providers: [MediaClient, MediaService, MediaGateway],
  exports: [MediaService],
})
export class MediaModule {}
