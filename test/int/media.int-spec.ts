import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseMediaEnv } from '@app/config';
import type {
  Ack,
  ApiError,
  Attendee,
  BulkInviteResult,
  ConsumerInfo,
  MediaCapabilities,
  MediaDump,
  MediaJson,
  MediaRpcMethod,
  MediaRpcMethods,
  MediaState,
  MediaTransportInfo,
  MeetingEndpoint,
  MeetingWriteResult,
  Organization,
  SpeakersState,
  SpeechRequest,
} from '@app/contracts';
import type * as MediaServerModule from '../../apps/media/src/media-server';
import type { RunningMediaServer } from '../../apps/media/src/media-server';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount, orgByCode } from '../support/factories';
import { UserSession, type TestSocket } from '../support/session';
import { day } from '../support/time';

/*
 * The media path end to end: a real mediasoup worker in the media process
 * (started in this process), the real api with MEDIA_URL set, real
 * socket.io-client sockets. Producers come from plain RTP transports (the
 * hall gateway path), so no browser is needed; their paused state is read
 * from the media process's debug dump and the api's media:state events.
 */
const CACHED_WORKER = join(homedir(), '.cache/hop-truc-tuyen/mediasoup-worker-3.12.16');
const WORKER_BIN = process.env.MEDIASOUP_WORKER_BIN || (existsSync(CACHED_WORKER) ? CACHED_WORKER : undefined);
if (!WORKER_BIN) {
  // eslint-disable-next-line no-console
  console.warn(`media.int-spec skipped: MEDIASOUP_WORKER_BIN is not set and ${CACHED_WORKER} is missing (build it with scripts/media/build-mediasoup-worker.sh)`);
}
const describeMedia = WORKER_BIN ? describe : describe.skip;

const SECRET = 'media-test-secret-0123456789';
const OPUS = { mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 };
const audioParameters = (ssrc: number): MediaJson => ({ codecs: [OPUS], encodings: [{ ssrc }] });

type AckOf<T> = Promise<Ack<T>>;
const ok = <T>(a: Ack<T>): T => {
  if (!a.ok) throw new Error(`command failed: ${JSON.stringify(a.error)}`);
  return a.data;
};

describeMedia('media: routers, transports, authorization and floor-driven audio', () => {
  let media: RunningMediaServer;
  let t: TestApp;
  let chair: UserSession;
  let viewer: UserSession;
  let langson: UserSession;
  let hanoiOp: UserSession;
  let meetingId: string;
  let host: MeetingEndpoint;
  let ls: MeetingEndpoint;
  let hn: MeetingEndpoint;
  const requests = new Map<string, SpeechRequest>();
  const sockets: TestSocket[] = [];
  const base = () => `/api/meetings/${meetingId}`;

  const rpc = async <M extends MediaRpcMethod>(method: M, params: MediaRpcMethods[M]['params']): Promise<MediaRpcMethods[M]['result']> => {
    const res = await fetch(`${media.url}/rpc`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, body: JSON.stringify({ method, params }) });
    const answer = (await res.json()) as Ack<MediaRpcMethods[M]['result']>;
    return ok(answer);
  };
  const room = async () => (await rpc('debug.dump', {})).rooms.find((r) => r.meetingId === meetingId);
  const producerOf = async (endpointId: string) => (await room())!.producers.find((p) => p.endpointId === endpointId && p.kind === 'audio')!;
  /** Polls the media process (another component's state, not an event) until `check` holds. */
  const eventually = async <T>(read: () => Promise<T>, check: (v: T) => boolean, ms = 5000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await read();
      if (check(v)) return v;
      if (Date.now() > deadline) throw new Error(`condition not met in ${ms} ms: ${JSON.stringify(v)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const socketOf = async (s: UserSession) => {
    const socket = await s.socket();
    sockets.push(socket);
    return socket;
  };
  /** The next media:state on `socket` that satisfies `check` (never a sleep). */
  const mediaState = (socket: TestSocket, check: (s: MediaState) => boolean, ms = 5000) =>
    new Promise<MediaState>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.off('media:state', on);
        reject(new Error(`no matching media:state within ${ms} ms`));
      }, ms);
      const on = (s: MediaState) => {
        if (s.meetingId !== meetingId || !check(s)) return;
        clearTimeout(timer);
        socket.off('media:state', on);
        resolve(s);
      };
      socket.on('media:state', on);
    });
  /** A hall gateway: a plain RTP send transport producing Opus for `endpointId`. */
  const plainProducer = async (socket: TestSocket, endpointId: string, ssrc: number) => {
    ok(await (socket.emitWithAck('media:capabilities', { meetingId }) as AckOf<MediaCapabilities>));
    const transport = ok(await (socket.emitWithAck('media:transport:create', { meetingId, direction: 'send', type: 'plain', endpointId }) as AckOf<MediaTransportInfo>));
    const produced = ok(await (socket.emitWithAck('media:produce', { meetingId, transportId: transport.id, endpointId, kind: 'audio', rtpParameters: audioParameters(ssrc) }) as AckOf<{ producerId: string; paused: boolean }>));
    return { transport, ...produced };
  };

  beforeAll(async () => {
    process.env.MEDIASOUP_WORKER_BIN = WORKER_BIN; // mediasoup reads it when loaded, below
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startMediaServer } = require('../../apps/media/src/media-server') as typeof MediaServerModule;
    media = await startMediaServer(
      parseMediaEnv({
        MEDIA_PORT: '0',
        MEDIA_SECRET: SECRET,
        MEDIA_WORKERS: '2',
        // a low limit, so that the second receiving transport makes the meeting spill onto the other worker
        MEDIA_MAX_CONSUMERS_PER_WORKER: '1',
        MEDIA_LISTEN_IP: '127.0.0.1',
        MEDIA_STATS_INTERVAL_MS: '300',
        LOG_LEVEL: 'warn',
      }),
    );
    t = await startTestApp({ env: { MEDIA_URL: media.url, MEDIA_SECRET: SECRET, MEDIA_STATS_INTERVAL_MS: '300' } });
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    const organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    chair = await UserSession.signIn(t.baseUrl, 'chair');
    viewer = await UserSession.signIn(t.baseUrl, 'viewer');
    langson = await UserSession.signIn(t.baseUrl, 'langson');
    const haNoi = (await admin.get<{ items: Organization[] }>('/api/organizations?kind=province&limit=100')).body.items.find((o) => o.code !== 'LANG_SON' && /Hà Nội/.test(o.name))!;
    const langSonOrg = await orgByCode(admin, 'LANG_SON');
    hanoiOp = await (await newAccount(admin, 'endpoint_operator', haNoi.id)).session();
    const bng = await orgByCode(admin, 'BNG');
    meetingId = (
      await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'plenary',
        title: 'Hội nghị trực tuyến có âm thanh',
        hostOrganizationId: bng.id,
        chairId: chair.account.id,
        visibility: 'public',
        scheduledStart: day(1, '08:00'),
        scheduledEnd: day(1, '11:00'),
      })
    ).body.meeting.id;
    host = (await organizer.post<MeetingEndpoint>(`${base()}/endpoints`, { organizationId: bng.id, isHost: true })).body;
    const added = (await organizer.post<BulkInviteResult>(`${base()}/endpoints/bulk`, { mode: 'organizations', organizationIds: [langSonOrg.id, haNoi.id] })).body.added;
    ls = added.find((e) => e.organizationId === langSonOrg.id)!;
    hn = added.find((e) => e.organizationId === haNoi.id)!;
    await organizer.post(`${base()}/transitions`, { action: 'schedule', overrideConflicts: true });
    await chair.post(`${base()}/transitions`, { action: 'start' });
    for (const [op, e] of [[langson, ls], [hanoiOp, hn]] as const) {
      const a = (await op.post<Attendee>(`${base()}/endpoints/${e.id}/attendees`, { fullName: `Đại biểu ${e.organizationShortName}`, position: 'Phó Chủ tịch UBND', walkIn: true })).body;
      const r = (await op.post<SpeechRequest>(`${base()}/speech-requests`, { endpointId: e.id, attendeeId: a.id, kind: 'contribution' })).body;
      expect((await chair.post<SpeechRequest>(`${base()}/speech-requests/${r.id}/approve`)).body.status).toBe('queued');
      requests.set(e.id, r);
    }
  });

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t?.close();
    await media?.close();
  });

  it('creates the meeting’s router on the first request, once', async () => {
    // the live meeting's broadcast may have made the room already, but no router before the first request
    expect((await room())?.routers ?? []).toEqual([]);
    const socket = await socketOf(viewer);
    const caps = ok(await (socket.emitWithAck('media:capabilities', { meetingId }) as AckOf<MediaCapabilities>));
    expect((caps.routerRtpCapabilities.codecs as { mimeType: string }[]).map((c) => c.mimeType)).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8']));
    const first = (await room())!.routers;
    expect(first).toHaveLength(1);
    ok(await (socket.emitWithAck('media:capabilities', { meetingId }) as AckOf<MediaCapabilities>));
    expect((await room())!.routers.map((r) => r.id)).toEqual(first.map((r) => r.id));
  });

  it('lets only those who act for an endpoint produce for it: a viewer gets 403', async () => {
    const socket = await socketOf(viewer);
    ok(await (socket.emitWithAck('media:capabilities', { meetingId }) as AckOf<MediaCapabilities>));
    const send = (await socket.emitWithAck('media:transport:create', { meetingId, direction: 'send', type: 'webrtc', endpointId: ls.id })) as Ack<MediaTransportInfo>;
    expect(send.ok).toBe(false);
    expect((send as { error: ApiError }).error).toMatchObject({ statusCode: 403, code: 'not_endpoint_operator' });
    // a receiving transport is fine for a viewer, but producing on it for a site is not
    const recv = ok(await (socket.emitWithAck('media:transport:create', { meetingId, direction: 'recv' }) as AckOf<MediaTransportInfo>));
    expect(recv.iceCandidates?.length).toBeGreaterThan(0);
    expect(recv.dtlsParameters).toBeDefined();
    const produce = (await socket.emitWithAck('media:produce', { meetingId, transportId: recv.id, endpointId: ls.id, kind: 'audio', rtpParameters: audioParameters(4242) })) as Ack<unknown>;
    expect(produce.ok).toBe(false);
    expect((produce as { error: ApiError }).error.statusCode).toBe(403);
    // and the operator of Hà Nội cannot produce for Lạng Sơn either
    const other = await socketOf(hanoiOp);
    const foreign = (await other.emitWithAck('media:transport:create', { meetingId, direction: 'send', type: 'plain', endpointId: ls.id })) as Ack<unknown>;
    expect((foreign as { error: ApiError }).error.statusCode).toBe(403);
    // nobody may touch another socket's transport
    const stolen = (await other.emitWithAck('media:transport:close', { meetingId, transportId: recv.id })) as Ack<unknown>;
    expect((stolen as { error: ApiError }).error).toMatchObject({ statusCode: 403, code: 'media_not_owner' });
    socket.close();
    await eventually(room, (r) => !r?.peers.some((p) => p.transports.includes(recv.id)));
  });

  it('closes a socket’s transports and producers when it leaves, and the routers when nobody is left', async () => {
    const socket = await socketOf(langson);
    const { transport, producerId } = await plainProducer(socket, ls.id, 1111);
    expect((await room())!.producers.map((p) => p.id)).toContain(producerId);
    socket.disconnect();
    const after = await eventually(room, (r) => !!r && r.peers.length === 0);
    expect(after!.producers).toHaveLength(0);
    expect(after!.routers).toHaveLength(0);
    expect(JSON.stringify(after)).not.toContain(transport.id);
    // the speaker queue is the database's: the site keeps its place
    const s = (await chair.get<SpeakersState>(`${base()}/speakers`)).body;
    expect(s.requests.find((r) => r.id === requests.get(ls.id)!.id)).toMatchObject({ status: 'queued', position: requests.get(ls.id)!.position });
  });

  describe('with the host and two sites producing', () => {
    let chairSocket: TestSocket;
    let lsSocket: TestSocket;
    let lsTransport: MediaTransportInfo;

    beforeAll(async () => {
      chairSocket = await socketOf(chair);
      ok(await (chairSocket.emitWithAck('meeting:subscribe', { meetingId }) as AckOf<unknown>));
      lsSocket = await socketOf(langson);
      const hnSocket = await socketOf(hanoiOp);
      // the chair produces for the host site (the chair may, for the host only)
      const hostProduced = await plainProducer(chairSocket, host.id, 3333);
      expect(hostProduced.paused).toBe(false);
      const lsProduced = await plainProducer(lsSocket, ls.id, 1111);
      lsTransport = lsProduced.transport;
      const hnProduced = await plainProducer(hnSocket, hn.id, 2222);
      // with no speech only the host is heard
      expect([lsProduced.paused, hnProduced.paused]).toEqual([true, true]);
    });

    it('gives the floor: the speaker is spotlighted and heard, the other site paused, the host kept open', async () => {
      const spotlit = mediaState(chairSocket, (s) => s.spotlightEndpointId === ls.id);
      expect((await chair.post(`${base()}/floor`, { requestId: requests.get(ls.id)!.id })).status).toBe(200);
      const state = await spotlit;
      const byId = new Map(state.endpoints.map((e) => [e.endpointId, e]));
      expect(byId.get(ls.id)).toMatchObject({ status: 'producing', muteReason: null });
      expect(byId.get(hn.id)).toMatchObject({ status: 'muted', muteReason: 'floor' });
      expect(byId.get(host.id)).toMatchObject({ status: 'producing', isHost: true });
      expect((await producerOf(ls.id)).paused).toBe(false);
      expect((await producerOf(hn.id)).paused).toBe(true);

      const next = mediaState(chairSocket, (s) => s.spotlightEndpointId === hn.id);
      expect((await chair.post(`${base()}/floor`, { requestId: requests.get(hn.id)!.id })).status).toBe(200);
      await next;
      expect((await producerOf(hn.id)).paused).toBe(false);
      expect((await producerOf(ls.id)).paused).toBe(true);
      expect((await producerOf(host.id)).paused).toBe(false);
    });

    it('lets a site mute itself but not unmute while another holds the floor, unless the chair opens the discussion', async () => {
      const refused = (await lsSocket.emitWithAck('media:endpoint:mute', { meetingId, endpointId: ls.id, muted: false })) as Ack<MediaState>;
      expect((refused as { error: ApiError }).error).toMatchObject({ statusCode: 409, code: 'media_floor_held' });
      const lsProducerId = (await producerOf(ls.id)).id;
      const resume = (await lsSocket.emitWithAck('media:producer:resume', { meetingId, producerId: lsProducerId })) as Ack<unknown>;
      expect((resume as { error: ApiError }).error.code).toBe('media_floor_held');
      // only the chair toggles open discussion
      const notChair = (await lsSocket.emitWithAck('media:settings', { meetingId, openDiscussion: true })) as Ack<MediaState>;
      expect((notChair as { error: ApiError }).error.statusCode).toBe(403);
      expect(ok(await (chairSocket.emitWithAck('media:settings', { meetingId, openDiscussion: true }) as AckOf<MediaState>)).openDiscussion).toBe(true);
      expect((await producerOf(ls.id)).paused).toBe(false);
      const muted = ok(await (lsSocket.emitWithAck('media:endpoint:mute', { meetingId, endpointId: ls.id, muted: true }) as AckOf<MediaState>));
      expect(muted.endpoints.find((e) => e.endpointId === ls.id)).toMatchObject({ status: 'muted', muteReason: 'self' });
      ok(await (lsSocket.emitWithAck('media:endpoint:mute', { meetingId, endpointId: ls.id, muted: false }) as AckOf<MediaState>));
      expect((await producerOf(ls.id)).paused).toBe(false);
      ok(await (chairSocket.emitWithAck('media:settings', { meetingId, openDiscussion: false }) as AckOf<MediaState>));
      expect((await producerOf(ls.id)).paused).toBe(true);
    });

    it('lets the chair mute any site and open one; the end of the speech returns to the host only', async () => {
      ok(await (chairSocket.emitWithAck('media:endpoint:open', { meetingId, endpointId: ls.id, open: true }) as AckOf<MediaState>));
      expect((await producerOf(ls.id)).paused).toBe(false);
      const muted = ok(await (chairSocket.emitWithAck('media:endpoint:mute', { meetingId, endpointId: hn.id, muted: true }) as AckOf<MediaState>));
      expect(muted.endpoints.find((e) => e.endpointId === hn.id)).toMatchObject({ muteReason: 'chair' });
      expect((await producerOf(hn.id)).paused).toBe(true);
      const ended = mediaState(chairSocket, (s) => s.spotlightEndpointId === null);
      expect((await chair.post(`${base()}/floor/end`)).status).toBeLessThan(300);
      await ended;
      expect((await producerOf(host.id)).paused).toBe(false);
      expect((await producerOf(ls.id)).paused).toBe(false); // opened by the chair
      expect((await producerOf(hn.id)).paused).toBe(true);
      ok(await (chairSocket.emitWithAck('media:endpoint:open', { meetingId, endpointId: ls.id, open: false }) as AckOf<MediaState>));
      expect((await producerOf(ls.id)).paused).toBe(true);
    });

    it('pushes bitrate from producer stats when RTP arrives', async () => {
      const udp = createSocket('udp4');
      const sending = (async () => {
        // 40 Opus-sized RTP packets at the real 20 ms pace of a voice stream
        for (let seq = 0; seq < 40; seq++) {
          const packet = Buffer.alloc(12 + 120);
          packet[0] = 0x80;
          packet[1] = 100;
          packet.writeUInt16BE(seq, 2);
          packet.writeUInt32BE(seq * 960, 4);
          packet.writeUInt32BE(1111, 8);
          await new Promise<void>((r) => udp.send(packet, lsTransport.port!, lsTransport.ip!, () => r()));
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const state = await mediaState(chairSocket, (s) => (s.endpoints.find((e) => e.endpointId === ls.id)?.producers[0]?.bitrate ?? 0) > 0, 8000);
      await sending;
      udp.close();
      const p = state.endpoints.find((e) => e.endpointId === ls.id)!.producers[0];
      expect(p.bitrate).toBeGreaterThan(0);
      expect(p.packetLoss).toBeGreaterThanOrEqual(0);
    });

    it('spreads receivers over a second worker past the consumer limit, piping the producer there', async () => {
      const hostProducer = await producerOf(host.id);
      const a = await socketOf(viewer);
      const b = await socketOf(viewer);
      const consumeWith = async (socket: TestSocket) => {
        const caps = ok(await (socket.emitWithAck('media:capabilities', { meetingId }) as AckOf<MediaCapabilities>));
        const recv = ok(await (socket.emitWithAck('media:transport:create', { meetingId, direction: 'recv', type: 'plain', comedia: false }) as AckOf<MediaTransportInfo>));
        ok(await (socket.emitWithAck('media:transport:connect', { meetingId, transportId: recv.id, ip: '127.0.0.1', port: 9 }) as AckOf<unknown>));
        return ok(await (socket.emitWithAck('media:consume', { meetingId, transportId: recv.id, producerId: hostProducer.id, rtpCapabilities: caps.routerRtpCapabilities }) as AckOf<ConsumerInfo>));
      };
      const first = await consumeWith(a);
      expect(first).toMatchObject({ producerId: hostProducer.id, endpointId: host.id, kind: 'audio', paused: true });
      ok(await (a.emitWithAck('media:consumer:resume', { meetingId, consumerId: first.id }) as AckOf<unknown>));
      await consumeWith(b);
      const dump: MediaDump = await rpc('debug.dump', {});
      const r = dump.rooms.find((x) => x.meetingId === meetingId)!;
      expect(r.routers).toHaveLength(2);
      expect(new Set(r.routers.map((x) => x.worker)).size).toBe(2);
      expect(r.routers.map((x) => x.consumers).sort()).toEqual([1, 1]);
      const piped = r.producers.find((p) => p.id === hostProducer.id)!.pipedTo;
      expect(piped).toHaveLength(1);
      expect(r.routers.map((x) => x.id)).toContain(piped[0]);
      expect(dump.workers.map((w) => w.consumers).sort()).toEqual([1, 1]);
      a.close();
      b.close();
      await eventually(() => rpc('debug.dump', {}), (d) => d.workers.every((w) => w.consumers === 0));
    });

    it('closes the meeting’s router when the meeting ends, and refuses media afterwards', async () => {
      const closed = mediaState(chairSocket, (s) => !s.active);
      expect((await chair.post(`${base()}/transitions`, { action: 'end' })).status).toBeLessThan(300);
      await closed;
      expect(await room()).toBeUndefined();
      expect((await rpc('debug.dump', {})).workers.every((w) => w.routers === 0)).toBe(true);
      const late = (await lsSocket.emitWithAck('media:capabilities', { meetingId })) as Ack<unknown>;
      expect((late as { error: ApiError }).error).toMatchObject({ statusCode: 409, code: 'media_meeting_not_active' });
    });
  });
});

describe('media off (no MEDIA_URL, the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers media commands with 503 and leaves everything else as it was', async () => {
    const viewer = await UserSession.signIn(t.baseUrl, 'viewer');
    const socket = await viewer.socket();
    try {
      const answer = (await socket.emitWithAck('media:capabilities', { meetingId: '00000000-0000-4000-8000-000000000000' })) as Ack<unknown>;
      expect((answer as { error: ApiError }).error).toMatchObject({ statusCode: 503, code: 'media_disabled' });
      const clock = (await socket.emitWithAck('clock:sync', { clientTime: 1 })) as Ack<{ clientTime: number }>;
      expect(ok(clock).clientTime).toBe(1);
    } finally {
      socket.close();
    }
  });
});
