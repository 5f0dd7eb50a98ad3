import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { logFormatOptions, resolveLogFormat, type MediaEnv } from '@app/config';
import type { MediaDump, MediaRpcAnswer, MediaRpcMethod, MediaRpcMethods } from '@app/contracts';
import type { BroadcastState } from '@app/contracts';
import { Broadcast, broadcastOff } from './broadcast';
import { MediaFailure, MediaRoom } from './media-room';
import { WorkerPool } from './worker-pool';

/*
 * The control channel: the api calls the media process with JSON requests
 * over HTTP/1.1 (keep-alive) on loopback, authenticated by a shared secret
 * (MEDIA_SECRET, compared in constant time), at POST /rpc {method, params}.
 *
 * Why plain HTTP request/response: every control message is a command with
 * one answer (the browser waits for its ack anyway), so a request per command
 * needs no correlation ids, reconnection or back-pressure logic of its own;
 * it needs no new dependency (Node's http server and fetch), works when Redis
 * is absent (the embedded default), and a restarted api or media process
 * just retries. Nothing needs pushing from media to api: the api pulls the
 * rooms' state for the wall every MEDIA_STATS_INTERVAL_MS, and closed
 * transports show up there. Several api processes can share one media
 * process: a transport belongs to the peer (socket id) that created it.
 */

type Handlers = { [M in MediaRpcMethod]: (params: MediaRpcMethods[M]['params']) => Promise<MediaRpcMethods[M]['result']> | MediaRpcMethods[M]['result'] };

export interface RunningMediaServer {
  url: string;
  pool: WorkerPool;
  close(): Promise<void>;
}

export class MediaRooms {
  private readonly rooms = new Map<string, MediaRoom>();
  private readonly broadcasts = new Map<string, Broadcast>();
  /** peer (api socket) -> the meetings it has transports in */
  private readonly peers = new Map<string, Set<string>>();
  private sampler?: NodeJS.Timeout;

  constructor(
    private readonly pool: WorkerPool,
    private readonly env: MediaEnv,
    private readonly log: Logger,
  ) {}

  start() {
    this.sampler = setInterval(() => void this.sampleAll(), this.env.MEDIA_STATS_INTERVAL_MS);
    this.sampler.unref();
  }

  stop() {
    clearInterval(this.sampler);
    for (const b of this.broadcasts.values()) void b.stop();
    this.broadcasts.clear();
    for (const r of this.rooms.values()) r.close();
    this.rooms.clear();
  }

  private async stopBroadcast(meetingId: string): Promise<BroadcastState> {
    const b = this.broadcasts.get(meetingId);
    if (!b) return broadcastOff(meetingId);
    this.broadcasts.delete(meetingId);
    this.log.info({ meetingId }, 'broadcast stopped');
    return b.stop();
  }

  private async sampleAll() {
    for (const r of this.rooms.values()) await r.sample().catch((err) => this.log.warn({ err: (err as Error).message, meetingId: r.meetingId }, 'stats sampling failed'));
  }

  private room(meetingId: string): MediaRoom {
    const r = this.rooms.get(meetingId);
    if (!r) throw new MediaFailure('room_closed', 'The meeting has no media room; ask for its capabilities first');
    return r;
  }

  /** After a peer's transports close: a room nobody uses any more frees its routers. */
  private settle(room: MediaRoom) {
    if (room.empty) room.closeRouters();
  }

  readonly handlers: Handlers = {
    'room.open': async ({ meetingId, speakerEndpointId }) => {
      let room = this.rooms.get(meetingId);
      if (!room) {
        room = new MediaRoom(meetingId, this.pool, this.env, speakerEndpointId);
        this.rooms.set(meetingId, room);
        this.log.info({ meetingId }, 'media room opened');
      } else if (room.policy.speakerEndpointId !== speakerEndpointId) {
        // the database owns the floor: converge on it (a floor event this process missed, a restart)
        await room.floor(speakerEndpointId);
      }
      return { meetingId, routerRtpCapabilities: await room.capabilities() };
    },
    'room.state': ({ meetingId }) => this.room(meetingId).state(),
    'rooms.state': () => [...this.rooms.values()].map((r) => r.state()),
    'room.close': async ({ meetingId }) => {
      const room = this.rooms.get(meetingId);
      if (!room) return { meetingId, closed: false };
      await this.stopBroadcast(meetingId);
      room.close();
      this.rooms.delete(meetingId);
      for (const meetings of this.peers.values()) meetings.delete(meetingId);
      this.log.info({ meetingId }, 'media room closed');
      return { meetingId, closed: true };
    },
    'transport.create': async (q) => {
      const info = await this.room(q.meetingId).createTransport(q);
      this.peers.set(q.peerId, (this.peers.get(q.peerId) ?? new Set()).add(q.meetingId));
      return info;
    },
    'transport.connect': (q) => this.room(q.meetingId).connect(q),
    'transport.restartIce': (q) => this.room(q.meetingId).restartIce(q),
    'transport.close': (q) => {
      const room = this.room(q.meetingId);
      const r = room.closeTransport(q);
      this.settle(room);
      return r;
    },
    'produce': (q) => this.room(q.meetingId).produce(q),
    'consume': (q) => this.room(q.meetingId).consume(q),
    'producer.setPaused': (q) => this.room(q.meetingId).setProducerPaused(q),
    'producer.close': (q) => this.room(q.meetingId).closeProducer(q),
    'consumer.setPaused': (q) => this.room(q.meetingId).setConsumerPaused(q),
    'peer.close': ({ peerId, meetingId }) => {
      const meetings = this.peers.get(peerId) ?? new Set<string>();
      let closedTransports = 0;
      for (const id of meetingId ? [meetingId] : [...meetings]) {
        const room = this.rooms.get(id);
        meetings.delete(id);
        if (!room) continue;
        closedTransports += room.closePeer(peerId);
        this.settle(room);
      }
      if (!meetings.size) this.peers.delete(peerId);
      return { closedTransports };
    },
    'policy.floor': ({ meetingId, speakerEndpointId }) => this.room(meetingId).floor(speakerEndpointId),
    'policy.mute': (q) => this.room(q.meetingId).mute(q),
    'policy.open': ({ meetingId, endpointId, open }) => this.room(meetingId).open(endpointId, open),
    'policy.settings': ({ meetingId, openDiscussion }) => this.room(meetingId).settings(openDiscussion),
    'broadcast.start': async ({ meetingId, speakerEndpointId, captions }) => {
      // the programme may start before anyone joins the media: the room then exists without a router (made on first need)
      let room = this.rooms.get(meetingId);
      if (!room) {
        room = new MediaRoom(meetingId, this.pool, this.env, speakerEndpointId);
        this.rooms.set(meetingId, room);
      }
      let b = this.broadcasts.get(meetingId);
      if (!b) {
        b = new Broadcast(room, this.env, this.log);
        // a new run of the programme starts from an empty directory (an earlier run's ENDLIST would stop players)
        await b.clear();
        this.broadcasts.set(meetingId, b);
        const mine = b;
        room.onChange = () => void mine.reconcile();
        this.log.info({ meetingId, dir: b.dir }, 'broadcast started');
      }
      await b.update(captions);
      return b.state();
    },
    'broadcast.stop': ({ meetingId }) => this.stopBroadcast(meetingId),
    'broadcast.state': ({ meetingId }) => this.broadcasts.get(meetingId)?.state() ?? broadcastOff(meetingId),
    'debug.dump': (): MediaDump => ({
      workers: this.pool.workers.map((w) => ({ index: w.index, pid: w.worker.pid, routers: w.routers, consumers: w.consumers })),
      rooms: [...this.rooms.values()].map((r) => r.dump()),
    }),
  };
}

const MAX_BODY = 1_000_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new MediaFailure('bad_request', 'Request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

function authorized(req: IncomingMessage, secret: string) {
  const given = Buffer.from(req.headers.authorization ?? '');
  const wanted = Buffer.from(`Bearer ${secret}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** Starts the workers and the control channel; `onWorkerDied` decides what a dead worker means (main: exit, so the supervisor restarts). */
export async function startMediaServer(env: MediaEnv, options: { log?: Logger; onWorkerDied?: (err: Error) => void } = {}): Promise<RunningMediaServer> {
  const log = options.log ?? pino({ level: env.LOG_LEVEL, base: { app: 'media' }, ...logFormatOptions(resolveLogFormat(env.LOG_FORMAT)) });
  const pool = await WorkerPool.create(env, (w, err) => {
    log.error({ worker: w.index, pid: w.worker.pid, err: err.message }, 'mediasoup worker died');
    options.onWorkerDied?.(err);
  });
  const rooms = new MediaRooms(pool, env, log);
  rooms.start();
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'GET' && req.url === '/health') return send(res, 200, { status: 'ok', workers: pool.workers.length });
      if (req.method !== 'POST' || req.url !== '/rpc') return send(res, 404, { ok: false, error: { code: 'not_found', message: 'Not found' } });
      if (!authorized(req, env.MEDIA_SECRET)) return send(res, 401, { ok: false, error: { code: 'unauthorized', message: 'Bad secret' } });
      let answer: MediaRpcAnswer<unknown>;
      let method = '?';
      try {
        const body = JSON.parse(await readBody(req)) as { method?: unknown; params?: unknown };
        method = String(body.method);
        const handler = (rooms.handlers as Record<string, (p: unknown) => unknown>)[method];
        if (!handler || typeof body.params !== 'object' || body.params === null) throw new MediaFailure('bad_request', `Unknown method or missing params: ${method}`);
        answer = { ok: true, data: await handler(body.params) };
      } catch (err) {
        if (err instanceof MediaFailure) answer = { ok: false, error: { code: err.code, message: err.message } };
        else {
          log.error({ err: (err as Error).message, method }, 'media command failed');
          answer = { ok: false, error: { code: 'internal', message: (err as Error).message ?? 'internal error' } };
        }
      }
      send(res, 200, answer);
    })();
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.MEDIA_PORT, env.MEDIA_HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${env.MEDIA_HOST.includes(':') ? `[${env.MEDIA_HOST}]` : env.MEDIA_HOST}:${port}`;
  log.info({ url, workers: pool.workers.length, listenIp: env.MEDIA_LISTEN_IP, announcedIp: env.MEDIA_ANNOUNCED_IP ?? null }, 'media process listening');
  return {
    url,
    pool,
    close: async () => {
      rooms.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      pool.close();
    },
  };
}
