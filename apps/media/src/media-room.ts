import type { types } from 'mediasoup';
import type { MediaEnv } from '@app/config';
import type {
  ConsumerInfo,
  EndpointMediaState,
  MediaDump,
  MediaJson,
  MediaKind,
  MediaProducerState,
  MediaRpcErrorCode,
  MediaRpcMethods,
  MediaState,
  MediaTransportInfo,
} from '@app/contracts';
import { endpointStatus, giveFloor, mute, newPolicy, open, pauseReason, selfUnmuteRefusal, type FloorPolicy } from './media-policy';
import { MEDIA_CODECS, type PooledWorker, type WorkerPool } from './worker-pool';
import type { ProgrammeSource } from './broadcast';

export class MediaFailure extends Error {
  constructor(
    readonly code: MediaRpcErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type Params<M extends keyof MediaRpcMethods> = MediaRpcMethods[M]['params'];
type AppData = Record<string, string | number | boolean>;

interface TransportEntry {
  transport: types.WebRtcTransport | types.PlainTransport;
  type: 'webrtc' | 'plain';
  direction: 'send' | 'recv';
  peerId: string;
  worker: PooledWorker;
  /** the site a send transport produces for */
  endpointId: string | null;
}

interface ProducerEntry {
  producer: types.Producer;
  endpointId: string;
  kind: MediaKind;
  peerId: string;
  worker: PooledWorker;
  clientPaused: boolean;
  appData: AppData;
  stats: { bitrate: number; packetLoss: number; score: number };
}

interface ConsumerEntry {
  consumer: types.Consumer;
  peerId: string;
  endpointId: string;
  worker: PooledWorker;
}

/**
 * One meeting's media: a router on one worker, more routers on other workers
 * (producers piped to them with pipeToRouter) once a worker carries
 * MEDIA_MAX_CONSUMERS_PER_WORKER consumers; the transports of each peer (an
 * api socket), and the floor policy that decides which producers are paused.
 *
 * Producers live on the router of their send transport; a receive transport
 * is placed on the meeting's least loaded router under the limit, or on a new
 * router on another worker. The routers close when the last transport does
 * (the policy stays, so a site that rejoins finds its mute state), and
 * everything closes with the meeting.
 */
export class MediaRoom {
  readonly policy: FloorPolicy;
  private readonly routers = new Map<number, types.Router>();
  private routerCreation = new Map<number, Promise<types.Router>>();
  private readonly transports = new Map<string, TransportEntry>();
  private readonly producers = new Map<string, ProducerEntry>();
  private readonly consumers = new Map<string, ConsumerEntry>();
  /** `${producerId}:${workerIndex}` -> the pipe of that producer to that worker's router */
  private readonly pipes = new Map<string, Promise<void>>();
  /** the worker producers are placed on (the meeting's first router) */
  private home?: PooledWorker;
  closed = false;
  /** called after the producers or the floor changed (the broadcast follows) */
  onChange?: () => void;

  constructor(
    readonly meetingId: string,
    private readonly pool: WorkerPool,
    private readonly env: MediaEnv,
    speakerEndpointId: string | null,
  ) {
    this.policy = newPolicy(speakerEndpointId);
  }

  // ---------- routers ----------

  private async router(worker: PooledWorker): Promise<types.Router> {
    const existing = this.routers.get(worker.index);
    if (existing) return existing;
    let creating = this.routerCreation.get(worker.index);
    if (!creating) {
      creating = worker.worker.createRouter({ mediaCodecs: MEDIA_CODECS, appData: { meetingId: this.meetingId } }).then((r) => {
        this.routers.set(worker.index, r);
        this.routerCreation.delete(worker.index);
        worker.routers += 1;
        r.observer.once('close', () => {
          worker.routers -= 1;
          if (this.routers.get(worker.index) === r) this.routers.delete(worker.index);
        });
        return r;
      });
      this.routerCreation.set(worker.index, creating);
    }
    return creating;
  }

  private homeWorker(): PooledWorker {
    if (!this.home || !this.routers.has(this.home.index)) this.home = this.pool.leastLoaded()!;
    return this.home;
  }

  async capabilities(): Promise<MediaJson> {
    const r = await this.router(this.homeWorker());
    return r.rtpCapabilities as unknown as MediaJson;
  }

  /** Where a new receive transport goes: the meeting's least loaded router under the limit, else a router on another worker. */
  private recvWorker(): PooledWorker {
    const limit = this.env.MEDIA_MAX_CONSUMERS_PER_WORKER;
    const home = this.homeWorker();
    const mine = this.pool.workers.filter((w) => w === home || this.routers.has(w.index));
    const roomy = mine.filter((w) => w.consumers < limit);
    if (roomy.length) return this.pool.leastLoaded(roomy)!;
    const others = this.pool.workers.filter((w) => !mine.includes(w));
    return this.pool.leastLoaded(others.length ? others : mine)!;
  }

  /** Makes `producer` available on `worker`'s router (once). */
  private async pipe(p: ProducerEntry, worker: PooledWorker): Promise<void> {
    if (p.worker === worker) return;
    const key = `${p.producer.id}:${worker.index}`;
    let piping = this.pipes.get(key);
    if (!piping) {
      piping = (async () => {
        const from = await this.router(p.worker);
        const to = await this.router(worker);
        await from.pipeToRouter({ producerId: p.producer.id, router: to });
      })();
      this.pipes.set(key, piping);
      piping.catch(() => this.pipes.delete(key));
      p.producer.observer.once('close', () => this.pipes.delete(key));
    }
    return piping;
  }

  // ---------- transports ----------

  async createTransport(q: Params<'transport.create'>): Promise<MediaTransportInfo> {
    const worker = q.direction === 'send' ? this.homeWorker() : this.recvWorker();
    const router = await this.router(worker);
    const listenIp = { ip: this.env.MEDIA_LISTEN_IP, announcedIp: this.env.MEDIA_ANNOUNCED_IP };
    const appData = { peerId: q.peerId, meetingId: this.meetingId };
    const transport =
      q.type === 'plain'
        ? await router.createPlainTransport({ listenIp, rtcpMux: q.rtcpMux, comedia: q.comedia, appData })
        : await router.createWebRtcTransport({ listenIps: [listenIp], enableUdp: true, enableTcp: true, preferUdp: true, appData });
    const entry: TransportEntry = { transport, type: q.type, direction: q.direction, peerId: q.peerId, worker, endpointId: q.endpointId };
    this.transports.set(transport.id, entry);
    (transport as types.Transport).observer.once('close', () => this.transports.delete(transport.id));
    if (q.type === 'webrtc') {
      const t = transport as types.WebRtcTransport;
      // a browser whose DTLS fails or closes is gone: free its transport (its producers and consumers go with it)
      t.on('dtlsstatechange', (state) => {
        if (state === 'failed' || state === 'closed') t.close();
      });
      return {
        id: t.id,
        type: 'webrtc',
        direction: q.direction,
        iceParameters: t.iceParameters as unknown as MediaJson,
        iceCandidates: t.iceCandidates as unknown as MediaJson[],
        dtlsParameters: t.dtlsParameters as unknown as MediaJson,
      };
    }
    const t = transport as types.PlainTransport;
    return { id: t.id, type: 'plain', direction: q.direction, ip: t.tuple.localIp, port: t.tuple.localPort, rtcpPort: t.rtcpTuple?.localPort };
  }

  private own(transportId: string, peerId: string): TransportEntry {
    const t = this.transports.get(transportId);
    if (!t) throw new MediaFailure('not_found', 'Transport not found');
    if (t.peerId !== peerId) throw new MediaFailure('not_owner', 'This transport belongs to another connection');
    return t;
  }

  async connect(q: Params<'transport.connect'>) {
    const t = this.own(q.transportId, q.peerId);
    if (t.type === 'webrtc') {
      if (!q.dtlsParameters) throw new MediaFailure('bad_request', 'dtlsParameters are required for a WebRTC transport');
      await (t.transport as types.WebRtcTransport).connect({ dtlsParameters: q.dtlsParameters as unknown as types.DtlsParameters });
    } else {
      await (t.transport as types.PlainTransport).connect({ ip: q.ip, port: q.port, rtcpPort: q.rtcpPort });
    }
    return { transportId: q.transportId };
  }

  async restartIce(q: Params<'transport.restartIce'>) {
    const t = this.own(q.transportId, q.peerId);
    if (t.type !== 'webrtc') throw new MediaFailure('bad_request', 'Only WebRTC transports have ICE');
    const iceParameters = await (t.transport as types.WebRtcTransport).restartIce();
    return { transportId: q.transportId, iceParameters: iceParameters as unknown as MediaJson };
  }

  closeTransport(q: Params<'transport.close'>) {
    this.own(q.transportId, q.peerId).transport.close();
    return { transportId: q.transportId };
  }

  /** Closes a peer's transports in this meeting (its producers and consumers close with them). */
  closePeer(peerId: string): number {
    const mine = [...this.transports.values()].filter((t) => t.peerId === peerId);
    mine.forEach((t) => t.transport.close());
    return mine.length;
  }

  get empty() {
    return this.transports.size === 0;
  }

  /** Nobody left: the routers go (they come back on the next request); the policy stays. */
  closeRouters() {
    for (const r of this.routers.values()) r.close();
    this.routers.clear();
    this.pipes.clear();
  }

  close() {
    this.closed = true;
    for (const t of this.transports.values()) t.transport.close();
    this.closeRouters();
  }

  // ---------- producers and consumers ----------

  async produce(q: Params<'produce'>): Promise<{ producerId: string; paused: boolean }> {
    const t = this.own(q.transportId, q.peerId);
    if (t.direction !== 'send') throw new MediaFailure('bad_request', 'Produce on a send transport');
    if (t.endpointId !== q.endpointId) throw new MediaFailure('not_owner', 'This transport produces for another endpoint');
    if (q.isHost) this.policy.hosts.add(q.endpointId);
    const paused = pauseReason(this.policy, { endpointId: q.endpointId, kind: q.kind, clientPaused: false }) !== null;
    let producer: types.Producer;
    try {
      producer = await t.transport.produce({ kind: q.kind, rtpParameters: q.rtpParameters as unknown as types.RtpParameters, paused, appData: { ...q.appData, endpointId: q.endpointId } });
    } catch (err) {
      throw new MediaFailure('bad_request', `Cannot produce: ${(err as Error).message}`);
    }
    const entry: ProducerEntry = {
      producer,
      endpointId: q.endpointId,
      kind: q.kind,
      peerId: q.peerId,
      worker: t.worker,
      clientPaused: false,
      appData: q.appData,
      stats: { bitrate: 0, packetLoss: 0, score: 0 },
    };
    this.producers.set(producer.id, entry);
    producer.observer.once('close', () => {
      this.producers.delete(producer.id);
      this.onChange?.();
    });
    this.onChange?.();
    return { producerId: producer.id, paused: producer.paused };
  }

  async consume(q: Params<'consume'>): Promise<ConsumerInfo> {
    const t = this.own(q.transportId, q.peerId);
    if (t.direction !== 'recv') throw new MediaFailure('bad_request', 'Consume on a receive transport');
    const p = this.producers.get(q.producerId);
    if (!p) throw new MediaFailure('not_found', 'Producer not found');
    const router = await this.router(t.worker);
    const rtpCapabilities = q.rtpCapabilities as unknown as types.RtpCapabilities;
    await this.pipe(p, t.worker);
    if (!router.canConsume({ producerId: p.producer.id, rtpCapabilities })) throw new MediaFailure('bad_request', 'These RTP capabilities cannot receive this producer');
    const consumer = await t.transport.consume({ producerId: p.producer.id, rtpCapabilities, paused: true, appData: { endpointId: p.endpointId } });
    const worker = t.worker;
    worker.consumers += 1;
    this.consumers.set(consumer.id, { consumer, peerId: q.peerId, endpointId: p.endpointId, worker });
    consumer.observer.once('close', () => {
      worker.consumers -= 1;
      this.consumers.delete(consumer.id);
    });
    return {
      id: consumer.id,
      producerId: p.producer.id,
      endpointId: p.endpointId,
      kind: p.kind,
      rtpParameters: consumer.rtpParameters as unknown as MediaJson,
      paused: consumer.paused,
      producerPaused: consumer.producerPaused,
    };
  }

  private ownProducer(producerId: string, peerId: string) {
    const p = this.producers.get(producerId);
    if (!p) throw new MediaFailure('not_found', 'Producer not found');
    if (p.peerId !== peerId) throw new MediaFailure('not_owner', 'This producer belongs to another connection');
    return p;
  }

  /** The client pauses its own producer (camera off, own mute), or resumes it when the floor and the chair allow. */
  async setProducerPaused(q: Params<'producer.setPaused'>) {
    const p = this.ownProducer(q.producerId, q.peerId);
    if (!q.paused) {
      const refusal = p.kind === 'audio' ? selfUnmuteRefusal(this.policy, p.endpointId) : this.policy.chairMuted.has(p.endpointId) ? 'muted_by_chair' : null;
      if (refusal) throw new MediaFailure(refusal, refusal === 'floor_held' ? 'Another site holds the floor' : 'The chair muted this site');
    }
    p.clientPaused = q.paused;
    await this.apply();
    return { producerId: p.producer.id, paused: p.producer.paused };
  }

  closeProducer(q: Params<'producer.close'>) {
    this.ownProducer(q.producerId, q.peerId).producer.close();
    return { producerId: q.producerId };
  }

  async setConsumerPaused(q: Params<'consumer.setPaused'>) {
    const c = this.consumers.get(q.consumerId);
    if (!c) throw new MediaFailure('not_found', 'Consumer not found');
    if (c.peerId !== q.peerId) throw new MediaFailure('not_owner', 'This consumer belongs to another connection');
    if (q.paused) await c.consumer.pause();
    else await c.consumer.resume();
    return { consumerId: q.consumerId, paused: c.consumer.paused };
  }

  // ---------- floor policy ----------

  /** Pauses and resumes producers to match the policy. */
  async apply(): Promise<void> {
    await Promise.all(
      [...this.producers.values()].map(async (p) => {
        const paused = pauseReason(this.policy, p) !== null;
        if (p.producer.closed || p.producer.paused === paused) return;
        if (paused) await p.producer.pause();
        else await p.producer.resume();
      }),
    );
  }

  async floor(speakerEndpointId: string | null) {
    // the same speaker again (an extension of the speech) changes nothing: the chair's mutes during the speech stay
    if (this.policy.speakerEndpointId === speakerEndpointId) return this.state();
    giveFloor(this.policy, speakerEndpointId);
    // the speaker's own client pauses are lifted too: "the speaker's endpoint producers are resumed"
    if (speakerEndpointId) for (const p of this.producers.values()) if (p.endpointId === speakerEndpointId) p.clientPaused = false;
    await this.apply();
    this.onChange?.();
    return this.state();
  }

  async mute(q: Params<'policy.mute'>) {
    if (q.by === 'self' && !q.muted) {
      const refusal = selfUnmuteRefusal(this.policy, q.endpointId);
      if (refusal) throw new MediaFailure(refusal, refusal === 'floor_held' ? 'Another site holds the floor' : 'The chair muted this site');
    }
    mute(this.policy, q.endpointId, q.muted, q.by);
    if (!q.muted) for (const p of this.producers.values()) if (p.endpointId === q.endpointId) p.clientPaused = false;
    await this.apply();
    return this.state();
  }

  async open(endpointId: string, isOpen: boolean) {
    open(this.policy, endpointId, isOpen);
    await this.apply();
    return this.state();
  }

  async settings(openDiscussion: boolean) {
    this.policy.openDiscussion = openDiscussion;
    await this.apply();
    return this.state();
  }

  // ---------- the programme (broadcast tier) ----------

  /** Active-speaker layout: the site holding the floor when it sends video, else the host site. */
  async programmeSource(): Promise<ProgrammeSource | null> {
    const live = [...this.producers.values()].filter((p) => !p.producer.closed);
    const videoOf = (endpointId: string | null | undefined) => live.find((p) => p.endpointId === endpointId && p.kind === 'video');
    const speaker = videoOf(this.policy.speakerEndpointId);
    const host = speaker ?? [...this.policy.hosts].map(videoOf).find((p) => !!p);
    const video = speaker ?? host;
    if (!video || this.closed) return null;
    const audio = live.find((p) => p.endpointId === video.endpointId && p.kind === 'audio' && p.worker === video.worker) ?? null;
    return { endpointId: video.endpointId, router: await this.router(video.worker), video: video.producer, audio: audio?.producer ?? null };
  }

  // ---------- state and stats ----------

  /** Samples every producer's stats (bitrate, loss, score). */
  async sample(): Promise<void> {
    await Promise.all(
      [...this.producers.values()].map(async (p) => {
        if (p.producer.closed) return;
        const stats = await p.producer.getStats().catch(() => []);
        const inbound = stats.filter((s) => s.type === 'inbound-rtp');
        p.stats = {
          bitrate: inbound.reduce((sum, s) => sum + (s.bitrate ?? 0), 0),
          // fractionLost is RTCP's 8-bit fraction (0-255) of the last interval
          packetLoss: Math.round((Math.max(0, ...inbound.map((s) => s.fractionLost ?? 0)) * 1000) / 256) / 10,
          score: inbound.length ? Math.min(...inbound.map((s) => s.score ?? 0)) : p.producer.score[0]?.score ?? 0,
        };
      }),
    );
  }

  state(): MediaState {
    const ids = new Set<string>([...this.policy.hosts, ...this.policy.chairMuted, ...this.policy.selfMuted, ...this.policy.opened]);
    if (this.policy.speakerEndpointId) ids.add(this.policy.speakerEndpointId);
    const byEndpoint = new Map<string, ProducerEntry[]>();
    for (const p of this.producers.values()) {
      ids.add(p.endpointId);
      byEndpoint.set(p.endpointId, [...(byEndpoint.get(p.endpointId) ?? []), p]);
    }
    const endpoints: EndpointMediaState[] = [...ids].sort().map((endpointId) => {
      const mine = byEndpoint.get(endpointId) ?? [];
      const producers: MediaProducerState[] = mine.map((p) => ({
        id: p.producer.id,
        endpointId,
        kind: p.kind,
        paused: p.producer.paused,
        ...p.stats,
        appData: p.appData,
      }));
      const audio = mine.find((p) => p.kind === 'audio');
      return {
        endpointId,
        isHost: this.policy.hosts.has(endpointId),
        status: endpointStatus(producers),
        muteReason: audio
          ? pauseReason(this.policy, audio)
          : this.policy.chairMuted.has(endpointId)
            ? 'chair'
            : this.policy.selfMuted.has(endpointId)
              ? 'self'
              : null,
        producers,
      };
    });
    return {
      meetingId: this.meetingId,
      spotlightEndpointId: this.policy.speakerEndpointId,
      openDiscussion: this.policy.openDiscussion,
      openedEndpointIds: [...this.policy.opened].sort(),
      active: !this.closed,
      endpoints,
      at: new Date().toISOString(),
    };
  }

  dump(): MediaDump['rooms'][number] {
    const transports = [...this.transports.values()];
    const consumers = [...this.consumers.values()];
    const peers = new Map<string, string[]>();
    for (const t of transports) peers.set(t.peerId, [...(peers.get(t.peerId) ?? []), t.transport.id]);
    return {
      meetingId: this.meetingId,
      routers: [...this.routers.entries()].map(([index, r]) => ({
        id: r.id,
        worker: index,
        transports: transports.filter((t) => t.worker.index === index).length,
        consumers: consumers.filter((c) => c.worker.index === index).length,
        producers: [...this.producers.values()].filter((p) => p.worker.index === index).length,
      })),
      peers: [...peers.entries()].map(([peerId, ids]) => ({ peerId, transports: ids })),
      producers: [...this.producers.values()].map((p) => ({
        id: p.producer.id,
        endpointId: p.endpointId,
        kind: p.kind,
        paused: p.producer.paused,
        pipedTo: [...this.pipes.keys()].filter((k) => k.startsWith(`${p.producer.id}:`)).map((k) => this.routers.get(Number(k.split(':')[1]))?.id ?? '?'),
      })),
    };
  }
}
