import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { AttendanceController } from './attendance.controller';
import { EndpointAccessService } from './endpoint-access.service';
import { PresenceGateway } from './presence.gateway';
import { PresenceService } from './presence.service';
import { ReadinessService } from './readiness.service';
import { RosterService } from './roster.service';
import { SitePresence } from './site-presence';

@Module({
  imports: [OrganizationsModule, MeetingsModule],
  controllers: [AttendanceController],
  providers: [EndpointAccessService, RosterService, PresenceService, ReadinessService, PresenceGateway, SitePresence],
  exports: [EndpointAccessService, RosterService, PresenceService, ReadinessService, SitePresence],
})
export class AttendanceModule {}
