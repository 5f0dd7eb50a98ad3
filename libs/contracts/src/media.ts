import { z } from 'zod';
import { fieldRule } from './errors';
import { inputString } from './common';
import type { AckFn } from './socket';
import type { BroadcastCaptions, BroadcastState } from './broadcast';

/**
 * Media (audio/video through the mediasoup SFU in apps/media), two contracts:
 *   1. browser <-> api over the project's Socket.IO connection ('media:*'
 *      commands with Ack<T> answers, and the 'media:state' notification);
 *   2. api <-> media process over the internal control channel (MediaRpc).
 * mediasoup's own structures (RTP capabilities and parameters, ICE and DTLS
 * parameters) travel as opaque JSON objects: mediasoup validates them deeply,
 * and the browser passes them straight to mediasoup-client.
 */

/** An opaque mediasoup structure (RtpCapabilities, RtpParameters, DtlsParameters, ...). */
export type MediaJson = { [key: string]: unknown };
const mediaJson = z.record(z.string(), z.unknown()) as unknown as z.ZodType<MediaJson>;

export const MEDIA_KINDS = ['audio', 'video'] as const;
export const mediaKindSchema = z.enum(MEDIA_KINDS);
export type MediaKind = z.infer<typeof mediaKindSchema>;

/** webrtc: browsers; plain: RTP from SIP/RTP gateways and hall hardware (and tests), no ICE/DTLS. */
export const MEDIA_TRANSPORT_TYPES = ['webrtc', 'plain'] as const;
export type MediaTransportType = (typeof MEDIA_TRANSPORT_TYPES)[number];

// ---------- browser -> api commands ----------

const meetingId = z.uuid();
const mediaId = z.uuid();

export const mediaMeetingRequestSchema = z.object({ meetingId }).strict();
export type MediaMeetingRequest = z.infer<typeof mediaMeetingRequestSchema>;

export const createMediaTransportRequestSchema = z
  .object({
    meetingId,
    /** send: produces for `endpointId` (operators of that endpoint, the host's organizers, the chair for the host site); recv: consumes */
    direction: z.enum(['send', 'recv']),
    type: z.enum(MEDIA_TRANSPORT_TYPES).default('webrtc'),
    endpointId: z.uuid().optional(),
    /** plain transports only: learn the sender's address from its first packet (comedia), RTCP on the RTP port */
    comedia: z.boolean().default(true),
    rtcpMux: z.boolean().default(true),
  })
  .strict()
  .refine((r) => r.direction !== 'send' || !!r.endpointId, fieldRule('send_needs_endpoint', 'a send transport produces for an endpoint', ['endpointId']));
export type CreateMediaTransportRequest = z.input<typeof createMediaTransportRequestSchema>;

export interface MediaTransportInfo {
  id: string;
  type: MediaTransportType;
  direction: 'send' | 'recv';
  /** webrtc */
  iceParameters?: MediaJson;
  iceCandidates?: MediaJson[];
  dtlsParameters?: MediaJson;
  /** plain: where to send RTP */
  ip?: string;
  port?: number;
  rtcpPort?: number;
}

export const connectMediaTransportRequestSchema = z
  .object({
    meetingId,
    transportId: mediaId,
    /** webrtc */
    dtlsParameters: mediaJson.optional(),
    /** plain without comedia: where the media process sends to */
    ip: z.ipv4().optional(),
    port: z.number().int().min(1).max(65535).optional(),
    rtcpPort: z.number().int().min(1).max(65535).optional(),
  })
  .strict();
export type ConnectMediaTransportRequest = z.infer<typeof connectMediaTransportRequestSchema>;

export const mediaTransportRequestSchema = z.object({ meetingId, transportId: mediaId }).strict();
export type MediaTransportRequest = z.infer<typeof mediaTransportRequestSchema>;

export const produceRequestSchema = z
  .object({
    meetingId,
    transportId: mediaId,
    endpointId: z.uuid(),
    kind: mediaKindSchema,
    rtpParameters: mediaJson,
    /** e.g. { source: 'camera' | 'screen' | 'hall-mixer' } */
    appData: z.record(inputString().max(100), z.union([inputString().max(200), z.number(), z.boolean()])).optional(),
  })
  .strict();
export type ProduceRequest = z.infer<typeof produceRequestSchema>;

export const consumeRequestSchema = z
  .object({
    meetingId,
    transportId: mediaId,
    producerId: mediaId,
    rtpCapabilities: mediaJson,
  })
  .strict();
export type ConsumeRequest = z.infer<typeof consumeRequestSchema>;

export interface ConsumerInfo {
  id: string;
  producerId: string;
  endpointId: string;
  kind: MediaKind;
  rtpParameters: MediaJson;
  /** consumers start paused: resume once the client has set up its track */
  paused: boolean;
  producerPaused: boolean;
}

export const mediaProducerRequestSchema = z.object({ meetingId, producerId: mediaId }).strict();
export const mediaConsumerRequestSchema = z.object({ meetingId, consumerId: mediaId }).strict();

/** The chair (or an organizer) mutes or unmutes any site; a site's operator mutes itself, and unmutes only when the floor allows. */
export const muteEndpointRequestSchema = z.object({ meetingId, endpointId: z.uuid(), muted: z.boolean() }).strict();
export type MuteEndpointRequest = z.infer<typeof muteEndpointRequestSchema>;

/** The chair opens a site's microphone beside the speaker's (or closes it again). */
export const openEndpointRequestSchema = z.object({ meetingId, endpointId: z.uuid(), open: z.boolean() }).strict();
export type OpenEndpointRequest = z.infer<typeof openEndpointRequestSchema>;

/** The chair's media settings: in open discussion every site may unmute itself. */
export const mediaSettingsRequestSchema = z.object({ meetingId, openDiscussion: z.boolean() }).strict();
export type MediaSettingsRequest = z.infer<typeof mediaSettingsRequestSchema>;

// ---------- state (the wall) ----------

/** none: no producer; producing: its audio (or, without audio, its video) flows; muted: it has producers but they are paused */
export type EndpointMediaStatus = 'producing' | 'muted' | 'none';
/** why audio is paused: the chair, the site itself, the floor (another site speaks / only the host is open), or the client paused that producer */
export type MediaMuteReason = 'chair' | 'self' | 'floor' | 'client' | null;

export interface MediaProducerState {
  id: string;
  endpointId: string;
  kind: MediaKind;
  paused: boolean;
  /** bits per second received, from mediasoup's producer stats, sampled every MEDIA_STATS_INTERVAL_MS */
  bitrate: number;
  /** percent of packets lost over the last report interval (fractionLost) */
  packetLoss: number;
  /** mediasoup's 0-10 quality score */
  score: number;
  appData: Record<string, string | number | boolean>;
}

export interface EndpointMediaState {
  endpointId: string;
  isHost: boolean;
  status: EndpointMediaStatus;
  muteReason: MediaMuteReason;
  producers: MediaProducerState[];
}

export interface MediaState {
  meetingId: string;
  /** the endpoint that holds the floor, shown large; null: no speech */
  spotlightEndpointId: string | null;
  openDiscussion: boolean;
  /** sites the chair opened beside the host */
  openedEndpointIds: string[];
  /** false once the meeting's media room is closed (meeting ended) */
  active: boolean;
  endpoints: EndpointMediaState[];
  /** server time of the sample */
  at: string;
}

export interface MediaCapabilities {
  meetingId: string;
  routerRtpCapabilities: MediaJson;
}

// ---------- Socket.IO event maps (merged into socket.ts's maps below) ----------

export interface MediaClientToServerEvents {
  /** the router's RTP capabilities (mediasoup-client Device.load); creates the meeting's router on first need and joins the meeting room */
  'media:capabilities': (p: MediaMeetingRequest, ack: AckFn<MediaCapabilities>) => void;
  'media:transport:create': (p: CreateMediaTransportRequest, ack: AckFn<MediaTransportInfo>) => void;
  /** DTLS parameters of the client (webrtc), or the remote address (plain without comedia) */
  'media:transport:connect': (p: ConnectMediaTransportRequest, ack: AckFn<{ transportId: string }>) => void;
  'media:transport:restart-ice': (p: MediaTransportRequest, ack: AckFn<{ transportId: string; iceParameters: MediaJson }>) => void;
  'media:transport:close': (p: MediaTransportRequest, ack: AckFn<{ transportId: string }>) => void;
  'media:produce': (p: ProduceRequest, ack: AckFn<{ producerId: string; paused: boolean }>) => void;
  'media:consume': (p: ConsumeRequest, ack: AckFn<ConsumerInfo>) => void;
  'media:producer:pause': (p: z.infer<typeof mediaProducerRequestSchema>, ack: AckFn<{ producerId: string; paused: boolean }>) => void;
  /** refused (409) while another site holds the floor, unless open discussion, or when the chair muted the site */
  'media:producer:resume': (p: z.infer<typeof mediaProducerRequestSchema>, ack: AckFn<{ producerId: string; paused: boolean }>) => void;
  'media:producer:close': (p: z.infer<typeof mediaProducerRequestSchema>, ack: AckFn<{ producerId: string }>) => void;
  'media:consumer:pause': (p: z.infer<typeof mediaConsumerRequestSchema>, ack: AckFn<{ consumerId: string; paused: boolean }>) => void;
  'media:consumer:resume': (p: z.infer<typeof mediaConsumerRequestSchema>, ack: AckFn<{ consumerId: string; paused: boolean }>) => void;
  'media:endpoint:mute': (p: MuteEndpointRequest, ack: AckFn<MediaState>) => void;
  'media:endpoint:open': (p: OpenEndpointRequest, ack: AckFn<MediaState>) => void;
  'media:settings': (p: MediaSettingsRequest, ack: AckFn<MediaState>) => void;
  'media:state': (p: MediaMeetingRequest, ack: AckFn<MediaState>) => void;
  /** closes this socket's transports (and so its producers and consumers) in the meeting */
  'media:leave': (p: MediaMeetingRequest, ack: AckFn<{ meetingId: string; closedTransports: number }>) => void;
}

/** MediaClientToServerEvents at runtime (socket.ts checks the two agree). */
export const MEDIA_SOCKET_COMMANDS = [
  'media:capabilities',
  'media:transport:create',
  'media:transport:connect',
  'media:transport:restart-ice',
  'media:transport:close',
  'media:produce',
  'media:consume',
  'media:producer:pause',
  'media:producer:resume',
  'media:producer:close',
  'media:consumer:pause',
  'media:consumer:resume',
  'media:endpoint:mute',
  'media:endpoint:open',
  'media:settings',
  'media:state',
  'media:leave',
] as const satisfies readonly (keyof MediaClientToServerEvents)[];

export interface MediaServerToClientEvents {
  /** who produces, who is muted, the spotlight, bitrate and packet loss: on every change, and every few seconds */
  'media:state': (s: MediaState) => void;
}

declare module './socket' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ClientToServerEvents extends MediaClientToServerEvents {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ServerToClientEvents extends MediaServerToClientEvents {}
}

// ---------- api -> media process control channel ----------

/** Errors of the media process, carried to the api, which maps them to its MediaException codes. */
export const MEDIA_RPC_ERRORS = ['not_found', 'not_owner', 'floor_held', 'muted_by_chair', 'bad_request', 'room_closed', 'unauthorized', 'internal'] as const;
export type MediaRpcErrorCode = (typeof MEDIA_RPC_ERRORS)[number];
export interface MediaRpcError {
  code: MediaRpcErrorCode;
  message: string;
}
export type MediaRpcAnswer<T> = { ok: true; data: T } | { ok: false; error: MediaRpcError };

/** Who asks: the api socket (peer) of an account. Every transport belongs to one peer; only it may use the transport. */
interface PeerRef {
  meetingId: string;
  peerId: string;
}

export interface MediaRpcMethods {
  'room.open': { params: { meetingId: string; speakerEndpointId: string | null }; result: MediaCapabilities };
  'room.state': { params: { meetingId: string }; result: MediaState };
  /** every open room's state, for the api's periodic wall push */
  'rooms.state': { params: Record<string, never>; result: MediaState[] };
  'room.close': { params: { meetingId: string }; result: { meetingId: string; closed: boolean } };
  'transport.create': {
    params: PeerRef & { direction: 'send' | 'recv'; type: MediaTransportType; endpointId: string | null; comedia: boolean; rtcpMux: boolean };
    result: MediaTransportInfo;
  };
  'transport.connect': { params: PeerRef & Omit<ConnectMediaTransportRequest, 'meetingId'>; result: { transportId: string } };
  'transport.restartIce': { params: PeerRef & { transportId: string }; result: { transportId: string; iceParameters: MediaJson } };
  'transport.close': { params: PeerRef & { transportId: string }; result: { transportId: string } };
  'produce': {
    params: PeerRef & { transportId: string; endpointId: string; isHost: boolean; kind: MediaKind; rtpParameters: MediaJson; appData: Record<string, string | number | boolean> };
    result: { producerId: string; paused: boolean };
  };
  'consume': { params: PeerRef & { transportId: string; producerId: string; rtpCapabilities: MediaJson }; result: ConsumerInfo };
  'producer.setPaused': { params: PeerRef & { producerId: string; paused: boolean }; result: { producerId: string; paused: boolean } };
  'producer.close': { params: PeerRef & { producerId: string }; result: { producerId: string } };
  'consumer.setPaused': { params: PeerRef & { consumerId: string; paused: boolean }; result: { consumerId: string; paused: boolean } };
  /** closes a peer's transports: in one meeting, or everywhere (socket gone) */
  'peer.close': { params: { peerId: string; meetingId?: string }; result: { closedTransports: number } };
  /** floor control: the speaker's site is spotlighted and resumed; null ends the speech (host and opened sites only) */
  'policy.floor': { params: { meetingId: string; speakerEndpointId: string | null }; result: MediaState };
  'policy.mute': { params: { meetingId: string; endpointId: string; muted: boolean; by: 'chair' | 'self' }; result: MediaState };
  'policy.open': { params: { meetingId: string; endpointId: string; open: boolean }; result: MediaState };
  'policy.settings': { params: { meetingId: string; openDiscussion: boolean }; result: MediaState };
  /** internals for tests, benchmarks and operators: workers, routers, transports, consumers */
  'debug.dump': { params: Record<string, never>; result: MediaDump };
  /** the watch-only programme (HLS through FFmpeg): started or updated (captions) idempotently, stopped, read */
  'broadcast.start': { params: { meetingId: string; speakerEndpointId: string | null; captions: BroadcastCaptions }; result: BroadcastState };
  'broadcast.stop': { params: { meetingId: string }; result: BroadcastState };
  'broadcast.state': { params: { meetingId: string }; result: BroadcastState };
}
export type MediaRpcMethod = keyof MediaRpcMethods;
export interface MediaRpcRequest<M extends MediaRpcMethod = MediaRpcMethod> {
  method: M;
  params: MediaRpcMethods[M]['params'];
}

export interface MediaDump {
  workers: { index: number; pid: number; routers: number; consumers: number }[];
  rooms: {
    meetingId: string;
    routers: { id: string; worker: number; transports: number; consumers: number; producers: number }[];
    peers: { peerId: string; transports: string[] }[];
    producers: { id: string; endpointId: string; kind: MediaKind; paused: boolean; pipedTo: string[] }[];
  }[];
}
