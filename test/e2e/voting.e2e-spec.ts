import { ApiCallError, MeetingStateFollower, type Ack, type ApiError, type BallotChanged, type MeetingSnapshot, type MeetingEventOf, type MeetingSummary, type MeetingSyncResult, type Poll } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount } from '../support/factories';
import { io } from 'socket.io-client';
import { UserSession, nextEvent, type TestSocket } from '../support/session';
import { castBallot, newPoll, newVotingMeeting, tokensOf, type VotingMeeting } from '../support/voting';
import { docxText, squash } from '../support/documents';
import { startWorker } from '../support/worker';

/** A live copy of the meeting kept by the shared reducer from a real socket.io client. */
async function follow(session: UserSession, meetingId: string) {
  const socket: TestSocket = await session.socket();
  const sync = (await socket.emitWithAck('meeting:subscribe', { meetingId })) as Ack<MeetingSyncResult>;
  if (!sync.ok) throw new Error(JSON.stringify(sync.error));
  const follower = new MeetingStateFollower(sync.data.snapshot as MeetingSnapshot);
  const waiters: { test: (s: MeetingSnapshot) => boolean; resolve: () => void }[] = [];
  socket.on('meeting:event', (e) => {
    follower.receive(e);
    for (const w of [...waiters]) if (w.test(follower.state)) waiters.splice(waiters.indexOf(w), 1) && w.resolve();
  });
  return {
    socket,
    get state() {
      return follower.state;
    },
    until: (test: (s: MeetingSnapshot) => boolean) => (test(follower.state) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ test, resolve }))),
  };
}

const refusal = async (p: Promise<unknown>): Promise<{ status: number; code: string }> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiCallError) return { status: err.status, code: err.code };
    throw err;
  }
  throw new Error('accepted');
};

describe('voting end to end', () => {
  let a: TestApp;
  let b: TestApp;
  let v: VotingMeeting;
  let operator: UserSession;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ sameDataAs: a });
    v = await newVotingMeeting(a.baseUrl, { sites: 5, delegates: 4 });
    // a real operator for the last site (the organizer acts for the others)
    const admin = await UserSession.signIn(a.baseUrl, 'admin');
    const last = v.endpoints[5];
    const made = await newAccount(admin, 'endpoint_operator', last.organizationId);
    await v.organizer.call('endpoints.update', { params: { id: v.meetingId, endpointId: last.id }, body: { operatorIds: [made.account.id] } });
    operator = await made.session();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await b?.close();
    await a?.close();
  });

  it('a mixed poll: delegates at three sites vote from their links on two api processes, two sites send counts; viewers see turnout, then the result', async () => {
    const [, s1, s2, s3, s4, s5] = v.endpoints;
    const viewer = await follow(await UserSession.signIn(b.baseUrl, 'viewer'), v.meetingId);
    sockets.push(viewer.socket);
    const poll = await newPoll(v, { question: 'Thông qua Nghị quyết Kỳ họp', mode: 'mixed', siteEndpointIds: [s4.id, s5.id], rule: { preset: 'majority_members' } });
    // 6 sites x 4 delegates checked in (and one absent member each): 30 members, 24 present
    expect(poll).toMatchObject({ status: 'open', members: 30, present: 24, turnout: { voted: 0, sitesCounted: 0, sitesExpected: 2 } });
    await viewer.until((s) => s.polls.some((p) => p.id === poll.id && p.status === 'open'));

    const choice = (i: number) => (i === 3 ? 'no' : i === 2 ? 'abstain' : 'yes');
    const ballots = [];
    for (const [k, site] of [s1, s2, s3].entries()) {
      const tokens = await tokensOf(v, site.id);
      for (const [i, d] of v.delegates.get(site.id)!.entries()) ballots.push(castBallot((k + i) % 2 ? b.baseUrl : a.baseUrl, tokens.get(d.id)!, poll.id, [choice(i)]));
    }
    const answers = await Promise.all(ballots);
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(200));
    // the show of hands at two sites: never more than their 4 checked-in members
    await v.organizer.call('polls.siteCount', { params: { id: v.meetingId, pollId: poll.id }, body: { endpointId: s4.id, counts: { yes: 3, no: 1, abstain: 0 } } });
    await operator.call('polls.siteCount', { params: { id: v.meetingId, pollId: poll.id }, body: { endpointId: s5.id, counts: { yes: 4, no: 0, abstain: 0 } } });
    // everybody sees how many have voted, not how
    await viewer.until((s) => s.polls.find((p) => p.id === poll.id)?.turnout.voted === 12 && s.polls.find((p) => p.id === poll.id)?.turnout.sitesCounted === 2);
    expect(viewer.state.polls.find((p) => p.id === poll.id)!.result).toBeNull();

    const closed = await v.chair.call('polls.transition', { params: { id: v.meetingId, pollId: poll.id }, body: { action: 'close' } });
    const r = closed.result!;
    // delegates: 6 yes, 3 abstain, 3 no; sites: 7 yes, 1 no
    expect(r).toMatchObject({ participants: 20, cast: 17, members: 30, present: 24, quorumMet: true, passed: false, winnerOptionId: null });
    expect(r.options.map((o) => [o.optionId, o.count, o.ofCast, o.ofPresent, o.ofMembers])).toEqual([
      ['yes', 13, 76.47, 54.17, 43.33],
      ['no', 4, 23.53, 16.67, 13.33],
      ['abstain', 3, null, 12.5, 10],
    ]);
    expect(r.named).toHaveLength(12);
    expect(r.sites.map((s) => s.endpointId).sort()).toEqual([s4.id, s5.id].sort());
    await viewer.until((s) => s.polls.find((p) => p.id === poll.id)?.status === 'closed');
    expect(viewer.state.polls.find((p) => p.id === poll.id)!.result).toEqual(r);
    const recount = await v.viewer.call('polls.ballots', { params: { id: v.meetingId, pollId: poll.id } });
    expect(recount.digest).toBe(r.digest);
    const published = await v.chair.call('polls.transition', { params: { id: v.meetingId, pollId: poll.id }, body: { action: 'publish' } });
    expect(published.status).toBe('published');
    await viewer.until((s) => s.polls.find((p) => p.id === poll.id)?.status === 'published');
    // published: an entry of the draft minutes, in the same transaction
    await viewer.until((s) => s.minutes.entries.some((e) => e.text.startsWith('Biểu quyết: «Thông qua Nghị quyết Kỳ họp»')));
    const entry = viewer.state.minutes.entries.find((e) => e.text.startsWith('Biểu quyết: «Thông qua Nghị quyết Kỳ họp»'))!;
    expect(entry.text).toContain('Tán thành: 13 (76,47% số phiếu biểu quyết; 43,33% tổng số thành viên)');
    expect(entry.text).toContain('Kết quả: không được thông qua.');
    expect(entry.text).toContain(r.digest);
    // exported with the counts, the sites and every name
    const csv = await (await v.viewer.call('polls.exportCsv', { params: { id: v.meetingId, pollId: poll.id } })).text();
    expect(csv).toContain('Tán thành,13,76.47,54.17,43.33');
    expect(csv).toContain(r.digest);
    expect(csv.split('\n').filter((l) => l.includes('Đại biểu '))).toHaveLength(12);
    const xlsx = await v.viewer.call('polls.exportXlsx', { params: { id: v.meetingId, pollId: poll.id } });
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('a poll with a countdown closes by itself when it runs out, once across two processes; a late ballot is refused; the summary report states it', async () => {
    const w = await newVotingMeeting(a.baseUrl, { sites: 1, delegates: 3 });
    const site = w.endpoints[1];
    const viewer = await follow(await UserSession.signIn(b.baseUrl, 'viewer'), w.meetingId);
    sockets.push(viewer.socket);
    const { seq: before } = await w.chair.call('meetings.get', { params: { id: w.meetingId } });
    const poll = await newPoll(w, { question: 'Thông qua Quy chế làm việc của Ban chỉ đạo', mode: 'delegate', secret: false, countdownSeconds: 10 });
    expect(poll.closesAt).not.toBeNull();
    const tokens = await tokensOf(w, site.id);
    const [d1, d2] = w.delegates.get(site.id)!;
    expect((await castBallot(a.baseUrl, tokens.get(d1.id)!, poll.id, ['yes'])).status).toBe(200);
    expect((await castBallot(b.baseUrl, tokens.get(d2.id)!, poll.id, ['no'])).status).toBe(200);
    // nobody closes it: the countdown does, at its own instant, and every follower sees the result
    await viewer.until((s) => s.polls.find((p) => p.id === poll.id)?.status === 'closed');
    const closed = viewer.state.polls.find((p) => p.id === poll.id)!;
    expect(closed.closedAt).toBe(poll.closesAt);
    expect(closed.result).toMatchObject({ participants: 2, cast: 2 });
    expect(closed.result!.named.map((n) => n.fullName).sort()).toEqual([d1.fullName, d2.fullName].sort());
    // closed once: one poll.upserted with the closed status in the history, though both processes sweep
    const late = await castBallot(b.baseUrl, tokens.get(w.delegates.get(site.id)![2].id)!, poll.id, ['yes']);
    expect(late.status).toBe(409);
    const again = await w.chair.call('polls.transition', { params: { id: w.meetingId, pollId: poll.id }, body: { action: 'close' } }).catch((err: ApiCallError) => err);
    expect(again).toBeInstanceOf(ApiCallError);
    expect((again as ApiCallError).status).toBe(409);
    const history = await w.viewer.call('meetings.events', { params: { id: w.meetingId }, query: { after: before, limit: 500 } });
    const closings = history.events!.filter((e): e is MeetingEventOf<'poll.upserted'> => e.type === 'poll.upserted').filter((e) => e.payload.poll.id === poll.id && e.payload.poll.status === 'closed');
    expect(closings).toHaveLength(1);
    expect(closings[0].actorId).toBeNull();
    await w.chair.call('polls.transition', { params: { id: w.meetingId, pollId: poll.id }, body: { action: 'publish' } });

    // the meeting ends; the worker's summary report has a section of votes, in the JSON and in the Word file
    const worker = startWorker(a);
    try {
      const reportDone = new Promise<void>((resolve) => viewer.socket.on('report:status', (e) => e.report.revision === 0 && e.report.status === 'done' && resolve()));
      expect((await w.chair.post(`${w.base}/transitions`, { action: 'end' })).status).toBe(200);
      await reportDone;
      const summary = (await w.viewer.get<MeetingSummary>(`${w.base}/summary`)).body;
      expect(summary.polls).toEqual([
        expect.objectContaining({
          question: 'Thông qua Quy chế làm việc của Ban chỉ đạo',
          status: 'published',
          rule: 'quá nửa tổng số thành viên',
          result: expect.objectContaining({ participants: 2, cast: 2, outcome: 'không được thông qua', digest: closed.result!.digest }),
        }),
      ]);
      expect(summary.polls![0].result!.options.map((o) => [o.label, o.count])).toEqual([['Tán thành', 1], ['Không tán thành', 1], ['Không biểu quyết', 0]]);
      const docx = await fetch(`${a.baseUrl}${w.base}/summary.docx`, { headers: { authorization: `Bearer ${w.viewer.token}` } });
      const text = squash(await docxText(Buffer.from(await docx.arrayBuffer())));
      expect(text).toContain('IV. KẾT QUẢ BIỂU QUYẾT');
      expect(text).toContain('1. Thông qua Quy chế làm việc của Ban chỉ đạo');
      expect(text).toContain(closed.result!.digest);
    } finally {
      await worker.stop();
    }
  });

  it('a delegate’s phone hears over its socket which poll opened and closed (from the other process), may send nothing, and is closed when its slip is replaced', async () => {
    const w = await newVotingMeeting(a.baseUrl, { sites: 1, delegates: 2 });
    const site = w.endpoints[1];
    const [d1] = w.delegates.get(site.id)!;
    const token = (await tokensOf(w, site.id)).get(d1.id)!;
    const phone = (t: string) => {
      const socket = io(a.baseUrl, { auth: { ballotToken: t }, reconnection: false, forceNew: true });
      return { socket, connected: new Promise<void>((resolve, reject) => (socket.once('connect', resolve), socket.once('connect_error', reject))) };
    };
    const p = phone(token);
    sockets.push(p.socket as unknown as TestSocket);
    await p.connected;
    // the chair acts on the other process; the phone on this one hears it
    const opened = nextEvent<BallotChanged>(p.socket, 'ballot:changed');
    const poll = await newPoll({ ...w, chair: await UserSession.signIn(b.baseUrl, 'chair') }, { question: 'Thông qua danh sách Ban kiểm phiếu', mode: 'delegate' });
    expect(await opened).toEqual({ pollId: poll.id, status: 'open' });
    // a phone may not subscribe to the meeting or send anything else
    const refused = (await p.socket.emitWithAck('meeting:subscribe', { meetingId: w.meetingId })) as Ack<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { statusCode: 403, code: 'forbidden' } });
    const closed = nextEvent<BallotChanged>(p.socket, 'ballot:changed');
    await w.chair.call('polls.transition', { params: { id: w.meetingId, pollId: poll.id }, body: { action: 'close' } });
    expect(await closed).toEqual({ pollId: poll.id, status: 'closed' });

    // a made-up link is refused at the handshake
    await expect(phone('made-up-token-made-up-token').connected).rejects.toMatchObject({ data: { statusCode: 401, code: 'unauthenticated' } });
    // new slips replace the old ones: the old phone is closed at once, and cannot come back
    const gone = new Promise<string>((resolve) => p.socket.once('disconnect', resolve));
    await tokensOf(w, site.id);
    expect(await gone).toBe('io server disconnect');
    await expect(phone(token).connected).rejects.toMatchObject({ data: { statusCode: 401 } });
  });

  describe('bad input: a clear 4xx and nothing changed', () => {
    let poll: Poll;
    let counted: Poll;
    let other: VotingMeeting;
    let otherPoll: Poll;
    let tokens: Map<string, string>;

    beforeAll(async () => {
      poll = await newPoll(v, { question: 'Thông qua Chương trình làm việc', mode: 'mixed', siteEndpointIds: [v.endpoints[5].id] });
      counted = await newPoll(v, { question: 'Biểu quyết theo điểm cầu', mode: 'site' });
      const watcher = await follow(await UserSession.signIn(a.baseUrl, 'viewer'), v.meetingId);
      sockets.push(watcher.socket);
      await operator.call('polls.siteCount', { params: { id: v.meetingId, pollId: counted.id }, body: { endpointId: v.endpoints[5].id, counts: { yes: 2, no: 1, abstain: 1 } } });
      // the turnout event of that count (gathered for a second) is in before any "nothing changed" is measured
      await watcher.until((st) => st.polls.find((p) => p.id === counted.id)?.turnout.sitesCounted === 1);
      tokens = await tokensOf(v, v.endpoints[1].id);
      other = await newVotingMeeting(a.baseUrl, { sites: 1, delegates: 1 });
      otherPoll = await newPoll(other, { question: 'Cuộc họp khác' });
    });

    /** The refusal, and the meeting's history and both polls unchanged by it. */
    const unchanged = async (attempt: () => Promise<{ status: number; code: string }>) => {
      const before = await Promise.all([v.chair.call('meetings.get', { params: { id: v.meetingId } }), v.chair.call('polls.list', { params: { id: v.meetingId } })]);
      const answer = await attempt();
      const after = await Promise.all([v.chair.call('meetings.get', { params: { id: v.meetingId } }), v.chair.call('polls.list', { params: { id: v.meetingId } })]);
      expect(after[0].seq).toBe(before[0].seq);
      expect(after[1]).toEqual(before[1]);
      return answer;
    };
    const asHttp = async (p: Promise<{ status: number; body: unknown }>) => {
      const r = await p;
      return { status: r.status, code: (r.body as ApiError).code };
    };
    const vote = (optionIds: string[], token = [...tokens.values()][0], pollId = poll.id) => asHttp(castBallot(a.baseUrl, token, pollId, optionIds));

    it('a token used on a poll of another meeting', async () => {
      expect(await unchanged(() => vote(['yes'], [...tokens.values()][0], otherPoll.id))).toEqual({ status: 404, code: 'poll_not_found' });
    });
    it('a token of another meeting on this meeting’s poll', async () => {
      const foreign = [...(await tokensOf(other, other.endpoints[1].id)).values()][0];
      expect(await unchanged(() => vote(['yes'], foreign))).toEqual({ status: 404, code: 'poll_not_found' });
    });
    it('a made-up or replaced token', async () => {
      expect(await unchanged(() => vote(['yes'], 'x'.repeat(32)))).toEqual({ status: 403, code: 'ballot_token_invalid' });
    });
    it('the operator records a vote for an attendee of another site', async () => {
      const elsewhere = v.delegates.get(v.endpoints[2].id)![0];
      expect(await unchanged(() => refusal(v.organizer.call('polls.recordVote', { params: { id: v.meetingId, pollId: poll.id }, body: { endpointId: v.endpoints[1].id, attendeeId: elsewhere.id, optionIds: ['yes'] } })))).toEqual({ status: 404, code: 'attendee_not_found' });
    });
    it('a guest, who is not a voting member', async () => {
      const guest = v.guests.get(v.endpoints[1].id)!;
      expect(await unchanged(() => refusal(v.organizer.call('polls.recordVote', { params: { id: v.meetingId, pollId: poll.id }, body: { endpointId: v.endpoints[1].id, attendeeId: guest.id, optionIds: ['yes'] } })))).toEqual({ status: 403, code: 'poll_not_voting_member' });
      expect(await refusal(v.organizer.call('polls.slips', { params: { id: v.meetingId, endpointId: v.endpoints[1].id }, body: { attendeeIds: [guest.id] } }))).toEqual({ status: 403, code: 'poll_not_voting_member' });
    });
    it('a member who has not checked in', async () => {
      const absent = v.absent.get(v.endpoints[1].id)!;
      expect(await unchanged(() => vote(['yes'], tokens.get(absent.id)!))).toEqual({ status: 409, code: 'poll_not_checked_in' });
    });
    it('counts above the site’s checked-in members', async () => {
      expect(await unchanged(() => refusal(operator.call('polls.siteCount', { params: { id: v.meetingId, pollId: poll.id }, body: { endpointId: v.endpoints[5].id, counts: { yes: 4, no: 1, abstain: 0 } } })))).toEqual({ status: 422, code: 'poll_counts_above_present' });
    });
    it('negative counts', async () => {
      expect(await unchanged(() => refusal(operator.call('polls.siteCount', { params: { id: v.meetingId, pollId: poll.id }, body: { endpointId: v.endpoints[5].id, counts: { yes: -1, no: 1, abstain: 0 } } })))).toEqual({ status: 400, code: 'validation_failed' });
    });
    it('an option that does not exist, on a ballot and in counts', async () => {
      expect(await unchanged(() => vote(['maybe']))).toEqual({ status: 422, code: 'poll_unknown_option' });
      expect(await unchanged(() => refusal(operator.call('polls.siteCount', { params: { id: v.meetingId, pollId: poll.id }, body: { endpointId: v.endpoints[5].id, counts: { yes: 1, no: 0, abstain: 0, maybe: 1 } } })))).toEqual({ status: 422, code: 'poll_unknown_option' });
    });
    it('voting twice in a per-site poll: the counts again, or a delegate ballot from a counting site', async () => {
      expect(await unchanged(() => refusal(operator.call('polls.siteCount', { params: { id: v.meetingId, pollId: counted.id }, body: { endpointId: v.endpoints[5].id, counts: { yes: 1, no: 0, abstain: 0 } } })))).toEqual({ status: 409, code: 'poll_site_already_counted' });
      const delegate = [...(await tokensOf(v, v.endpoints[5].id)).values()][0];
      expect(await unchanged(() => vote(['yes'], delegate, counted.id))).toEqual({ status: 409, code: 'poll_wrong_mode' });
    });
    it('opening a poll as a viewer or an operator', async () => {
      const draft = await newPoll(v, { question: 'Chưa mở' }, false);
      for (const who of [v.viewer, operator]) {
        expect(await unchanged(() => refusal(who.call('polls.transition', { params: { id: v.meetingId, pollId: draft.id }, body: { action: 'open' } })))).toEqual({ status: 403, code: 'forbidden' });
      }
      expect(await refusal(operator.call('polls.create', { params: { id: v.meetingId }, body: { question: 'Của điểm cầu' } }))).toEqual({ status: 403, code: 'forbidden' });
    });
    it('an operator of one site counting for another', async () => {
      expect(await unchanged(() => refusal(operator.call('polls.siteCount', { params: { id: v.meetingId, pollId: counted.id }, body: { endpointId: v.endpoints[4].id, counts: { yes: 1, no: 0, abstain: 0 } } })))).toEqual({ status: 403, code: 'not_endpoint_operator' });
    });
  });
});
