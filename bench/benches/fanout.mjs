// 1. fanout: one queue change (the chair moves a request to the front over HTTP)
// reaching N viewer sockets subscribed to the meeting. Latency from the command
// to the last client, per repetition; floor: a bare Socket.IO server broadcasting
// the same event (captured from the api) to the same N clients on an HTTP POST.
// Both sets of clients stay connected and the commands alternate api / floor.
import { Session, dbSeq, http, liveMeeting } from '../lib/api.mjs';
import { log, now, sleep, startApi, startBare } from '../lib/infra.mjs';
import { monitor } from '../lib/monitor.mjs';
import { ClientPool, procsFor } from '../lib/pool.mjs';
import { approvedQueue, rotateCommand } from '../lib/scenario.mjs';
import { histCount, histPct, pct, ratio, round } from '../lib/stats.mjs';

const GAP_MS = 100; // quiet time between repetitions

/**
 * One side (api or floor): `send()` issues the command and returns {seq, t0, t1};
 * the side's pool tells when every socket has that seq.
 */
function side(pool, send) {
  return { pool, send, t0BySeq: new Map(), cmdMs: [], incomplete: 0, lastSeq: null };
}

async function rep(s, measured) {
  const { seq, t0, t1 } = await s.send();
  const r = await s.pool.expect(seq, 30_000);
  if (measured) {
    s.t0BySeq.set(seq, t0);
    s.cmdMs.push(t1 - t0);
    if (!r.complete) s.incomplete += 1;
  }
  s.lastSeq = seq;
}

async function results(s, n, reps) {
  const lat = await s.pool.latencies(s.t0BySeq);
  const lastClient = [...lat.last.values()].map((x) => x.max);
  const check = await s.pool.check(s.lastSeq);
  return {
    p50: pct(lastClient, 50),
    p99: pct(lastClient, 99),
    deliveryP50: histPct(lat.hist, 50),
    deliveryP99: histPct(lat.hist, 99),
    missingDeliveries: reps * n - histCount(lat.hist),
    cmdP50: pct(s.cmdMs, 50),
    incomplete: s.incomplete,
    check,
  };
}

export async function run({ config, emit }) {
  const [api, bare] = await Promise.all([startApi(), startBare()]);
  const admin = await Session.signIn(api.baseUrl, 'admin');
  const provinces = (await admin.get('/api/organizations?kind=province&limit=100')).items.slice(0, config.queue);
  const m = await liveMeeting(api.baseUrl, { endpoints: provinces.map((p) => p.id) });
  const order = await approvedQueue(m);
  const rotate = rotateCommand(m, order);

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
  await http(bare.baseUrl, 'POST', '/template', { body: { event: template, seq: 0 } });
  const bareSend = async () => {
    const t0 = now();
    const r = await http(bare.baseUrl, 'POST', '/emit', { body: { meetingId: m.meetingId, position: 0 } });
    return { seq: r.body.seq, t0, t1: now() };
  };

  for (const n of config.sizes) {
    // Both sides stay connected and take turns, command by command, so that
    // whatever else the machine is doing weighs on both alike.
    const appPool = await ClientPool.create(procsFor(n));
    const barePool = await ClientPool.create(procsFor(n));
    try {
      const c = await appPool.connect({ n, urls: [api.baseUrl], token: m.viewer.token, meetingId: m.meetingId });
      if (c.failed) log(`fanout: ${c.failed}/${n} api sockets failed: ${c.errors[0]}`);
      log(`fanout: ${c.connected} viewers on the api in ${Math.round(c.ms)} ms`);
      const b = await barePool.connect({ n, urls: [bare.baseUrl], token: 'none', meetingId: m.meetingId });
      log(`fanout: ${b.connected} clients on the bare server in ${Math.round(b.ms)} ms`);
      const appSide = side(appPool, appSend);
      const bareSide = side(barePool, bareSend);
      const cpu0 = api.stats().cpuSeconds;
      for (let i = 0; i < config.warmup + config.reps; i++) {
        await rep(appSide, i >= config.warmup);
        await sleep(GAP_MS);
        await rep(bareSide, i >= config.warmup);
        await sleep(GAP_MS);
      }
      const cpu = api.stats().cpuSeconds - cpu0;
      const app = await results(appSide, c.connected, config.reps);
      const floor = await results(bareSide, b.connected, config.reps);

      const lost = app.check.lostEvents;
      const ok = c.failed === 0 && app.check.disconnects === 0 && lost === 0 && app.missingDeliveries === 0 && app.check.gaps === 0 && app.check.outOfOrder === 0 && app.incomplete === 0;
      const r = ratio(app.p99, floor.p99);
      emit({
        size: `${n} viewers`,
        p50_ms: round(app.p50),
        p99_ms: round(app.p99),
        floor_p50_ms: round(floor.p50),
        floor_p99_ms: round(floor.p99),
        ratio_p99: r,
        lost,
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
        command_http_p50_ms: round(app.cmdP50),
        reps: config.reps,
        payload_bytes: payloadBytes,
        server_cpu_s: round(cpu, 1),
        connect_s: round(c.ms / 1000, 1),
        floor_connect_s: round(b.ms / 1000, 1),
        floor_lost: floor.check.lostEvents + floor.missingDeliveries,
        target: n === 1000 ? 'p99 <= 1.5x floor' : n >= 5000 ? 'no lost / out-of-order' : null,
        target_met: n === 1000 ? r !== null && r <= 1.5 : n >= 5000 ? lost === 0 && app.check.gaps === 0 && app.check.outOfOrder === 0 : null,
        gap_examples: app.check.gapExamples.length ? app.check.gapExamples : undefined,
        ok,
        note: `last-client latency over ${config.reps} commands, alternating with the floor; ${payloadBytes} B event${app.check.outOfOrder ? `; ${app.check.outOfOrder} out of seq order` : ''}`,
      });
    } finally {
      await appPool.close();
      await barePool.close();
    }
  }
}
