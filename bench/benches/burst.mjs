// 2. burst: every endpoint of an N-endpoint meeting asks for the floor in the same
// instant, several rounds. Each operator has its own account, its own console
// socket following the meeting, and its own TCP connection for the request.
// Ack latency = HTTP answer time of POST speech-requests; throughput = N / round
// wall time; queue positions must all be distinct; every console must see every
// event in seq order. Floor: the same operators doing a trivial authenticated GET
// (/api/me) in the same instant, in rounds alternating with the burst rounds.
import { Session, dbSeq, liveMeeting, mapLimit, newAccount, orgByCode } from '../lib/api.mjs';
import { log, now, sleep, startApi } from '../lib/infra.mjs';
import { ClientPool } from '../lib/pool.mjs';
import { pct, ratio, round } from '../lib/stats.mjs';

const LEAD_MS = 300; // the client processes are told the start instant this far ahead

/** One round: every request fired at the same instant, each on its own connection. */
async function round1(pool, requests, acc) {
  const res = await pool.http(requests, now() + LEAD_MS);
  res.forEach((r) => acc.latencies.push(r.t1 - r.t0));
  const first = Math.min(...res.map((r) => r.t0));
  const last = Math.max(...res.map((r) => r.t1));
  acc.throughput.push(res.length / ((last - first) / 1000));
  acc.answers.push(...res);
}

const newAcc = () => ({ latencies: [], throughput: [], answers: [] });

export async function run({ config, emit }) {
  const n = config.endpoints;
  const api = await startApi();
  const admin = await Session.signIn(api.baseUrl, 'admin');
  const bng = await orgByCode(admin, 'BNG');
  const net = await admin.post('/api/organizations', { kind: 'other', name: 'Mạng điểm cầu đo tải', parentId: bng.id });
  const orgs = await mapLimit(Array.from({ length: n }, (_, i) => i), 8, (i) => admin.post('/api/organizations', { kind: 'department', name: `Điểm cầu số ${i + 1}`, parentId: net.id }));
  const accounts = await mapLimit(orgs, 4, (org) => newAccount(admin, 'endpoint_operator', org.id));
  const operators = new Map();
  await mapLimit(accounts, 4, async (a, i) => operators.set(orgs[i].id, await a.signIn()));
  log(`burst: ${n} endpoint operators signed in`);
  const m = await liveMeeting(api.baseUrl, { inviteChildrenOf: net.id });
  if (m.endpoints.length !== n) throw new Error(`invited ${m.endpoints.length} endpoints, expected ${n}`);
  await m.chair.patch(`${m.base}/speakers/settings`, { maxOpenRequestsPerEndpoint: Math.min(50, config.rounds + 1) });
  const sites = await mapLimit(m.endpoints, 8, async (e) => {
    const op = operators.get(e.organizationId);
    const attendee = await op.post(`${m.base}/endpoints/${e.id}/attendees`, { fullName: `Đại biểu ${e.organizationShortName ?? e.organizationName}`, position: 'Giám đốc Sở', walkIn: true });
    return { endpoint: e, op, attendee };
  });

  const pool = await ClientPool.create(Math.min(4, Math.max(1, Math.ceil(n / 25))));
  try {
    const c = await pool.connect({ n, urls: [api.baseUrl], tokens: sites.map((s) => s.op.token), meetingId: m.meetingId });
    if (c.failed) throw new Error(`${c.failed} consoles failed to connect: ${c.errors[0]}`);

    // Floor and burst rounds alternate, a second apart, so both see the same machine.
    const floor = newAcc();
    const burst = newAcc();
    const cpu0 = api.stats().cpuSeconds;
    for (let i = 0; i < config.rounds; i++) {
      await round1(pool, sites.map((s) => ({ method: 'GET', url: `${api.baseUrl}/api/me`, headers: { authorization: `Bearer ${s.op.token}` } })), floor);
      await sleep(1000 - LEAD_MS);
      await round1(
        pool,
        sites.map((s) => ({
          method: 'POST',
          url: `${api.baseUrl}${m.base}/speech-requests`,
          headers: { authorization: `Bearer ${s.op.token}` },
          body: { endpointId: s.endpoint.id, attendeeId: s.attendee.id, kind: 'contribution', topic: `Kiến nghị vòng ${i + 1} của ${s.endpoint.organizationShortName ?? 'điểm cầu'}` },
          pick: ['id', 'position', 'status', 'code'],
        })),
        burst,
      );
      // every console has every event of the round before the next one starts
      await pool.expect(await dbSeq(api, m.meetingId), 30_000);
      await sleep(1000 - LEAD_MS);
    }
    const cpu = api.stats().cpuSeconds - cpu0;
    const finalSeq = await dbSeq(api, m.meetingId);
    const check = await pool.check(finalSeq);

    const created = burst.answers.filter((a) => a.status === 201);
    const errors = burst.answers.length - created.length;
    const positions = created.map((a) => a.body.position);
    const distinct = new Set(positions).size === positions.length;
    const stored = (await m.chair.get(`${m.base}/speakers`)).requests;
    const storedPos = new Map(stored.map((r) => [r.id, r.position]));
    const stable = created.every((a) => storedPos.get(a.body.id) === a.body.position);
    const expectedEvents = created.length; // one speech_requests.upserted per request
    const lost = check.lostEvents;
    const errorCodes = [...new Set(burst.answers.filter((a) => a.status !== 201).map((a) => `${a.status}${a.body?.code ? ` ${a.body.code}` : ''}${a.error ? ` ${a.error}` : ''}`))];
    const p99 = pct(burst.latencies, 99);
    const fp99 = pct(floor.latencies, 99);
    const rps = burst.throughput.reduce((a, b) => a + b, 0) / burst.throughput.length;
    // issue 17's aims: ack p99 within 2x the floor's, and at least 150 requests/s on one meeting
    const aimMet = ratio(p99, fp99) <= 2 && rps >= 150;
    emit({
      size: `${n} endpoints x ${config.rounds} rounds`,
      p50_ms: round(pct(burst.latencies, 50)),
      p99_ms: round(p99),
      n: burst.latencies.length,
      max_ms: round(pct(burst.latencies, 100)),
      floor_n: floor.latencies.length,
      floor_max_ms: round(pct(floor.latencies, 100)),
      floor_p50_ms: round(pct(floor.latencies, 50)),
      floor_p99_ms: round(fp99),
      ratio_p99: ratio(p99, fp99),
      throughput_rps: round(rps, 1),
      floor_throughput_rps: round(floor.throughput.reduce((a, b) => a + b, 0) / floor.throughput.length, 1),
      requests: burst.answers.length,
      errors,
      error_codes: errorCodes,
      positions_distinct: distinct,
      positions_stable: stable,
      events_expected: expectedEvents,
      lost,
      out_of_order: check.outOfOrder,
      gaps_resynced: check.gaps,
      dup: check.dupDeliveries,
      server_cpu_s: round(cpu, 1),
      aim: 'ack p99 <= 2x floor, >= 150 requests/s',
      aim_met: aimMet,
      ok: errors === 0 && distinct && stable && lost === 0 && check.gaps === 0 && check.outOfOrder === 0 && check.behind === 0,
      note: `ack = HTTP answer of POST speech-requests (n ${burst.latencies.length}); floor = GET /api/me; ${round(rps, 0)} req/s; aim p99 <= 2x and >= 150 req/s ${aimMet ? 'met' : 'not met'}`,
    });
  } finally {
    await pool.close();
  }
}
