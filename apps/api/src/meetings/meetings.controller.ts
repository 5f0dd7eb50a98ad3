import { Body, Controller, Header, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import {
  addEndpointRequestSchema,
  bulkInviteRequestSchema,
  createMeetingRequestSchema,
  joinByCodeRequestSchema,
  listMeetingsQuerySchema,
  meetingTransitionRequestSchema,
  putAgendaRequestSchema,
  updateEndpointRequestSchema,
  updateMeetingRequestSchema,
  type RouteQuery,
} from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { AgendaService } from './agenda.service';
import { CalendarService } from './calendar.service';
import { EndpointsService } from './endpoints.service';
import { MeetingsService } from './meetings.service';


const sendIcs = (res: Response, filename: string, body: string) => {
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
};

@ApiTags('meetings')
@ApiBearerAuth()
@Controller()
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly agenda: AgendaService,
    private readonly endpoints: EndpointsService,
    private readonly calendar: CalendarService,
  ) {}

  @ApiRoute('meetings.list')
  list(@CurrentUser() user: AuthUser, @Query() q: z.output<typeof listMeetingsQuerySchema>) {
    return this.meetings.list(user, q);
  }

  @ApiRoute('meetings.mine')
  mine(@CurrentUser() user: AuthUser) {
    return this.meetings.mine(user);
  }

  @ApiRoute('meetings.create')
  create(@CurrentUser() user: AuthUser, @Body() body: z.output<typeof createMeetingRequestSchema>) {
    return this.meetings.create(user, body);
  }

  @ApiRoute('meetings.get')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.meetings.get(user, id);
  }

  @ApiRoute('meetings.update')
  update(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof updateMeetingRequestSchema>) {
    return this.meetings.update(user, id, body);
  }

  @ApiRoute('meetings.transition')
  transition(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof meetingTransitionRequestSchema>) {
    return this.meetings.transition(user, id, body);
  }

  @ApiRoute('agenda.get')
  getAgenda(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.agenda.get(user, id);
  }

  @ApiRoute('agenda.put')
  putAgenda(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof putAgendaRequestSchema>) {
    return this.agenda.replace(user, id, body);
  }

  @ApiRoute('endpoints.list')
  listEndpoints(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.endpoints.list(user, id);
  }

  @ApiRoute('endpoints.add')
  addEndpoint(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof addEndpointRequestSchema>) {
    return this.endpoints.add(user, id, body);
  }

  @ApiRoute('endpoints.bulkInvite')
  bulkInvite(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof bulkInviteRequestSchema>) {
    return this.endpoints.bulkInvite(user, id, body);
  }

  @ApiRoute('endpoints.update')
  updateEndpoint(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('endpointId') endpointId: string,
    @Body() body: z.output<typeof updateEndpointRequestSchema>,
  ) {
    return this.endpoints.update(user, id, endpointId, body);
  }

  @ApiRoute('endpoints.remove')
  removeEndpoint(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('endpointId') endpointId: string) {
    return this.endpoints.remove(user, id, endpointId);
  }

  @ApiRoute('joinCodes.resolve')
  resolveJoinCode(@CurrentUser() user: AuthUser, @Body() body: z.output<typeof joinByCodeRequestSchema>) {
    return this.endpoints.resolveJoinCode(user, body.code);
  }

  @ApiRoute('calendar.meeting')
  async meetingIcs(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res() res: Response) {
    sendIcs(res, `hop-${id.slice(0, 8)}.ics`, await this.calendar.meetingInvitation(user, id));
  }

  @ApiRoute('calendar.endpoint')
  async endpointIcs(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('endpointId') endpointId: string, @Res() res: Response) {
    sendIcs(res, `hop-${id.slice(0, 8)}-diem-cau.ics`, await this.calendar.endpointInvitation(user, id, endpointId));
  }
}

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @ApiRoute('calendar.feedUrl')
  @ApiBearerAuth()
  feedUrl(@CurrentUser() user: AuthUser, @Param('id') id: string, @Req() req: Request) {
    return this.calendar.feedUrl(user, id, `${req.protocol}://${req.get('host')}`);
  }

  /** The subscribable feed: public, but only with the organization's secret token. */
  @ApiRoute('calendar.feed')
  @Header('Cache-Control', 'private, max-age=300')
  async feed(@Param('file') file: string, @Query() q: RouteQuery<'calendar.feed'>, @Res() res: Response) {
    sendIcs(res, file, await this.calendar.organizationFeed(file.slice(0, -4), q.token));
  }
}
