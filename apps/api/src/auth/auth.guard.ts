import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role, RouteName } from '@app/contracts';
import { ROUTE_NAME } from '../common/api-route';
import { AuthErrorCode, AuthException } from './auth.exception';
import { IS_PUBLIC, REQUIRED_ROLES, type AuthUser } from '../common/auth-user';
import { CommonException } from '../common/domain.exception';
import { SessionRegistry } from './session-registry';
import { TokenService } from './token.service';

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1];
}

/** What an account whose password an administrator reset may do until it changes it. */
const PASSWORD_CHANGE_ROUTES = new Set<RouteName>(['auth.changePassword', 'auth.logout', 'accounts.me']);

/**
 * Every route needs a valid access token of a live session unless marked @Public(); @RequireRole
 * narrows it further. The roles are the account's current ones (SessionRegistry), so a logout,
 * a revocation, a disabled account or a removed role takes effect on the next request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionRegistry,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const token = this.tokens.verifyAccess(bearerToken(req.headers.authorization));
    req.user = await this.sessions.user(token.accountId, token.sessionId);
    if (req.user.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(this.reflector.get<RouteName>(ROUTE_NAME, ctx.getHandler()))) {
      throw new AuthException(AuthErrorCode.PasswordChangeRequired, 'An administrator reset the password: change it first (POST /api/auth/password)');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !req.user.roles.some((r) => roles.includes(r.role))) {
      throw CommonException.forbidden(`This needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
