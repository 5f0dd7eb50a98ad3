import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { SpeakersModule } from '../speakers/speakers.module';
import { TasksModule } from '../tasks/tasks.module';
import { MinutesController } from './minutes.controller';
import { MinutesGateway } from './minutes.gateway';
import { MinutesService } from './minutes.service';

@Module({
  imports: [MeetingsModule, OrganizationsModule, SpeakersModule, TasksModule],
  controllers: [MinutesController],
  providers: [MinutesService, MinutesGateway],
  exports: [MinutesService],
})
export class MinutesModule {}
