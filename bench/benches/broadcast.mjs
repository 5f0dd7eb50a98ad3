// broadcast: the watch-only tier (issue 21). The built media process runs
// FFmpeg for a live meeting's programme (a plain-RTP "hall gateway" sends
// FFmpeg's VP8 test picture as the host site), the built api serves the HLS.
// Measured:
//   1. segment availability lag: the first RTP packet -> the first segment
//      listed, and for every later segment, its EXT-X-PROGRAM-DATE-TIME (the
//      wall-clock time FFmpeg took its first frame) -> listed in the playlist
//      (polled every 20 ms), i.e. the segment's length plus encode and write;
//   2. N concurrent players, each in a closed loop fetching the playlist and
//      the newest segment, against one api process and against nginx serving
//      the same directory (infra/nginx/hls.conf: token checked through
//      auth_request, answers cached) or, without nginx, a bare Node static
//      server: requests/s, MB/s, p50/p99 per request;
//   3. the extrapolation to 31,097 watching sites (docs/benchmarks.md).
// Needs: npx nest build api media, MEDIASOUP_WORKER_BIN, /usr/bin/ffmpeg; nginx optional.
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, Agent } from 'node:http';
import { join } from 'node:path';
import { benchTmp, freePort, JWT_SECRET, log as benchLog, now, onCleanup, procStats, ROOT, sleep, startApi } from '../lib/infra.mjs';
import { liveMeeting } from '../lib/api.mjs';
import { pct, round } from '../lib/stats.mjs';
import { startMedia } from './media.mjs';

export const DEFAULTS = { players: [50, 200], seconds: 8, lagSegments: 10 };
const FFMPEG = '/usr/bin/ffmpeg';
const NGINX = '/usr/sbin/nginx';

/** One GET on a keep-alive agent: status, bytes, milliseconds. */
function get(agent, url) {
  return new Promise((resolve) => {
    const t0 = now();
    const req = httpRequest(url, { agent }, (res) => {
      let bytes = 0;
      const chunks = [];
      res.on('data', (c) => {
        bytes += c.length;
        if (res.headers['content-type']?.includes('mpegurl')) chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode, bytes, ms: now() - t0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', () => resolve({ status: 0, bytes: 0, ms: now() - t0, body: '' }));
    req.end();
  });
}

/** N players in closed loops for `seconds`: playlist, then its newest segment, again and again. */
async function players(n, seconds, playlistUrl, pids) {
  const agent = new Agent({ keepAlive: true, maxSockets: n });
  const lat = [];
  let bytes = 0;
  let errors = 0;
  let requests = 0;
  const before = pids.map((p) => procStats(p));
  const t0 = now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (now() < end) {
        const list = await get(agent, playlistUrl);
        requests += 1;
        lat.push(list.ms);
        if (list.status !== 200) {
          errors += 1;
          continue;
        }
        const segs = list.body.split('\n').filter((l) => l && !l.startsWith('#'));
        const newest = segs.at(-1);
        if (!newest) continue;
        const seg = await get(agent, new URL(newest, playlistUrl).toString());
        requests += 1;
        lat.push(seg.ms);
        bytes += seg.bytes;
        if (seg.status !== 200) errors += 1;
      }
    }),
  );
  const wall = (now() - t0) / 1000;
  const after = pids.map((p) => procStats(p));
  agent.destroy();
  const cpu = before.reduce((sum, b, i) => sum + ((after[i]?.cpuSeconds ?? 0) - (b?.cpuSeconds ?? 0)), 0) / wall;
  return { rps: round(requests / wall, 0), mbps: round((bytes * 8) / wall / 1e6, 1), p50_ms: round(pct(lat, 50)), p99_ms: round(pct(lat, 99)), errors, cpu: round(cpu, 2) };
}

/** nginx in front of the same directory, one worker (as one api process is one core), the token checked by the api. */
async function startNginx(apiPort, dir, log) {
  const port = await freePort();
  const conf = join(benchTmp(), `nginx-${port}`);
  mkdirSync(conf, { recursive: true });
  const file = join(conf, 'nginx.conf');
  writeFileSync(
    file,
    `daemon off;
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${conf}/nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path ${conf}/body;
  proxy_temp_path ${conf}/proxy;
  fastcgi_temp_path ${conf}/fastcgi;
  uwsgi_temp_path ${conf}/uwsgi;
  scgi_temp_path ${conf}/scgi;
  include ${ROOT}/infra/nginx/hls-http.conf;
  upstream api { server 127.0.0.1:${apiPort}; keepalive 16; }
  server {
    listen 127.0.0.1:${port};
    set $broadcast_root ${dir};
    include ${ROOT}/infra/nginx/hls.conf;
  }
}
`,
  );
  const child = spawn(NGINX, ['-c', file, '-p', conf], { stdio: ['ignore', 'ignore', 'inherit'] });
  onCleanup(() => child.kill('SIGTERM'));
  const deadline = Date.now() + 10_000;
  while (!(await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('nginx did not start');
    await sleep(50); // a starting process
  }
  // the worker does the serving (the master only supervises it)
  const workers = spawnSync('pgrep', ['-P', String(child.pid)]).stdout.toString().trim().split('\n').filter(Boolean).map(Number);
  log(`nginx on ${port} (${dir}), worker ${workers.join(',')}`);
  return { port, pids: workers, kind: 'nginx' };
}

/** Without nginx: a bare Node static server on the same files (no token check), the floor of what Node itself can serve. */
async function startStatic(dir, log) {
  const port = await freePort();
  const server = createServer((req, res) => {
    const m = /^\/hls\/([0-9a-f-]{36})\/(index\.m3u8|seg-[0-9]+\.ts)/.exec(req.url ?? '');
    if (!m) return res.writeHead(404).end();
    const path = join(dir, m[1], m[2]);
    if (!existsSync(path)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': m[2].endsWith('.ts') ? 'video/mp2t' : 'application/vnd.apple.mpegurl', 'content-length': statSync(path).size });
    createReadStream(path).pipe(res);
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  onCleanup(() => server.close());
  log(`bare Node static server on ${port}`);
  return { port, pids: [], kind: 'bare node static (same process as the clients)' };
}

export async function run({ config = {}, emit, log = benchLog }) {
  const c = { ...DEFAULTS, ...config };
  if (!existsSync(FFMPEG)) throw new Error('broadcast bench needs /usr/bin/ffmpeg');
  const dir = join(benchTmp(), 'broadcast');
  mkdirSync(dir, { recursive: true });
  const media = await startMedia(log, { BROADCAST_DIR: dir });
  const api = await startApi({ env: { MEDIA_URL: media.url, MEDIA_SECRET: media.secret, BROADCAST_DIR: dir, JWT_SECRET } });
  const m = await liveMeeting(api.baseUrl, { title: 'Hội nghị toàn quốc đến cấp xã (đo truyền hình)' });
  const host = (await m.organizer.call('endpoints.add', { params: { id: m.meetingId }, body: { organizationId: m.bng.id, isHost: true } })).id;

  // the hall gateway: VP8 test picture over RTP, produced for the host site
  const peerId = 'bench-gateway';
  await media.rpc('room.open', { meetingId: m.meetingId, speakerEndpointId: null });
  const send = await media.rpc('transport.create', { meetingId: m.meetingId, peerId, direction: 'send', type: 'plain', endpointId: host, comedia: true, rtcpMux: true });
  await media.rpc('produce', {
    meetingId: m.meetingId, peerId, transportId: send.id, endpointId: host, isHost: true, kind: 'video',
    rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }], encodings: [{ ssrc: 5555 }] }, appData: {},
  });
  const access = await m.viewer.call('broadcast.access', { params: { id: m.meetingId } });
  const rtpStart = now();
  const sender = spawn(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=25', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '800k', '-g', '50', '-ssrc', '5555', '-payload_type', '101', '-f', 'rtp', `rtp://${send.ip}:${send.port}`], { stdio: 'ignore' });
  onCleanup(() => sender.kill('SIGKILL'));

  // 1. lag: poll the file FFmpeg writes (what both servers serve) every 20 ms
  const listFile = join(dir, m.meetingId, 'index.m3u8');
  const seen = new Set();
  const lags = [];
  let firstListedMs = null;
  const deadline = now() + 30_000 + c.lagSegments * 2000;
  while (lags.length < c.lagSegments && now() < deadline) {
    const text = existsSync(listFile) ? readFileSync(listFile, 'utf8') : '';
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const name = lines[i];
      if (!name || name.startsWith('#') || seen.has(name)) continue;
      seen.add(name);
      if (firstListedMs === null) firstListedMs = now() - rtpStart;
      const pdt = lines.slice(0, i).reverse().find((l) => l.startsWith('#EXT-X-PROGRAM-DATE-TIME:'));
      // the first segments of a run are listed together while FFmpeg probes: keep the steady state
      if (pdt && seen.size > 2) lags.push(Date.now() - Date.parse(pdt.slice(25)));
    }
    await sleep(20); // polling another process's file
  }
  const segBytes = [...seen].slice(-3).map((s) => (existsSync(join(dir, m.meetingId, s)) ? statSync(join(dir, m.meetingId, s)).size : 0)).filter(Boolean);
  const segmentKB = segBytes.length ? round(segBytes.reduce((a, b) => a + b, 0) / segBytes.length / 1024, 0) : null;
  emit({
    size: '640x360 VP8 in, H.264 480p out, 1 s segments',
    first_segment_ms: round(firstListedMs, 0),
    p50_ms: round(pct(lags, 50), 0),
    p99_ms: round(pct(lags, 99), 0),
    segment_kB: segmentKB,
    lost: null,
    ok: lags.length >= Math.min(3, c.lagSegments),
    note: `segment's first frame -> listed, ${lags.length} segments (includes the 1 s of the segment itself); first RTP packet -> first segment listed ${round(firstListedMs / 1000, 1)} s`,
  });
  const ffmpegPid = spawnSync('pgrep', ['-f', `${dir}/${m.meetingId}/input.sdp`]).stdout.toString().trim().split('\n')[0];
  if (ffmpegPid) {
    const a = procStats(Number(ffmpegPid));
    await sleep(2000); // a CPU sample window
    const b = procStats(Number(ffmpegPid));
    log(`ffmpeg (one programme) cpu ${round((b.cpuSeconds - a.cpuSeconds) / 2, 2)} of a core`);
  }

  // 2. players: the api vs nginx (or a bare static server) on the same files
  const front = existsSync(NGINX) ? await startNginx(api.port, dir, log) : await startStatic(dir, log);
  const apiUrl = new URL(access.playlistUrl, api.baseUrl).toString();
  const frontUrl = `http://127.0.0.1:${front.port}/hls/${m.meetingId}/index.m3u8?token=${encodeURIComponent(access.token)}`;
  const check = await fetch(frontUrl);
  if (check.status !== 200) throw new Error(`${front.kind} answered ${check.status} for the playlist`);
  for (const n of c.players) {
    for (const [name, url, pids] of [
      ['api', apiUrl, [api.pid]],
      // nginx's figure includes the api's CPU for the auth checks it still answers
      [front.kind, frontUrl, front.kind === 'nginx' ? [...front.pids, api.pid] : []],
    ]) {
      const r = await players(n, c.seconds, url, pids);
      log(`${n} players on ${name}: ${r.rps} req/s, ${r.mbps} Mbit/s, p99 ${r.p99_ms} ms, cpu ${r.cpu}`);
      emit({ size: `${n} players -> ${name}`, rps: r.rps, mbit_s: r.mbps, p50_ms: r.p50_ms, p99_ms: r.p99_ms, server_cpu: r.cpu, lost: r.errors, ok: r.errors === 0, note: `closed loop ${c.seconds} s: playlist + newest segment (~${segmentKB} kB)` });
    }
  }
  sender.kill('SIGKILL');
}
