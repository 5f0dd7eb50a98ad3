import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { MeetingPolicy } from './meeting-policy';
import { TaskPolicy } from './task-policy';

/** The one policy (meetings, and the tasks they assign), asked by every controller, gateway and service that touches a meeting. */
@Module({
  imports: [OrganizationsModule],
  providers: [MeetingPolicy, TaskPolicy],
  exports: [MeetingPolicy, TaskPolicy],
})
export class PolicyModule {}
