// adapters: which Socket.IO Redis adapter carries a meeting's broadcasts between api
// processes. Two bare servers (bench/bare-server.mjs) share rooms through Redis with
// the sharded pub/sub adapter (what the api uses) and then with the Streams adapter;
// N clients, half on each; one server broadcasts the api's 7.4 kB queue event, N
// times; latency from the POST to the last client of the OTHER server (the one the
// event reaches through Redis) and to the last client overall. Floor: one bare server
// with no adapter, same N clients. Sides take turns command by command. (The first
// warm-up event is not awaited fully: some clients count it as their subscribe's seq.)
import { http } from '../lib/api.mjs';
import { log, now, redisNamespace, sleep, startBare, REDIS_URL } from '../lib/infra.mjs';
import { ClientPool, procsFor } from '../lib/pool.mjs';
import { pct, ratio, round } from '../lib/stats.mjs';

const MEETING = '00000000-0000-4000-8000-0000000000ad';
const GAP_MS = 100;

async function side(name, urls, n) {
  const pool = await ClientPool.create(procsFor(n));
  const c = await pool.connect({ n, urls, token: 'none', meetingId: MEETING });
  if (c.failed) throw new Error(`${name}: ${c.failed}/${n} sockets failed: ${c.errors[0]}`);
  return { name, pool, t0BySeq: new Map() };
}

export async function run({ config, emit }) {
  const n = config.clients ?? 1000;
  const reps = config.reps ?? 100;
  const template = { meetingId: MEETING, type: 'speech_requests.upserted', payload: { requests: Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, topic: 'Ý kiến về chuyển đổi số trong cải cách hành chính cấp tỉnh'.repeat(8), position: i })) }, actorId: null };
  const floorServer = await startBare();
  const servers = {};
  for (const kind of ['sharded', 'streams']) {
    const ns = redisNamespace();
    servers[kind] = await Promise.all([0, 1].map(() => startBare({ ADAPTER: kind, REDIS_URL, REDIS_PREFIX: ns.prefix })));
  }
  const all = [floorServer, ...servers.sharded, ...servers.streams];
  await Promise.all(all.map((s) => http(s.baseUrl, 'POST', '/template', { body: { event: template, seq: 0 } })));
  const sides = [await side('floor', [floorServer.baseUrl], n)];
  for (const kind of ['sharded', 'streams']) {
    // sockets alternate between the two servers: half on each
    const pool = await ClientPool.create(procsFor(n));
    const c = await pool.connect({ n, urls: servers[kind].map((s) => s.baseUrl), token: 'none', meetingId: MEETING });
    if (c.failed) throw new Error(`${kind}: ${c.failed} sockets failed: ${c.errors[0]}`);
    sides.push({ name: kind, pool, t0BySeq: new Map(), emitter: servers[kind][0] });
  }
  sides[0].emitter = floorServer;
  log(`adapters: ${n} clients on each side`);
  for (let i = 0; i < reps + 3; i++) {
    for (const s of sides) {
      const t0 = now();
      const r = await http(s.emitter.baseUrl, 'POST', '/emit', { body: { meetingId: MEETING } });
      if (i >= 3) s.t0BySeq.set(r.body.seq, t0);
      const done = await s.pool.expect(r.body.seq, i < 3 ? 3_000 : 30_000);
      if (!done.complete && i >= 3) {
        s.incomplete = (s.incomplete ?? 0) + 1;
        log(`adapters: ${s.name} seq ${r.body.seq} did not reach ${done.behind} clients within 30 s`);
      }
      await sleep(GAP_MS);
    }
  }
  const out = {};
  for (const s of sides) {
    const lat = await s.pool.latencies(s.t0BySeq);
    const last = [...lat.last.values()].map((x) => x.max);
    const check = await s.pool.check([...s.t0BySeq.keys()].pop());
    out[s.name] = { p50: pct(last, 50), p99: pct(last, 99), lost: check.lostEvents, outOfOrder: check.outOfOrder, incomplete: s.incomplete ?? 0 };
  }
  for (const kind of ['sharded', 'streams']) {
    const r = out[kind];
    emit({
      size: `${kind} adapter, ${n} clients on 2 servers`,
      p50_ms: round(r.p50),
      p99_ms: round(r.p99),
      floor_p50_ms: round(out.floor.p50),
      floor_p99_ms: round(out.floor.p99),
      ratio_p99: ratio(r.p99, out.floor.p99),
      lost: r.lost,
      out_of_order: r.outOfOrder,
      incomplete_reps: r.incomplete,
      reps,
      ok: r.lost === 0 && r.outOfOrder === 0 && r.incomplete === 0,
      note: `POST on server 1 -> last of ${n} clients (half on server 2); floor: one server, no adapter`,
    });
  }
  for (const s of sides) await s.pool.close?.();
}
