import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ENV, type Env } from '@app/config';
import { roleAssignmentSchema, sessionEndReasons, type RoleAssignment, type SessionEndReason } from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import { REDIS } from '../redis/redis.module';
import { AuthErrorCode, AuthException } from './auth.exception';

/** What a request needs to know about its session, as the database says now. */
export interface SessionState {
  accountId: string;
  /** not revoked and not past the refresh expiry */
  live: boolean;
  disabled: boolean;
  /** an administrator reset the password: only changing it is allowed (AuthGuard, socket handshake) */
  mustChangePassword: boolean;
  roles: RoleAssignment[];
  /** refresh expiry (ms): a session past it is dead even if nobody revoked it */
  expiresAt: number;
}

/** Who ended, and why: one session, or every session of an account (disabled, roles changed). */
export type SessionEnd = { sessionId: string; reason: SessionEndReason } | { accountId: string; reason: SessionEndReason };

const endMessageSchema = z.union([
  z.object({ origin: z.string(), sessionId: z.uuid(), reason: z.enum(sessionEndReasons) }),
  z.object({ origin: z.string(), accountId: z.uuid(), reason: z.enum(sessionEndReasons) }),
]);

const rowSchema = z.object({
  account_id: z.string(),
  revoked: z.boolean(),
  expires_at: z.coerce.date(),
  disabled: z.boolean(),
  must_change_password: z.boolean(),
  roles: z.array(roleAssignmentSchema),
});

/**
 * Upper bound on how stale a cached entry may be: the Redis message normally
 * drops it within milliseconds; this only limits the damage of a message lost
 * while Redis was unreachable (the cache is also cleared on every reconnect).
 */
const MAX_AGE_MS = 60_000;
/** Entries kept per process; past it the oldest go first (Map keeps insertion order). */
const MAX_ENTRIES = 50_000;

interface Cached {
  state: SessionState;
  loadedAt: number;
}

/**
 * The authority on whether a session is live and which roles its account holds
 * now: every REST request (AuthGuard) and every socket command (the gateway's
 * per-packet step) asks it, instead of trusting the access token's claims.
 *
 * Per process a Map from session id to its state, so the common case costs a
 * map lookup (bench/session-check.mjs: see docs in the report). Whoever changes
 * a session or an account (logout, refresh-token reuse, disabling, role or
 * password changes) calls `end()`: the entry goes here at once, the other api
 * processes hear it over Redis pub/sub, and each closes its own sockets of that
 * session or account through the listeners (the gateway). Without Redis
 * (embedded default, one process) the local step is all there is.
 */
@Injectable()
export class SessionRegistry implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SessionRegistry.name);
  private readonly cache = new Map<string, Cached>();
  private readonly loading = new Map<string, Promise<SessionState | null>>();
  private readonly listeners = new Set<(end: SessionEnd) => void>();
  /** bumped by every invalidation: a load that started before it is not cached (it may have read the old row) */
  private epoch = 0;
  private readonly origin = randomUUID();
  private readonly channel: string;
  private subscriber: Redis | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis | null,
    @Inject(ENV) env: Env,
  ) {
    this.channel = `${env.REDIS_PREFIX}:session-ended`;
  }

  async onModuleInit() {
    if (!this.redis) return;
    const sub = this.redis.duplicate();
    this.subscriber = sub;
    sub.on('message', (_channel: string, raw: string) => this.onMessage(raw));
    // Messages published while disconnected are gone: forget everything rather than trust it.
    sub.on('ready', () => this.clear());
    await sub.subscribe(this.channel);
  }

  async onApplicationShutdown() {
    await this.subscriber?.quit().catch(() => undefined);
  }

  /** Called with every end, local or from another process; the gateway closes its sockets here. */
  onEnd(listener: (end: SessionEnd) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The cached state, or undefined when it must be read (sync: the hot path of every socket packet). */
  peek(sessionId: string): SessionState | undefined {
    const hit = this.cache.get(sessionId);
    if (!hit) return undefined;
    if (Date.now() - hit.loadedAt > MAX_AGE_MS) {
      this.cache.delete(sessionId);
      return undefined;
    }
    return hit.state;
  }

  async state(sessionId: string): Promise<SessionState | null> {
    const hit = this.peek(sessionId);
    if (hit) return hit;
    let pending = this.loading.get(sessionId);
    if (!pending) {
      pending = this.load(sessionId).finally(() => this.loading.delete(sessionId));
      this.loading.set(sessionId, pending);
    }
    return pending;
  }

  /**
   * The caller of a request from its verified token: the account's current roles, or a
   * 401 when the session has ended or the account is disabled.
   */
  async user(accountId: string, sessionId: string): Promise<AuthUser> {
    return userFrom(accountId, sessionId, await this.state(sessionId));
  }

  /** Forgets a session or an account's sessions here and on every api process, and tells the listeners. */
  async end(end: SessionEnd): Promise<void> {
    this.apply(end);
    if (!this.redis) return;
    await this.redis.publish(this.channel, JSON.stringify({ ...end, origin: this.origin })).catch((err: unknown) => {
      // The others fall back on MAX_AGE_MS; the local sockets are already closed.
      this.logger.error({ err }, 'could not publish a session end');
    });
  }

  /** Drops every cached entry (tests, Redis reconnects). */
  clear() {
    this.epoch++;
    this.cache.clear();
  }

  private onMessage(raw: string) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return;
    }
    const message = endMessageSchema.safeParse(parsed);
    if (!message.success || message.data.origin === this.origin) return;
    const { origin: _, ...end } = message.data;
    this.apply(end);
  }

  private apply(end: SessionEnd) {
    this.epoch++;
    if ('sessionId' in end) this.cache.delete(end.sessionId);
    else for (const [id, c] of this.cache) if (c.state.accountId === end.accountId) this.cache.delete(id);
    for (const fn of this.listeners) fn(end);
  }

  /**
   * Loads of one event-loop turn share one query (`WHERE s.id = ANY(...)`): a reconnect storm of
   * thousands of sessions, each seen here for the first time, costs one round trip per turn
   * instead of one per socket (the CPU profile of a subscribe storm: the queries' system calls).
   * Each load's answer still comes from a read that started after it was asked for.
   */
  private load(sessionId: string): Promise<SessionState | null> {
    if (!UUID.test(sessionId)) return Promise.resolve(null); // no such row; one odd id must not fail the others' batch
    if (!this.batch) {
      const batch = new Map<string, { resolve(s: SessionState | null): void; reject(e: unknown): void }[]>();
      this.batch = batch;
      setImmediate(() => {
        this.batch = null;
        this.loadBatch(batch);
      });
    }
    return new Promise((resolve, reject) => {
      const waiting = this.batch!.get(sessionId) ?? [];
      waiting.push({ resolve, reject });
      this.batch!.set(sessionId, waiting);
    });
  }
  private batch: Map<string, { resolve(s: SessionState | null): void; reject(e: unknown): void }[]> | null = null;

  private async loadBatch(batch: Map<string, { resolve(s: SessionState | null): void; reject(e: unknown): void }[]>) {
    const epoch = this.epoch;
    let rows: unknown[];
    try {
      // One round trip for the sessions, their accounts and the roles. The auth domain owns sessions; accounts
      // and role_assignments are read here (not through AccountsService) because AccountsService itself calls
      // end() after a change, and this read sits on the path of every request that misses the cache.
      rows = await this.db.query(
        `SELECT s.id, s.account_id, (s.revoked_at IS NOT NULL) AS revoked, s.expires_at, a.disabled, a.must_change_password,
                coalesce(json_agg(json_build_object('role', r.role, 'organizationId', r.organization_id) ORDER BY r.role, r.organization_id)
                         FILTER (WHERE r.role IS NOT NULL), '[]'::json) AS roles
           FROM sessions s JOIN accounts a ON a.id = s.account_id
           LEFT JOIN role_assignments r ON r.account_id = a.id
          WHERE s.id = ANY($1::uuid[])
          GROUP BY s.id, a.id`,
        [[...batch.keys()]],
      );
    } catch (err) {
      for (const waiting of batch.values()) for (const w of waiting) w.reject(err);
      return;
    }
    const found = new Map<string, SessionState>();
    for (const raw of rows) {
      const id = (raw as { id: string }).id;
      try {
        const row = rowSchema.parse(raw);
        found.set(id, { accountId: row.account_id, live: !row.revoked, disabled: row.disabled, mustChangePassword: row.must_change_password, roles: row.roles, expiresAt: row.expires_at.getTime() });
      } catch (err) {
        for (const w of batch.get(id) ?? []) w.reject(err);
        batch.delete(id);
      }
    }
    for (const [sessionId, waiting] of batch) {
      const state = found.get(sessionId) ?? null;
      if (state && epoch === this.epoch) {
        if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
        this.cache.set(sessionId, { state, loadedAt: Date.now() });
      }
      for (const w of waiting) w.resolve(state);
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The AuthUser of a live session, or the 401 that says why not. Pure, shared by the async and the cached path. */
export function userFrom(accountId: string, sessionId: string, state: SessionState | null | undefined): AuthUser {
  if (state?.disabled && state.accountId === accountId) throw new AuthException(AuthErrorCode.AccountDisabled, 'This account is disabled');
  if (!state || !state.live || state.accountId !== accountId) {
    throw new AuthException(AuthErrorCode.SessionRevoked, 'This session has ended; sign in again');
  }
  if (state.expiresAt <= Date.now()) throw new AuthException(AuthErrorCode.SessionExpired, 'The session expired; sign in again');
  return { id: accountId, sessionId, roles: state.roles, ...(state.mustChangePassword ? { mustChangePassword: true } : {}) };
}

@Global()
@Module({ providers: [SessionRegistry], exports: [SessionRegistry] })
export class SessionRegistryModule {}
