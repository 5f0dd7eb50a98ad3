import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  addTimeSchema,
  changeAgendaItemSchema,
  createSpeechRequestSchema,
  extendFloorSchema,
  giveFloorSchema,
  moveSpeechRequestSchema,
  rejectSpeechRequestSchema,
  speakerSettingsSchema,
} from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { SpeakersService } from './speakers.service';

@ApiTags('speakers')
@ApiBearerAuth()
@Controller()
export class SpeakersController {
  constructor(private readonly speakers: SpeakersService) {}

  @ApiRoute('speakers.state')
  state(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.speakers.state(user, id);
  }

  @ApiRoute('speakers.settings')
  settings(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof speakerSettingsSchema>) {
    return this.speakers.updateSettings(user, id, body);
  }

  @ApiRoute('speakers.request')
  request(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof createSpeechRequestSchema>) {
    return this.speakers.request(user, id, body);
  }

  @ApiRoute('speakers.withdraw')
  withdraw(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('requestId') requestId: string) {
    return this.speakers.withdraw(user, id, requestId);
  }

  @ApiRoute('speakers.approve')
  approve(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('requestId') requestId: string) {
    return this.speakers.approve(user, id, requestId);
  }

  @ApiRoute('speakers.reject')
  reject(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('requestId') requestId: string,
    @Body() body: z.output<typeof rejectSpeechRequestSchema>,
  ) {
    return this.speakers.reject(user, id, requestId, body.reason);
  }

  @ApiRoute('speakers.move')
  move(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('requestId') requestId: string,
    @Body() body: z.output<typeof moveSpeechRequestSchema>,
  ) {
    return this.speakers.move(user, id, requestId, body.position);
  }

  @ApiRoute('speakers.changeAgendaItem')
  agendaItem(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('requestId') requestId: string,
    @Body() body: z.output<typeof changeAgendaItemSchema>,
  ) {
    return this.speakers.changeAgendaItem(user, id, requestId, body.agendaItemId);
  }

  @ApiRoute('speakers.skip')
  skip(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('requestId') requestId: string) {
    return this.speakers.skip(user, id, requestId);
  }

  @ApiRoute('speakers.recall')
  recall(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('requestId') requestId: string) {
    return this.speakers.recall(user, id, requestId);
  }

  @ApiRoute('speakers.giveFloor')
  giveFloor(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof giveFloorSchema>) {
    return this.speakers.giveFloor(user, id, body.requestId, body.minutes);
  }

  @ApiRoute('speakers.extend')
  extend(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof extendFloorSchema>) {
    return this.speakers.extend(user, id, body.seconds);
  }

  @ApiRoute('speakers.pause')
  pause(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.speakers.pause(user, id);
  }

  @ApiRoute('speakers.resume')
  resume(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.speakers.resume(user, id);
  }

  @ApiRoute('speakers.endSpeech')
  end(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.speakers.endSpeech(user, id);
  }

  @ApiRoute('speakers.addTime')
  addTime(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('endpointId') endpointId: string,
    @Body() body: z.output<typeof addTimeSchema>,
  ) {
    return this.speakers.addTime(user, id, endpointId, body.seconds);
  }
}
