import type { Device, types } from 'mediasoup-client';
import type { Ack, ApiError, ConsumerInfo, MediaCapabilities, MediaKind, MediaProducerState, MediaState, MediaTransportInfo } from '@app/contracts';
import { connectSocket, type AppSocket } from './socket';

/** A failed media command, carrying the server's error (code, statusCode). */
export class MediaCommandError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export const isMediaDisabled = (err: unknown) => err instanceof MediaCommandError && err.error.code === 'media_disabled';

/** Runs one media command on the project's socket, unwrapping the Ack. */
async function ask<T>(socket: AppSocket, emit: (s: AppSocket) => Promise<unknown>): Promise<T> {
  const answer = (await emit(socket)) as Ack<T>;
  if (!answer.ok) throw new MediaCommandError(answer.error);
  return answer.data;
}

/** What this page receives: one consumer per remote producer. */
export interface RemoteTrack {
  consumerId: string;
  producerId: string;
  endpointId: string;
  kind: MediaKind;
  track: MediaStreamTrack;
  /** paused by us (not wanted on this page any more) */
  paused: boolean;
  /** paused at the source (floor, mute), from the last media:state */
  producerPaused: boolean;
}

export interface MediaSnapshot {
  state: MediaState | null;
  remote: RemoteTrack[];
  local: MediaStream | null;
  /** our producers, by kind */
  producing: Partial<Record<MediaKind, string>>;
  /** what failed last (a MediaCommandError, a device error...), shown through describeError; null when nothing */
  error: unknown;
  /** the server has no media (503 media_disabled): show nothing media-related */
  disabled: boolean;
}

export interface MediaSessionOptions {
  meetingId: string;
  /** publish the local camera and microphone for this endpoint */
  publishEndpointId?: string;
  /** which remote producers this page consumes (the publisher's own endpoint is never consumed) */
  wants: (producer: MediaProducerState, state: MediaState) => boolean;
}

/** Per-consumer receive statistics, for operators' diagnostics and tests. */
export interface ConsumerStats {
  consumerId: string;
  producerId: string;
  endpointId: string;
  kind: MediaKind;
  paused: boolean;
  producerPaused: boolean;
  bytesReceived: number;
  packetsReceived: number;
  framesDecoded: number;
}

interface Held {
  consumer: types.Consumer;
  info: ConsumerInfo;
  paused: boolean;
}

/**
 * One page's audio and video in one meeting, on mediasoup-client over the
 * project's Socket.IO connection ('media:*' commands). It loads the router's
 * capabilities, opens a receiving transport (and a sending one when it
 * publishes for an endpoint), consumes what `wants` selects from each
 * media:state, restarts ICE when a transport fails, and rebuilds everything
 * after the socket reconnects (the server closed this socket's transports).
 */
export class MediaSession {
  private readonly socket: AppSocket;
  private device: Device | null = null;
  private recv: types.Transport | null = null;
  private send: types.Transport | null = null;
  private readonly consumers = new Map<string, Held>();
  private readonly pending = new Set<string>();
  private readonly producers = new Map<MediaKind, types.Producer>();
  private localStream: MediaStream | null = null;
  private state: MediaState | null = null;
  private error: unknown = null;
  private disabled = false;
  private closed = false;
  private started = false;
  /** a generation per (re)start: work of an older one is dropped */
  private generation = 0;
  private readonly listeners = new Set<(s: MediaSnapshot) => void>();

  constructor(private readonly options: MediaSessionOptions) {
    this.socket = connectSocket();
    this.socket.on('media:state', this.onState);
    this.socket.on('connect', this.onReconnect);
  }

  private get meetingId() {
    return this.options.meetingId;
  }

  subscribe(fn: (s: MediaSnapshot) => void): () => void {
    this.listeners.add(fn);
    fn(this.snapshot());
    return () => this.listeners.delete(fn);
  }

  snapshot(): MediaSnapshot {
    const producers = new Map((this.state?.endpoints ?? []).flatMap((e) => e.producers.map((p) => [p.id, p] as const)));
    return {
      state: this.state,
      local: this.localStream,
      producing: Object.fromEntries([...this.producers].map(([k, p]) => [k, p.id])),
      error: this.error,
      disabled: this.disabled,
      remote: [...this.consumers.values()].map(({ consumer, info, paused }) => ({
        consumerId: consumer.id,
        producerId: info.producerId,
        endpointId: info.endpointId,
        kind: info.kind,
        track: consumer.track,
        paused,
        producerPaused: producers.get(info.producerId)?.paused ?? info.producerPaused,
      })),
    };
  }

  private emit() {
    const s = this.snapshot();
    this.listeners.forEach((fn) => fn(s));
  }

  /** Joins the meeting's media: throws MediaCommandError media_disabled when the server has no media. */
  async start(): Promise<void> {
    this.started = true;
    const generation = ++this.generation;
    const caps = await ask<MediaCapabilities>(this.socket, (s) => s.emitWithAck('media:capabilities', { meetingId: this.meetingId }));
    if (this.stale(generation)) return;
    // mediasoup-client is loaded only where the server has media
    const { Device: MediasoupDevice } = await import('mediasoup-client');
    if (this.stale(generation)) return;
    const device = new MediasoupDevice();
    await device.load({ routerRtpCapabilities: caps.routerRtpCapabilities as unknown as types.RtpCapabilities });
    if (this.stale(generation)) return;
    this.device = device;
    this.recv = await this.createTransport('recv', generation);
    if (this.stale(generation)) return;
    const state = await ask<MediaState>(this.socket, (s) => s.emitWithAck('media:state', { meetingId: this.meetingId }));
    if (this.stale(generation)) return;
    this.applyState(state);
    if (this.options.publishEndpointId && this.localStream) await this.produceAll(generation);
  }

  /** Publishes the camera and microphone (kept across reconnects). */
  async publish(stream: MediaStream): Promise<void> {
    this.localStream = stream;
    this.emit();
    if (this.device) await this.produceAll(this.generation);
  }

  /** The site mutes or unmutes itself (the server may refuse: 409 media_floor_held / media_muted_by_chair). */
  async setMuted(endpointId: string, muted: boolean): Promise<MediaState> {
    const state = await ask<MediaState>(this.socket, (s) => s.emitWithAck('media:endpoint:mute', { meetingId: this.meetingId, endpointId, muted }));
    this.applyState(state);
    return state;
  }

  /** The chair: mute a site, open its microphone beside the speaker's, or open the discussion to all. */
  async chairMute(endpointId: string, muted: boolean) {
    this.applyState(await ask<MediaState>(this.socket, (s) => s.emitWithAck('media:endpoint:mute', { meetingId: this.meetingId, endpointId, muted })));
  }

  async chairOpen(endpointId: string, open: boolean) {
    this.applyState(await ask<MediaState>(this.socket, (s) => s.emitWithAck('media:endpoint:open', { meetingId: this.meetingId, endpointId, open })));
  }

  async setOpenDiscussion(openDiscussion: boolean) {
    this.applyState(await ask<MediaState>(this.socket, (s) => s.emitWithAck('media:settings', { meetingId: this.meetingId, openDiscussion })));
  }

  async stats(): Promise<ConsumerStats[]> {
    const out: ConsumerStats[] = [];
    const snap = this.snapshot();
    for (const r of snap.remote) {
      const held = this.consumers.get(r.producerId);
      if (!held) continue;
      const report = await held.consumer.getStats();
      let bytesReceived = 0;
      let packetsReceived = 0;
      let framesDecoded = 0;
      report.forEach((s: { type: string; bytesReceived?: number; packetsReceived?: number; framesDecoded?: number }) => {
        if (s.type !== 'inbound-rtp') return;
        bytesReceived += s.bytesReceived ?? 0;
        packetsReceived += s.packetsReceived ?? 0;
        framesDecoded += s.framesDecoded ?? 0;
      });
      out.push({ consumerId: r.consumerId, producerId: r.producerId, endpointId: r.endpointId, kind: r.kind, paused: r.paused, producerPaused: r.producerPaused, bytesReceived, packetsReceived, framesDecoded });
    }
    return out;
  }

  /** Leaves the meeting's media: the server closes this socket's transports, producers and consumers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.generation++;
    this.socket.off('media:state', this.onState);
    this.socket.off('connect', this.onReconnect);
    this.teardownLocal();
    this.localStream?.getTracks().forEach((t) => t.stop());
    this.localStream = null;
    this.listeners.clear();
    if (this.socket.connected) await this.socket.emitWithAck('media:leave', { meetingId: this.meetingId }).catch(() => undefined);
  }

  // ---------- internals ----------

  private stale(generation: number) {
    return this.closed || generation !== this.generation;
  }

  /** Shows an error of the media path (media_disabled turns the media UI off instead). */
  fail(err: unknown) {
    if (this.closed) return;
    if (isMediaDisabled(err)) this.disabled = true;
    else this.error = err;
    this.emit();
  }

  private async createTransport(direction: 'send' | 'recv', generation: number): Promise<types.Transport> {
    const endpointId = direction === 'send' ? this.options.publishEndpointId : undefined;
    const info = await ask<MediaTransportInfo>(this.socket, (s) => s.emitWithAck('media:transport:create', { meetingId: this.meetingId, direction, type: 'webrtc', ...(endpointId ? { endpointId } : {}) }));
    const options = {
      id: info.id,
      iceParameters: info.iceParameters as unknown as types.IceParameters,
      iceCandidates: info.iceCandidates as unknown as types.IceCandidate[],
      dtlsParameters: info.dtlsParameters as unknown as types.DtlsParameters,
    };
    const transport = direction === 'send' ? this.device!.createSendTransport(options) : this.device!.createRecvTransport(options);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      ask(this.socket, (s) => s.emitWithAck('media:transport:connect', { meetingId: this.meetingId, transportId: transport.id, dtlsParameters: dtlsParameters as unknown as Record<string, unknown> })).then(
        () => callback(),
        (err: Error) => errback(err),
      );
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        ask<{ producerId: string }>(this.socket, (s) =>
          s.emitWithAck('media:produce', {
            meetingId: this.meetingId,
            transportId: transport.id,
            endpointId: endpointId!,
            kind,
            rtpParameters: rtpParameters as unknown as Record<string, unknown>,
            appData: appData as Record<string, string>,
          }),
        ).then(
          ({ producerId }) => callback({ id: producerId }),
          (err: Error) => errback(err),
        );
      });
    }
    transport.on('connectionstatechange', (state) => {
      if (state === 'failed' && !this.stale(generation)) void this.restartIce(transport);
    });
    return transport;
  }

  private async restartIce(transport: types.Transport) {
    try {
      const { iceParameters } = await ask<{ iceParameters: types.IceParameters }>(this.socket, (s) => s.emitWithAck('media:transport:restart-ice', { meetingId: this.meetingId, transportId: transport.id }));
      if (!transport.closed) await transport.restartIce({ iceParameters });
    } catch (err) {
      this.fail(err);
    }
  }

  private async produceAll(generation: number) {
    const stream = this.localStream;
    if (!stream || !this.options.publishEndpointId) return;
    try {
      if (!this.send) {
        this.send = await this.createTransport('send', generation);
        if (this.stale(generation)) return;
      }
      for (const track of [...stream.getAudioTracks().slice(0, 1), ...stream.getVideoTracks().slice(0, 1)]) {
        const kind = track.kind as MediaKind;
        if (this.producers.has(kind)) continue;
        const producer = await this.send.produce({ track, stopTracks: false, appData: { source: kind === 'video' ? 'camera' : 'microphone' } });
        if (this.stale(generation)) return producer.close();
        this.producers.set(kind, producer);
      }
      this.error = null;
      this.emit();
    } catch (err) {
      this.fail(err);
    }
  }

  private readonly onState = (state: MediaState) => {
    if (state.meetingId !== this.meetingId || this.closed) return;
    this.applyState(state);
  };

  private applyState(state: MediaState) {
    if (state.meetingId !== this.meetingId) return;
    this.state = state;
    this.emit();
    void this.syncConsumers(state);
  }

  /** Consumes what the page wants and is not yet consumed; pauses what it no longer wants, resumes what it wants again. */
  private async syncConsumers(state: MediaState) {
    const generation = this.generation;
    if (!this.device || !this.recv || !state.active) return;
    const own = this.options.publishEndpointId;
    const present = new Map<string, MediaProducerState>();
    for (const e of state.endpoints) for (const p of e.producers) if (p.endpointId !== own) present.set(p.id, p);
    // producers that are gone: close their consumers here too
    for (const [producerId, held] of this.consumers) {
      if (!present.has(producerId)) {
        held.consumer.close();
        this.consumers.delete(producerId);
      }
    }
    const work: Promise<void>[] = [];
    for (const p of present.values()) {
      const wanted = this.options.wants(p, state);
      const held = this.consumers.get(p.id);
      if (held) {
        if (held.paused === !wanted || this.pending.has(p.id)) continue;
        work.push(this.setConsumerPaused(held, !wanted));
      } else if (wanted && !this.pending.has(p.id)) {
        work.push(this.consume(p.id, generation));
      }
    }
    this.emit();
    await Promise.all(work);
  }

  private async setConsumerPaused(held: Held, paused: boolean) {
    this.pending.add(held.info.producerId);
    try {
      await ask(this.socket, (s) => s.emitWithAck(paused ? 'media:consumer:pause' : 'media:consumer:resume', { meetingId: this.meetingId, consumerId: held.consumer.id }));
      held.paused = paused;
      if (paused) held.consumer.pause();
      else held.consumer.resume();
    } catch (err) {
      this.fail(err);
    } finally {
      this.pending.delete(held.info.producerId);
      this.emit();
    }
  }

  private async consume(producerId: string, generation: number) {
    this.pending.add(producerId);
    try {
      const info = await ask<ConsumerInfo>(this.socket, (s) =>
        s.emitWithAck('media:consume', {
          meetingId: this.meetingId,
          transportId: this.recv!.id,
          producerId,
          rtpCapabilities: this.device!.recvRtpCapabilities as unknown as Record<string, unknown>,
        }),
      );
      if (this.stale(generation)) return;
      const consumer = await this.recv!.consume({ id: info.id, producerId: info.producerId, kind: info.kind, rtpParameters: info.rtpParameters as unknown as types.RtpParameters });
      if (this.stale(generation)) return consumer.close();
      this.consumers.set(producerId, { consumer, info, paused: false });
      // consumers start paused on the server: resume once the track is set up
      await ask(this.socket, (s) => s.emitWithAck('media:consumer:resume', { meetingId: this.meetingId, consumerId: info.id }));
    } catch (err) {
      // a producer closed between the state and our request is not an error worth showing
      if (!(err instanceof MediaCommandError && err.error.statusCode === 404)) this.fail(err);
    } finally {
      this.pending.delete(producerId);
      if (!this.stale(generation)) this.emit();
    }
  }

  private teardownLocal() {
    this.consumers.forEach((h) => h.consumer.close());
    this.consumers.clear();
    this.pending.clear();
    this.producers.forEach((p) => p.close());
    this.producers.clear();
    this.send?.close();
    this.recv?.close();
    this.send = null;
    this.recv = null;
    this.device = null;
  }

  /** After a reconnect the server has closed this socket's transports: build everything again and republish. */
  private readonly onReconnect = () => {
    if (this.closed || !this.started) return;
    this.teardownLocal();
    this.emit();
    this.start().catch((err) => this.fail(err));
  };
}
