// 1. fanout: one queue change (the chair moves a request to the front over HTTP)
// reaching N viewer sockets subscribed to a restricted meeting (the visibility rule, not
// the public shortcut), each viewer with its own session. Latency from the command to the
// last client, per repetition; floor: bare Socket.IO broadcasting the same event
// (captured from the api) to the same N clients on an HTTP POST. Both sets of clients
// stay connected and the commands alternate api / floor.
//
// A size is { n, procs }: on two processes the viewers alternate between two api
// processes sharing the database and Redis, and the floor is two bare servers on the
// same sharded Redis adapter; on one, one of each. Beside the latencies: the CPU each
// side spent per command (api processes against the floor's, over the same alternating
// loop), the largest event-loop stall of each side (monitorEventLoopDelay inside the
// servers), and the chair's own HTTP answer time.
import { Session, dbSeq, http, restrictedMeeting, sessionTokens } from '../lib/api.mjs';
import { log, now, redisNamespace, sleep, startApi, startBare } from '../lib/infra.mjs';
import { monitor } from '../lib/monitor.mjs';
import { ClientPool, procsFor } from '../lib/pool.mjs';
import { approvedQueue, rotateCommand } from '../lib/scenario.mjs';
import { histCount, histPct, pct, ratio, round } from '../lib/stats.mjs';

const GAP_MS = 100; // quiet time between repetitions
export const AIMS = { p99Ratio: 1.2, cpuRatio: 1.2, stallMs: 200 };

/**
 * One side (api or floor): `send()` issues the command and returns {seq, t0, t1};
 * the side's pool tells when every socket has that seq.
 */
function side(pool, send) {
  return { pool, send, t0BySeq: new Map(), t1BySeq: new Map(), cmdMs: [], incomplete: 0, lastSeq: null };
}

async function rep(s, measured) {
  const { seq, t0, t1 } = await s.send();
  const r = await s.pool.expect(seq, 30_000);
  if (measured) {
    s.t0BySeq.set(seq, t0);
    s.t1BySeq.set(seq, t1);
    s.cmdMs.push(t1 - t0);
    if (!r.complete) s.incomplete += 1;
  }
  s.lastSeq = seq;
}

async function results(s, n, reps) {
  const lat = await s.pool.latencies(s.t0BySeq);
  // A command that did not reach every client is a failure, never a value left out: its latency counts as infinite.
  let notReceived = 0;
  let answeredFirst = 0;
  const lastClient = [...s.t0BySeq.keys()].map((seq) => {
    const l = lat.last.get(seq);
    if (!l || l.max === null || l.n < n) {
      notReceived += 1;
      return Infinity;
    }
    if (s.t1BySeq.get(seq) - s.t0BySeq.get(seq) < l.max) answeredFirst += 1;
    return l.max;
  });
  const check = await s.pool.check(s.lastSeq);
  const fin = (x) => (Number.isFinite(x) ? x : null);
  return {
    n: lastClient.length,
    p50: fin(pct(lastClient, 50)),
    p99: fin(pct(lastClient, 99)),
    max: fin(pct(lastClient, 100)),
    notReceived,
    answeredFirst,
    deliveryP50: histPct(lat.hist, 50),
    deliveryP99: histPct(lat.hist, 99),
    missingDeliveries: reps * n - histCount(lat.hist),
    cmdP50: pct(s.cmdMs, 50),
    cmdP99: pct(s.cmdMs, 99),
    cmdMax: pct(s.cmdMs, 100),
    incomplete: s.incomplete,
    check,
  };
}

const cpuOf = (procs) => procs.reduce((a, p) => a + p.stats().cpuSeconds, 0);
const stallOf = async (procs) => Math.max(...(await Promise.all(procs.map((p) => p.loopDelay()))).map((d) => d.maxMs));
const met = (ok) => (ok === null ? 'n/a' : ok ? 'met' : 'not met');

export async function run({ config, emit }) {
  const [api, bare] = await Promise.all([startApi(), startBare()]);
  const admin = await Session.signIn(api.baseUrl, 'admin');
  const provinces = (await admin.get('/api/organizations?kind=province&limit=100')).items.slice(0, config.queue);
  const m = await restrictedMeeting(api.baseUrl, { endpoints: provinces.map((p) => p.id) });
  const order = await approvedQueue(m);
  const rotate = rotateCommand(m, order);
  // The second api process and the two-process floor, started when a size needs them.
  let pair = null;
  const twoProcesses = async () => {
    if (pair) return pair;
    const ns = redisNamespace();
    const [api2, bareA, bareB] = await Promise.all([
      startApi({ shared: api }),
      startBare({ ADAPTER: 'sharded', REDIS_PREFIX: ns.prefix }),
      startBare({ ADAPTER: 'sharded', REDIS_PREFIX: ns.prefix }),
    ]);
    pair = { apis: [api, api2], bares: [bareA, bareB] };
    return pair;
  };

  // The first command's event, captured by a socket of the driver: the floor sends the very same bytes.
  const mon = await monitor(api.baseUrl, m.chair.token, m.meetingId);
  const first = mon.waitFor(() => true);
  if ((await rotate()).status !== 200) throw new Error('the chair cannot move a request');
  const template = await first;
  mon.close();
  // The command answers after its event was committed and handed to Socket.IO, and
  // nothing else writes to the meeting here: its seq is then the meeting's seq.
  const appSend = async () => {
    const t0 = now();
    const r = await rotate();
    const t1 = now();
    if (r.status !== 200) throw new Error(`move -> ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    return { seq: await dbSeq(api, m.meetingId), t0, t1 };
  };
  const payloadBytes = Buffer.byteLength(JSON.stringify(template));
  let bareSeq = 0;

  for (const size of config.sizes) {
    const { n, procs = 1 } = typeof size === 'number' ? { n: size } : size;
    const { apis, bares } = procs === 2 ? await twoProcesses() : { apis: [api], bares: [bare] };
    // every floor server starts this size at the seq the last one reached, so no client sees a gap
    for (const b of bares) await http(b.baseUrl, 'POST', '/template', { body: { event: template, seq: bareSeq } });
    const bareSend = async () => {
      const t0 = now();
      const r = await http(bares[0].baseUrl, 'POST', '/emit', { body: { meetingId: m.meetingId, position: 0 } });
      bareSeq = r.body.seq;
      return { seq: r.body.seq, t0, t1: now() };
    };
    // Both sides stay connected and take turns, command by command, so that
    // whatever else the machine is doing weighs on both alike.
    const appPool = await ClientPool.create(procsFor(n));
    const barePool = await ClientPool.create(procsFor(n));
    try {
      const tokens = await sessionTokens(api, m.viewer, n);
      const cpuC0 = cpuOf(apis);
      const c = await appPool.connect({ n, urls: apis.map((a) => a.baseUrl), tokens, meetingId: m.meetingId });
      const connectCpu = cpuOf(apis) - cpuC0;
      if (c.failed) log(`fanout: ${c.failed}/${n} api sockets failed: ${c.errors[0]}`);
      log(`fanout: ${c.connected} viewers (own sessions) on ${procs} api process(es) in ${Math.round(c.ms)} ms`);
      const bareC0 = cpuOf(bares);
      const b = await barePool.connect({ n, urls: bares.map((x) => x.baseUrl), token: 'none', meetingId: m.meetingId });
      const bareConnectCpu = cpuOf(bares) - bareC0;
      log(`fanout: ${b.connected} clients on ${procs} bare server(s) in ${Math.round(b.ms)} ms`);
      const appSide = side(appPool, appSend);
      const bareSide = side(barePool, bareSend);
      await Promise.all([...apis, ...bares].map((p) => p.loopDelay())); // from here on
      const cpu0 = cpuOf(apis);
      const fcpu0 = cpuOf(bares);
      const total = config.warmup + config.reps;
      for (let i = 0; i < total; i++) {
        await rep(appSide, i >= config.warmup);
        await sleep(GAP_MS);
        await rep(bareSide, i >= config.warmup);
        await sleep(GAP_MS);
      }
      const cpuPer = (cpuOf(apis) - cpu0) / total;
      const floorCpuPer = (cpuOf(bares) - fcpu0) / total;
      const [stall, floorStall] = [await stallOf(apis), await stallOf(bares)];
      const app = await results(appSide, c.connected, config.reps);
      const floor = await results(bareSide, b.connected, config.reps);

      const lost = app.check.lostEvents;
      const r = ratio(app.p99, floor.p99);
      const cpuRatio = ratio(cpuPer, floorCpuPer);
      const aims = {};
      if (procs === 2) aims[`fanout p99 <= ${AIMS.p99Ratio}x floor`] = met(r !== null && r <= AIMS.p99Ratio);
      if (procs === 1 && n >= 10_000) aims[`no loop stall > ${AIMS.stallMs} ms`] = met(stall <= AIMS.stallMs);
      if (n >= 10_000) aims[`api CPU per broadcast <= ${AIMS.cpuRatio}x floor`] = met(cpuRatio !== null && cpuRatio <= AIMS.cpuRatio);
      const ok =
        c.failed === 0 && app.check.disconnects === 0 && lost === 0 && app.missingDeliveries === 0 && app.notReceived === 0 && app.check.gaps === 0 && app.check.outOfOrder === 0 && app.incomplete === 0;
      emit({
        size: `${n} viewers, ${procs} process${procs === 2 ? 'es' : ''}`,
        p50_ms: round(app.p50),
        p99_ms: round(app.p99),
        max_ms: round(app.max),
        n: app.n,
        floor_p50_ms: round(floor.p50),
        floor_p99_ms: round(floor.p99),
        floor_max_ms: round(floor.max),
        ratio_p99: r,
        lost,
        commands_not_received: app.notReceived,
        out_of_order: app.check.outOfOrder,
        gaps_resynced: app.check.gaps,
        dup: app.check.dupDeliveries,
        missing_live_deliveries: app.missingDeliveries,
        failed_to_connect: c.failed,
        disconnects: app.check.disconnects,
        floor_disconnects: floor.check.disconnects,
        incomplete_reps: app.incomplete,
        delivery_p50_ms: round(app.deliveryP50),
        delivery_p99_ms: round(app.deliveryP99),
        floor_delivery_p99_ms: round(floor.deliveryP99),
        chair_http_p50_ms: round(app.cmdP50),
        chair_http_p99_ms: round(app.cmdP99),
        chair_http_max_ms: round(app.cmdMax),
        chair_answered_before_last_viewer: `${app.answeredFirst}/${app.n}`,
        api_cpu_ms_per_command: round(cpuPer * 1000, 1),
        floor_cpu_ms_per_command: round(floorCpuPer * 1000, 1),
        ratio_cpu: cpuRatio,
        api_loop_stall_max_ms: stall,
        floor_loop_stall_max_ms: floorStall,
        api_connect_cpu_ms_per_socket: round((connectCpu * 1000) / Math.max(1, c.connected), 2),
        floor_connect_cpu_ms_per_socket: round((bareConnectCpu * 1000) / Math.max(1, b.connected), 2),
        reps: config.reps,
        payload_bytes: payloadBytes,
        connect_s: round(c.ms / 1000, 1),
        floor_connect_s: round(b.ms / 1000, 1),
        floor_lost: floor.check.lostEvents + floor.missingDeliveries + floor.notReceived,
        aims,
        target: Object.keys(aims).join('; ') || null,
        target_met: Object.values(aims).length ? Object.values(aims).every((v) => v === 'met') : null,
        gap_examples: app.check.gapExamples.length ? app.check.gapExamples : undefined,
        ok,
        note: `n=${app.n} commands, p99 ${round(app.p99)} / max ${round(app.max)} ms (floor ${round(floor.p99)} / ${round(floor.max)}); CPU ${round(cpuPer * 1000, 1)} vs ${round(floorCpuPer * 1000, 1)} ms per command; loop stall ${stall} ms (floor ${floorStall}); chair HTTP p50 ${round(app.cmdP50)} ms; ${Object.entries(aims).map(([k, v]) => `${k}: ${v}`).join('; ')}`,
      });
    } finally {
      await appPool.close();
      await barePool.close();
    }
  }
}
