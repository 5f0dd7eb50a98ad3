import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { z } from 'zod';
import { ENV, type Env } from '@app/config';
import {
  meetingRoom,
  type ConnectMediaTransportRequest,
  type ConsumeRequest,
  type MediaState,
  type MeetingEvent,
  type MeetingStatus,
  type ProduceRequest,
  type createMediaTransportRequestSchema,
} from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import { MeetingPolicy } from '../policy/meeting-policy';
import { EndpointsService } from '../meetings/endpoints.service';
import { MeetingEventsService } from '../meetings/meeting-events.service';
import type { MeetingEndpointEntity, MeetingEntity } from '../meetings/meeting.entities';
import { MeetingsService } from '../meetings/meetings.service';
import { RealtimeHub } from '../realtime/realtime-hub';
import { SpeakerTurnEntity } from '../speakers/speaker.entities';
import { MediaClient } from './media-client';
import { MediaErrorCode, MediaException } from './media.exception';

/** Media is set up before the meeting (technical check) and while it is live. */
const ACTIVE: MeetingStatus[] = ['draft', 'scheduled', 'live'];
const CLOSING: MeetingStatus[] = ['ended', 'minutes_published', 'cancelled'];

const inactive = (meetingId: string): MediaState => ({
  meetingId,
  spotlightEndpointId: null,
  openDiscussion: false,
  openedEndpointIds: [],
  active: false,
  endpoints: [],
  at: new Date().toISOString(),
});

/**
 * The api's side of audio and video: authorizes every browser command with
 * the platform's rules, relays it to the media process (the socket id is the
 * peer that owns the transports), drives the floor from committed meeting
 * events, and pushes the media state to the meeting room. With MEDIA_URL
 * unset it does nothing but answer 503 to media commands.
 */
@Injectable()
export class MediaService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MediaService.name);
  private poll?: NodeJS.Timeout;
  /** sockets of this process that hold media (so a disconnect costs a call only for them) */
  /** sockets that have media, with the meetings they have it in */
  private readonly peers = new Map<string, Set<string>>();
  private readonly followers: ((e: MeetingEvent) => Promise<void>)[] = [];

  constructor(
    @Inject(ENV) private readonly env: Env,
    @InjectDataSource() private readonly db: DataSource,
    private readonly client: MediaClient,
    private readonly meetings: MeetingsService,
    private readonly endpoints: EndpointsService,
    private readonly policy: MeetingPolicy,
    private readonly events: MeetingEventsService,
    private readonly hub: RealtimeHub,
  ) {}

  onModuleInit() {
    if (!this.client.enabled) return;
    this.events.onCommitted(
      (e) =>
        void this.onCommitted(e)
          .catch((err) => this.logger.warn({ err: (err as Error).message, meetingId: e.meetingId }, 'media floor update failed'))
          .then(async () => {
            for (const f of this.followers) await f(e).catch((err) => this.logger.warn({ err: (err as Error).message, meetingId: e.meetingId }, 'media follower failed'));
          }),
    );
    this.poll = setInterval(() => void this.pushStates(), this.env.MEDIA_STATS_INTERVAL_MS);
    this.poll.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.poll);
  }

  // ---------- browser commands ----------

  async capabilities(user: AuthUser, meetingId: string) {
    const meeting = await this.requireActive(user, meetingId);
    return this.openRoom(meeting.id);
  }

  async createTransport(user: AuthUser, peerId: string, input: z.output<typeof createMediaTransportRequestSchema>) {
    const meeting = await this.requireActive(user, input.meetingId);
    if (input.direction === 'send') await this.requireProducer(user, meeting, input.endpointId!);
    const info = await this.inRoom(meeting.id, () =>
      this.client.call('transport.create', {
        meetingId: meeting.id,
        peerId,
        direction: input.direction,
        type: input.type,
        endpointId: input.direction === 'send' ? input.endpointId! : null,
        comedia: input.comedia,
        rtcpMux: input.rtcpMux,
      }),
    );
    this.peers.set(peerId, (this.peers.get(peerId) ?? new Set<string>()).add(meeting.id));
    return info;
  }

  async connectTransport(user: AuthUser, peerId: string, { meetingId, ...rest }: ConnectMediaTransportRequest) {
    await this.meetings.requireVisible(user, meetingId);
    return this.client.call('transport.connect', { meetingId, peerId, ...rest });
  }

  async restartIce(user: AuthUser, peerId: string, meetingId: string, transportId: string) {
    await this.meetings.requireVisible(user, meetingId);
    return this.client.call('transport.restartIce', { meetingId, peerId, transportId });
  }

  async closeTransport(user: AuthUser, peerId: string, meetingId: string, transportId: string) {
    await this.meetings.requireVisible(user, meetingId);
    return this.client.call('transport.close', { meetingId, peerId, transportId });
  }

  /** Only an operator of the endpoint, an organizer of the host, or the chair for the host site may produce for it. */
  async produce(user: AuthUser, peerId: string, input: ProduceRequest) {
    const meeting = await this.requireActive(user, input.meetingId);
    const endpoint = await this.requireProducer(user, meeting, input.endpointId);
    const result = await this.client.call('produce', {
      meetingId: meeting.id,
      peerId,
      transportId: input.transportId,
      endpointId: endpoint.id,
      isHost: endpoint.isHost,
      kind: input.kind,
      rtpParameters: input.rtpParameters,
      appData: input.appData ?? {},
    });
    void this.broadcast(meeting.id);
    return result;
  }

  /** Anyone who may view the meeting may receive it. */
  async consume(user: AuthUser, peerId: string, { meetingId, ...rest }: ConsumeRequest) {
    await this.meetings.requireVisible(user, meetingId);
    return this.client.call('consume', { meetingId, peerId, ...rest });
  }

  async setProducerPaused(user: AuthUser, peerId: string, meetingId: string, producerId: string, paused: boolean) {
    await this.meetings.requireVisible(user, meetingId);
    const result = await this.client.call('producer.setPaused', { meetingId, peerId, producerId, paused });
    void this.broadcast(meetingId);
    return result;
  }

  async closeProducer(user: AuthUser, peerId: string, meetingId: string, producerId: string) {
    await this.meetings.requireVisible(user, meetingId);
    const result = await this.client.call('producer.close', { meetingId, peerId, producerId });
    void this.broadcast(meetingId);
    return result;
  }

  async setConsumerPaused(user: AuthUser, peerId: string, meetingId: string, consumerId: string, paused: boolean) {
    await this.meetings.requireVisible(user, meetingId);
    return this.client.call('consumer.setPaused', { meetingId, peerId, consumerId, paused });
  }

  /** The chair (or an organizer) mutes or unmutes any site; an operator mutes its own site, and unmutes it when the floor allows. */
  async mute(user: AuthUser, meetingId: string, endpointId: string, muted: boolean) {
    const m = this.db.manager;
    const meeting = await this.requireActive(user, meetingId);
    const chair = await this.policy.allows(user, meeting, 'media.moderate', undefined, m);
    if (!chair) await this.policy.decide(user, meeting, 'media.produce', endpointId, m);
    else await this.endpoints.requireEndpoint(m, meetingId, endpointId);
    return this.publish(await this.inRoom(meetingId, () => this.client.call('policy.mute', { meetingId, endpointId, muted, by: chair ? 'chair' : 'self' })));
  }

  async open(user: AuthUser, meetingId: string, endpointId: string, open: boolean) {
    const m = this.db.manager;
    await this.policy.require(user, meetingId, 'media.moderate', undefined, m);
    await this.endpoints.requireEndpoint(m, meetingId, endpointId);
    return this.publish(await this.inRoom(meetingId, () => this.client.call('policy.open', { meetingId, endpointId, open })));
  }

  async settings(user: AuthUser, meetingId: string, openDiscussion: boolean) {
    await this.policy.require(user, meetingId, 'media.moderate');
    return this.publish(await this.inRoom(meetingId, () => this.client.call('policy.settings', { meetingId, openDiscussion })));
  }

  async state(user: AuthUser, meetingId: string): Promise<MediaState> {
    await this.meetings.requireVisible(user, meetingId);
    if (!this.client.enabled) throw new MediaException(MediaErrorCode.Disabled, 'Audio and video are not enabled on this server');
    return this.client.call('room.state', { meetingId }).catch((err) => {
      if (err instanceof MediaException && err.code === MediaErrorCode.RoomClosed) return inactive(meetingId);
      throw err;
    });
  }

  async leave(user: AuthUser, peerId: string, meetingId: string) {
    await this.meetings.requireVisible(user, meetingId);
    const { closedTransports } = await this.client.call('peer.close', { peerId, meetingId });
    void this.broadcast(meetingId);
    return { meetingId, closedTransports };
  }

  /** The socket is gone: its transports, producers and consumers go too. The speaker queue is not touched. */
  async disconnected(peerId: string) {
    const meetings = this.peers.get(peerId);
    if (!meetings) return;
    this.peers.delete(peerId);
    await this.client.call('peer.close', { peerId }).catch((err) => this.logger.warn({ err: (err as Error).message, peerId }, 'media cleanup failed'));
    // the others see the site's producers go at once, not at the next stats push
    for (const meetingId of meetings) void this.broadcast(meetingId);
  }

  // ---------- floor control ----------

  private async onCommitted(e: MeetingEvent) {
    if (e.type === 'turns.upserted') {
      const { turns } = e.payload;
      const speaking = turns.find((t) => t.endedAt === null);
      if (!speaking && !turns.length) return;
      const state = await this.client.call('policy.floor', { meetingId: e.meetingId, speakerEndpointId: speaking?.endpointId ?? null }).catch((err) => {
        if (err instanceof MediaException && err.code === MediaErrorCode.RoomClosed) return null; // no media yet: the room starts from the database's floor
        throw err;
      });
      if (state) this.publish(state);
    } else if (e.type === 'meeting.status_changed') {
      const { to } = e.payload;
      if (!CLOSING.includes(to)) return;
      await this.client.call('room.close', { meetingId: e.meetingId });
      this.publish(inactive(e.meetingId));
    }
  }

  /** Another media service follows committed events after this one has moved the floor (same event, same order). */
  onCommittedEvent(listener: (e: MeetingEvent) => Promise<void>) {
    this.followers.push(listener);
  }

  // ---------- helpers ----------

  private async requireActive(user: AuthUser, meetingId: string): Promise<MeetingEntity> {
    if (!this.client.enabled) throw new MediaException(MediaErrorCode.Disabled, 'Audio and video are not enabled on this server');
    const meeting = await this.meetings.requireVisible(user, meetingId);
    if (!ACTIVE.includes(meeting.status)) throw new MediaException(MediaErrorCode.MeetingNotActive, `No media in a meeting that is ${meeting.status}`, { status: meeting.status });
    return meeting;
  }

  private async requireProducer(user: AuthUser, meeting: MeetingEntity, endpointId: string): Promise<MeetingEndpointEntity> {
    return (await this.policy.decide(user, meeting, 'media.produce', endpointId, this.db.manager))!;
  }

  /** Opens the meeting's media room (router on first need), starting from the floor the database holds. */
  private async openRoom(meetingId: string) {
    const open = await this.db.getRepository(SpeakerTurnEntity).findOneBy({ meetingId, endedAt: IsNull() });
    return this.client.call('room.open', { meetingId, speakerEndpointId: open?.endpointId ?? null });
  }

  /** Runs a media command, opening the room first if the media process has none (first use, or after it restarted). */
  private async inRoom<T>(meetingId: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof MediaException && err.code === MediaErrorCode.RoomClosed)) throw err;
      await this.openRoom(meetingId);
      return fn();
    }
  }

  /** A change: to everyone following the meeting, on every api process. */
  private publish(state: MediaState): MediaState {
    this.hub.clientSend('media:state', meetingRoom(state.meetingId), state);
    return state;
  }

  private async broadcast(meetingId: string) {
    await this.client
      .call('room.state', { meetingId })
      .then((s) => this.publish(s))
      .catch(() => undefined);
  }

  /** Bitrate and loss every few seconds: each api process to its own followers (every process polls). */
  private async pushStates() {
    try {
      for (const s of await this.client.call('rooms.state', {})) this.hub.clientSendLocal('media:state', meetingRoom(s.meetingId), s);
    } catch (err) {
      this.logger.debug({ err: (err as Error).message }, 'media state poll failed');
    }
  }
}
