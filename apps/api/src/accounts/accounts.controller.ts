import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { createAccountRequestSchema, resetPasswordRequestSchema, updateAccountRequestSchema } from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { toAccountView } from './account-views';
import { AccountsService, listAccountsQuerySchema, peopleQuerySchema } from './accounts.service';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @ApiRoute('accounts.me')
  async me(@CurrentUser() user: AuthUser) {
    return toAccountView(await this.accounts.findById(user.id));
  }

  /** People to name as chair, secretary or operator: active accounts, searchable, for organizers. */
  @ApiRoute('accounts.people')
  people(@Query() query: z.output<typeof peopleQuerySchema>) {
    return this.accounts.people(query);
  }

  @ApiRoute('accounts.list')
  list(@Query() query: z.output<typeof listAccountsQuerySchema>, @CurrentUser() user: AuthUser) {
    return this.accounts.list(query, user);
  }

  @ApiRoute('accounts.create')
  create(@Body() body: z.output<typeof createAccountRequestSchema>, @CurrentUser() user: AuthUser) {
    return this.accounts.create(body, user);
  }

  @ApiRoute('accounts.update')
  update(
    @Param('id') id: string,
    @Body() body: z.output<typeof updateAccountRequestSchema>,
    @CurrentUser() user: AuthUser,
  ) {
    return this.accounts.update(id, body, user);
  }

  @ApiRoute('accounts.resetPassword')
  resetPassword(@Param('id') id: string, @Body() body: z.output<typeof resetPasswordRequestSchema>, @CurrentUser() user: AuthUser) {
    return this.accounts.resetPassword(id, body, user);
  }
}
