// 6. failover: two api processes on one database and one Redis namespace (the
// Socket.IO Redis adapter carries broadcasts between them), N viewers spread
// over both, a driver moving the speaker queue at a steady rate through both
// (round robin, retrying on the other process when one fails). After a while one
// api gets kill -9. Its viewers reconnect to the survivor after a random jitter
// and re-subscribe with afterSeq = the last seq they saw. Measured: time from the
// kill to each moved viewer being resynced, viewers that never return, and every
// viewer's history checked seq by seq up to the final seq (lost, duplicated,
// gaps), and every command counted: one that no client received is a failure.
// Floor: the same N clients on two bare Socket.IO servers that both keep what
// they broadcast, the same command traffic (each command broadcast by every live
// server), one killed; its clients reconnect to the other and re-subscribe with
// afterSeq, answered with the missed events from memory (the replay, floor side).
// Aim: resync p99 within 3x the floor's.
import { Session, currentSeq, dbSeq, http, liveMeeting } from '../lib/api.mjs';
import { dbQuery, log, now, sleep, startApi, startBare, stuckTransactions } from '../lib/infra.mjs';
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

    // Commands sent open loop: tick k leaves at its time whatever the earlier ones take, so a stalled process
    // shows as failed or late commands instead of as commands never sent. Command k moves request k mod 10 to
    // the front (adjacent commands move different requests, so each one changes the queue and commits one
    // event). A command is retried on the other process only when its connection was refused (it cannot have
    // run); one whose connection broke mid-way (the kill) gets no second try, as a person's click would not.
    const ids = order.slice();
    const outcomes = { acked: 0, refused: 0, noAnswer: 0, retried: 0 };
    const dead = new Set();
    const period = 1000 / config.rate;
    const start = now();
    const until = start + (config.beforeS + config.afterS) * 1000;
    const command = async (k) => {
      let target = dead.has(k % 2) ? 1 - (k % 2) : k % 2;
      for (let attempt = 0; attempt < 2; attempt++) {
        const r = await chairs[target].raw('POST', `${m.base}/speech-requests/${ids[k % ids.length]}/move`, { position: 0 }, 5_000);
        if (r.status === 200) return void (outcomes.acked += 1);
        if (r.status === 0 && /ECONNREFUSED/.test(r.body?.error ?? '')) {
          dead.add(target); // a load balancer takes a process that refuses connections out of rotation
          target = 1 - target;
          outcomes.retried += 1;
          continue;
        }
        if (r.status === 0 || r.status >= 500) return void (outcomes.noAnswer += 1);
        return void (outcomes.refused += 1);
      }
      outcomes.noAnswer += 1;
    };
    const commandsIn = [];
    const driver = (async () => {
      for (let k = 0; start + k * period < until; k++) {
        const wait = start + k * period - now();
        if (wait > 0) await sleep(wait);
        commandsIn.push(command(k));
      }
      await Promise.all(commandsIn);
    })();
    await sleep(config.beforeS * 1000);
    const killAt = now();
    await a.kill9();
    log(`failover: api A killed (kill -9) after ${config.beforeS} s of traffic`);
    await driver;
    // read from the database itself: the survivor may not be answering
    const finalSeq = await dbSeq(a, m.meetingId);
    const [{ n: committed }] = await dbQuery(a.db.url, `SELECT count(*)::int AS n FROM meeting_events WHERE meeting_id = $1 AND seq > $2 AND type = 'speech_requests.upserted'`, [m.meetingId, seq0]);
    const caughtUp = await pool.expect(finalSeq, RETURN_DEADLINE_MS);
    const check = await pool.check(finalSeq);
    const stuck = await stuckTransactions(a.db, 5);
    const survivorAnswers = (await http(b.baseUrl, 'GET', '/api/health', { timeoutMs: 5_000 })).status === 200 && (await m.viewer.on(b.baseUrl).raw('GET', `/api/meetings/${m.meetingId}`, undefined, 5_000)).status === 200;
    if (stuck) log(`failover: ${stuck} transactions of the survivor idle for more than 5 s (connection pool deadlock?)`);
    // resync time counted from the kill to the moment the client had re-subscribed and applied what it missed
    const resync = check.backAt.map((t) => t - killAt);
    await pool.closeSockets();

    // ---- the floor: two bare servers, one killed, with the same command traffic and a replay ----
    // Both keep what they broadcast (HISTORY=1), as both apis share the database; each command is one
    // broadcast of the api's own event sent to every live server; a viewer that moves re-subscribes with
    // afterSeq and is answered the events it missed from memory: the replay at no cost of auth or SQL.
    const [template] = await dbQuery(a.db.url, `SELECT type, payload FROM meeting_events WHERE meeting_id = $1 ORDER BY seq DESC LIMIT 1`, [m.meetingId]);
    const [x, y] = await Promise.all([startBare({ HISTORY: '1' }), startBare({ HISTORY: '1' })]);
    const event = { meetingId: m.meetingId, type: template.type, payload: template.payload, actorId: null };
    for (const srv of [x, y]) await http(srv.baseUrl, 'POST', '/template', { body: { event, seq: 0 } });
    const fc = await pool.connect({ n, urls: [x.baseUrl, y.baseUrl], token: 'none', meetingId: m.meetingId, reconnect: { jitterMs: JITTER_MS, deadlineMs: RETURN_DEADLINE_MS } });
    const floorAlive = [x, y];
    const floorOut = { acked: 0, noAnswer: 0 };
    let floorSeq = 0;
    const fStart = now();
    const fUntil = fStart + (config.beforeS + config.afterS) * 1000;
    const floorCommands = [];
    let floorKillAt = null;
    const floorDriver = (async () => {
      for (let k = 0; fStart + k * period < fUntil; k++) {
        const wait = fStart + k * period - now();
        if (wait > 0) await sleep(wait);
        if (floorKillAt === null && now() - fStart >= config.beforeS * 1000) {
          floorKillAt = now();
          floorAlive.shift();
          await x.kill9();
        }
        const seq = ++floorSeq;
        floorCommands.push(
          Promise.all(floorAlive.map((srv) => http(srv.baseUrl, 'POST', '/emit', { body: { meetingId: m.meetingId, seq }, timeoutMs: 5_000 }))).then((rs) =>
            rs.some((r) => r.status === 200) ? (floorOut.acked += 1) : (floorOut.noAnswer += 1),
          ),
        );
      }
      await Promise.all(floorCommands);
    })();
    await floorDriver;
    await pool.expect(floorSeq, RETURN_DEADLINE_MS);
    const fcheck = await waitReturned(pool, Math.ceil(n / 2), RETURN_DEADLINE_MS);
    const floorFinal = await pool.check(floorSeq);
    const floorResync = fcheck.backAt.map((t) => t - floorKillAt);
    await pool.closeSockets();

    const moved = resync.length;
    // over every viewer that had to move: one that never came back counts as infinitely late
    const movers = [...resync, ...Array(Math.max(0, onA - moved)).fill(Infinity)];
    const fin = (x) => (x === null || x === Infinity ? null : x);
    const p99 = fin(pct(movers, 99));
    const fp99 = pct(floorResync, 99);
    const lost = check.lostEvents;
    const commands = commandsIn.length;
    // every viewer has every seq when lost is 0: then the commands no client received are those with no event
    const notReceived = Math.max(0, commands - (lost === 0 ? committed : 0));
    const aim = p99 !== null && fp99 !== null && p99 <= 3 * fp99;
    const spread = (v) => ({ n: v.length, p50: round(fin(pct(v, 50))), p99: round(fin(pct(v, 99))), max: round(fin(pct(v, 100))) });
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
      resync: spread(movers),
      floor_resync: spread(floorResync),
      aim_resync_p99_within_3x_floor: aim,
      commands,
      commands_acked: outcomes.acked,
      commands_refused: outcomes.refused,
      commands_no_answer: outcomes.noAnswer,
      commands_retried_on_survivor: outcomes.retried,
      events_committed: committed,
      commands_no_client_received: notReceived,
      floor_commands: floorSeq,
      floor_commands_acked: floorOut.acked,
      floor_lost: floorFinal.lostEvents,
      floor_commands_no_client_received: Math.max(0, floorSeq - (floorFinal.lostEvents === 0 && floorFinal.behind === 0 ? floorSeq : floorOut.acked)),
      survivor_answers_http: survivorAnswers,
      survivor_stuck_db_transactions: stuck,
      jitter_ms: JITTER_MS,
      floor_clients_moved: floorResync.length,
      floor_never_returned: fcheck.neverReturned,
      examples: check.examples,
      ok: caughtUp.complete && check.neverReturned === 0 && lost === 0 && moved === onA && fc.failed === 0 && survivorAnswers && stuck === 0,
      note: stuck
        ? `survivor stuck: ${stuck} DB transactions idle, ${check.neverReturned} viewers never resynced`
        : `resync = kill -> re-subscribed and caught up (replay both sides); api n ${movers.length} p99 ${round(p99)} max ${round(fin(pct(movers, 100)))} ms, floor n ${floorResync.length} p99 ${round(fp99)} max ${round(pct(floorResync, 100))} ms; aim p99 <= 3x floor: ${aim ? 'met' : 'not met'}; ${commands} commands during the run, ${notReceived} that no client received (failures), ${outcomes.noAnswer} unanswered, ${outcomes.retried} retried on the survivor; ${moved}/${onA} moved`,
    });
  } finally {
    await pool.close();
  }
}
