import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { changePasswordRequestSchema, loginRequestSchema, type LoginResponse } from '@app/contracts';
import { CurrentUser, Public, type AuthUser } from '../common/auth-user';
import { ZodPipe } from '../common/zod.pipe';
import { ApiZodBody } from '../common/openapi';
import { AuthService, type IssuedSession } from './auth.service';

export const REFRESH_COOKIE = 'htt_refresh';

/**
 * Access token in the response body (kept in memory by the web app, sent as a
 * Bearer header and in the socket handshake); refresh token only in an
 * httpOnly, SameSite=Strict cookie scoped to /api/auth, so page scripts never
 * see it and other sites cannot send it.
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiZodBody(loginRequestSchema)
  async login(
    @Body(new ZodPipe(loginRequestSchema)) body: z.output<typeof loginRequestSchema>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    const issued = await this.auth.login(body, { ip: req.ip ?? 'unknown', userAgent: req.headers['user-agent'] ?? null });
    return this.withCookie(req, res, issued);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    const result = await this.auth.refresh((req.cookies as Record<string, string> | undefined)?.[REFRESH_COOKIE]);
    return 'refreshToken' in result ? this.withCookie(req, res, result) : result;
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(user);
    res.clearCookie(REFRESH_COOKIE, { path: '/api/auth' });
  }

  @Post('password')
  @HttpCode(204)
  @ApiZodBody(changePasswordRequestSchema)
  async changePassword(@CurrentUser() user: AuthUser, @Body(new ZodPipe(changePasswordRequestSchema)) body: z.output<typeof changePasswordRequestSchema>) {
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
