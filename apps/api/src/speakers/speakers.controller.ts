import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
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
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { UuidPipe, ZodPipe } from '../common/zod.pipe';
import { ApiZodBody } from '../common/openapi';
import { SpeakersService } from './speakers.service';

@ApiTags('speakers')
@ApiBearerAuth()
@Controller('meetings/:id')
export class SpeakersController {
  constructor(private readonly speakers: SpeakersService) {}

  @Get('speakers')
  state(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.speakers.state(user, id);
  }

  @Patch('speakers/settings')
  @ApiZodBody(speakerSettingsSchema)
  settings(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(speakerSettingsSchema)) body: z.output<typeof speakerSettingsSchema>) {
    return this.speakers.updateSettings(user, id, body);
  }

  @Post('speech-requests')
  @ApiZodBody(createSpeechRequestSchema)
  request(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(createSpeechRequestSchema)) body: z.output<typeof createSpeechRequestSchema>) {
    return this.speakers.request(user, id, body);
  }

  @Post('speech-requests/:requestId/withdraw')
  @HttpCode(200)
  withdraw(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Param('requestId', UuidPipe) requestId: string) {
    return this.speakers.withdraw(user, id, requestId);
  }

  @Post('speech-requests/:requestId/approve')
  @HttpCode(200)
  approve(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Param('requestId', UuidPipe) requestId: string) {
    return this.speakers.approve(user, id, requestId);
  }

  @Post('speech-requests/:requestId/reject')
  @HttpCode(200)
  @ApiZodBody(rejectSpeechRequestSchema)
  reject(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('requestId', UuidPipe) requestId: string,
    @Body(new ZodPipe(rejectSpeechRequestSchema)) body: z.output<typeof rejectSpeechRequestSchema>,
  ) {
    return this.speakers.reject(user, id, requestId, body.reason);
  }

  @Post('speech-requests/:requestId/move')
  @HttpCode(200)
  @ApiZodBody(moveSpeechRequestSchema)
  move(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('requestId', UuidPipe) requestId: string,
    @Body(new ZodPipe(moveSpeechRequestSchema)) body: z.output<typeof moveSpeechRequestSchema>,
  ) {
    return this.speakers.move(user, id, requestId, body.position);
  }

  @Post('speech-requests/:requestId/agenda-item')
  @HttpCode(200)
  @ApiZodBody(changeAgendaItemSchema)
  agendaItem(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('requestId', UuidPipe) requestId: string,
    @Body(new ZodPipe(changeAgendaItemSchema)) body: z.output<typeof changeAgendaItemSchema>,
  ) {
    return this.speakers.changeAgendaItem(user, id, requestId, body.agendaItemId);
  }

  @Post('speech-requests/:requestId/skip')
  @HttpCode(200)
  skip(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Param('requestId', UuidPipe) requestId: string) {
    return this.speakers.skip(user, id, requestId);
  }

  @Post('speech-requests/:requestId/recall')
  @HttpCode(200)
  recall(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Param('requestId', UuidPipe) requestId: string) {
    return this.speakers.recall(user, id, requestId);
  }

  @Post('floor')
  @HttpCode(200)
  @ApiZodBody(giveFloorSchema)
  giveFloor(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(giveFloorSchema)) body: z.output<typeof giveFloorSchema>) {
    return this.speakers.giveFloor(user, id, body.requestId, body.minutes);
  }

  @Post('floor/extend')
  @HttpCode(200)
  @ApiZodBody(extendFloorSchema)
  extend(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(extendFloorSchema)) body: z.output<typeof extendFloorSchema>) {
    return this.speakers.extend(user, id, body.seconds);
  }

  @Post('floor/end')
  @HttpCode(200)
  end(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.speakers.endSpeech(user, id);
  }

  @Post('endpoints/:endpointId/speaking-time')
  @HttpCode(200)
  @ApiZodBody(addTimeSchema)
  addTime(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('endpointId', UuidPipe) endpointId: string,
    @Body(new ZodPipe(addTimeSchema)) body: z.output<typeof addTimeSchema>,
  ) {
    return this.speakers.addTime(user, id, endpointId, body.seconds);
  }
}
