import { Global, Inject, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ENV, type Env } from '@app/config';
import { AccountsModule } from '../accounts/accounts.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginRateLimiter } from './login-rate-limiter';
import { RealtimeHub } from '../realtime/realtime-hub';
import { SessionEntity } from './session.entity';
import { TokenService, resolveJwtSecret } from './token.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([SessionEntity]),
    AccountsModule,
    JwtModule.registerAsync({
      inject: [ENV],
      useFactory: (env: Env) => ({ secret: resolveJwtSecret(env), signOptions: { algorithm: 'HS256', issuer: 'htt' }, verifyOptions: { algorithms: ['HS256'], issuer: 'htt' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, TokenService, LoginRateLimiter, RealtimeHub, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, TokenService, RealtimeHub],
})
export class AuthModule {
  constructor(@Inject(ENV) readonly env: Env) {}
}
