import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  createMinutesEntrySchema,
  minutesTransitionSchema,
  moveMinutesEntrySchema,
  startCorrectionSchema,
  speechRecordRequestSchema,
  updateMinutesEntrySchema,
  type RouteQuery,
} from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { MinutesService } from './minutes.service';

@ApiTags('minutes')
@ApiBearerAuth()
@Controller()
export class MinutesController {
  constructor(private readonly minutes: MinutesService) {}

  @ApiRoute('minutes.state')
  state(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.minutes.state(user, id);
  }

  @ApiRoute('minutes.addEntry')
  add(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof createMinutesEntrySchema>) {
    return this.minutes.addEntry(user, id, body);
  }

  @ApiRoute('minutes.addSpeechRecord')
  speech(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof speechRecordRequestSchema>) {
    return this.minutes.addSpeechRecord(user, id, body.turnId);
  }

  @ApiRoute('minutes.updateEntry')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('entryId') entryId: string,
    @Body() body: z.output<typeof updateMinutesEntrySchema>,
  ) {
    return this.minutes.updateEntry(user, id, entryId, body);
  }

  @ApiRoute('minutes.removeEntry')
  remove(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('entryId') entryId: string) {
    return this.minutes.removeEntry(user, id, entryId);
  }

  @ApiRoute('minutes.moveEntry')
  move(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('entryId') entryId: string, @Body() body: z.output<typeof moveMinutesEntrySchema>) {
    return this.minutes.moveEntry(user, id, entryId, body.direction);
  }

  @ApiRoute('minutes.startCorrection')
  correct(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof startCorrectionSchema>) {
    return this.minutes.startCorrection(user, id, body.reason);
  }

  @ApiRoute('minutes.history')
  history(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('entryId') entryId: string, @Query() q: RouteQuery<'minutes.history'>) {
    return this.minutes.history(user, id, entryId, q);
  }

  @ApiRoute('minutes.transition')
  transition(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof minutesTransitionSchema>) {
    return this.minutes.transition(user, id, body.action);
  }

  @ApiRoute('minutes.revisions')
  revisions(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.minutes.revisions(user, id);
  }

  @ApiRoute('minutes.revision')
  revision(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('number') number: number) {
    return this.minutes.revision(user, id, number);
  }

  @ApiRoute('minutes.diff')
  diff(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('from') from: number, @Param('to') to: number) {
    return this.minutes.diff(user, id, from, to);
  }
}
