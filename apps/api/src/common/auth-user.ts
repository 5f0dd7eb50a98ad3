import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role, RoleAssignment } from '@app/contracts';

/** Who is calling, from a verified access token. */
export interface AuthUser {
  id: string;
  sessionId: string;
  roles: RoleAssignment[];
  /** an administrator reset the password: the AuthGuard lets only PASSWORD_CHANGE_ROUTES through */
  mustChangePassword?: true;
}

export const IS_PUBLIC = 'isPublic';
/** The route needs no access token (login, refresh, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const REQUIRED_ROLES = 'requiredRoles';
/** The caller must hold one of these roles in some organization; services check the organization scope. */
export const RequireRole = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const req = ctx.switchToHttp().getRequest<{ user: AuthUser }>();
  return req.user;
});
