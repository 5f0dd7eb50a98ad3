import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMediaEnv } from '@app/config';
import type { ApiError, Attendee, BroadcastAccess, BulkInviteResult, MeetingEndpoint, SpeechRequest } from '@app/contracts';
import type * as MediaServerModule from '../../apps/media/src/media-server';
import type { RunningMediaServer } from '../../apps/media/src/media-server';
import { startTestApp, type TestApp } from '../support/app';
import { newMeeting, orgByCode } from '../support/factories';
import { UserSession, type TestSocket } from '../support/session';
import { FFMPEG, rtpGateway } from '../support/broadcast';

/*
 * The watch-only tier end to end without a browser: the media process (in
 * this process, a real mediasoup worker) and the api share BROADCAST_DIR;
 * two "hall gateways" send VP8 over plain RTP (FFmpeg's test source); the
 * programme goes through a PlainTransport into Debian's FFmpeg and comes
 * out as HLS that the api serves behind a meeting-scoped token.
 */
const CACHED_WORKER = join(homedir(), '.cache/hop-truc-tuyen/mediasoup-worker-3.12.16');
const WORKER_BIN = process.env.MEDIASOUP_WORKER_BIN || (existsSync(CACHED_WORKER) ? CACHED_WORKER : undefined);
const ready = !!WORKER_BIN && existsSync(FFMPEG);
if (!ready) {
  // eslint-disable-next-line no-console
  console.warn('broadcast.int-spec skipped: needs a mediasoup worker (MEDIASOUP_WORKER_BIN) and /usr/bin/ffmpeg');
}
const describeBroadcast = ready ? describe : describe.skip;

const SECRET = 'broadcast-test-secret-0123456789';

describeBroadcast('broadcast: programme through FFmpeg to HLS, served behind a meeting-scoped token', () => {
  let media: RunningMediaServer;
  let t: TestApp;
  let chair: UserSession;
  let viewer: UserSession;
  let meetingId: string;
  let otherMeetingId: string;
  let host: MeetingEndpoint;
  let ls: MeetingEndpoint;
  let request: SpeechRequest;
  const dir = mkdtempSync(join(tmpdir(), 'htt-broadcast-'));
  const stops: (() => void)[] = [];
  const sockets: TestSocket[] = [];
  const base = () => `/api/meetings/${meetingId}`;

  /** Polls the programme's state (FFmpeg's files are another process's output, not an event) until `check` holds. */
  const access = async (check: (a: BroadcastAccess) => boolean, ms = 20_000): Promise<BroadcastAccess> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const res = await viewer.get<BroadcastAccess>(`${base()}/broadcast`);
      expect(res.status).toBe(200);
      if (check(res.body)) return res.body;
      if (Date.now() > deadline) throw new Error(`broadcast condition not met in ${ms} ms: ${JSON.stringify(res.body.state)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  /** FFmpeg's input files are written by the media process's own queue: read until they hold `text`. */
  const fileHolds = async (name: string, text: string, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!readFileSync(join(dir, meetingId, name), 'utf8').includes(text)) {
      if (Date.now() > deadline) throw new Error(`${name} does not hold ${text}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const raw = (path: string, headers: Record<string, string> = {}) => fetch(`${t.baseUrl}${path}`, { headers });

  beforeAll(async () => {
    process.env.MEDIASOUP_WORKER_BIN = WORKER_BIN;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startMediaServer } = require('../../apps/media/src/media-server') as typeof MediaServerModule;
    media = await startMediaServer(parseMediaEnv({ MEDIA_PORT: '0', MEDIA_SECRET: SECRET, MEDIA_WORKERS: '1', MEDIA_LISTEN_IP: '127.0.0.1', LOG_LEVEL: 'warn', BROADCAST_DIR: dir }));
    t = await startTestApp({ env: { MEDIA_URL: media.url, MEDIA_SECRET: SECRET, BROADCAST_DIR: dir, BROADCAST_TOKEN_TTL_SECONDS: '60' } });
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    const organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    chair = await UserSession.signIn(t.baseUrl, 'chair');
    viewer = await UserSession.signIn(t.baseUrl, 'viewer');
    const langson = await UserSession.signIn(t.baseUrl, 'langson');
    const bng = await orgByCode(admin, 'BNG');
    const langSonOrg = await orgByCode(admin, 'LANG_SON');
    const newPlenary = (title: string, on: number) => newMeeting(organizer, { title, hostOrganizationId: bng.id, chairId: chair.account.id, on });
    meetingId = await newPlenary('Hội nghị toàn quốc truyền hình trực tiếp', 1);
    otherMeetingId = await newPlenary('Hội nghị khác', 3);
    host = (await organizer.post<MeetingEndpoint>(`${base()}/endpoints`, { organizationId: bng.id, isHost: true })).body;
    ls = (await organizer.post<BulkInviteResult>(`${base()}/endpoints/bulk`, { mode: 'organizations', organizationIds: [langSonOrg.id] })).body.added[0];
    await organizer.post(`${base()}/transitions`, { action: 'schedule', overrideConflicts: true });
    await chair.post(`${base()}/transitions`, { action: 'start' });
    const delegate = (await langson.post<Attendee>(`${base()}/endpoints/${ls.id}/attendees`, { fullName: 'Hoàng Văn Thụ', position: 'Chủ tịch UBND tỉnh', walkIn: true })).body;
    request = (await langson.post<SpeechRequest>(`${base()}/speech-requests`, { endpointId: ls.id, attendeeId: delegate.id, kind: 'contribution' })).body;
    await chair.post(`${base()}/speech-requests/${request.id}/approve`);
    sockets.push(await chair.socket(), await langson.socket());
  }, 60_000);

  afterAll(async () => {
    stops.forEach((s) => s());
    sockets.forEach((s) => s.close());
    await t?.close();
    await media?.close();
  });

  it('waits for a picture while no site sends video, and says so', async () => {
    const a = await access((x) => x.state.status === 'waiting');
    expect(a.state.reason).toBe('no_source');
    expect(a.playlistUrl).toBe(`/api/meetings/${meetingId}/broadcast/index.m3u8?token=${encodeURIComponent(a.token)}`);
  });

  it('puts the host site on the programme: segments listed within seconds of the first RTP packet, caption in Vietnamese', async () => {
    const g = await rtpGateway(sockets[0], meetingId, host.id, 1111);
    stops.push(g.stop);
    const a = await access((x) => x.state.status === 'live');
    const lagMs = Date.now() - g.startedAt;
    // eslint-disable-next-line no-console
    console.log(`broadcast: RTP in -> first segment listed: ${lagMs} ms`);
    expect(lagMs).toBeLessThan(10_000);
    expect(a.state.sourceEndpointId).toBe(host.id);
    expect(a.state.caption).toBe('Bộ Ngoại giao');
    expect(readFileSync(join(dir, meetingId, 'caption.txt'), 'utf8')).toBe('Bộ Ngoại giao');

    const list = await raw(a.playlistUrl);
    expect(list.status).toBe(200);
    expect(list.headers.get('content-type')).toContain('application/vnd.apple.mpegurl');
    expect(list.headers.get('cache-control')).toContain('no-cache');
    const text = await list.text();
    expect(text).toContain('#EXT-X-PROGRAM-DATE-TIME');
    const segments = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(segments.length).toBeGreaterThan(0);
    for (const s of segments) expect(s).toMatch(new RegExp(`^seg-[0-9]+\\.ts\\?token=${encodeURIComponent(a.token).replace(/[.]/g, '\\.')}$`));

    const seg = await raw(`${base()}/broadcast/${segments[0]}`);
    expect(seg.status).toBe(200);
    expect(seg.headers.get('content-type')).toBe('video/mp2t');
    expect(seg.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bytes = Buffer.from(await seg.arrayBuffer());
    expect(bytes[0]).toBe(0x47); // MPEG-TS sync byte
    // the segment decodes: H.264 at 480 lines
    const probe = spawnSync('/usr/bin/ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,height', '-of', 'csv=p=0', '-'], { input: bytes });
    expect(probe.stdout.toString().trim().split(/\s+/)[0]).toBe('h264,480');
  }, 40_000);

  it('refuses a playlist or segment without this meeting’s token (403), a bad file name (400), and serves nothing else', async () => {
    const mine = await access(() => true);
    const other = (await viewer.get<BroadcastAccess>(`/api/meetings/${otherMeetingId}/broadcast`)).body;
    const before = readdirSync(join(dir, meetingId)).sort();
    const wrong = await raw(`${base()}/broadcast/index.m3u8?token=${encodeURIComponent(other.token)}`);
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as ApiError).code).toBe('broadcast_forbidden');
    const none = await raw(`${base()}/broadcast/index.m3u8`);
    expect(none.status).toBe(403);
    expect(((await none.json()) as ApiError).params).toEqual({ problem: 'missing' });
    const forged = await raw(`${base()}/broadcast/index.m3u8?token=${mine.token.split('.')[0]}9.${mine.token.split('.')[1]}`);
    expect(forged.status).toBe(403);
    for (const name of ['caption.txt', 'input.sdp', '..%2F..%2Fjwt-secret']) {
      const res = await raw(`${base()}/broadcast/${name}?token=${encodeURIComponent(mine.token)}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as ApiError).code).toBe('validation_failed');
    }
    const gone = await raw(`${base()}/broadcast/seg-1.ts?token=${encodeURIComponent(mine.token)}`);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as ApiError).code).toBe('broadcast_not_found');
    // a viewer who may not see a meeting gets no token for it
    expect((await viewer.get(`/api/meetings/00000000-0000-4000-8000-000000000000/broadcast`)).status).toBe(404);
    expect(readdirSync(join(dir, meetingId)).filter((f) => !f.startsWith('seg-')).sort()).toEqual(before.filter((f) => !f.startsWith('seg-')));
  });

  it('answers nginx’s auth_request: 204 for this meeting’s token on its path, 403 otherwise', async () => {
    const mine = await access(() => true);
    const other = (await viewer.get<BroadcastAccess>(`/api/meetings/${otherMeetingId}/broadcast`)).body;
    const ask = (uri: string) => raw('/api/broadcast/authorize', { 'x-original-uri': uri });
    expect((await ask(`/hls/${meetingId}/index.m3u8?token=${encodeURIComponent(mine.token)}`)).status).toBe(204);
    expect((await ask(`/hls/${meetingId}/seg-1764700000.ts?token=${encodeURIComponent(mine.token)}`)).status).toBe(204);
    expect((await ask(`/hls/${meetingId}/index.m3u8?token=${encodeURIComponent(other.token)}`)).status).toBe(403);
    expect((await ask(`/hls/${meetingId}/input.sdp?token=${encodeURIComponent(mine.token)}`)).status).toBe(403);
    expect((await raw('/api/broadcast/authorize')).status).toBe(403);
  });

  it('switches the programme to the site given the floor, captioned with the speaker’s name and site, and back to the host after the speech', async () => {
    const g = await rtpGateway(sockets[1], meetingId, ls.id, 2222);
    stops.push(g.stop);
    const first = (await access((x) => x.state.status === 'live')).state.startedAt;
    expect((await chair.post(`${base()}/floor`, { requestId: request.id })).status).toBe(200);
    const a = await access((x) => x.state.sourceEndpointId === ls.id && x.state.status === 'live' && x.state.startedAt !== first);
    expect(a.state.caption).toBe('Hoàng Văn Thụ — Lạng Sơn');
    await fileHolds('caption.txt', 'Hoàng Văn Thụ — Lạng Sơn');
    // the playlist goes on across the switch, marked so that players reset their decoder
    const text = await (await raw(a.playlistUrl)).text();
    expect(text).toContain('#EXT-X-DISCONTINUITY');
    expect((await chair.post(`${base()}/floor/end`)).status).toBe(200);
    await access((x) => x.state.sourceEndpointId === host.id && x.state.status === 'live');
  }, 60_000);

  it('stops when the meeting ends: the playlist is closed and the state says why', async () => {
    expect((await chair.post(`${base()}/transitions`, { action: 'end' })).status).toBeLessThan(300);
    const a = await access((x) => x.state.status === 'off');
    expect(a.state.reason).toBe('meeting_not_live');
    await fileHolds('index.m3u8', '#EXT-X-ENDLIST');
  }, 20_000);
});

describe('broadcast without media', () => {
  let t: TestApp;
  afterAll(async () => t?.close());

  it('says the broadcast is off because media is not enabled, and the meeting works as before', async () => {
    t = await startTestApp();
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    const organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    const chair = await UserSession.signIn(t.baseUrl, 'chair');
    const bng = await orgByCode(admin, 'BNG');
    const id = await newMeeting(organizer, { title: 'Họp không có hình', hostOrganizationId: bng.id, chairId: chair.account.id, on: 2 });
    await organizer.post(`/api/meetings/${id}/endpoints`, { organizationId: bng.id, isHost: true });
    await organizer.post(`/api/meetings/${id}/transitions`, { action: 'schedule', overrideConflicts: true });
    expect((await chair.post(`/api/meetings/${id}/transitions`, { action: 'start' })).status).toBeLessThan(300);
    const a = (await chair.get<BroadcastAccess>(`/api/meetings/${id}/broadcast`)).body;
    expect(a.state).toMatchObject({ status: 'off', reason: 'media_disabled' });
  }, 30_000);
});
