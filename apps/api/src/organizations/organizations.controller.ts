import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createOrganizationRequestSchema, listOrganizationsQuerySchema, updateOrganizationRequestSchema, type RouteBody } from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller()
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @ApiRoute('organizations.list')
  list(@Query() query: ReturnType<typeof listOrganizationsQuerySchema.parse>) {
    return this.organizations.list(query);
  }

  @ApiRoute('organizations.get')
  get(@Param('id') id: string) {
    return this.organizations.get(id);
  }

  @ApiRoute('organizations.create')
  create(@Body() body: ReturnType<typeof createOrganizationRequestSchema.parse>, @CurrentUser() user: AuthUser) {
    return this.organizations.create(body, user);
  }

  @ApiRoute('organizations.update')
  update(
    @Param('id') id: string,
    @Body() body: ReturnType<typeof updateOrganizationRequestSchema.parse>,
    @CurrentUser() user: AuthUser,
  ) {
    return this.organizations.update(id, body, user);
  }

  @ApiRoute('organizations.remove')
  remove(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.organizations.remove(id, user);
  }

  @ApiRoute('organizations.importCommunes')
  importCommunes(@Body() body: RouteBody<'organizations.importCommunes'>, @CurrentUser() user: AuthUser) {
    return this.organizations.importCommunes(user, 'csv' in body ? { csv: body.csv } : { xlsx: Buffer.from(body.xlsxBase64, 'base64') });
  }
}
