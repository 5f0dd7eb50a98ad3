import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  addEndpointRequestSchema,
  bulkInviteRequestSchema,
  createMeetingRequestSchema,
  listMeetingsQuerySchema,
  meetingTransitionRequestSchema,
  putAgendaRequestSchema,
  updateEndpointRequestSchema,
  updateMeetingRequestSchema,
} from '@app/contracts';
import { CurrentUser, Public, RequireRole, type AuthUser } from '../common/auth-user';
import { UuidPipe, ZodPipe } from '../common/zod.pipe';
import { ApiZodBody, ApiZodQuery } from '../common/openapi';
import { AgendaService } from './agenda.service';
import { CalendarService } from './calendar.service';
import { EndpointsService } from './endpoints.service';
import { MeetingsService } from './meetings.service';

const feedQuerySchema = z.object({ token: z.string().max(100).optional() }).strict();
const icsFileSchema = z.string().regex(/^[0-9a-f-]{36}\.ics$/, 'must be <organization id>.ics');

const sendIcs = (res: Response, filename: string, body: string) => {
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
};

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly agenda: AgendaService,
    private readonly endpoints: EndpointsService,
    private readonly calendar: CalendarService,
  ) {}

  @Get()
  @ApiZodQuery(listMeetingsQuerySchema)
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listMeetingsQuerySchema)) q: z.output<typeof listMeetingsQuerySchema>) {
    return this.meetings.list(user, q);
  }

  @Get('mine')
  mine(@CurrentUser() user: AuthUser) {
    return this.meetings.mine(user);
  }

  @Post()
  @RequireRole('organizer', 'admin')
  @ApiZodBody(createMeetingRequestSchema)
  create(@CurrentUser() user: AuthUser, @Body(new ZodPipe(createMeetingRequestSchema)) body: z.output<typeof createMeetingRequestSchema>) {
    return this.meetings.create(user, body);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.meetings.get(user, id);
  }

  @Patch(':id')
  @ApiZodBody(updateMeetingRequestSchema)
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(updateMeetingRequestSchema)) body: z.output<typeof updateMeetingRequestSchema>) {
    return this.meetings.update(user, id, body);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiZodBody(meetingTransitionRequestSchema)
  transition(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(meetingTransitionRequestSchema)) body: z.output<typeof meetingTransitionRequestSchema>) {
    return this.meetings.transition(user, id, body);
  }

  @Get(':id/agenda')
  getAgenda(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.agenda.get(user, id);
  }

  @Put(':id/agenda')
  @ApiZodBody(putAgendaRequestSchema)
  putAgenda(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(putAgendaRequestSchema)) body: z.output<typeof putAgendaRequestSchema>) {
    return this.agenda.replace(user, id, body);
  }

  @Get(':id/endpoints')
  listEndpoints(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.endpoints.list(user, id);
  }

  @Post(':id/endpoints')
  @ApiZodBody(addEndpointRequestSchema)
  addEndpoint(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(addEndpointRequestSchema)) body: z.output<typeof addEndpointRequestSchema>) {
    return this.endpoints.add(user, id, body);
  }

  @Post(':id/endpoints/bulk')
  @ApiZodBody(bulkInviteRequestSchema)
  bulkInvite(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(bulkInviteRequestSchema)) body: z.output<typeof bulkInviteRequestSchema>) {
    return this.endpoints.bulkInvite(user, id, body);
  }

  @Patch(':id/endpoints/:endpointId')
  @ApiZodBody(updateEndpointRequestSchema)
  updateEndpoint(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('endpointId', UuidPipe) endpointId: string,
    @Body(new ZodPipe(updateEndpointRequestSchema)) body: z.output<typeof updateEndpointRequestSchema>,
  ) {
    return this.endpoints.update(user, id, endpointId, body);
  }

  @Delete(':id/endpoints/:endpointId')
  @HttpCode(204)
  removeEndpoint(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Param('endpointId', UuidPipe) endpointId: string) {
    return this.endpoints.remove(user, id, endpointId);
  }

  @Get(':id/calendar.ics')
  async meetingIcs(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Res() res: Response) {
    sendIcs(res, `hop-${id.slice(0, 8)}.ics`, await this.calendar.meetingInvitation(user, id));
  }

  @Get(':id/endpoints/:endpointId/calendar.ics')
  async endpointIcs(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Param('endpointId', UuidPipe) endpointId: string, @Res() res: Response) {
    sendIcs(res, `hop-${id.slice(0, 8)}-diem-cau.ics`, await this.calendar.endpointInvitation(user, id, endpointId));
  }
}

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @ApiBearerAuth()
  @Get('organizations/:id/calendar-feed')
  feedUrl(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Req() req: Request) {
    return this.calendar.feedUrl(user, id, `${req.protocol}://${req.get('host')}`);
  }

  /** The subscribable feed: public, but only with the organization's secret token. */
  @Public()
  @Get('calendar/organizations/:file')
  @Header('Cache-Control', 'private, max-age=300')
  async feed(@Param('file', new ZodPipe(icsFileSchema)) file: string, @Query(new ZodPipe(feedQuerySchema)) q: z.output<typeof feedQuerySchema>, @Res() res: Response) {
    sendIcs(res, file, await this.calendar.organizationFeed(file.slice(0, -4), q.token));
  }
}
