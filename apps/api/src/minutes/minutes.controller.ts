import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  createMinutesEntrySchema,
  minutesTransitionSchema,
  speechRecordRequestSchema,
  updateMinutesEntrySchema,
} from '@app/contracts';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { UuidPipe, ZodPipe } from '../common/zod.pipe';
import { ApiZodBody } from '../common/openapi';
import { MinutesService } from './minutes.service';

@ApiTags('minutes')
@ApiBearerAuth()
@Controller()
export class MinutesController {
  constructor(private readonly minutes: MinutesService) {}

  @Get('meetings/:id/minutes')
  state(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.minutes.state(user, id);
  }

  @Post('meetings/:id/minutes/entries')
  @ApiZodBody(createMinutesEntrySchema)
  add(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(createMinutesEntrySchema)) body: z.output<typeof createMinutesEntrySchema>) {
    return this.minutes.addEntry(user, id, body);
  }

  @Post('meetings/:id/minutes/speech-records')
  @ApiZodBody(speechRecordRequestSchema)
  speech(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(speechRecordRequestSchema)) body: z.output<typeof speechRecordRequestSchema>) {
    return this.minutes.addSpeechRecord(user, id, body.turnId);
  }

  @Patch('meetings/:id/minutes/entries/:entryId')
  @ApiZodBody(updateMinutesEntrySchema)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('entryId', UuidPipe) entryId: string,
    @Body(new ZodPipe(updateMinutesEntrySchema)) body: z.output<typeof updateMinutesEntrySchema>,
  ) {
    return this.minutes.updateEntry(user, id, entryId, body);
  }

  @Delete('meetings/:id/minutes/entries/:entryId')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Param('entryId', UuidPipe) entryId: string) {
    return this.minutes.removeEntry(user, id, entryId);
  }

  @Get('meetings/:id/minutes/entries/:entryId/history')
  history(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Param('entryId', UuidPipe) entryId: string) {
    return this.minutes.history(user, id, entryId);
  }

  @Post('meetings/:id/minutes/transitions')
  @HttpCode(200)
  @ApiZodBody(minutesTransitionSchema)
  transition(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(minutesTransitionSchema)) body: z.output<typeof minutesTransitionSchema>) {
    return this.minutes.transition(user, id, body.action);
  }

  @Get('meetings/:id/minutes/revisions')
  revisions(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.minutes.revisions(user, id);
  }

  @Get('meetings/:id/minutes/revisions/:number')
  revision(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Param('number', ParseIntPipe) number: number) {
    return this.minutes.revision(user, id, number);
  }

  @Get('meetings/:id/minutes/revisions/:from/diff/:to')
  diff(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Param('from', ParseIntPipe) from: number, @Param('to', ParseIntPipe) to: number) {
    return this.minutes.diff(user, id, from, to);
  }
}
