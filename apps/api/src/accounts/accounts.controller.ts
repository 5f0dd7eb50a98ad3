import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { createAccountRequestSchema, updateAccountRequestSchema } from '@app/contracts';
import { CurrentUser, RequireRole, type AuthUser } from '../common/auth-user';
import { UuidPipe, ZodPipe } from '../common/zod.pipe';
import { ApiZodBody, ApiZodQuery } from '../common/openapi';
import { toAccountView } from './account-views';
import { AccountsService, listAccountsQuerySchema, peopleQuerySchema } from './accounts.service';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get('me')
  async me(@CurrentUser() user: AuthUser) {
    return toAccountView(await this.accounts.findById(user.id));
  }

  /** People to name as chair, secretary or operator: active accounts, searchable, for organizers. */
  @Get('people')
  @RequireRole('organizer', 'admin')
  @ApiZodQuery(peopleQuerySchema)
  people(@Query(new ZodPipe(peopleQuerySchema)) query: z.output<typeof peopleQuerySchema>) {
    return this.accounts.people(query);
  }

  @Get('accounts')
  @RequireRole('admin')
  @ApiZodQuery(listAccountsQuerySchema)
  list(@Query(new ZodPipe(listAccountsQuerySchema)) query: z.output<typeof listAccountsQuerySchema>, @CurrentUser() user: AuthUser) {
    return this.accounts.list(query, user);
  }

  @Post('accounts')
  @RequireRole('admin')
  @ApiZodBody(createAccountRequestSchema)
  create(@Body(new ZodPipe(createAccountRequestSchema)) body: z.output<typeof createAccountRequestSchema>, @CurrentUser() user: AuthUser) {
    return this.accounts.create(body, user);
  }

  @Patch('accounts/:id')
  @RequireRole('admin')
  @ApiZodBody(updateAccountRequestSchema)
  update(
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(updateAccountRequestSchema)) body: z.output<typeof updateAccountRequestSchema>,
    @CurrentUser() user: AuthUser,
  ) {
    return this.accounts.update(id, body, user);
  }
}
