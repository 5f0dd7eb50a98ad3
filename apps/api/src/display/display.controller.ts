import { Body, Controller, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { RouteBody } from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { DisplayService } from './display.service';

@ApiTags('displays')
@Controller()
export class DisplayController {
  constructor(private readonly displays: DisplayService) {}

  @ApiRoute('displays.startPairing')
  start(@Req() req: Request) {
    return this.displays.startPairing(req.ip ?? 'unknown');
  }

  @ApiRoute('displays.status')
  status(@Req() req: Request, @Body() body: RouteBody<'displays.status'>) {
    return this.displays.status(body.secret, req.ip ?? 'unknown');
  }

  @ApiBearerAuth()
  @ApiRoute('displays.list')
  list(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.displays.list(user, id);
  }

  @ApiBearerAuth()
  @ApiRoute('displays.pair')
  pair(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: RouteBody<'displays.pair'>) {
    return this.displays.pair(user, id, body);
  }

  @ApiBearerAuth()
  @ApiRoute('displays.revoke')
  revoke(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('displayId') displayId: string) {
    return this.displays.revoke(user, id, displayId);
  }
}
