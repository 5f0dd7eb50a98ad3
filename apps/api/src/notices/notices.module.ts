import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { NoticesController } from './notices.controller';
import { NoticesService } from './notices.service';

@Module({
  imports: [MeetingsModule, NotificationsModule, OrganizationsModule],
  controllers: [NoticesController],
  providers: [NoticesService],
})
export class NoticesModule {}
