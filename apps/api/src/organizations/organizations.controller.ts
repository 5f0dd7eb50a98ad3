import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createOrganizationRequestSchema, listOrganizationsQuerySchema, updateOrganizationRequestSchema } from '@app/contracts';
import { CurrentUser, RequireRole, type AuthUser } from '../common/auth-user';
import { UuidPipe, ZodPipe } from '../common/zod.pipe';
import { ApiZodBody, ApiZodQuery } from '../common/openapi';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiZodQuery(listOrganizationsQuerySchema)
  list(@Query(new ZodPipe(listOrganizationsQuerySchema)) query: ReturnType<typeof listOrganizationsQuerySchema.parse>) {
    return this.organizations.list(query);
  }

  @Get(':id')
  get(@Param('id', UuidPipe) id: string) {
    return this.organizations.get(id);
  }

  @Post()
  @RequireRole('admin')
  @ApiZodBody(createOrganizationRequestSchema)
  create(@Body(new ZodPipe(createOrganizationRequestSchema)) body: ReturnType<typeof createOrganizationRequestSchema.parse>, @CurrentUser() user: AuthUser) {
    return this.organizations.create(body, user);
  }

  @Patch(':id')
  @RequireRole('admin')
  @ApiZodBody(updateOrganizationRequestSchema)
  update(
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(updateOrganizationRequestSchema)) body: ReturnType<typeof updateOrganizationRequestSchema.parse>,
    @CurrentUser() user: AuthUser,
  ) {
    return this.organizations.update(id, body, user);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('admin')
  remove(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.organizations.remove(id, user);
  }
}
