import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { ENV, type Env } from '@app/config';
import type { AccessTokenClaims, RoleAssignment } from '@app/contracts';
import { CommonException } from '../common/domain.exception';
import { resolveJwtSecret } from './jwt-secret';

const DASHBOARD_AUDIENCE = 'htt-queue-dashboard';

/** What the queue dashboard's cookie proves: this account's session asked for it, nothing more. */
export interface DashboardCredential {
  accountId: string;
  sessionId: string;
}

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
  /**
   * The queue dashboard's cookie is signed with its own key, derived from the JWT secret:
   * an access token does not open the dashboard and the cookie is no bearer token for /api
   * (its signature fails there), so a cookie that leaks from the dashboard's pages gives
   * nothing beyond them.
   */
  private readonly dashboardKey: Buffer;

  constructor(
    private readonly jwt: JwtService,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.dashboardKey = createHmac('sha256', resolveJwtSecret(env)).update(DASHBOARD_AUDIENCE).digest();
  }

  get accessTtlSeconds(): number {
    return this.env.ACCESS_TOKEN_TTL_SECONDS;
  }

  signAccess(accountId: string, sessionId: string, roles: RoleAssignment[]): string {
    const claims: AccessTokenClaims = { sub: accountId, sid: sessionId, roles };
    return this.jwt.sign(claims, { expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS });
  }

  signDashboard(accountId: string, sessionId: string): string {
    return this.jwt.sign({ sub: accountId, sid: sessionId }, { secret: this.dashboardKey, audience: DASHBOARD_AUDIENCE, expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS });
  }

  /** Verifies the dashboard's cookie; throws 401 when it is missing, forged, expired or an access token. */
  verifyDashboard(token: string | undefined): DashboardCredential {
    if (!token) throw CommonException.unauthenticated('Open the dashboard from the web app');
    try {
      const claims = this.jwt.verify<{ sub: string; sid: string }>(token, { secret: this.dashboardKey, audience: DASHBOARD_AUDIENCE });
      return { accountId: claims.sub, sessionId: claims.sid };
    } catch {
      throw CommonException.unauthenticated('The dashboard credential is invalid or has expired');
    }
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
