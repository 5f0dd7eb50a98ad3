import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import {
  attendanceActionRequestSchema,
  bulkAttendanceRequestSchema,
  createAttendeeRequestSchema,
  endpointReadyRequestSchema,
  importRosterRequestSchema,
  rollCallResponseRequestSchema,
  techCheckRequestSchema,
  updateAttendeeRequestSchema,
  type RouteQuery,
} from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { sendDownload } from '../common/download';
import { rosterCsv, rosterXlsx } from './attendance-export';
import { PresenceService } from './presence.service';
import { ReadinessService } from './readiness.service';
import { RosterService } from './roster.service';

@ApiTags('attendance')
@ApiBearerAuth()
@Controller()
export class AttendanceController {
  constructor(
    private readonly roster: RosterService,
    private readonly presence: PresenceService,
    private readonly readiness: ReadinessService,
  ) {}

  @ApiRoute('attendees.list')
  list(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: RouteQuery<'attendees.list'>) {
    return this.roster.list(user, id, q.endpointId);
  }

  @ApiRoute('attendees.create')
  create(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('endpointId') endpointId: string,
    @Body() body: z.output<typeof createAttendeeRequestSchema>,
  ) {
    return this.roster.create(user, id, endpointId, body);
  }

  @ApiRoute('attendees.import')
  import(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('endpointId') endpointId: string,
    @Body() body: z.output<typeof importRosterRequestSchema>,
  ) {
    return this.roster.importRoster(user, id, endpointId, 'csv' in body ? { csv: body.csv } : { xlsx: Buffer.from(body.xlsxBase64, 'base64') });
  }

  @ApiRoute('attendees.update')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('endpointId') endpointId: string,
    @Param('attendeeId') attendeeId: string,
    @Body() body: z.output<typeof updateAttendeeRequestSchema>,
  ) {
    return this.roster.update(user, id, endpointId, attendeeId, body);
  }

  @ApiRoute('attendees.act')
  act(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('endpointId') endpointId: string,
    @Param('attendeeId') attendeeId: string,
    @Body() body: z.output<typeof attendanceActionRequestSchema>,
  ) {
    return this.roster.act(user, id, endpointId, attendeeId, body);
  }

  @ApiRoute('attendees.bulkAct')
  bulkAct(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('endpointId') endpointId: string,
    @Body() body: z.output<typeof bulkAttendanceRequestSchema>,
  ) {
    return this.roster.bulkAct(user, id, endpointId, body);
  }

  @ApiRoute('attendees.remove')
  remove(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('endpointId') endpointId: string, @Param('attendeeId') attendeeId: string) {
    return this.roster.remove(user, id, endpointId, attendeeId);
  }

  @ApiRoute('attendance.wall')
  wall(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.presence.wall(user, id);
  }

  @ApiRoute('attendance.connectionLog')
  connectionLog(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: RouteQuery<'attendance.connectionLog'>) {
    return this.presence.connectionLog(user, id, q);
  }

  @ApiRoute('attendance.summary')
  summary(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.roster.summary(user, id);
  }

  @ApiRoute('attendance.exportCsv')
  async exportCsv(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res() res: Response) {
    const { meeting, rows } = await this.roster.exportRows(user, id);
    sendDownload(res, { contentType: 'text/csv; charset=utf-8', name: `Danh sách đại biểu ${meeting.title}`, ext: 'csv', body: rosterCsv(rows) });
  }

  @ApiRoute('attendance.exportXlsx')
  async exportXlsx(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res() res: Response) {
    const { meeting, rows } = await this.roster.exportRows(user, id);
    const body = await rosterXlsx(meeting.title, rows);
    sendDownload(res, { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', name: `Danh sách đại biểu ${meeting.title}`, ext: 'xlsx', body });
  }

  @ApiRoute('attendance.techCheck')
  techCheck(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof techCheckRequestSchema>) {
    return this.readiness.setTechCheck(user, id, body.open);
  }

  @ApiRoute('attendance.ready')
  ready(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('endpointId') endpointId: string,
    @Body() body: z.output<typeof endpointReadyRequestSchema>,
  ) {
    return this.readiness.setReady(user, id, endpointId, body);
  }

  @ApiRoute('rollCalls.current')
  currentRollCall(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.readiness.current(user, id);
  }

  @ApiRoute('rollCalls.start')
  startRollCall(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.readiness.startRollCall(user, id);
  }

  @ApiRoute('rollCalls.respond')
  respond(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof rollCallResponseRequestSchema>) {
    return this.readiness.respond(user, id, body);
  }

  @ApiRoute('rollCalls.close')
  closeRollCall(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.readiness.closeRollCall(user, id);
  }
}
