import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { constants } from 'node:fs';
import { access, appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import type { MediaEnv } from '@app/config';
import type { BroadcastCaptions, BroadcastReason, BroadcastState, BroadcastStatus } from '@app/contracts';

/** What the programme shows: one site's video (and its audio), on the router its producers live on. */
export interface ProgrammeSource {
  endpointId: string;
  router: types.Router;
  video: types.Producer;
  audio: types.Producer | null;
}

/** The room side a broadcast needs: who is on the programme now. */
export interface ProgrammeRoom {
  readonly meetingId: string;
  programmeSource(): Promise<ProgrammeSource | null>;
}

interface Leg {
  transport: types.PlainTransport;
  consumer: types.Consumer;
  port: number;
}

/** Four consecutive free UDP ports from `base` (RTP and RTCP of video and audio): bound once to check, then released for FFmpeg. */
async function freePorts(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + 4 * Math.floor(Math.random() * 2_000);
    const sockets = [0, 1, 2, 3].map(() => createSocket('udp4'));
    const ok = await Promise.all(
      sockets.map(
        (s, i) =>
          new Promise<boolean>((resolve) => {
            s.once('error', () => resolve(false));
            s.bind(base + i, '127.0.0.1', () => resolve(true));
          }),
      ),
    );
    for (const s of sockets) {
      try {
        s.close();
      } catch {
        // never bound
      }
    }
    if (ok.every(Boolean)) return base;
  }
  throw new Error('no free UDP ports for the broadcast');
}

/** The SDP FFmpeg reads: one m-line per consumer, its codec as mediasoup chose it. */
export function programmeSdp(legs: { kind: 'audio' | 'video'; port: number; rtpParameters: types.RtpParameters }[]): string {
  const lines = ['v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=programme', 'c=IN IP4 127.0.0.1', 't=0 0'];
  for (const leg of legs) {
    const codec = leg.rtpParameters.codecs[0];
    const name = codec.mimeType.split('/')[1];
    lines.push(`m=${leg.kind} ${leg.port} RTP/AVP ${codec.payloadType}`);
    lines.push(`a=rtpmap:${codec.payloadType} ${name}/${codec.clockRate}${codec.channels ? `/${codec.channels}` : ''}`);
    const fmtp = Object.entries(codec.parameters ?? {}).map(([k, v]) => `${k}=${String(v)}`);
    if (fmtp.length) lines.push(`a=fmtp:${codec.payloadType} ${fmtp.join(';')}`);
    lines.push('a=recvonly');
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** FFmpeg's arguments: RTP in (SDP), H.264/AAC out as short HLS segments, the caption burned in from a file it re-reads. */
export function ffmpegArgs(o: { sdp: string; dir: string; captionFile: string; font: string; segmentSeconds: number; audio: boolean }): string[] {
  const esc = (p: string) => p.replace(/\\/g, '\\\\').replace(/:/g, '\\:').replace(/'/g, "\\'");
  const caption = `drawtext=fontfile='${esc(o.font)}':textfile='${esc(o.captionFile)}':reload=1:fontsize=h/20:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=12:x=24:y=h-th-28`;
  const fps = 25;
  return [
    '-hide_banner',
    '-loglevel',
    'warning',
    '-nostdin',
    '-protocol_whitelist',
    'file,udp,rtp',
    // no input buffering: every frame goes on at once (latency)
    '-fflags',
    '+genpts+nobuffer',
    '-flags',
    'low_delay',
    '-analyzeduration',
    '1000000',
    '-i',
    o.sdp,
    '-map',
    '0:v:0',
    ...(o.audio ? ['-map', '0:a:0'] : []),
    '-vf',
    `scale=-2:480,fps=${fps},${caption}`,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-tune',
    'zerolatency',
    '-pix_fmt',
    'yuv420p',
    // a keyframe at every segment boundary: segments start independently and are exactly segmentSeconds long
    '-force_key_frames',
    `expr:gte(t,n_forced*${o.segmentSeconds})`,
    '-sc_threshold',
    '0',
    '-b:v',
    '900k',
    ...(o.audio ? ['-c:a', 'aac', '-b:a', '96k', '-ar', '48000', '-ac', '2'] : []),
    '-f',
    'hls',
    '-hls_time',
    String(o.segmentSeconds),
    '-hls_list_size',
    '8',
    // segment numbers are seconds since the epoch: a restarted FFmpeg (another source) never reuses a cached name
    '-hls_start_number_source',
    'epoch',
    '-hls_flags',
    'delete_segments+independent_segments+program_date_time+temp_file+omit_endlist+append_list+discont_start',
    '-hls_segment_filename',
    join(o.dir, 'seg-%d.ts'),
    join(o.dir, 'index.m3u8'),
  ];
}

/**
 * One meeting's programme for the watch-only sites: the current speaker's
 * site (else the host site) consumed through mediasoup PlainTransports (RTP
 * to 127.0.0.1, comedia off: mediasoup sends to the ports FFmpeg listens on)
 * into Debian's FFmpeg, supervised here, writing HLS under
 * BROADCAST_DIR/<meetingId>/. A change of source restarts FFmpeg on new
 * transports (the playlist continues, marked with a discontinuity); a caption
 * change only rewrites the file FFmpeg re-reads.
 */
export class Broadcast {
  private status: BroadcastStatus = 'waiting';
  private reason: BroadcastReason | null = 'no_source';
  private captions: BroadcastCaptions = {};
  private source: { endpointId: string; videoId: string; audioId: string | null } | null = null;
  private legs: Leg[] = [];
  private ffmpeg: ChildProcess | null = null;
  private startedAt: string | null = null;
  private segments = 0;
  private failures = 0;
  private stopped = false;
  /** reconciliations run one at a time, the last asked wins */
  private chain: Promise<void> = Promise.resolve();
  private retry?: NodeJS.Timeout;
  readonly dir: string;

  constructor(
    private readonly room: ProgrammeRoom,
    private readonly env: MediaEnv,
    private readonly log: Logger,
  ) {
    this.dir = join(env.BROADCAST_DIR, room.meetingId);
  }

  private get captionFile() {
    return join(this.dir, 'caption.txt');
  }

  /** New captions (the api's names), then the programme follows the room. */
  update(captions: BroadcastCaptions): Promise<void> {
    this.captions = captions;
    return this.reconcile();
  }

  /** The room changed (a producer came or went, the floor moved): follow it. */
  reconcile(): Promise<void> {
    const next = this.chain.then(() => this.doReconcile()).catch((err: unknown) => this.log.warn({ err: (err as Error).message, meetingId: this.room.meetingId }, 'broadcast update failed'));
    this.chain = next;
    return next;
  }

  private async doReconcile() {
    if (this.stopped) return;
    if (!(await access(this.env.FFMPEG_BIN, constants.X_OK).then(() => true, () => false))) {
      this.set('unavailable', 'ffmpeg_missing');
      return;
    }
    await mkdir(this.dir, { recursive: true });
    const src = await this.room.programmeSource();
    await this.writeCaption(src ? (this.captions[src.endpointId] ?? '') : '');
    const same = src && this.source && this.ffmpeg && src.endpointId === this.source.endpointId && src.video.id === this.source.videoId && (src.audio?.id ?? null) === this.source.audioId;
    if (same) return;
    await this.teardown();
    if (!src) {
      this.set('waiting', 'no_source');
      return;
    }
    await this.run(src);
  }

  private async run(src: ProgrammeSource) {
    const base = await freePorts();
    const want = [{ producer: src.video, port: base }, ...(src.audio ? [{ producer: src.audio, port: base + 2 }] : [])];
    for (const w of want) {
      const transport = await src.router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: false, comedia: false, appData: { broadcast: this.room.meetingId } });
      await transport.connect({ ip: '127.0.0.1', port: w.port, rtcpPort: w.port + 1 });
      const consumer = await transport.consume({ producerId: w.producer.id, rtpCapabilities: src.router.rtpCapabilities, paused: true });
      this.legs.push({ transport, consumer, port: w.port });
    }
    const sdp = join(this.dir, 'input.sdp');
    await writeFile(sdp, programmeSdp(this.legs.map((l) => ({ kind: l.consumer.kind, port: l.port, rtpParameters: l.consumer.rtpParameters }))));
    const args = ffmpegArgs({ sdp, dir: this.dir, captionFile: this.captionFile, font: this.env.BROADCAST_FONT, segmentSeconds: this.env.BROADCAST_SEGMENT_SECONDS, audio: !!src.audio });
    const child = spawn(this.env.FFMPEG_BIN, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.ffmpeg = child;
    this.source = { endpointId: src.endpointId, videoId: src.video.id, audioId: src.audio?.id ?? null };
    this.startedAt = new Date().toISOString();
    this.segments = 0;
    this.set('starting', null);
    let tail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => (tail = (tail + d).slice(-2000)));
    child.once('exit', (code, signal) => {
      if (this.ffmpeg !== child) return; // replaced or stopped on purpose
      this.ffmpeg = null;
      this.failures += 1;
      this.log.warn({ meetingId: this.room.meetingId, code, signal, stderr: tail }, 'ffmpeg exited');
      this.set('unavailable', 'ffmpeg_failed');
      // a crash is retried with a growing pause (the source may have gone, reconcile decides)
      this.retry = setTimeout(() => void this.teardown().then(() => this.reconcile()), Math.min(30_000, 1000 * 2 ** Math.min(this.failures, 5)));
    });
    // FFmpeg opens its sockets quickly; the consumers resume once it runs, and a keyframe is asked so the first segment starts at once
    await new Promise((r) => setTimeout(r, 300));
    for (const l of this.legs) {
      await l.consumer.resume();
      if (l.consumer.kind === 'video') await l.consumer.requestKeyFrame();
    }
    // closing producers (the site left) or transports end this run: the room tells reconcile
  }

  private async teardown() {
    clearTimeout(this.retry);
    const child = this.ffmpeg;
    this.ffmpeg = null;
    if (child && child.exitCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    for (const l of this.legs) l.transport.close();
    this.legs = [];
    this.source = null;
  }

  private async writeCaption(text: string) {
    // FFmpeg re-reads the file each frame: written whole, then renamed over (never a half-written caption)
    const tmp = `${this.captionFile}.tmp`;
    await writeFile(tmp, text || ' ', 'utf8');
    await rename(tmp, this.captionFile);
  }

  private set(status: BroadcastStatus, reason: BroadcastReason | null) {
    this.status = status;
    this.reason = reason;
  }

  /** The state; 'starting' turns 'live' once the playlist lists a segment of this run. */
  async state(): Promise<BroadcastState> {
    if (this.status === 'starting' || this.status === 'live') {
      const list = await readFile(join(this.dir, 'index.m3u8'), 'utf8').catch(() => '');
      const listed = list.split('\n').filter((l) => l.startsWith('#EXTINF')).length;
      if (listed > 0 && this.startedAt && Date.parse(this.startedAt) <= Date.now()) {
        this.segments = listed;
        if (this.status === 'starting') this.failures = 0;
        this.set('live', null);
      }
    }
    return {
      meetingId: this.room.meetingId,
      status: this.stopped ? 'off' : this.status,
      reason: this.stopped ? 'meeting_not_live' : this.reason,
      sourceEndpointId: this.source?.endpointId ?? null,
      caption: this.source ? (this.captions[this.source.endpointId] ?? null) : null,
      startedAt: this.startedAt,
      segments: this.segments,
    };
  }

  /** The meeting ended: FFmpeg stops, the playlist is closed (players see the end), segments stay until the next start. */
  async stop(): Promise<BroadcastState> {
    this.stopped = true;
    await this.chain;
    await this.teardown();
    await appendFile(join(this.dir, 'index.m3u8'), '#EXT-X-ENDLIST\n').catch(() => undefined);
    return this.state();
  }

  /** Removes this meeting's files (a new run of the meeting starts clean). */
  async clear() {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** The state of a meeting with no broadcast in this process. */
export const broadcastOff = (meetingId: string, reason: BroadcastReason = 'meeting_not_live'): BroadcastState => ({
  meetingId,
  status: 'off',
  reason,
  sourceEndpointId: null,
  caption: null,
  startedAt: null,
  segments: 0,
});
