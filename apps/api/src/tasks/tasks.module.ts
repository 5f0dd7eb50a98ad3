import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PolicyModule } from '../policy/policy.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [MeetingsModule, OrganizationsModule, PolicyModule, NotificationsModule],
  controllers: [TasksController],
  providers: [TasksService],
  exports: [TasksService],
})
export class TasksModule {}
