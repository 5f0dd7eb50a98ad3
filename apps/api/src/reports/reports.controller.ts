import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { reportQuerySchema, retryReportRequestSchema } from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { sendDownload } from '../common/download';
import { ReportsService } from './reports.service';

const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** every report job of the meeting, newest revision first */
  @ApiRoute('reports.states')
  states(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.reports.states(user, id);
  }

  /** runs a failed report again, or makes one that was never requested */
  @ApiRoute('reports.retry')
  retry(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof retryReportRequestSchema>) {
    return this.reports.regenerate(user, id, body.revision);
  }

  /** the newest finished summary, or the one of ?revision= */
  @ApiRoute('reports.summary')
  summary(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: z.output<typeof reportQuerySchema>) {
    return this.reports.summary(user, id, q.revision);
  }

  @ApiRoute('reports.docx')
  docx(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: z.output<typeof reportQuerySchema>, @Res() res: Response) {
    return this.download(user, id, 'docx', q.revision, res);
  }

  @ApiRoute('reports.pdf')
  pdf(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: z.output<typeof reportQuerySchema>, @Res() res: Response) {
    return this.download(user, id, 'pdf', q.revision, res);
  }

  private async download(user: AuthUser, id: string, format: 'docx' | 'pdf', revision: number | undefined, res: Response) {
    const file = await this.reports.file(user, id, format, revision);
    sendDownload(res, { contentType: TYPES[format], name: `Báo cáo ${file.title} (lần ${file.revision})`, ext: format, body: file.body });
  }
}
