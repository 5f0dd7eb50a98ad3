import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { ENV, type Env } from '@app/config';
import type { AccessTokenClaims, RoleAssignment } from '@app/contracts';
import { CommonException } from '../common/domain.exception';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
export const newRefreshToken = () => randomBytes(32).toString('base64url');

export interface VerifiedToken {
  accountId: string;
  sessionId: string;
  /** the token's exp, in ms */
  expiresAt: number;
}

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

  /**
   * Verifies an access token's signature and expiry; throws 401 when it is missing, forged or
   * expired. It says who and which session, not what they may do: the roles in the claims are
   * what they were at sign-in, so callers ask the SessionRegistry for the current ones.
   */
  verifyAccess(token: string | undefined): VerifiedToken {
    if (!token) throw CommonException.unauthenticated('An access token is required');
    try {
      const claims = this.jwt.verify<AccessTokenClaims & { exp: number }>(token);
      return { accountId: claims.sub, sessionId: claims.sid, expiresAt: claims.exp * 1000 };
    } catch {
      throw CommonException.unauthenticated('The access token is invalid or has expired');
    }
  }
}
