import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DataSource, type EntityManager } from 'typeorm';
import { ENV, type Env } from '@app/config';
import { DISPLAY_PAIRING_TTL_MS, holds, type DisplayPairing, type DisplaySelf, type DisplayStatusResult, type DisplayView } from '@app/contracts';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth-user';
import { CommonErrorCode, CommonException } from '../common/domain.exception';
import { MeetingEndpointEntity, type MeetingEntity } from '../meetings/meeting.entities';
import { MeetingPolicy } from '../policy/meeting-policy';
import { REDIS } from '../redis/redis.module';
import { RealtimeHub } from '../realtime/realtime-hub';
import { DisplayErrorCode, DisplayException } from './display.exception';
import { displayRoom, newDisplayCode, newDisplaySecret, secretHash } from './display-code';

/**
 * Limits of the two public routes and of code entry. A code is 6 of 31 characters
 * (887 million); entering one needs an account that may pair in the meeting, and
 * such an account gets CODE_TRIES wrong codes per window: guessing one of the few
 * codes shown at a time would take millions of windows. The public routes are
 * limited per address so that nobody fills the table or hammers the database; the
 * status route answers only to a 256-bit secret, so its limit is about load, set for
 * a building of displays behind one address polling every 2 s.
 */
const WINDOW_SECONDS = 600;
const STARTS_PER_ADDRESS = 60;
const STATUS_PER_ADDRESS = 6000;
const CODE_TRIES = 10;

const viewRow = z.object({
  id: z.string(),
  meeting_id: z.string(),
  name: z.string(),
  kind: z.enum(['host', 'endpoint']),
  endpoint_id: z.string().nullable(),
  paired_by: z.string(),
  paired_by_name: z.string(),
  paired_at: z.coerce.date(),
  revoked_at: z.coerce.date().nullable(),
  revoked_by: z.string().nullable(),
  revoked_by_name: z.string().nullable(),
});
type ViewRow = z.infer<typeof viewRow>;

const VIEW_SQL = `SELECT d.id, d.meeting_id, d.name, d.kind, d.endpoint_id, d.paired_by, p.full_name AS paired_by_name, d.paired_at,
                         d.revoked_at, d.revoked_by, r.full_name AS revoked_by_name
                    FROM displays d JOIN accounts p ON p.id = d.paired_by LEFT JOIN accounts r ON r.id = d.revoked_by`;

const toView = (r: ViewRow): DisplayView => ({
  id: r.id,
  meetingId: r.meeting_id,
  name: r.name,
  kind: r.kind,
  endpointId: r.endpoint_id,
  pairedBy: { id: r.paired_by, fullName: r.paired_by_name },
  pairedAt: r.paired_at.toISOString(),
  revokedAt: r.revoked_at?.toISOString() ?? null,
  revokedBy: r.revoked_by ? { id: r.revoked_by, fullName: r.revoked_by_name ?? '' } : null,
});

const selfOf = (r: Pick<ViewRow, 'id' | 'meeting_id' | 'name' | 'kind' | 'endpoint_id'>): DisplaySelf => ({ id: r.id, meetingId: r.meeting_id, name: r.name, kind: r.kind, endpointId: r.endpoint_id });

/**
 * Hall displays: pairing by a code shown on the screen, the display's token (its pairing
 * secret, kept hashed), the meeting page's list, and revocation, which closes the
 * display's sockets on every api process at once (Redis pub/sub, as session ends do).
 */
@Injectable()
export class DisplayService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DisplayService.name);
  private readonly starts: RateLimiterAbstract;
  private readonly polls: RateLimiterAbstract;
  private readonly tries: RateLimiterAbstract;
  private readonly channel: string;
  private subscriber: Redis | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis | null,
    @Inject(ENV) env: Env,
    private readonly policy: MeetingPolicy,
    private readonly hub: RealtimeHub,
    private readonly audit: AuditService,
  ) {
    const make = (keyPrefix: string, points: number) =>
      redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration: WINDOW_SECONDS }) : new RateLimiterMemory({ keyPrefix, points, duration: WINDOW_SECONDS });
    this.starts = make(`${env.REDIS_PREFIX}:display:start`, STARTS_PER_ADDRESS);
    this.polls = make(`${env.REDIS_PREFIX}:display:status`, STATUS_PER_ADDRESS);
    this.tries = make(`${env.REDIS_PREFIX}:display:code`, CODE_TRIES);
    this.channel = `${env.REDIS_PREFIX}:display-revoked`;
  }

  async onModuleInit() {
    if (!this.redis) return;
    const sub = this.redis.duplicate();
    this.subscriber = sub;
    sub.on('message', (_channel: string, raw: string) => {
      const parsed = z.object({ displayId: z.uuid() }).safeParse((() => { try { return JSON.parse(raw) as unknown; } catch { return null; } })());
      if (parsed.success) this.hub.endLocal(displayRoom(parsed.data.displayId), 'revoked');
    });
    await sub.subscribe(this.channel);
  }

  async onApplicationShutdown() {
    await this.subscriber?.quit().catch(() => undefined);
  }

  // ---------- the display (public) ----------

  async startPairing(address: string): Promise<DisplayPairing> {
    await this.spend(this.starts, address);
    await this.db.query(`DELETE FROM display_pairings WHERE expires_at < now() - interval '1 hour'`);
    const secret = newDisplaySecret();
    const expiresAt = new Date(Date.now() + DISPLAY_PAIRING_TTL_MS);
    // A clash with a code on screen elsewhere is one in millions: draw again.
    for (let attempt = 0; ; attempt++) {
      const code = newDisplayCode();
      const rows: unknown[] = await this.db.query(`INSERT INTO display_pairings (code, secret_hash, expires_at) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING id`, [code, secretHash(secret), expiresAt]);
      if (rows.length) return { code, secret, expiresAt: expiresAt.toISOString() };
      if (attempt > 20) throw new CommonException(CommonErrorCode.ServerBusy, 'No free pairing code');
    }
  }

  async status(secret: string, address: string): Promise<DisplayStatusResult> {
    await this.spend(this.polls, address);
    const hash = secretHash(secret);
    const [pairing]: { code: string; expires_at: Date }[] = await this.db.query(`SELECT code, expires_at FROM display_pairings WHERE secret_hash = $1`, [hash]);
    if (pairing) {
      const expired = new Date(pairing.expires_at).getTime() <= Date.now();
      return { status: expired ? 'expired' : 'pending', code: expired ? null : pairing.code, expiresAt: new Date(pairing.expires_at).toISOString(), display: null };
    }
    const [row] = (await this.db.query(`${VIEW_SQL} WHERE d.token_hash = $1`, [hash])) as unknown[];
    if (!row) return { status: 'unknown', code: null, expiresAt: null, display: null };
    const view = viewRow.parse(row);
    return { status: view.revoked_at ? 'revoked' : 'paired', code: null, expiresAt: null, display: selfOf(view) };
  }

  /** The display a socket's token belongs to, while it is not revoked (401 otherwise). */
  async authenticate(token: string): Promise<DisplaySelf> {
    const [row]: { id: string; meeting_id: string; name: string; kind: 'host' | 'endpoint'; endpoint_id: string | null }[] = await this.db.query(
      `SELECT id, meeting_id, name, kind, endpoint_id FROM displays WHERE token_hash = $1 AND revoked_at IS NULL`,
      [secretHash(token)],
    );
    if (!row) throw CommonException.unauthenticated('This display is not paired, or was revoked');
    return selfOf(row);
  }

  // ---------- the meeting page ----------

  async pair(user: AuthUser, meetingId: string, input: { code: string; name: string; endpointId?: string }): Promise<DisplayView> {
    const meeting = await this.policy.visibleMeeting(user, meetingId);
    const endpoint = await this.authorize(user, meeting, input.endpointId ?? null);
    const kind = !endpoint || endpoint.isHost ? 'host' : 'endpoint';
    // Counted before the code is looked at, given back when it was right: only wrong codes use the tries up.
    await this.spend(this.tries, user.id);
    const id = await this.db.transaction(async (m) => {
      const [pairing]: { id: string; secret_hash: Buffer; expires_at: Date }[] = await m.query(`SELECT id, secret_hash, expires_at FROM display_pairings WHERE code = $1 FOR UPDATE`, [input.code]);
      if (!pairing) throw new DisplayException(DisplayErrorCode.CodeInvalid, 'No display shows this code');
      if (new Date(pairing.expires_at).getTime() <= Date.now()) throw new DisplayException(DisplayErrorCode.CodeExpired, 'This code has expired; the display shows a new one');
      await m.query(`DELETE FROM display_pairings WHERE id = $1`, [pairing.id]);
      const [made]: { id: string }[] = await m.query(
        `INSERT INTO displays (meeting_id, endpoint_id, kind, name, token_hash, paired_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [meetingId, endpoint?.id ?? null, kind, input.name, pairing.secret_hash, user.id],
      );
      await this.audit.record(m, { actorId: user.id, action: 'display.paired', entityType: 'display', entityId: made.id, changes: { meetingId, endpointId: endpoint?.id ?? null, name: input.name } });
      return made.id;
    });
    await this.tries.reward(user.id, 1).catch(() => undefined);
    return this.view(this.db.manager, id);
  }

  async list(user: AuthUser, meetingId: string): Promise<DisplayView[]> {
    const meeting = await this.policy.visibleMeeting(user, meetingId);
    const caps = await this.policy.capabilities(user, meeting);
    const rows = ((await this.db.query(`${VIEW_SQL} WHERE d.meeting_id = $1 ORDER BY d.revoked_at IS NOT NULL, d.paired_at DESC`, [meetingId])) as unknown[]).map((r) => viewRow.parse(r));
    return rows.filter((r) => (r.endpoint_id ? holds(caps, 'display.pair', r.endpoint_id) : holds(caps, 'endpoints.manage'))).map(toView);
  }

  async revoke(user: AuthUser, meetingId: string, displayId: string): Promise<DisplayView> {
    const meeting = await this.policy.visibleMeeting(user, meetingId);
    const [row]: { endpoint_id: string | null; revoked_at: Date | null }[] = await this.db.query(`SELECT endpoint_id, revoked_at FROM displays WHERE id = $1 AND meeting_id = $2`, [displayId, meetingId]);
    if (!row) throw new DisplayException(DisplayErrorCode.NotFound, 'Display not found in this meeting', { displayId });
    await this.authorize(user, meeting, row.endpoint_id);
    await this.db.transaction(async (m) => {
      const [locked]: { revoked_at: Date | null }[] = await m.query(`SELECT revoked_at FROM displays WHERE id = $1 FOR UPDATE`, [displayId]);
      if (locked.revoked_at) throw new DisplayException(DisplayErrorCode.AlreadyRevoked, 'This display was revoked already', { displayId });
      await m.query(`UPDATE displays SET revoked_at = now(), revoked_by = $2 WHERE id = $1`, [displayId, user.id]);
      await this.audit.record(m, { actorId: user.id, action: 'display.revoked', entityType: 'display', entityId: displayId, changes: { meetingId } });
    });
    // After the commit: a display that reconnects in between is refused by the handshake anyway.
    this.hub.endLocal(displayRoom(displayId), 'revoked');
    if (this.redis) {
      await this.redis.publish(this.channel, JSON.stringify({ displayId })).catch((err: unknown) => this.logger.error({ err }, 'could not publish a display revocation'));
    }
    return this.view(this.db.manager, displayId);
  }

  /** An endpoint's display: its operators and organizers ('display.pair'); the host hall without an endpoint: organizers ('endpoints.manage'). */
  private async authorize(user: AuthUser, meeting: MeetingEntity, endpointId: string | null): Promise<MeetingEndpointEntity | null> {
    if (endpointId) return this.policy.decide(user, meeting, 'display.pair', endpointId);
    await this.policy.decide(user, meeting, 'endpoints.manage', undefined);
    return null;
  }

  private async view(m: EntityManager, id: string): Promise<DisplayView> {
    const [row] = (await m.query(`${VIEW_SQL} WHERE d.id = $1`, [id])) as unknown[];
    return toView(viewRow.parse(row));
  }

  private async spend(limiter: RateLimiterAbstract, key: string): Promise<void> {
    try {
      await limiter.consume(key, 1);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const retryAfterSeconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new CommonException(CommonErrorCode.RateLimited, `Too many attempts; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
    }
  }
}
