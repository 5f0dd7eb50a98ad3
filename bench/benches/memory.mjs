// 5. memory: what N idle sockets, connected and subscribed to a meeting, cost
// the server process: RSS (/proc/<pid>/status VmRSS of the process we spawned)
// and V8 heap (process.memoryUsage() inside the server, through the preloaded
// bench/lib/mem-probe.cjs, after a full GC), and whether it returns near the
// baseline after they disconnect. Floor: the bare Socket.IO server, same N.
// p50/p99 are the time to connect and subscribe one socket (N in parallel, 25 in flight per client process).
import { liveMeeting } from '../lib/api.mjs';
import { log, sleep, startApi, startBare } from '../lib/infra.mjs';
import { ClientPool, procsFor } from '../lib/pool.mjs';
import { pct, ratio, round } from '../lib/stats.mjs';

const MB = 1024 * 1024;

async function measure(server, pool, n, { idleMs, afterMs, settleMs = 1000 }, connectArgs) {
  // warm-up: code paths compiled and pools filled before the baseline
  await pool.connect({ ...(await connectArgs()), n: Math.min(50, n) });
  await pool.closeSockets();
  await sleep(settleMs);
  const base = await server.memory({ gc: true });
  const c = await pool.connect({ ...(await connectArgs()), n });
  if (c.failed) log(`memory: ${c.failed}/${n} sockets failed: ${c.errors.join('; ')}`);
  await sleep(idleMs);
  const held = await server.memory({ gc: true });
  await pool.closeSockets();
  await sleep(afterMs);
  const after = await server.memory({ gc: true });
  return { c, base, held, after };
}

export async function run({ config, emit }) {
  const n = config.sockets;
  const [api, bare] = await Promise.all([startApi(), startBare()]);
  const m = await liveMeeting(api.baseUrl);
  const pool = await ClientPool.create(procsFor(n));
  try {
    const app = await measure(api, pool, n, config, async () => ({ urls: [api.baseUrl], token: m.viewer.token, meetingId: m.meetingId }));
    log(`memory: api ${app.c.connected}/${n} sockets, rss ${round(app.base.procRss / MB, 1)} -> ${round(app.held.procRss / MB, 1)} -> ${round(app.after.procRss / MB, 1)} MB`);
    const floor = await measure(bare, pool, n, config, async () => ({ urls: [bare.baseUrl], token: 'none', meetingId: m.meetingId }));
    log(`memory: bare ${floor.c.connected}/${n} sockets, rss ${round(floor.base.procRss / MB, 1)} -> ${round(floor.held.procRss / MB, 1)} -> ${round(floor.after.procRss / MB, 1)} MB`);

    const per = (r, k) => (r.held[k] - r.base[k]) / r.c.connected / 1024;
    const rssKb = per(app, 'procRss');
    const heapKb = per(app, 'heapUsed');
    const floorRssKb = per(floor, 'procRss');
    const floorHeapKb = per(floor, 'heapUsed');
    const p99 = pct(app.c.connectMs, 99);
    const fp99 = pct(floor.c.connectMs, 99);
    const heldHeapDelta = app.held.heapUsed - app.base.heapUsed;
    const leftHeap = app.after.heapUsed - app.base.heapUsed;
    const leftRss = app.after.procRss - app.base.procRss;
    // "near baseline": the heap held by the sockets is given back (< 10% of it left).
    const returned = leftHeap <= Math.max(0.1 * heldHeapDelta, 2 * MB);
    emit({
      size: `${n} idle subscribed sockets`,
      p50_ms: round(pct(app.c.connectMs, 50)),
      p99_ms: round(p99),
      floor_p50_ms: round(pct(floor.c.connectMs, 50)),
      floor_p99_ms: round(fp99),
      ratio_p99: ratio(p99, fp99),
      lost: null,
      connected: app.c.connected,
      failed_to_connect: app.c.failed,
      rss_per_socket_kb: round(rssKb, 1),
      heap_per_socket_kb: round(heapKb, 1),
      floor_rss_per_socket_kb: round(floorRssKb, 1),
      floor_heap_per_socket_kb: round(floorHeapKb, 1),
      ratio_rss: ratio(rssKb, floorRssKb),
      ratio_heap: ratio(heapKb, floorHeapKb),
      rss_mb: { baseline: round(app.base.procRss / MB, 1), connected: round(app.held.procRss / MB, 1), after_disconnect: round(app.after.procRss / MB, 1) },
      heap_mb: { baseline: round(app.base.heapUsed / MB, 1), connected: round(app.held.heapUsed / MB, 1), after_disconnect: round(app.after.heapUsed / MB, 1) },
      floor_rss_mb: { baseline: round(floor.base.procRss / MB, 1), connected: round(floor.held.procRss / MB, 1), after_disconnect: round(floor.after.procRss / MB, 1) },
      floor_heap_mb: { baseline: round(floor.base.heapUsed / MB, 1), connected: round(floor.held.heapUsed / MB, 1), after_disconnect: round(floor.after.heapUsed / MB, 1) },
      rss_left_after_disconnect_mb: round(leftRss / MB, 1),
      heap_left_after_disconnect_mb: round(leftHeap / MB, 1),
      returned_to_baseline: returned,
      ok: app.c.failed === 0 && returned,
      note: `${round(rssKb, 1)} KB RSS + ${round(heapKb, 1)} KB heap per socket (bare: ${round(floorRssKb, 1)} / ${round(floorHeapKb, 1)}); p50/p99 = connect+subscribe`,
    });
  } finally {
    await pool.close();
  }
}
