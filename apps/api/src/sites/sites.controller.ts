import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { RouteBody } from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { SitesService } from './sites.service';

@ApiTags('sites')
@ApiBearerAuth()
@Controller()
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @ApiRoute('sites.rollup')
  rollup(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.sites.rollup(user, id);
  }

  @ApiRoute('sites.children')
  children(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('endpointId') endpointId: string) {
    return this.sites.children(user, id, endpointId);
  }

  @ApiRoute('sites.headcount')
  headcount(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('endpointId') endpointId: string, @Body() body: RouteBody<'sites.headcount'>) {
    return this.sites.reportHeadcount(user, id, endpointId, body);
  }

  @ApiRoute('sites.settings')
  settings(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('endpointId') endpointId: string, @Body() body: RouteBody<'sites.settings'>) {
    return this.sites.updateSettings(user, id, endpointId, body);
  }

  @ApiRoute('sites.operators')
  operators(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('endpointId') endpointId: string, @Body() body: RouteBody<'sites.operators'>) {
    return this.sites.assignOperators(user, id, endpointId, body);
  }
}
