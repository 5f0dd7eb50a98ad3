// media: how many consumers one mediasoup worker carries. The built media
// process (dist/apps/media) runs with ONE worker; the bench drives it over its
// control channel (no api, no browser): one plain-RTP producer fed by this
// process at a voice/video-like packet rate, and "headless" consumers, each a
// plain transport consuming that producer and sending to a UDP sink here.
// Consumers are added in steps until the worker's CPU (from /proc/<pid>/stat,
// share of one core over a measuring window) passes `maxCpu` or `target`
// consumers are reached. One JSON line: { bench: 'media', consumers, cpu, ... }.
// Needs: npx nest build media, and MEDIASOUP_WORKER_BIN (or the cached worker
// of scripts/media/build-mediasoup-worker.sh).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { freePort, log as benchLog, onCleanup, ROOT, sleep } from '../lib/infra.mjs';

export const MEDIA_MAIN = join(ROOT, 'dist/apps/media/apps/media/src/main.js');
const CACHED_WORKER = join(homedir(), '.cache/hop-truc-tuyen/mediasoup-worker-3.12.16');
export const DEFAULTS = { step: 50, target: 2000, maxCpu: 0.85, windowMs: 2000, pps: 100, payloadBytes: 1000 };

const TICKS = 100; // USER_HZ on Linux
const cpuTicks = (pid) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
};

export async function startMedia(log, env = {}) {
  const bin = process.env.MEDIASOUP_WORKER_BIN || (existsSync(CACHED_WORKER) ? CACHED_WORKER : null);
  if (!bin) throw new Error(`no mediasoup worker: set MEDIASOUP_WORKER_BIN or build ${CACHED_WORKER} (scripts/media/build-mediasoup-worker.sh)`);
  if (!existsSync(MEDIA_MAIN)) throw new Error(`the built media process is missing (${MEDIA_MAIN}): run "npx nest build media" first`);
  const port = await freePort();
  const secret = randomBytes(16).toString('hex');
  const child = spawn(process.execPath, [MEDIA_MAIN], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', MEDIASOUP_WORKER_BIN: bin, MEDIA_PORT: String(port), MEDIA_HOST: '127.0.0.1', MEDIA_SECRET: secret, MEDIA_WORKERS: '1', MEDIA_MAX_CONSUMERS_PER_WORKER: '100000', MEDIA_LISTEN_IP: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`media process exited with ${child.exitCode}`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error('media process did not start in 20 s');
    await sleep(100); // polling a process that is starting
  }
  log(`media process on ${url}`);
  const rpc = async (method, params) => {
    const res = await fetch(`${url}/rpc`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify({ method, params }) });
    const a = await res.json();
    if (!a.ok) throw new Error(`${method}: ${a.error.code} ${a.error.message}`);
    return a.data;
  };
  return { rpc, url, secret };
}

export async function run({ config = {}, emit, log = benchLog }) {
  const c = { ...DEFAULTS, ...config };
  const { rpc } = await startMedia(log);
  const meetingId = 'bench-media';
  const peerId = 'bench';
  const { routerRtpCapabilities } = await rpc('room.open', { meetingId, speakerEndpointId: null });
  const workerPid = (await rpc('debug.dump', {})).workers[0].pid;

  // the producer: a "host" site (never paused by the floor) on a comedia plain transport
  const send = await rpc('transport.create', { meetingId, peerId, direction: 'send', type: 'plain', endpointId: 'host', comedia: true, rtcpMux: true });
  const { producerId } = await rpc('produce', {
    meetingId, peerId, transportId: send.id, endpointId: 'host', isHost: true, kind: 'audio',
    rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 4321 }] },
    appData: {},
  });

  // consumers send to this sink (which drops what it gets)
  const sink = createSocket('udp4');
  await new Promise((r) => sink.bind(0, '127.0.0.1', r));
  sink.on('message', () => {});
  const sinkPort = sink.address().port;
  onCleanup(() => sink.close());

  // the stream: `pps` packets per second of `payloadBytes`
  const udp = createSocket('udp4');
  onCleanup(() => udp.close());
  let seq = 0;
  const packet = Buffer.alloc(12 + c.payloadBytes);
  packet[0] = 0x80;
  packet[1] = 100;
  packet.writeUInt32BE(4321, 8);
  const timer = setInterval(() => {
    const burst = Math.max(1, Math.round(c.pps / 100));
    for (let i = 0; i < burst; i++) {
      seq = (seq + 1) & 0xffff;
      packet.writeUInt16BE(seq, 2);
      packet.writeUInt32BE((seq * 480) >>> 0, 4);
      udp.send(packet, send.port, send.ip);
    }
  }, 10);
  onCleanup(() => clearInterval(timer));

  const addConsumers = async (n) => {
    for (let i = 0; i < n; i++) {
      const t = await rpc('transport.create', { meetingId, peerId, direction: 'recv', type: 'plain', endpointId: null, comedia: false, rtcpMux: true });
      await rpc('transport.connect', { meetingId, peerId, transportId: t.id, ip: '127.0.0.1', port: sinkPort });
      const consumer = await rpc('consume', { meetingId, peerId, transportId: t.id, producerId, rtpCapabilities: routerRtpCapabilities });
      await rpc('consumer.setPaused', { meetingId, peerId, consumerId: consumer.id, paused: false });
    }
  };
  const measure = async () => {
    const t0 = Date.now();
    const c0 = cpuTicks(workerPid);
    await sleep(c.windowMs); // a measuring window: CPU is a rate
    return (cpuTicks(workerPid) - c0) / TICKS / ((Date.now() - t0) / 1000);
  };

  let consumers = 0;
  let cpu = await measure();
  const steps = [{ consumers, cpu: Math.round(cpu * 1000) / 1000 }];
  log(`0 consumers: worker cpu ${Math.round(cpu * 100)}%`);
  while (consumers < c.target && cpu < c.maxCpu) {
    const n = Math.min(c.step, c.target - consumers);
    await addConsumers(n);
    consumers += n;
    cpu = await measure();
    steps.push({ consumers, cpu: Math.round(cpu * 1000) / 1000 });
    log(`${consumers} consumers: worker cpu ${Math.round(cpu * 100)}%`);
  }
  const perConsumer = consumers ? (cpu - steps[0].cpu) / consumers : null;
  emit({
    size: `1 worker, ${c.pps} pps x ${c.payloadBytes} B`,
    consumers,
    cpu: Math.round(cpu * 1000) / 1000,
    reason: cpu >= c.maxCpu ? `worker cpu reached ${c.maxCpu}` : `target ${c.target} reached`,
    // consumers one worker would carry at maxCpu, extrapolated linearly from the last step
    consumers_at_max_cpu: perConsumer && perConsumer > 0 ? Math.round((c.maxCpu - steps[0].cpu) / perConsumer) : null,
    steps,
    p50_ms: null,
    p99_ms: null,
    lost: null,
    ok: consumers > 0,
    note: `${consumers} consumers at ${Math.round(cpu * 100)}% of a core`,
  });
  await rpc('room.close', { meetingId });
}
