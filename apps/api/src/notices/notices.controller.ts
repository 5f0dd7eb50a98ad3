import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { noticeQuerySchema, noticeWordingSchema } from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { sendDownload } from '../common/download';
import { NoticesService } from './notices.service';

const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

@ApiTags('notices')
@ApiBearerAuth()
@Controller()
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @ApiRoute('notices.get')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: z.output<typeof noticeQuerySchema>) {
    return this.notices.get(user, id, q.revision);
  }

  @ApiRoute('notices.docx')
  docx(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: z.output<typeof noticeQuerySchema>, @Res() res: Response) {
    return this.download(user, id, 'docx', q.revision, res);
  }

  @ApiRoute('notices.pdf')
  pdf(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: z.output<typeof noticeQuerySchema>, @Res() res: Response) {
    return this.download(user, id, 'pdf', q.revision, res);
  }

  @ApiRoute('notices.edit')
  edit(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: z.output<typeof noticeWordingSchema>) {
    return this.notices.reword(user, id, body);
  }

  @ApiRoute('notices.issue')
  issue(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.notices.issue(user, id);
  }

  private async download(user: AuthUser, id: string, format: 'docx' | 'pdf', revision: number | undefined, res: Response) {
    const file = await this.notices.file(user, id, format, revision);
    sendDownload(res, { contentType: TYPES[format], name: `Thông báo kết luận ${file.title} (lần ${file.revision})`, ext: format, body: file.body });
  }
}
