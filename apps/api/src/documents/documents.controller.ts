import { Controller, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { RouteQuery } from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { DocumentsService } from './documents.service';

/**
 * A refused upload is answered before its body was read: the connection is closed after the
 * answer, so a 2 GB upload refused at its first bytes is not read to its end.
 */
async function closingOnRefusal<T>(res: Response, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    res.setHeader('Connection', 'close');
    throw err;
  }
}

@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @ApiRoute('documents.list')
  list(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.documents.list(user, id);
  }

  @ApiRoute('documents.upload')
  upload(@CurrentUser() user: AuthUser, @Param('id') id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return closingOnRefusal(res, this.documents.upload(user, id, req));
  }

  @ApiRoute('documents.get')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('documentId') documentId: string) {
    return this.documents.get(user, id, documentId);
  }

  @ApiRoute('documents.replace')
  replace(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('documentId') documentId: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return closingOnRefusal(res, this.documents.replace(user, id, documentId, req));
  }

  @ApiRoute('documents.download')
  download(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('documentId') documentId: string, @Query() query: RouteQuery<'documents.download'>, @Res() res: Response) {
    return this.documents.download(user, id, documentId, query.version, query.as, res);
  }

  @ApiRoute('documents.search')
  search(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() query: RouteQuery<'documents.search'>) {
    return this.documents.search(user, query.q, id);
  }

  @ApiRoute('documents.searchAll')
  searchAll(@CurrentUser() user: AuthUser, @Query() query: RouteQuery<'documents.searchAll'>) {
    return this.documents.search(user, query.q);
  }

  @ApiRoute('documents.reads')
  reads(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.documents.reads(user, id);
  }

  @ApiRoute('documents.speechUpload')
  speechUpload(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('requestId') requestId: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return closingOnRefusal(res, this.documents.uploadForSpeech(user, id, requestId, req));
  }
}
