import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource, IsNull } from 'typeorm';
import { ENV, type Env } from '@app/config';
import { BROADCAST_FILE, type BroadcastAccess, type BroadcastReason, type BroadcastState, type MeetingEvent } from '@app/contracts';
import { resolveJwtSecret } from '../auth/jwt-secret';
import type { AuthUser } from '../common/auth-user';
import { EndpointsService } from '../meetings/endpoints.service';
import { MeetingsService } from '../meetings/meetings.service';
import { SpeakerTurnEntity } from '../speakers/speaker.entities';
import { turnViews } from '../speakers/speaker-views';
import { createHmac } from 'node:crypto';
import { programmeCaptions, signWatchToken, watchTokenProblem, withToken } from './broadcast-rules';
import { MediaClient } from './media-client';
import { MediaErrorCode, MediaException } from './media.exception';
import { MediaService } from './media.service';

const off = (meetingId: string, reason: BroadcastReason, status: BroadcastState['status'] = 'off'): BroadcastState => ({
  meetingId,
  status,
  reason,
  sourceEndpointId: null,
  caption: null,
  startedAt: null,
  segments: 0,
});

/**
 * The watch-only tier, api side: starts the programme when the meeting goes
 * live (and again for a meeting found live without one: an api or media
 * restart), keeps its captions in step with the floor, hands watching pages
 * a token scoped to the meeting, and serves the HLS files FFmpeg writes under
 * BROADCAST_DIR (the same files nginx serves in front, infra/nginx).
 */
@Injectable()
export class BroadcastService implements OnModuleInit {
  private readonly logger = new Logger(BroadcastService.name);
  private readonly secret: string;
  readonly dir: string;

  constructor(
    @Inject(ENV) private readonly env: Env,
    @InjectDataSource() private readonly db: DataSource,
    private readonly client: MediaClient,
    private readonly media: MediaService,
    private readonly meetings: MeetingsService,
    private readonly endpoints: EndpointsService,
  ) {
    // derived from the token secret every api process shares, so any of them (and nginx through any of them) checks a token
    this.secret = createHmac('sha256', resolveJwtSecret(env)).update('broadcast-watch-token').digest('base64url');
    this.dir = env.BROADCAST_DIR ?? join(env.DATA_DIR, 'broadcast');
  }

  onModuleInit() {
    if (!this.client.enabled) return;
    this.media.onCommittedEvent((e) => this.onCommitted(e));
  }

  /** The programme's state, and a playlist URL with a fresh token (the page renews it at half-life). */
  async access(user: AuthUser, meetingId: string): Promise<BroadcastAccess> {
    const meeting = await this.meetings.requireVisible(user, meetingId);
    const state = meeting.status === 'live' ? await this.ensure(meetingId) : off(meetingId, this.client.enabled ? 'meeting_not_live' : 'media_disabled');
    const expiresAt = new Date(Date.now() + this.env.BROADCAST_TOKEN_TTL_SECONDS * 1000);
    const token = signWatchToken(this.secret, meetingId, expiresAt);
    const at = this.env.BROADCAST_PUBLIC_URL ? `${this.env.BROADCAST_PUBLIC_URL.replace(/\/$/, '')}/${meetingId}` : `/api/meetings/${meetingId}/broadcast`;
    return { state, playlistUrl: `${at}/index.m3u8?token=${encodeURIComponent(token)}`, token, expiresAt: expiresAt.toISOString() };
  }

  /** Sends the playlist (no-cache, each segment URI with the token) or a segment (immutable). */
  async sendFile(meetingId: string, file: string, token: string | undefined, res: Response): Promise<void> {
    this.check(meetingId, token);
    const path = join(this.dir, meetingId, file);
    if (file.endsWith('.m3u8')) {
      const list = await readFile(path, 'utf8').catch(() => null);
      if (list === null) throw new MediaException(MediaErrorCode.BroadcastNotFound, 'The broadcast has not started');
      res.setHeader('Content-Type', 'application/vnd.apple.mpegurl');
      // the list changes every segment: players and caches ask again each time
      res.setHeader('Cache-Control', 'no-cache, no-store, max-age=0');
      res.send(withToken(list, token!));
      return;
    }
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw new MediaException(MediaErrorCode.BroadcastNotFound, 'No such segment (it may have aged out of the playlist)');
    res.setHeader('Content-Type', 'video/mp2t');
    res.setHeader('Content-Length', String(info.size));
    // a segment never changes once listed (FFmpeg writes it under a temporary name, then renames it)
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    await new Promise<void>((resolve, reject) => {
      const s = createReadStream(path);
      s.once('error', reject);
      res.once('finish', () => resolve());
      res.once('close', () => resolve());
      s.pipe(res);
    });
  }

  /** nginx's auth_request: the original URI is /hls/<meetingId>/<file>?token=... (infra/nginx). */
  authorize(originalUri: string | undefined): void {
    const url = new URL(originalUri ?? '/', 'http://x');
    const m = /^\/hls\/([0-9a-f-]{36})\/([^/]+)$/.exec(url.pathname);
    if (!m || !BROADCAST_FILE.test(m[2])) throw new MediaException(MediaErrorCode.BroadcastForbidden, 'Not a broadcast file', { problem: 'not_broadcast' });
    this.check(m[1], url.searchParams.get('token') ?? undefined);
  }

  private check(meetingId: string, token: string | undefined) {
    const problem = watchTokenProblem(this.secret, meetingId, token);
    if (problem) throw new MediaException(MediaErrorCode.BroadcastForbidden, `The watch token does not open this meeting (${problem})`, { problem });
  }

  /** The media process's programme, started when it has none (the meeting is live). */
  private async ensure(meetingId: string): Promise<BroadcastState> {
    if (!this.client.enabled) return off(meetingId, 'media_disabled');
    try {
      const state = await this.client.call('broadcast.state', { meetingId });
      return state.status === 'off' ? await this.start(meetingId) : state;
    } catch (err) {
      if (err instanceof MediaException && err.code === MediaErrorCode.Unavailable) return off(meetingId, 'media_unreachable', 'unavailable');
      throw err;
    }
  }

  /** Starts the programme or refreshes its captions (idempotent in the media process). */
  private async start(meetingId: string): Promise<BroadcastState> {
    const m = this.db.manager;
    const open = await m.getRepository(SpeakerTurnEntity).findOneBy({ meetingId, endedAt: IsNull() });
    const [speaking] = open ? await turnViews(m, [open]) : [null];
    const captions = programmeCaptions(await this.endpoints.views(meetingId), speaking);
    return this.client.call('broadcast.start', { meetingId, speakerEndpointId: open?.endpointId ?? null, captions });
  }

  private async onCommitted(e: MeetingEvent) {
    const live = (e.type === 'meeting.status_changed' && e.payload.to === 'live') || e.type === 'turns.upserted';
    if (!live) return;
    if (e.type === 'turns.upserted' && (await this.client.call('broadcast.state', { meetingId: e.meetingId })).status === 'off') return;
    await this.start(e.meetingId).catch((err) => this.logger.warn({ err: (err as Error).message, meetingId: e.meetingId }, 'broadcast start failed'));
  }
}
