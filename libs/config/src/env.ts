import { cpus, networkInterfaces } from 'node:os';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const protocolOf = (u: string) => {
  try {
    return new URL(u).protocol;
  } catch {
    return null;
  }
};

const urlWithProtocol = (...protocols: string[]) =>
  z.string().refine((u) => protocols.includes(protocolOf(u) ?? ''), {
    message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  });

/** Every variable the platform reads, with its default. Read once, at start-up. */
const envShape = z.object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** PostgreSQL server; when unset the platform runs on embedded PGlite under DATA_DIR */
    DATABASE_URL: urlWithProtocol('postgres:', 'postgresql:').optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    /** database connections each api process keeps (PostgreSQL only) */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
    /** a request waiting this long for a free connection is answered 503 server_busy */
    DATABASE_POOL_ACQUIRE_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
    /** commands of one meeting waiting in this process for their turn; one more is answered 503 server_busy */
    MEETING_QUEUE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(1000),
    /** commands of one meeting that take its row FOR UPDATE in the database at once per process (they serialize there; a few keep the next one's statements waiting on the lock) */
    MEETING_COMMAND_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(3),
    /** commands that share a meeting (ballots, minutes edits of different entries, presence, rosters: they lock their own rows) run this many at a time per meeting in this process */
    MEETING_SHARED_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
    /** PostgreSQL ends a session left idle inside a transaction this long (its locks are freed) */
    DATABASE_IDLE_IN_TRANSACTION_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
    /** Redis for BullMQ and the Socket.IO adapter; when unset jobs run in-process */
    REDIS_URL: urlWithProtocol('redis:', 'rediss:').optional(),
    /** namespace of every Redis key (queues, socket adapter, rate limits), so platforms can share a server */
    REDIS_PREFIX: z.string().regex(/^[a-z0-9_-]{1,32}$/i).default('htt'),
    /** secret that signs access tokens; generated and kept under DATA_DIR when unset outside production */
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
    REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(600).max(2_592_000).default(43_200),
    /** browser origins allowed for CORS and the socket handshake, comma separated */
    ALLOWED_ORIGINS: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** auto: readable lines on a terminal (not in CI), JSON lines otherwise (see logging.ts) */
    LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
    RUN_MIGRATIONS: bool.default(true),
    /** seed the reference organizations (34 provinces, central bodies) when the table is empty */
    SEED_ORGANIZATIONS: bool.default(true),
    /** create the first admin when there is no account; password from ADMIN_PASSWORD or generated and printed */
    BOOTSTRAP_ADMIN: bool.default(true),
    ADMIN_USERNAME: z.string().regex(/^[a-z0-9._-]{3,64}$/).default('admin'),
    ADMIN_PASSWORD: z.string().min(10).max(256).optional(),
    /** the demo accounts' one password (outside production); generated when unset, never the admin's */
    DEMO_PASSWORD: z.string().min(10).max(256).optional(),
    LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(1000).default(10),
    LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
    /** argon2 computations (sign-in, password changes) one api process runs at once; the rest wait in line. Default: one per core */
    PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
    TRUST_PROXY: bool.default(false),
    /**
     * socket commands one connection may send per window; beyond, each is answered rate_limited and not run.
     * A hall wall following 34 sites asks about 140 at once (consume + resume per audio and video producer).
     */
    SOCKET_COMMAND_LIMIT: z.coerce.number().int().min(1).max(100_000).default(300),
    SOCKET_COMMAND_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
    /** the largest socket message read; a larger one is answered with a reason (socket:error) and the connection closed */
    SOCKET_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1000).max(50_000_000).default(1_000_000),
    /** an endpoint whose last console dropped is shown as reconnecting after this long (flaps shorter than it make no events) */
    PRESENCE_DEBOUNCE_MS: z.coerce.number().int().min(0).max(60_000).default(3_000),
    /** ... and as offline after this long without any console */
    PRESENCE_OFFLINE_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
    /** how often each api process refreshes its live console rows; rows of a dead process expire after three times this */
    PRESENCE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** folder of the built web app the api serves */
    WEB_DIST: z.string().default('dist/web'),
    /** a worker's lock on a running job; a job whose worker died is taken over by another after about this long */
    JOB_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    /** how often each api process looks for outbox rows to relay to the queue (rows of its own commits are relayed at once; this picks up the rest, e.g. those a crashed process left) */
    OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
    /** relayed outbox rows are kept this long, then purged */
    OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
    /**
     * TEST ONLY, honoured only when NODE_ENV=test: the process SIGKILLs itself right after committing this
     * change, before anything runs after the commit (e.g. meeting.end: a meeting's end). The crash test of the outbox uses it.
     */
    TEST_CRASH_AFTER_COMMIT: z.enum(['meeting.end']).optional(),
    /** jobs one worker runs at once */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    /** the place on reports' date line ("Hà Nội, ngày ...") */
    REPORT_PLACE: z.string().min(1).max(100).default('Hà Nội'),
    /** control URL of the media process (apps/media), e.g. http://127.0.0.1:4000; unset: no audio/video, everything else as before */
    MEDIA_URL: urlWithProtocol('http:', 'https:').optional(),
    /** turns media off even with MEDIA_URL set */
    MEDIA_ENABLED: bool.default(true),
    /** shared secret of the api <-> media control channel (both sides) */
    MEDIA_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    /** how often producer stats are sampled (media) and the wall's media state is pushed (api) */
    MEDIA_STATS_INTERVAL_MS: z.coerce.number().int().min(200).max(60_000).default(3_000),
    /** the largest meeting document accepted, in bytes (enforced while the upload streams in) */
    DOCUMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(4_294_967_296).default(100 * 1024 * 1024),
    /** where the media process writes each meeting's HLS (<dir>/<meetingId>/index.m3u8), read here to serve it; default DATA_DIR/broadcast */
    BROADCAST_DIR: z.string().min(1).optional(),
    /** where players fetch HLS when nginx or a CDN serves it (e.g. /hls, https://cdn.example.vn/hls); default: the api itself */
    BROADCAST_PUBLIC_URL: z.string().min(1).optional(),
    /** lifetime of the watch token in playlist and segment URLs (the player renews it at half-life) */
    BROADCAST_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(600),
    /** email of notifications, e.g. smtp://user:pass@mail.example:587 or smtps://...; unset: no email (said at start-up) */
    SMTP_URL: urlWithProtocol('smtp:', 'smtps:').optional(),
    /** the sender of notification emails */
    MAIL_FROM: z.string().min(3).max(254).default('Hệ thống họp trực tuyến <no-reply@localhost>'),
    /** task reminders before a deadline, comma-separated: "7d" at 08:00 (Asia/Ho_Chi_Minh) seven days before the deadline day, "12h" twelve hours before the deadline day ends; the overdue escalation comes on top */
    TASK_REMINDER_OFFSETS: z.string().regex(/^\d{1,3}[dh](,\d{1,3}[dh])*$/, 'must be like "7d,1d" or "3d,12h"').default('7d,1d'),
    /** seed the 3,320 communes of 2025 under their provinces, once (with SEED_ORGANIZATIONS) */
    SEED_COMMUNES: bool.default(true),
    /** how often a meeting's site roll-up (communes -> provinces -> conference) is sent at most, per api process */
    ROLLUP_EVERY_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  });

export const envSchema = envShape.superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required in production' });
    }
    if (env.TEST_CRASH_AFTER_COMMIT && env.NODE_ENV !== 'test') {
      ctx.addIssue({ code: 'custom', path: ['TEST_CRASH_AFTER_COMMIT'], message: 'is a fault injection for tests: only with NODE_ENV=test' });
    }
    if (env.MEDIA_URL && env.MEDIA_ENABLED && !env.MEDIA_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['MEDIA_SECRET'], message: 'is required with MEDIA_URL (the media control channel is authenticated)' });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

/** Parses the environment, failing with every bad variable named at once. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env, extra?: (env: Env) => string[]): Env {
  const relevant = Object.fromEntries(
    Object.keys(envShape.shape)
      .filter((k) => source[k] !== undefined && source[k] !== '')
      .map((k) => [k, source[k]]),
  );
  const result = envSchema.safeParse(relevant);
  if (!result.success) {
    throw new InvalidEnvironmentError(
      result.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`),
    );
  }
  const more = extra?.(result.data) ?? [];
  if (more.length) throw new InvalidEnvironmentError(more);
  return result.data;
}

export function allowedOrigins(env: Env): string[] {
  if (env.ALLOWED_ORIGINS) {
    return env.ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean);
  }
  return [`http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`, 'http://localhost:5173'];
}

// ---------- the media process (apps/media) ----------

const firstExternalIPv4 = () => {
  const nets = networkInterfaces();
  for (const list of Object.values(nets)) for (const n of list ?? []) if (n.family === 'IPv4' && !n.internal) return n.address;
  return '127.0.0.1';
};
const cpuCount = () => Math.max(1, cpus().length);

/** Variables of the media process; it reads only these (and LOG_LEVEL, LOG_FORMAT). */
const mediaEnvShape = z.object({
  LOG_LEVEL: envShape.shape.LOG_LEVEL,
  LOG_FORMAT: envShape.shape.LOG_FORMAT,
  /** the control channel listens here: loopback unless the api runs on another machine */
  MEDIA_HOST: z.string().min(1).default('127.0.0.1'),
  MEDIA_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  MEDIA_SECRET: z.string().min(16, 'must be at least 16 characters'),
  /** mediasoup workers (one per core by default) */
  MEDIA_WORKERS: z.coerce.number().int().min(1).max(256).optional(),
  /** a meeting gets a router on another worker (piped with pipeToRouter) when its worker already carries this many consumers */
  MEDIA_MAX_CONSUMERS_PER_WORKER: z.coerce.number().int().min(1).max(100_000).default(500),
  /** address RTP/ICE listens on; default: the first non-internal IPv4, else 127.0.0.1 */
  MEDIA_LISTEN_IP: z.ipv4().optional(),
  /** address announced to clients (public or NAT address), default: the listen address */
  MEDIA_ANNOUNCED_IP: z.string().min(1).optional(),
  MEDIA_RTC_MIN_PORT: z.coerce.number().int().min(1024).max(65535).default(40_000),
  MEDIA_RTC_MAX_PORT: z.coerce.number().int().min(1024).max(65535).default(49_999),
  MEDIA_STATS_INTERVAL_MS: envShape.shape.MEDIA_STATS_INTERVAL_MS,
  /** the mediasoup-worker binary (scripts/media/build-mediasoup-worker.sh prints its path); mediasoup reads it itself */
  MEDIASOUP_WORKER_BIN: z.string().min(1).optional(),
  /** the broadcast tier: FFmpeg (Debian's) writes each meeting's HLS under BROADCAST_DIR/<meetingId>/ */
  FFMPEG_BIN: z.string().min(1).default('/usr/bin/ffmpeg'),
  BROADCAST_DIR: z.string().min(1).default('.data/broadcast'),
  /** HLS segment length in seconds (latency is about three of them) */
  BROADCAST_SEGMENT_SECONDS: z.coerce.number().min(0.5).max(10).default(1),
  /** a font with Vietnamese diacritics for the burned-in captions (fonts-noto-core) */
  BROADCAST_FONT: z.string().min(1).default('/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf'),
});

export type MediaEnv = Omit<z.infer<typeof mediaEnvShape>, 'MEDIA_WORKERS' | 'MEDIA_LISTEN_IP'> & { MEDIA_WORKERS: number; MEDIA_LISTEN_IP: string };

/** Parses the media process's environment, failing with every bad variable named at once. */
export function parseMediaEnv(source: NodeJS.ProcessEnv = process.env): MediaEnv {
  const relevant = Object.fromEntries(
    Object.keys(mediaEnvShape.shape)
      .filter((k) => source[k] !== undefined && source[k] !== '')
      .map((k) => [k, source[k]]),
  );
  const result = mediaEnvShape
    .refine((e) => e.MEDIA_RTC_MIN_PORT <= e.MEDIA_RTC_MAX_PORT, { path: ['MEDIA_RTC_MAX_PORT'], message: 'must not be below MEDIA_RTC_MIN_PORT' })
    .safeParse(relevant);
  if (!result.success) throw new InvalidEnvironmentError(result.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
  return { ...result.data, MEDIA_WORKERS: result.data.MEDIA_WORKERS ?? cpuCount(), MEDIA_LISTEN_IP: result.data.MEDIA_LISTEN_IP ?? firstExternalIPv4() };
}
