import { Body, Controller, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { changePasswordRequestSchema, loginRequestSchema, type LoginResponse } from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { AuthService, type IssuedSession } from './auth.service';

export const REFRESH_COOKIE = 'htt_refresh';

/**
 * Access token in the response body (kept in memory by the web app, sent as a
 * Bearer header and in the socket handshake); refresh token only in an
 * httpOnly, SameSite=Strict cookie scoped to /api/auth, so page scripts never
 * see it and other sites cannot send it.
 */
@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @ApiRoute('auth.login')
  async login(
    @Body() body: z.output<typeof loginRequestSchema>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    const issued = await this.auth.login(body, { ip: req.ip ?? 'unknown', userAgent: req.headers['user-agent'] ?? null });
    return this.withCookie(req, res, issued);
  }

  @ApiRoute('auth.refresh')
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    const result = await this.auth.refresh((req.cookies as Record<string, string> | undefined)?.[REFRESH_COOKIE]);
    return 'refreshToken' in result ? this.withCookie(req, res, result) : result;
  }

  @ApiRoute('auth.logout')
  async logout(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(user);
    res.clearCookie(REFRESH_COOKIE, { path: '/api/auth' });
  }

  @ApiRoute('auth.changePassword')
  async changePassword(@CurrentUser() user: AuthUser, @Body() body: z.output<typeof changePasswordRequestSchema>) {
    await this.auth.changePassword(user, body.currentPassword, body.newPassword);
  }

  private withCookie(req: Request, res: Response, issued: IssuedSession): LoginResponse {
    res.cookie(REFRESH_COOKIE, issued.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: '/api/auth',
      expires: issued.refreshExpiresAt,
    });
    return { accessToken: issued.accessToken, expiresIn: issued.expiresIn, account: issued.account };
  }
}
