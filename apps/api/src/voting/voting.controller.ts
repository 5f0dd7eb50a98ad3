import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  ballotQuerySchema,
  ballotSlipsRequestSchema,
  castBallotRequestSchema,
  createPollRequestSchema,
  pollTransitionRequestSchema,
  recordVoteRequestSchema,
  siteCountRequestSchema,
} from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { sendDownload } from '../common/download';
import { resultCsv, resultXlsx } from './voting-export';
import { VotingService } from './voting.service';

@ApiTags('voting')
@ApiBearerAuth()
@Controller()
export class VotingController {
  constructor(private readonly voting: VotingService) {}

  @ApiRoute('polls.list')
  list(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.voting.list(user, id);
  }

  @ApiRoute('polls.get')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('pollId') pollId: string) {
    return this.voting.get(user, id, pollId);
  }

  @ApiRoute('polls.create')
  create(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof createPollRequestSchema>) {
    return this.voting.create(user, id, body);
  }

  @ApiRoute('polls.transition')
  transition(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('pollId') pollId: string, @Body() body: z.output<typeof pollTransitionRequestSchema>) {
    return this.voting.transition(user, id, pollId, body);
  }

  @ApiRoute('polls.recordVote')
  recordVote(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('pollId') pollId: string, @Body() body: z.output<typeof recordVoteRequestSchema>) {
    return this.voting.recordVote(user, id, pollId, body);
  }

  @ApiRoute('polls.siteCount')
  siteCount(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('pollId') pollId: string, @Body() body: z.output<typeof siteCountRequestSchema>) {
    return this.voting.siteCount(user, id, pollId, body);
  }

  @ApiRoute('polls.ballots')
  ballots(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('pollId') pollId: string) {
    return this.voting.ballots(user, id, pollId);
  }

  @ApiRoute('polls.exportCsv')
  async exportCsv(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('pollId') pollId: string, @Res() res: Response) {
    const { title, rows } = await this.voting.exportRows(user, id, pollId);
    sendDownload(res, { contentType: 'text/csv; charset=utf-8', name: title, ext: 'csv', body: resultCsv(rows) });
  }

  @ApiRoute('polls.exportXlsx')
  async exportXlsx(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('pollId') pollId: string, @Res() res: Response) {
    const { title, rows } = await this.voting.exportRows(user, id, pollId);
    sendDownload(res, { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', name: title, ext: 'xlsx', body: await resultXlsx(rows) });
  }

  @ApiRoute('polls.slips')
  slips(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('endpointId') endpointId: string, @Body() body: z.output<typeof ballotSlipsRequestSchema>) {
    return this.voting.slips(user, id, endpointId, body.attendeeIds);
  }

  @ApiRoute('ballot.view')
  ballotView(@Query() query: z.output<typeof ballotQuerySchema>) {
    return this.voting.ballotView(query.token);
  }

  @ApiRoute('ballot.cast')
  cast(@Body() body: z.output<typeof castBallotRequestSchema>) {
    return this.voting.castWithToken(body.token, body.pollId, body.optionIds);
  }
}
