import { Controller, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import type { broadcastFileQuerySchema } from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { BroadcastService } from './broadcast.service';

@ApiTags('broadcast')
@Controller()
export class BroadcastController {
  constructor(private readonly broadcast: BroadcastService) {}

  @ApiRoute('broadcast.access')
  access(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.broadcast.access(user, id);
  }

  @ApiRoute('broadcast.file')
  file(@Param('id') id: string, @Param('file') file: string, @Query() q: z.output<typeof broadcastFileQuerySchema>, @Res() res: Response) {
    return this.broadcast.sendFile(id, file, q.token, res);
  }

  @ApiRoute('broadcast.authorize')
  authorize(@Headers('x-original-uri') uri: string | undefined) {
    this.broadcast.authorize(uri);
  }
}
