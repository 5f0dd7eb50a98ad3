import { fieldError } from '@app/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { ENV, type Env } from '@app/config';
import type { LoginRequest, LoginResponse } from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import { AuditService } from '../audit/audit.service';
import { AccountEntity } from '../accounts/account.entity';
import { toAccountView } from '../accounts/account-views';
import { AccountsService } from '../accounts/accounts.service';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../accounts/password.util';
import { AuthErrorCode, AuthException } from './auth.exception';
import { assertStrongPassword } from '../accounts/password-policy';
import { LoginRateLimiter, type LoginAttempt } from './login-rate-limiter';
import { SessionEntity } from './session.entity';
import { TokenService, hashToken, newRefreshToken } from './token.service';
import { SessionRegistry } from './session-registry';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

export interface IssuedSession extends LoginResponse {
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** A refresh presented again within this window after rotation is a parallel tab, not a theft. */
const ROTATION_GRACE_MS = 30_000;

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ENV) private readonly env: Env,
    private readonly accounts: AccountsService,
    private readonly tokens: TokenService,
    private readonly limiter: LoginRateLimiter,
    private readonly audit: AuditService,
    private readonly sessions: SessionRegistry,
  ) {}

  async login(input: LoginRequest, client: ClientInfo): Promise<IssuedSession> {
    await this.limiter.precheck(input.username, client.ip);
    const account = await this.accounts.findForLogin(input.username);
    let attempt: LoginAttempt | undefined;
    // The attempt is spent inside the argon2 slot, right before the evaluation (see LoginRateLimiter).
    const ok = await verifyPassword(account?.passwordHash ?? (await dummyHash()), input.password, async () => {
      attempt = await this.limiter.admit(input.username, client.ip);
    });
    if (!account || !ok) throw new AuthException(AuthErrorCode.InvalidCredentials, 'Wrong username or password');
    await attempt?.succeeded();
    if (account.disabled) throw new AuthException(AuthErrorCode.AccountDisabled, 'This account is disabled');
    if (needsRehash(account.passwordHash)) {
      // made with older argon2 settings (ARGON2_OPTIONS): upgraded now that the password is at hand
      await this.accounts.upgradePasswordHash(account.id, account.passwordHash, await hashPassword(input.password));
    }

    const refreshToken = newRefreshToken();
    const refreshExpiresAt = new Date(Date.now() + this.env.REFRESH_TOKEN_TTL_SECONDS * 1000);
    const session = await this.db.transaction(async (m) => {
      const s = await m.getRepository(SessionEntity).save(
        m.getRepository(SessionEntity).create({
          accountId: account.id,
          tokenHash: hashToken(refreshToken),
          userAgent: client.userAgent?.slice(0, 500) ?? null,
          ip: client.ip,
          lastUsedAt: new Date(),
          expiresAt: refreshExpiresAt,
        }),
      );
      await this.accounts.recordSignIn(m, account.id);
      await this.audit.record(m, { actorId: account.id, action: 'auth.login', entityType: 'session', entityId: s.id, changes: { ip: client.ip } });
      return s;
    });
    const view = toAccountView(account);
    return {
      accessToken: this.tokens.signAccess(account.id, session.id, view.roles),
      expiresIn: this.tokens.accessTtlSeconds,
      account: view,
      refreshToken,
      refreshExpiresAt,
    };
  }

  /**
   * Trades a refresh token for a new access token and rotates the refresh
   * token. A token already rotated away, presented after the grace window,
   * means it was copied: the whole session is revoked.
   */
  async refresh(refreshToken: string | undefined): Promise<IssuedSession | LoginResponse> {
    if (!refreshToken) throw new AuthException(AuthErrorCode.SessionExpired, 'Sign in again');
    const hash = hashToken(refreshToken);
    let revokedByReuse: string | null = null;
    // The transaction commits a revocation before the error is thrown, so it sticks.
    const outcome = await this.db.transaction(async (m): Promise<IssuedSession | LoginResponse | AuthErrorCode> => {
      const repo = m.getRepository(SessionEntity);
      const current = await repo.findOne({ where: { tokenHash: hash }, lock: { mode: 'pessimistic_write' } });
      if (!current) {
        const reused = await repo.findOne({ where: { previousTokenHash: hash }, lock: { mode: 'pessimistic_write' } });
        if (!reused || reused.revokedAt) return AuthErrorCode.SessionRevoked;
        if (reused.rotatedAt && Date.now() - reused.rotatedAt.getTime() < ROTATION_GRACE_MS) {
          const account = await this.activeAccount(reused.accountId, m);
          const view = toAccountView(account);
          return { accessToken: this.tokens.signAccess(account.id, reused.id, view.roles), expiresIn: this.tokens.accessTtlSeconds, account: view };
        }
        await repo.update({ id: reused.id }, { revokedAt: new Date(), revokedReason: 'refresh token reused' });
        await this.audit.record(m, { actorId: reused.accountId, action: 'auth.token_reuse', entityType: 'session', entityId: reused.id });
        revokedByReuse = reused.id;
        return AuthErrorCode.SessionRevoked;
      }
      if (current.revokedAt) return AuthErrorCode.SessionRevoked;
      if (current.expiresAt.getTime() <= Date.now()) return AuthErrorCode.SessionExpired;
      const account = await this.activeAccount(current.accountId, m);
      const next = newRefreshToken();
      const refreshExpiresAt = new Date(Date.now() + this.env.REFRESH_TOKEN_TTL_SECONDS * 1000);
      await repo.update(
        { id: current.id },
        { tokenHash: hashToken(next), previousTokenHash: hash, rotatedAt: new Date(), lastUsedAt: new Date(), expiresAt: refreshExpiresAt },
      );
      const view = toAccountView(account);
      return {
        accessToken: this.tokens.signAccess(account.id, current.id, view.roles),
        expiresIn: this.tokens.accessTtlSeconds,
        account: view,
        refreshToken: next,
        refreshExpiresAt,
      };
    });
    // After the commit, so that no process reloads the session as still live.
    if (revokedByReuse) await this.sessions.end({ sessionId: revokedByReuse, reason: 'revoked' });
    if (outcome === AuthErrorCode.SessionExpired) throw new AuthException(outcome, 'The session expired; sign in again');
    if (typeof outcome === 'string') throw new AuthException(AuthErrorCode.SessionRevoked, 'This session has ended; sign in again');
    return outcome;
  }

  async logout(user: AuthUser): Promise<void> {
    await this.db.getRepository(SessionEntity).update({ id: user.sessionId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: 'logout' });
    await this.sessions.end({ sessionId: user.sessionId, reason: 'logout' });
    await this.audit.record(this.db.manager, { actorId: user.id, action: 'auth.logout', entityType: 'session', entityId: user.sessionId });
  }

  /** Changes the password and ends every other session of the account. */
  async changePassword(user: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    const account = await this.db
      .getRepository(AccountEntity)
      .createQueryBuilder('a')
      .addSelect('a.password_hash', 'a_password_hash')
      .where('a.id = :id', { id: user.id })
      .getOneOrFail();
    if (!(await verifyPassword(account.passwordHash, currentPassword))) {
      throw new AuthException(AuthErrorCode.WrongPassword, 'The current password is wrong', {}, [
        fieldError('currentPassword', 'incorrect', 'is wrong'),
      ]);
    }
    if (currentPassword === newPassword) {
      throw new AuthException(AuthErrorCode.PasswordReused, 'The new password must differ from the current one', {}, [
        fieldError('newPassword', 'unchanged', 'must differ from the current password'),
      ]);
    }
    assertStrongPassword(newPassword, 'newPassword', [account.username, account.fullName]);
    const passwordHash = await hashPassword(newPassword);
    const others: { id: string }[] = await this.db.transaction(async (m) => {
      await this.accounts.setPasswordHash(m, user.id, passwordHash);
      const revoked = await m
        .createQueryBuilder()
        .update(SessionEntity)
        .set({ revokedAt: () => 'now()', revokedReason: 'password changed' })
        .where('account_id = :id AND id <> :sid AND revoked_at IS NULL', { id: user.id, sid: user.sessionId })
        .returning('id')
        .execute();
      const rows = revoked.raw as { id: string }[];
      await this.audit.record(m, { actorId: user.id, action: 'auth.password_changed', entityType: 'account', entityId: user.id });
      return rows;
    });
    for (const s of others) await this.sessions.end({ sessionId: s.id, reason: 'password_changed' });
    // This session stays; its cached state (must change the password) is dropped everywhere. It has no
    // socket to close while the password had to be changed (the handshake refused it), so the end closes nothing.
    if (account.mustChangePassword) await this.sessions.end({ sessionId: user.sessionId, reason: 'password_changed' });
  }

  private async activeAccount(id: string, m: EntityManager): Promise<AccountEntity> {
    const account = await this.accounts.findById(id, m);
    if (account.disabled) throw new AuthException(AuthErrorCode.AccountDisabled, 'This account is disabled');
    return account;
  }
}
