// communes (issue 21): a national conference down to the communes. 34 provinces and their communes
// (3,354 sites at full size with the 2025 reference list, plus the Government Office) on two api
// processes sharing PostgreSQL and Redis, every site's console joining in the same moment, half on
// each process. Measured:
// - join -> visible on the wall: from a console's `endpoint:join` to the `sites.rollup` event reaching
//   the chair's wall (a socket on api process A) that carries the commune's presence (a province's: the
//   first roll-up after its `presence.changed`);
//   p50/p99 and the time until every site was visible;
// - the two api processes' CPU and RSS over the storm, and the events per second reaching the wall
//   (all of them, and the roll-ups among them: the wall renders once per roll-up);
// - a queue command's fan-out (the chair moves a request to the front) to every console and 1,000
//   viewers beside the bare Socket.IO floor (two bare servers on the sharded Redis adapter) with the
//   same number of clients, in the same run, alternating command by command.
// The consoles are sockets of this driver process (one operator account operating every site, with a
// session per console), so their arrival times carry the driver's own event-loop delay too.
import { io } from 'socket.io-client';
import { Session, dbSeq, http, mapLimit, restrictedMeeting, sessionTokens, newAccount } from '../lib/api.mjs';
import { dbQuery, log, now, redisNamespace, sleep, startApi, startBare } from '../lib/infra.mjs';
import { monitor } from '../lib/monitor.mjs';
import { ClientPool, procsFor } from '../lib/pool.mjs';
import { approvedQueue, rotateCommand } from '../lib/scenario.mjs';
import { pct, ratio, round } from '../lib/stats.mjs';

const GAP_MS = 100;
const cpuOf = (procs) => procs.reduce((s, p) => s + p.stats().cpuSeconds, 0);
const rssMb = (procs) => procs.map((p) => round(p.stats().rssBytes / 2 ** 20, 0));

function consoleSocket(url, token) {
  const sock = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    sock.once('session:ready', () => resolve(sock));
    sock.once('connect_error', reject);
  });
}

export async function run({ config, emit }) {
  const env = { SEED_COMMUNES: 'true' };
  const a = await startApi({ env });
  const b = await startApi({ shared: a, env });
  const apis = [a, b];
  const admin = await Session.signIn(a.baseUrl, 'admin');
  const provinces = (await admin.get('/api/organizations?kind=province&limit=100')).items.slice(0, config.provinces);
  const m = await restrictedMeeting(a.baseUrl, { title: 'Hội nghị toàn quốc đến cấp xã (đo tải)', endpoints: provinces.slice(0, config.queue).map((p) => p.id) });
  const params = { id: m.meetingId };
  if (config.provinces >= 34 && !config.communesPerProvince) {
    await m.organizer.call('endpoints.bulkInvite', { params, body: { mode: 'all_provinces_and_communes', overrideConflicts: true } });
  } else {
    const picked = (
      await mapLimit(provinces, 4, async (p) => (await admin.get(`/api/organizations?kind=commune&parentId=${p.id}&limit=${config.communesPerProvince}`)).items)
    ).flat();
    await m.organizer.call('endpoints.bulkInvite', { params, body: { mode: 'organizations', organizationIds: [...provinces, ...picked].map((o) => o.id), overrideConflicts: true } });
  }
  const order = await approvedQueue(m);
  const rotate = rotateCommand(m, order);
  const endpoints = (await m.organizer.call('endpoints.list', { params })).filter((e) => !e.isHost && e.organizationShortName !== 'VPCP');
  const n = endpoints.length;
  const { account } = await newAccount(admin, 'endpoint_operator', m.bng.id, 'Cán bộ điểm cầu (đo tải)');
  await dbQuery(a.db.url, `INSERT INTO meeting_endpoint_operators (endpoint_id, account_id) SELECT id, $2 FROM meeting_endpoints WHERE meeting_id = $1 ON CONFLICT DO NOTHING`, [m.meetingId, account.id]);
  const tokens = await sessionTokens(a, { account }, n);
  log(`communes: ${n} sites (${endpoints.filter((e) => e.parentEndpointId).length} communes) invited`);

  // the chair's wall, on process A
  const wall = await monitor(a.baseUrl, m.chair.token, m.meetingId);
  const joinedSeq = new Map();
  const visibleAt = new Map();
  let waiting = null;
  let events = 0;
  let rollups = 0;
  wall.on((e) => {
    events++;
    if (e.type === 'presence.changed' && e.payload.presence.state === 'connected' && !joinedSeq.has(e.payload.presence.endpointId)) joinedSeq.set(e.payload.presence.endpointId, e.seq);
    if (e.type !== 'sites.rollup') return;
    rollups++;
    const t = now();
    // a province's own join is a presence.changed before this roll-up; a commune's arrives in the roll-up itself
    for (const [id, seq] of joinedSeq) if (seq < e.seq && !visibleAt.has(id)) visibleAt.set(id, t);
    for (const p of e.payload.presence) if (p.state === 'connected' && !visibleAt.has(p.endpointId)) visibleAt.set(p.endpointId, t);
    if (visibleAt.size === n) waiting?.();
  });

  // the consoles connect first (sign-in is the signin benchmark's), then all join at once
  const t0c = now();
  const sockets = await mapLimit(endpoints, 200, (e, i) => consoleSocket(apis[i % 2].baseUrl, tokens[i]));
  log(`communes: ${n} consoles connected in ${round((now() - t0c) / 1000, 1)} s`);
  const cpu0 = cpuOf(apis);
  const events0 = events;
  const sentAt = new Map();
  const t0 = now();
  const allVisible = new Promise((resolve) => (waiting = resolve));
  // as the web console does: a join answered 503 server_busy (more than MEETING_QUEUE_LIMIT waiting for the
  // meeting on that process) is sent again after 1-5 s
  let retries = 0;
  const joinOnce = (e, i) => sockets[i].timeout(120_000).emitWithAck('endpoint:join', { meetingId: m.meetingId, endpointId: e.id, device: 'console' }).catch((err) => ({ ok: false, error: { message: String(err) } }));
  const acks = await Promise.all(
    endpoints.map(async (e, i) => {
      sentAt.set(e.id, now());
      for (let attempt = 0; ; attempt++) {
        const ack = await joinOnce(e, i);
        if (ack.ok || ack.error?.code !== 'server_busy' || attempt >= 20) return ack;
        retries++;
        await sleep(1_000 + Math.random() * 4_000);
      }
    }),
  );
  const acked = now();
  const failed = acks.filter((x) => !x.ok);
  if (failed.length) log(`communes: ${failed.length} joins failed: ${JSON.stringify(failed[0].error).slice(0, 200)}`);
  await Promise.race([allVisible, sleep(config.budgetS * 1000)]);
  const allIn = now() - t0;
  const cpu = cpuOf(apis) - cpu0;
  const rss = rssMb(apis);
  const stormEvents = events - events0;
  const lat = endpoints.map((e) => (visibleAt.has(e.id) ? visibleAt.get(e.id) - sentAt.get(e.id) : Infinity));
  const notVisible = lat.filter((x) => !Number.isFinite(x)).length;
  const fin = (x) => (x === null || !Number.isFinite(x) ? null : x);
  log(`communes: ${n - notVisible}/${n} visible on the wall in ${round(allIn / 1000, 1)} s (joins acked after ${round((acked - t0) / 1000, 1)} s); ${stormEvents} events, ${rollups} roll-ups`);
  const rollupsInStorm = rollups;
  emit({
    size: `${n} sites (${provinces.length} provinces) joining on 2 api processes`,
    p50_ms: round(fin(pct(lat, 50))),
    p99_ms: round(fin(pct(lat, 99))),
    all_visible_s: round(allIn / 1000, 1),
    joins_acked_s: round((acked - t0) / 1000, 1),
    joins_failed: failed.length,
    joins_retried_busy: retries,
    not_visible: notVisible,
    api_cpu_s: round(cpu, 1),
    api_cpu_ms_per_join: round((cpu * 1000) / n, 2),
    api_rss_mb: rss,
    wall_events_per_s: round(stormEvents / (allIn / 1000), 1),
    wall_rollups: rollupsInStorm,
    wall_rollups_per_s: round(rollupsInStorm / (allIn / 1000), 2),
    lost: notVisible,
    ok: failed.length === 0 && notVisible === 0,
    note: `${retries} joins answered server_busy and sent again; ${n - notVisible}/${n} sites on the wall after ${round(allIn / 1000, 1)} s (join->wall p50 ${round(fin(pct(lat, 50)))} / p99 ${round(fin(pct(lat, 99)))} ms); ${round(stormEvents / (allIn / 1000), 1)} events/s reached the wall, ${rollupsInStorm} roll-ups; api CPU ${round(cpu, 1)} s, RSS ${rss.join(' + ')} MB`,
  });

  // fan-out: every console and the viewers, against the bare floor with as many clients
  const viewers = config.viewers;
  const ns = redisNamespace();
  const bares = await Promise.all([startBare({ ADAPTER: 'sharded', REDIS_PREFIX: ns.prefix }), startBare({ ADAPTER: 'sharded', REDIS_PREFIX: ns.prefix })]);
  const viewerPool = await ClientPool.create(procsFor(viewers));
  const barePool = await ClientPool.create(procsFor(viewers + n));
  const consoleArrival = new Map();
  for (const s of sockets)
    s.on('meeting:event', (e) => {
      const c = consoleArrival.get(e.seq);
      const t = now();
      if (c) {
        c.count++;
        c.last = t;
      } else consoleArrival.set(e.seq, { count: 1, last: t });
    });
  try {
    const viewerTokens = await sessionTokens(a, m.viewer, viewers);
    const c = await viewerPool.connect({ n: viewers, urls: apis.map((x) => x.baseUrl), tokens: viewerTokens, meetingId: m.meetingId });
    // a fresh socket for the command's template (the wall's may have been dropped in the storm)
    const mon = await monitor(a.baseUrl, m.chair.token, m.meetingId);
    const first = mon.waitFor((e) => e.type === 'speech_requests.upserted' || e.type === 'turns.upserted', 30_000);
    if ((await rotate()).status !== 200) throw new Error('the chair cannot move a request');
    const template = await first;
    mon.close();
    let bareSeq = 0;
    for (const x of bares) await http(x.baseUrl, 'POST', '/template', { body: { event: template, seq: bareSeq } });
    const bc = await barePool.connect({ n: viewers + n, urls: bares.map((x) => x.baseUrl), token: 'none', meetingId: m.meetingId });
    log(`communes: fan-out to ${n} consoles + ${c.connected} viewers; floor ${bc.connected} clients`);
    const appLat = [];
    const floorLat = [];
    const cpuA0 = cpuOf(apis);
    for (let i = 0; i < config.warmup + config.reps; i++) {
      const t = now();
      const r = await rotate();
      if (r.status !== 200) throw new Error(`move -> ${r.status}`);
      const seq = await dbSeq(a, m.meetingId);
      const got = await viewerPool.expect(seq, 30_000);
      const until = now() + 30_000;
      const live = sockets.filter((x) => x.connected).length;
      while ((consoleArrival.get(seq)?.count ?? 0) < live && now() < until) await sleep(5);
      const lats = await viewerPool.latencies(new Map([[seq, t]]));
      const viewersLast = lats.last.get(seq)?.max ?? Infinity;
      const consolesLast = (consoleArrival.get(seq)?.count ?? 0) >= live ? consoleArrival.get(seq).last - t : Infinity;
      if (i >= config.warmup) appLat.push(got.complete ? Math.max(viewersLast, consolesLast) : Infinity);
      await sleep(GAP_MS);
      const tf = now();
      const fr = await http(bares[0].baseUrl, 'POST', '/emit', { body: { meetingId: m.meetingId, position: 0 } });
      bareSeq = fr.body.seq;
      await barePool.expect(bareSeq, 30_000);
      const fl = await barePool.latencies(new Map([[bareSeq, tf]]));
      if (i >= config.warmup) floorLat.push(fl.last.get(bareSeq)?.max ?? Infinity);
      await sleep(GAP_MS);
    }
    const cpuPerCommand = ((cpuOf(apis) - cpuA0) * 1000) / (config.warmup + config.reps);
    const live = sockets.filter((x) => x.connected).length;
    emit({
      size: `queue fan-out to ${live} consoles + ${c.connected} viewers on 2 api processes`,
      p50_ms: round(fin(pct(appLat, 50))),
      p99_ms: round(fin(pct(appLat, 99))),
      floor_p50_ms: round(fin(pct(floorLat, 50))),
      floor_p99_ms: round(fin(pct(floorLat, 99))),
      ratio_p99: ratio(fin(pct(appLat, 99)), fin(pct(floorLat, 99))),
      api_cpu_ms_per_command: round(cpuPerCommand, 1),
      consoles_disconnected: n - live,
      reps: config.reps,
      lost: appLat.filter((x) => !Number.isFinite(x)).length,
      ok: appLat.every(Number.isFinite),
      note: `${config.reps} moves: p99 ${round(fin(pct(appLat, 99)))} ms to the last of ${live} consoles and ${c.connected} viewers vs floor ${round(fin(pct(floorLat, 99)))} ms (${bc.connected} clients); api CPU ${round(cpuPerCommand, 1)} ms per command`,
    });
  } finally {
    await viewerPool.close();
    await barePool.close();
    sockets.forEach((s) => s.close());
    wall.close();
  }
}
