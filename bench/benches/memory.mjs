// 5. memory (and subscribe): what N idle sockets, connected and subscribed to a restricted
// meeting (the visibility rule), each with its own viewer session, cost the server
// process: RSS (/proc/<pid>/status VmRSS of the process we spawned) and V8 heap
// (process.memoryUsage() inside the server, through the preloaded bench/lib/mem-probe.cjs,
// after a full GC), and whether it returns near the baseline after they disconnect; and what
// connecting and subscribing them cost: the server's CPU per socket over the connect phase,
// and each socket's connect + subscribe time (p50/p99, N in parallel, 25 in flight per client
// process). Floor: the bare Socket.IO server, same N. The two are measured alternately
// (api, floor, api, floor, ... `rounds` times each) so that drift of the machine weighs on both.
// BENCH_HEAP_SNAPSHOT=<dir>: heap snapshots of each server before and with its N sockets held (first round);
// with BENCH_CPU_PROFILE=1 also a CPU profile of each server's connect + subscribe phase there.
import { join } from 'node:path';
import { restrictedMeeting, sessionTokens } from '../lib/api.mjs';
import { log, sleep, startApi, startBare } from '../lib/infra.mjs';
import { ClientPool, procsFor } from '../lib/pool.mjs';
import { pct, ratio, round } from '../lib/stats.mjs';

const MB = 1024 * 1024;
export const AIMS = { subscribeRatio: 2, heapRatio: 1.2 };

async function measure(server, pool, n, { idleMs, afterMs, settleMs = 1000 }, connectArgs, snapshot) {
  // warm-up: code paths compiled and pools filled before the baseline
  await pool.connect({ ...(await connectArgs(Math.min(50, n))), n: Math.min(50, n) });
  await pool.closeSockets();
  await sleep(settleMs);
  const profile = process.env.BENCH_CPU_PROFILE === '1' && snapshot ? snapshot.replace(/heapsnapshot$/, 'cpuprofile') : null;
  // with a snapshot asked, one of the baseline too: the difference of the two is what the sockets hold
  const base = await server.memory({ gc: true, cpuProfile: profile ? `${profile}.before` : null, snapshot: snapshot ? snapshot.replace(/\.heapsnapshot$/, '-baseline.heapsnapshot') : null }); // the profile restarts here
  const args = await connectArgs(n);
  const cpu0 = server.stats().cpuSeconds;
  const c = await pool.connect({ ...args, n });
  const cpu = server.stats().cpuSeconds - cpu0;
  if (profile) await server.memory({ cpuProfile: profile }); // the connect + subscribe phase alone
  if (c.failed) log(`memory: ${c.failed}/${n} sockets failed: ${c.errors.join('; ')}`);
  await sleep(idleMs);
  const held = await server.memory({ gc: true, snapshot });
  await pool.closeSockets();
  await sleep(afterMs);
  const after = await server.memory({ gc: true });
  const per = (k) => (held[k] - base[k]) / Math.max(1, c.connected) / 1024;
  return { c, base, held, after, cpuMsPerSocket: (cpu * 1000) / Math.max(1, c.connected), heapKb: per('heapUsed'), rssKb: per('procRss') };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const met = (ok) => (ok ? 'met' : 'not met');

export async function run({ config, emit }) {
  const n = config.sockets;
  const rounds = config.rounds ?? 2;
  const [api, bare] = await Promise.all([startApi(), startBare()]);
  const m = await restrictedMeeting(api.baseUrl);
  const pool = await ClientPool.create(procsFor(n));
  const snapDir = process.env.BENCH_HEAP_SNAPSHOT;
  try {
    const apiRuns = [];
    const floorRuns = [];
    for (let r = 0; r < rounds; r++) {
      // fresh sessions every round: each is looked up once, as a real audience's would be
      const app = await measure(api, pool, n, config, async (k) => ({ urls: [api.baseUrl], tokens: await sessionTokens(api, m.viewer, k), meetingId: m.meetingId }), snapDir && r === 0 ? join(snapDir, 'api.heapsnapshot') : null);
      log(`memory: round ${r + 1} api ${app.c.connected}/${n}: ${round(app.heapKb, 1)} KB heap, ${round(app.cpuMsPerSocket, 2)} ms CPU per socket`);
      apiRuns.push(app);
      const floor = await measure(bare, pool, n, config, async () => ({ urls: [bare.baseUrl], token: 'none', meetingId: m.meetingId }), snapDir && r === 0 ? join(snapDir, 'bare.heapsnapshot') : null);
      log(`memory: round ${r + 1} bare ${floor.c.connected}/${n}: ${round(floor.heapKb, 1)} KB heap, ${round(floor.cpuMsPerSocket, 2)} ms CPU per socket`);
      floorRuns.push(floor);
    }
    const app = apiRuns[apiRuns.length - 1];
    const floor = floorRuns[floorRuns.length - 1];
    const heapKb = mean(apiRuns.map((x) => x.heapKb));
    const floorHeapKb = mean(floorRuns.map((x) => x.heapKb));
    const rssKb = mean(apiRuns.map((x) => x.rssKb));
    const floorRssKb = mean(floorRuns.map((x) => x.rssKb));
    const cpuMs = mean(apiRuns.map((x) => x.cpuMsPerSocket));
    const floorCpuMs = mean(floorRuns.map((x) => x.cpuMsPerSocket));
    const lat = apiRuns.flatMap((x) => x.c.connectMs);
    const flat = floorRuns.flatMap((x) => x.c.connectMs);
    const p99 = pct(lat, 99);
    const fp99 = pct(flat, 99);
    const heldHeapDelta = app.held.heapUsed - app.base.heapUsed;
    const leftHeap = app.after.heapUsed - app.base.heapUsed;
    const leftRss = app.after.procRss - app.base.procRss;
    // "near baseline": the heap held by the sockets is given back (< 10% of it left).
    const returned = leftHeap <= Math.max(0.1 * heldHeapDelta, 2 * MB);
    const aims = {
      [`connect + subscribe p99 <= ${AIMS.subscribeRatio}x floor`]: met(ratio(p99, fp99) !== null && ratio(p99, fp99) <= AIMS.subscribeRatio),
      [`connect + subscribe CPU <= ${AIMS.subscribeRatio}x floor`]: met(ratio(cpuMs, floorCpuMs) !== null && ratio(cpuMs, floorCpuMs) <= AIMS.subscribeRatio),
      [`heap per socket <= ${AIMS.heapRatio}x floor`]: met(ratio(heapKb, floorHeapKb) !== null && ratio(heapKb, floorHeapKb) <= AIMS.heapRatio),
    };
    const failed = apiRuns.reduce((a, x) => a + x.c.failed, 0);
    emit({
      size: `${n} idle subscribed sockets x ${rounds} rounds`,
      p50_ms: round(pct(lat, 50)),
      p99_ms: round(p99),
      max_ms: round(pct(lat, 100)),
      n: lat.length,
      floor_p50_ms: round(pct(flat, 50)),
      floor_p99_ms: round(fp99),
      floor_max_ms: round(pct(flat, 100)),
      ratio_p99: ratio(p99, fp99),
      lost: null,
      connected: app.c.connected,
      failed_to_connect: failed,
      subscribe_cpu_ms_per_socket: round(cpuMs, 2),
      floor_subscribe_cpu_ms_per_socket: round(floorCpuMs, 2),
      ratio_subscribe_cpu: ratio(cpuMs, floorCpuMs),
      subscribe_cpu_ms_by_round: apiRuns.map((x) => round(x.cpuMsPerSocket, 2)),
      floor_subscribe_cpu_ms_by_round: floorRuns.map((x) => round(x.cpuMsPerSocket, 2)),
      rss_per_socket_kb: round(rssKb, 1),
      heap_per_socket_kb: round(heapKb, 1),
      floor_rss_per_socket_kb: round(floorRssKb, 1),
      floor_heap_per_socket_kb: round(floorHeapKb, 1),
      heap_kb_by_round: apiRuns.map((x) => round(x.heapKb, 1)),
      floor_heap_kb_by_round: floorRuns.map((x) => round(x.heapKb, 1)),
      ratio_rss: ratio(rssKb, floorRssKb),
      ratio_heap: ratio(heapKb, floorHeapKb),
      rss_mb: { baseline: round(app.base.procRss / MB, 1), connected: round(app.held.procRss / MB, 1), after_disconnect: round(app.after.procRss / MB, 1) },
      heap_mb: { baseline: round(app.base.heapUsed / MB, 1), connected: round(app.held.heapUsed / MB, 1), after_disconnect: round(app.after.heapUsed / MB, 1) },
      floor_rss_mb: { baseline: round(floor.base.procRss / MB, 1), connected: round(floor.held.procRss / MB, 1), after_disconnect: round(floor.after.procRss / MB, 1) },
      floor_heap_mb: { baseline: round(floor.base.heapUsed / MB, 1), connected: round(floor.held.heapUsed / MB, 1), after_disconnect: round(floor.after.heapUsed / MB, 1) },
      rss_left_after_disconnect_mb: round(leftRss / MB, 1),
      heap_left_after_disconnect_mb: round(leftHeap / MB, 1),
      returned_to_baseline: returned,
      aims,
      target: Object.keys(aims).join('; '),
      target_met: Object.values(aims).every((v) => v === 'met'),
      ok: failed === 0 && returned,
      note: `${round(heapKb, 1)} KB heap + ${round(rssKb, 1)} KB RSS per socket (bare ${round(floorHeapKb, 1)} / ${round(floorRssKb, 1)}); connect+subscribe ${round(cpuMs, 2)} ms CPU per socket (bare ${round(floorCpuMs, 2)}), p99 ${round(p99)} / max ${round(pct(lat, 100))} ms over n=${lat.length}; ${Object.entries(aims).map(([k, v]) => `${k}: ${v}`).join('; ')}`,
    });
  } finally {
    await pool.close();
  }
}
