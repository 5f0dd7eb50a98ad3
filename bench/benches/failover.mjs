// 6. failover: two api processes on one database and one Redis namespace (the
// Socket.IO Redis adapter carries broadcasts between them), N viewers spread
// over both, a driver moving the speaker queue at a steady rate through both
// (round robin, retrying on the other process when one fails). After a while one
// api gets kill -9. Its viewers reconnect to the survivor after a random jitter
// and re-subscribe with afterSeq = the last seq they saw. Measured: time from the
// kill to each moved viewer being resynced, viewers that never return, and every
// viewer's history checked seq by seq up to the final seq (lost, duplicated,
// gaps). Floor: the same N clients on two bare Socket.IO servers, one killed,
// reconnecting and re-subscribing to the other.
import { Session, currentSeq, dbSeq, http, liveMeeting } from '../lib/api.mjs';
import { log, now, sleep, startApi, startBare, stuckTransactions } from '../lib/infra.mjs';
import { ClientPool, procsFor } from '../lib/pool.mjs';
import { approvedQueue } from '../lib/scenario.mjs';
import { pct, ratio, round } from '../lib/stats.mjs';

const JITTER_MS = 200; // clients spread their reconnects uniformly over this window
const RETURN_DEADLINE_MS = 30_000;

/** Polls the pool until every socket that dropped is back (or the deadline passes). */
async function waitReturned(pool, expectMoved, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const c = await pool.check(null);
    if ((c.disconnects >= expectMoved && c.neverReturned === 0) || Date.now() > deadline) return c;
    await sleep(250);
  }
}

export async function run({ config, emit }) {
  const n = config.clients;
  const a = await startApi();
  const starting = startApi({ shared: a }); // the second process starts while the first sets the meeting up
  const admin = await Session.signIn(a.baseUrl, 'admin');
  const provinces = (await admin.get('/api/organizations?kind=province&limit=100')).items.slice(0, 10);
  const m = await liveMeeting(a.baseUrl, { endpoints: provinces.map((p) => p.id) });
  const order = await approvedQueue(m);
  const b = await starting;
  const chairs = [m.chair, m.chair.on(b.baseUrl)];

  const pool = await ClientPool.create(procsFor(n));
  try {
    // ---- the api pair ----
    const seq0 = await currentSeq(m.viewer, m.meetingId);
    const c = await pool.connect({ n, urls: [a.baseUrl, b.baseUrl], token: m.viewer.token, meetingId: m.meetingId, reconnect: { jitterMs: JITTER_MS, deadlineMs: RETURN_DEADLINE_MS } });
    if (c.failed) throw new Error(`${c.failed} viewers failed to connect: ${c.errors[0]}`);
    const onA = Math.ceil(n / 2);
    log(`failover: ${n} viewers (${onA} on A, ${n - onA} on B)`);

    let sent = 0;
    let failed = 0;
    let retried = 0;
    let timedOut = 0;
    let skipped = 0;
    const dead = new Set();
    const period = 1000 / config.rate;
    const start = now();
    const until = start + (config.beforeS + config.afterS) * 1000;
    const driver = (async () => {
      for (let k = 0; ; k++) {
        const tick = start + k * period;
        if (tick >= until) return;
        const wait = tick - now();
        if (wait > 0) await sleep(wait);
        // a tick missed while the previous command was still running is skipped
        const behind = Math.floor((now() - start) / period);
        if (behind > k) {
          skipped += behind - k;
          k = behind;
          if (start + k * period >= until) return;
        }
        const id = order[order.length - 1];
        let target = dead.has(k % 2) ? 1 - (k % 2) : k % 2;
        for (let attempt = 0; attempt < 2; attempt++) {
          const r = await chairs[target].raw('POST', `${m.base}/speech-requests/${id}/move`, { position: 0 }, 5_000);
          if (r.status === 200) {
            order.splice(order.length - 1, 1);
            order.unshift(id);
            sent += 1;
            break;
          }
          if (r.status === 0 && /timeout|no answer/i.test(r.body?.error ?? '')) {
            timedOut += 1;
            break;
          }
          if (r.status === 0 || r.status >= 500) {
            // a load balancer takes a process that refuses connections out of rotation
            if (r.status === 0) dead.add(target);
            target = 1 - target;
            retried += 1;
            continue;
          }
          failed += 1;
          break;
        }
      }
    })();
    await sleep(config.beforeS * 1000);
    const killAt = now();
    await a.kill9();
    log(`failover: api A killed (kill -9) after ${config.beforeS} s of traffic`);
    await driver;
    // read from the database itself: the survivor may not be answering
    const finalSeq = await dbSeq(a, m.meetingId);
    const caughtUp = await pool.expect(finalSeq, RETURN_DEADLINE_MS);
    const check = await pool.check(finalSeq);
    const stuck = await stuckTransactions(a.db, 5);
    const survivorAnswers = (await http(b.baseUrl, 'GET', '/api/health', { timeoutMs: 5_000 })).status === 200 && (await m.viewer.on(b.baseUrl).raw('GET', `/api/meetings/${m.meetingId}`, undefined, 5_000)).status === 200;
    if (stuck) log(`failover: ${stuck} transactions of the survivor idle for more than 5 s (connection pool deadlock?)`);
    // resync time counted from the kill to the moment the client had re-subscribed and applied what it missed
    const resync = check.backAt.map((t) => t - killAt);
    await pool.closeSockets();

    // ---- the floor: two bare servers, one killed ----
    const [x, y] = await Promise.all([startBare(), startBare()]);
    const fc = await pool.connect({ n, urls: [x.baseUrl, y.baseUrl], token: 'none', meetingId: m.meetingId, reconnect: { jitterMs: JITTER_MS, deadlineMs: RETURN_DEADLINE_MS } });
    await sleep(1000);
    const floorKillAt = now();
    await x.kill9();
    const fcheck = await waitReturned(pool, Math.ceil(n / 2), RETURN_DEADLINE_MS);
    const floorResync = fcheck.backAt.map((t) => t - floorKillAt);
    await pool.closeSockets();

    const moved = resync.length;
    // over every viewer that had to move: one that never came back counts as infinitely late
    const movers = [...resync, ...Array(Math.max(0, onA - moved)).fill(Infinity)];
    const fin = (x) => (x === null || x === Infinity ? null : x);
    const p99 = fin(pct(movers, 99));
    const fp99 = pct(floorResync, 99);
    const lost = check.lostEvents;
    emit({
      size: `${n} viewers on 2 apis, kill -9 one`,
      p50_ms: round(fin(pct(movers, 50))),
      p99_ms: round(p99),
      all_back_ms: round(fin(pct(movers, 100))),
      floor_p50_ms: round(pct(floorResync, 50)),
      floor_p99_ms: round(fp99),
      ratio_p99: ratio(p99, fp99),
      lost,
      clients_moved: moved,
      clients_expected_to_move: onA,
      never_returned: check.neverReturned,
      behind_final_seq: check.behind,
      sockets_with_loss: check.socketsWithLoss,
      dup_deliveries: check.dupDeliveries,
      out_of_order: check.outOfOrder,
      gaps_resynced: check.gaps,
      unrepaired: check.unrepaired,
      snapshot_resyncs: check.snapshots,
      events: finalSeq - seq0,
      commands_ok: sent,
      commands_refused: failed,
      commands_retried_on_survivor: retried,
      commands_timed_out: timedOut,
      ticks_skipped: skipped,
      survivor_answers_http: survivorAnswers,
      survivor_stuck_db_transactions: stuck,
      jitter_ms: JITTER_MS,
      floor_clients_moved: floorResync.length,
      floor_never_returned: fcheck.neverReturned,
      examples: check.examples,
      ok: caughtUp.complete && check.neverReturned === 0 && lost === 0 && moved === onA && fc.failed === 0 && survivorAnswers && stuck === 0,
      note: stuck
        ? `survivor stuck: ${stuck} DB transactions idle, ${check.neverReturned} viewers never resynced`
        : `resync = kill -> re-subscribed and caught up; ${moved}/${onA} moved`,
    });
  } finally {
    await pool.close();
  }
}
