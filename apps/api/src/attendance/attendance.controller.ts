import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import {
  attendanceActionRequestSchema,
  createAttendeeRequestSchema,
  endpointReadyRequestSchema,
  importRosterRequestSchema,
  rollCallResponseRequestSchema,
  techCheckRequestSchema,
  updateAttendeeRequestSchema,
} from '@app/contracts';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { UuidPipe, ZodPipe } from '../common/zod.pipe';
import { ApiZodBody } from '../common/openapi';
import { rosterCsv, rosterXlsx } from './attendance-export';
import { PresenceService } from './presence.service';
import { ReadinessService } from './readiness.service';
import { RosterService } from './roster.service';

const endpointFilter = z.object({ endpointId: z.uuid().optional() }).strict();
const fileName = (title: string, ext: string) =>
  `${title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}-danh-sach.${ext}`;

@ApiTags('attendance')
@ApiBearerAuth()
@Controller('meetings/:id')
export class AttendanceController {
  constructor(
    private readonly roster: RosterService,
    private readonly presence: PresenceService,
    private readonly readiness: ReadinessService,
  ) {}

  @Get('attendees')
  list(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Query(new ZodPipe(endpointFilter)) q: z.output<typeof endpointFilter>) {
    return this.roster.list(user, id, q.endpointId);
  }

  @Post('endpoints/:endpointId/attendees')
  @ApiZodBody(createAttendeeRequestSchema)
  create(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('endpointId', UuidPipe) endpointId: string,
    @Body(new ZodPipe(createAttendeeRequestSchema)) body: z.output<typeof createAttendeeRequestSchema>,
  ) {
    return this.roster.create(user, id, endpointId, body);
  }

  @Post('endpoints/:endpointId/attendees/import')
  @ApiZodBody(importRosterRequestSchema)
  import(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('endpointId', UuidPipe) endpointId: string,
    @Body(new ZodPipe(importRosterRequestSchema)) body: z.output<typeof importRosterRequestSchema>,
  ) {
    return this.roster.importRoster(user, id, endpointId, 'csv' in body ? { csv: body.csv } : { xlsx: Buffer.from(body.xlsxBase64, 'base64') });
  }

  @Patch('endpoints/:endpointId/attendees/:attendeeId')
  @ApiZodBody(updateAttendeeRequestSchema)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('endpointId', UuidPipe) endpointId: string,
    @Param('attendeeId', UuidPipe) attendeeId: string,
    @Body(new ZodPipe(updateAttendeeRequestSchema)) body: z.output<typeof updateAttendeeRequestSchema>,
  ) {
    return this.roster.update(user, id, endpointId, attendeeId, body);
  }

  @Post('endpoints/:endpointId/attendees/:attendeeId/attendance')
  @HttpCode(200)
  @ApiZodBody(attendanceActionRequestSchema)
  act(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('endpointId', UuidPipe) endpointId: string,
    @Param('attendeeId', UuidPipe) attendeeId: string,
    @Body(new ZodPipe(attendanceActionRequestSchema)) body: z.output<typeof attendanceActionRequestSchema>,
  ) {
    return this.roster.act(user, id, endpointId, attendeeId, body);
  }

  @Delete('endpoints/:endpointId/attendees/:attendeeId')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Param('endpointId', UuidPipe) endpointId: string, @Param('attendeeId', UuidPipe) attendeeId: string) {
    return this.roster.remove(user, id, endpointId, attendeeId);
  }

  @Get('wall')
  wall(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.presence.wall(user, id);
  }

  @Get('connection-log')
  connectionLog(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Query(new ZodPipe(endpointFilter)) q: z.output<typeof endpointFilter>) {
    return this.presence.connectionLog(user, id, q.endpointId);
  }

  @Get('attendance')
  summary(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.roster.summary(user, id);
  }

  @Get('attendance/export.csv')
  async exportCsv(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Res() res: Response) {
    const { meeting, rows } = await this.roster.exportRows(user, id);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(meeting.title, 'csv')}"`);
    res.send(rosterCsv(rows));
  }

  @Get('attendance/export.xlsx')
  async exportXlsx(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Res() res: Response) {
    const { meeting, rows } = await this.roster.exportRows(user, id);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(meeting.title, 'xlsx')}"`);
    res.send(await rosterXlsx(meeting.title, rows));
  }

  @Post('tech-check')
  @HttpCode(200)
  @ApiZodBody(techCheckRequestSchema)
  techCheck(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(techCheckRequestSchema)) body: z.output<typeof techCheckRequestSchema>) {
    return this.readiness.setTechCheck(user, id, body.open);
  }

  @Post('endpoints/:endpointId/ready')
  @HttpCode(200)
  @ApiZodBody(endpointReadyRequestSchema)
  ready(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('endpointId', UuidPipe) endpointId: string,
    @Body(new ZodPipe(endpointReadyRequestSchema)) body: z.output<typeof endpointReadyRequestSchema>,
  ) {
    return this.readiness.setReady(user, id, endpointId, body);
  }

  @Get('roll-calls/current')
  currentRollCall(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.readiness.current(user, id);
  }

  @Post('roll-calls')
  startRollCall(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.readiness.startRollCall(user, id);
  }

  @Post('roll-calls/current/responses')
  @HttpCode(200)
  @ApiZodBody(rollCallResponseRequestSchema)
  respond(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(rollCallResponseRequestSchema)) body: z.output<typeof rollCallResponseRequestSchema>) {
    return this.readiness.respond(user, id, body);
  }

  @Post('roll-calls/current/close')
  @HttpCode(200)
  closeRollCall(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.readiness.closeRollCall(user, id);
  }
}
