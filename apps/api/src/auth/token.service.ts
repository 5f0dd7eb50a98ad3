import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { ENV, type Env } from '@app/config';
import type { AccessTokenClaims, RoleAssignment } from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import { CommonException } from '../common/domain.exception';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
export const newRefreshToken = () => randomBytes(32).toString('base64url');

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  get accessTtlSeconds(): number {
    return this.env.ACCESS_TOKEN_TTL_SECONDS;
  }

  signAccess(accountId: string, sessionId: string, roles: RoleAssignment[]): string {
    const claims: AccessTokenClaims = { sub: accountId, sid: sessionId, roles };
    return this.jwt.sign(claims, { expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS });
  }

  /** Verifies an access token; throws 401 when it is missing, forged or expired. */
  verifyAccess(token: string | undefined): AuthUser {
    if (!token) throw CommonException.unauthenticated('An access token is required');
    try {
      const claims = this.jwt.verify<AccessTokenClaims>(token);
      return { id: claims.sub, sessionId: claims.sid, roles: claims.roles as RoleAssignment[] };
    } catch {
      throw CommonException.unauthenticated('The access token is invalid or has expired');
    }
  }
}
