// voting (issue 18): D delegates at the delegate sites vote from their links on two api
// processes in waves spread over a few seconds (open loop: sent at their time whatever the answers take), while S sites enter their
// show of hands; V viewers follow the meeting. Ballot ack = HTTP answer of POST
// /api/ballot/votes (public, the link's token); floor = GET /api/me by the same client
// processes in the same waves (a trivial authenticated request), one for every FLOOR_EVERY
// ballots: the floor is the latency a trivial request sees under the vote, not a second vote's
// worth of load (one floor request per ballot doubled the work and was half of voting_s).
// voting_s = from the first wave to the last answer (ballots, counts and floor). Then the chair closes:
// close-to-result = from sending the close to the last viewer holding the closed poll.
// Checks: every accepted ballot counted exactly once (result, named list, voter rows).
// Setup checks the delegates in with one UPDATE (the roster API is measured elsewhere).
import { Session, dbSeq, liveMeeting, mapLimit, orgByCode } from '../lib/api.mjs';
import { dbQuery, log, now, sleep, startApi } from '../lib/infra.mjs';
import { ClientPool, procsFor } from '../lib/pool.mjs';
import { pct, ratio, round } from '../lib/stats.mjs';

const LEAD_MS = 300;
const FLOOR_EVERY = 10;
const COUNT_SITE_MEMBERS = 5;

export async function run({ config, emit }) {
  // spreadMs: the ballots arrive over that long (full: 8 s, so "all voted within 10 s" leaves the last wave 2 s)
  const { delegates, delegateSites, countSites, viewers, waves, spreadMs } = config;
  const api = await startApi();
  const api2 = await startApi({ shared: api });
  const urls = [api.baseUrl, api2.baseUrl];
  const admin = await Session.signIn(api.baseUrl, 'admin');
  const bng = await orgByCode(admin, 'BNG');
  const net = await admin.call('organizations.create', { body: { kind: 'other', name: 'Mạng điểm cầu biểu quyết', parentId: bng.id } });
  const n = delegateSites + countSites;
  await mapLimit(Array.from({ length: n }, (_, i) => i), 8, (i) => admin.call('organizations.create', { body: { kind: 'department', name: `Điểm cầu biểu quyết ${String(i + 1).padStart(3, '0')}`, parentId: net.id } }));
  const m = await liveMeeting(api.baseUrl, { title: 'Kỳ họp biểu quyết (đo tải)', inviteChildrenOf: net.id });
  const sites = [...m.endpoints].sort((a, b) => a.organizationName.localeCompare(b.organizationName));
  const delegateEps = sites.slice(0, delegateSites);
  const countEps = sites.slice(delegateSites);
  const per = Math.ceil(delegates / delegateSites);
  await mapLimit(sites, 4, (e, i) => {
    const k = i < delegateSites ? Math.min(per, delegates - i * per) : COUNT_SITE_MEMBERS;
    const csv = ['Họ và tên,Chức vụ,Vai trò', ...Array.from({ length: Math.max(0, k) }, (_, j) => `Đại biểu ${j + 1} điểm cầu ${i + 1},Đại biểu,Đại biểu`)].join('\n');
    return k > 0 ? m.organizer.call('attendees.import', { params: { id: m.meetingId, endpointId: e.id }, body: { csv } }) : null;
  });
  await dbQuery(api.db.url, `UPDATE attendees SET status = 'present', checked_in_at = now(), version = version + 1 WHERE meeting_id = $1`, [m.meetingId]);
  const poll = await m.chair.call('polls.create', { params: { id: m.meetingId }, body: { question: 'Thông qua Nghị quyết (đo tải)', mode: 'mixed', siteEndpointIds: countEps.map((e) => e.id), rule: { preset: 'majority_members' } } });
  await m.chair.call('polls.transition', { params: { id: m.meetingId, pollId: poll.id }, body: { action: 'open' } });
  const tokens = (await mapLimit(delegateEps, 4, (e) => m.organizer.call('polls.slips', { params: { id: m.meetingId, endpointId: e.id }, body: {} }))).flat().map((s) => s.path.slice(s.path.indexOf('#') + 1));
  log(`voting: ${tokens.length} delegates at ${delegateSites} sites, ${countSites} counting sites, ${viewers} viewers`);

  const pool = await ClientPool.create(procsFor(Math.max(viewers, tokens.length)));
  try {
    const c = await pool.connect({ n: viewers, urls, token: m.viewer.token, meetingId: m.meetingId });
    if (c.failed) throw new Error(`${c.failed} viewers failed to connect: ${c.errors[0]}`);
    const ballotAcks = [];
    const floorAcks = [];
    const answers = [];
    // open loop: every wave is scheduled up front, spread over the first spreadMs, whatever the answers take
    const t0 = now() + LEAD_MS;
    const chunk = Math.ceil(tokens.length / waves);
    const gap = waves > 1 ? spreadMs / (waves - 1) : 0;
    const sent = [];
    for (let w = 0; w < waves; w++) {
      const at = t0 + w * gap;
      const part = tokens.slice(w * chunk, (w + 1) * chunk);
      const requests = part.map((token, i) => ({ method: 'POST', url: `${urls[(w * chunk + i) % 2]}/api/ballot/votes`, body: { token, pollId: poll.id, optionIds: [(w * chunk + i) % 5 === 0 ? 'no' : 'yes'] }, pick: ['code', 'replaced'] }));
      const floor = part.filter((_, i) => i % FLOOR_EVERY === 0).map((_, i) => ({ method: 'GET', url: `${urls[i % 2]}/api/me`, headers: { authorization: `Bearer ${m.organizer.token}` } }));
      // the site counts go in with the ballots, spread over the waves
      const counts = countEps.filter((_, i) => i % waves === w).map((e, i) => ({ method: 'POST', url: `${urls[i % 2]}/api/meetings/${m.meetingId}/polls/${poll.id}/site-counts`, headers: { authorization: `Bearer ${m.organizer.token}` }, body: { endpointId: e.id, counts: { yes: 3, no: 1, abstain: 1 } }, pick: ['code'] }));
      sent.push(
        pool.http(requests, at).then((b) => {
          b.forEach((r) => ballotAcks.push(r.t1 - r.t0));
          answers.push(...b);
        }),
        pool.http(floor, at + gap / 2).then((f) => f.forEach((r) => floorAcks.push(r.t1 - r.t0))),
      );
      if (counts.length) sent.push(pool.http(counts, at + gap / 4).then((c) => answers.push(...c.map((r) => ({ ...r, site: true })))));
    }
    await Promise.all(sent);
    const votingSeconds = (now() - t0) / 1000;
    const accepted = answers.filter((a) => !a.site && a.status === 200).length;
    const sitesIn = answers.filter((a) => a.site && a.status === 201).length;
    const errorCodes = [...new Set(answers.filter((a) => a.status >= 300 || a.error).map((a) => `${a.status}${a.body?.code ? ` ${a.body.code}` : ''}${a.error ? ` ${a.error}` : ''}`))];

    const closeT0 = now();
    const closed = await m.chair.call('polls.transition', { params: { id: m.meetingId, pollId: poll.id }, body: { action: 'close' } });
    const seq = await dbSeq(api, m.meetingId);
    const reached = await pool.expect(seq, 30_000);
    const lat = await pool.latencies(new Map([[seq, closeT0]]));
    const closeToLast = lat.last.get(seq)?.max ?? null;
    const voters = Number((await dbQuery(api.db.url, 'SELECT count(*) AS n FROM poll_voters WHERE poll_id = $1', [poll.id]))[0].n);
    const r = closed.result;
    const exactlyOnce = r.participants === accepted + sitesIn * 5 && r.named.length === accepted && voters === accepted && new Set(r.named.map((b) => b.attendeeId)).size === accepted;
    const check = await pool.check(seq);
    emit({
      size: `${tokens.length} delegates + ${countSites} sites, 2 api processes, ${viewers} viewers`,
      p50_ms: round(pct(ballotAcks, 50)),
      p99_ms: round(pct(ballotAcks, 99)),
      floor_p50_ms: round(pct(floorAcks, 50)),
      floor_p99_ms: round(pct(floorAcks, 99)),
      ratio_p99: ratio(pct(ballotAcks, 99), pct(floorAcks, 99)),
      voting_s: round(votingSeconds, 1),
      // the issue's aim (all voted within 10 s) is a figure to read, as in the summary bench, not a pass/fail
      target_s: 10,
      target_met: votingSeconds < 10,
      ballots_accepted: accepted,
      sites_counted: sitesIn,
      counted_exactly_once: exactlyOnce,
      close_to_last_viewer_ms: round(closeToLast),
      viewers_reached: reached.complete,
      lost: check.lostEvents,
      // two processes append to the one history: each publishes its own events in order, the streams interleave,
      // and clients hold early events back until the gap fills (counted here, not a failure)
      out_of_order: check.outOfOrder,
      unrepaired: check.unrepaired,
      error_codes: errorCodes,
      ok: exactlyOnce && accepted === tokens.length && sitesIn === countSites && reached.complete && check.lostEvents === 0 && check.unrepaired === 0,
      note: `all voted within 10 s: ${votingSeconds < 10 ? 'met' : 'not met'}; ` + 'ack = POST /api/ballot/votes (public, link token) over 2 api processes; floor = GET /api/me; close-to-result = close sent -> last viewer applied the closed poll',
    });
  } finally {
    await pool.close();
  }
}
