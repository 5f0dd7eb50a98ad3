import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { reportQuerySchema, retryReportRequestSchema } from '@app/contracts';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { sendDownload } from '../common/download';
import { ApiZodBody, ApiZodQuery } from '../common/openapi';
import { UuidPipe, ZodPipe } from '../common/zod.pipe';
import { ReportsService } from './reports.service';

const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

@ApiTags('reports')
@ApiBearerAuth()
@Controller('meetings/:id')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** every report job of the meeting, newest revision first */
  @Get('reports')
  states(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.reports.states(user, id);
  }

  /** runs a failed report again, or makes one that was never requested */
  @Post('reports/retry')
  @HttpCode(202)
  @ApiZodBody(retryReportRequestSchema)
  retry(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(retryReportRequestSchema)) body: z.output<typeof retryReportRequestSchema>) {
    return this.reports.regenerate(user, id, body.revision);
  }

  /** the newest finished summary, or the one of ?revision= */
  @Get('summary')
  @ApiZodQuery(reportQuerySchema)
  summary(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Query(new ZodPipe(reportQuerySchema)) q: z.output<typeof reportQuerySchema>) {
    return this.reports.summary(user, id, q.revision);
  }

  @Get('summary.docx')
  @ApiZodQuery(reportQuerySchema)
  docx(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Query(new ZodPipe(reportQuerySchema)) q: z.output<typeof reportQuerySchema>, @Res() res: Response) {
    return this.download(user, id, 'docx', q.revision, res);
  }

  @Get('summary.pdf')
  @ApiZodQuery(reportQuerySchema)
  pdf(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Query(new ZodPipe(reportQuerySchema)) q: z.output<typeof reportQuerySchema>, @Res() res: Response) {
    return this.download(user, id, 'pdf', q.revision, res);
  }

  private async download(user: AuthUser, id: string, format: 'docx' | 'pdf', revision: number | undefined, res: Response) {
    const file = await this.reports.file(user, id, format, revision);
    sendDownload(res, { contentType: TYPES[format], name: `Báo cáo ${file.title} (lần ${file.revision})`, ext: format, body: file.body });
  }
}
