import { Global, Inject, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { setPasswordHashConcurrency } from '../accounts/password.util';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ENV, type Env } from '@app/config';
import { AccountsModule } from '../accounts/accounts.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginRateLimiter } from './login-rate-limiter';
import { RealtimeHub } from '../realtime/realtime-hub';
import { SessionEntity } from './session.entity';
import { resolveJwtSecret } from './jwt-secret';
import { TokenService } from './token.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([SessionEntity]),
    AccountsModule,
    JwtModule.registerAsync({
      inject: [ENV],
      // A KeyObject, not the string: given a string, jsonwebtoken first tries it as a PEM public key and
      // catches the failure, about a millisecond per verification (CPU profile of 1,000 sockets connecting).
      useFactory: (env: Env) => ({ secret: createSecretKey(Buffer.from(resolveJwtSecret(env), 'utf8')), signOptions: { algorithm: 'HS256', issuer: 'htt' }, verifyOptions: { algorithms: ['HS256'], issuer: 'htt' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, TokenService, LoginRateLimiter, RealtimeHub, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, TokenService, RealtimeHub],
})
export class AuthModule {
  constructor(@Inject(ENV) readonly env: Env) {
    setPasswordHashConcurrency(env.PASSWORD_HASH_CONCURRENCY ?? availableParallelism());
  }
}
