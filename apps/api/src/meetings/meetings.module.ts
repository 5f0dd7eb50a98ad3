import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { OutboxModule } from '../outbox/outbox.module';
import { PolicyModule } from '../policy/policy.module';
import { AgendaService } from './agenda.service';
import { CalendarService } from './calendar.service';
import { EndpointsService } from './endpoints.service';
import { MeetingEventsService } from './meeting-events.service';
import { CalendarController, MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [OrganizationsModule, OutboxModule, PolicyModule],
  controllers: [MeetingsController, CalendarController],
  providers: [MeetingsService, MeetingEventsService, AgendaService, EndpointsService, CalendarService],
  // the policy goes with the meetings: every module that reads a meeting asks it
  exports: [MeetingsService, MeetingEventsService, EndpointsService, PolicyModule],
})
export class MeetingsModule {}
