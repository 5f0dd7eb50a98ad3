import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { MeetingPolicy } from './meeting-policy';

/** The one meeting policy, asked by every controller, gateway and service that touches a meeting. */
@Module({
  imports: [OrganizationsModule],
  providers: [MeetingPolicy],
  exports: [MeetingPolicy],
})
export class PolicyModule {}
