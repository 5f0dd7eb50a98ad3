import { Client } from 'pg';
import type { ApiError, Poll, VoteReceipt } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { castBallot, newPoll, newVotingMeeting, tokensOf, type VotingMeeting } from '../support/voting';

/**
 * Voting against the real PostgreSQL: the close racing ballots, a changed vote,
 * and the secret tables inspected directly.
 */
describe('voting on the real database', () => {
  let t: TestApp;
  let v: VotingMeeting;
  let pg: Client;
  let tokens: Map<string, string>;
  let site: string;

  beforeAll(async () => {
    t = await startTestApp();
    v = await newVotingMeeting(t.baseUrl, { sites: 1, delegates: 40 });
    site = v.endpoints[1].id;
    // the checked-in delegates (the site's absent member gets a slip too, and is refused: see the e2e bad-input list)
    const all = await tokensOf(v, site);
    tokens = new Map(v.delegates.get(site)!.map((a) => [a.id, all.get(a.id)!]));
    pg = new Client({ connectionString: t.databaseUrl });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    await t?.close();
  });

  const close = (poll: Poll) => v.chair.call('polls.transition', { params: { id: v.meetingId, pollId: poll.id }, body: { action: 'close' } });

  for (const secret of [false, true]) {
    it(`a ${secret ? 'secret' : 'named'} ballot racing the close is counted or refused, never half`, async () => {
      const poll = await newPoll(v, { question: `Thông qua Nghị quyết (${secret ? 'kín' : 'công khai'})`, secret, rule: { preset: 'majority_cast' } });
      const people = [...tokens.entries()];
      // the close is sent while the ballots are in flight: the database orders them
      const ballots = people.map(([, token], i) => castBallot(t.baseUrl, token, poll.id, [i % 3 === 0 ? 'no' : 'yes']));
      const closed = close(poll);
      const answers = await Promise.all(ballots);
      const result = (await closed).result!;
      const accepted = people.filter((_, i) => answers[i].status === 200);
      for (const a of answers) {
        expect([200, 409]).toContain(a.status);
        if (a.status === 409) expect((a.body as ApiError).code).toBe('poll_not_open');
      }
      // every accepted ballot is in the result, every refused one is nowhere
      expect(result.participants).toBe(accepted.length);
      const voters = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM poll_voters WHERE poll_id = $1`, [poll.id]);
      expect(voters.rows[0].n).toBe(accepted.length);
      if (secret) {
        const choices = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM poll_secret_choices WHERE poll_id = $1`, [poll.id]);
        expect(choices.rows[0].n).toBe(accepted.length);
        expect(result.named).toEqual([]);
      } else {
        expect(result.named.map((b) => b.attendeeId).sort()).toEqual(accepted.map(([id]) => id).sort());
      }
      const no = accepted.filter(([id]) => people.findIndex(([p]) => p === id) % 3 === 0).length;
      expect(result.options.find((o) => o.optionId === 'no')!.count).toBe(no);
      expect(result.options.find((o) => o.optionId === 'yes')!.count).toBe(accepted.length - no);
      // after the close nothing more is taken
      const late = await castBallot(t.baseUrl, people[0][1], poll.id, ['yes']);
      expect(late.status).toBe(409);
      expect((await pg.query(`SELECT count(*)::int AS n FROM poll_voters WHERE poll_id = $1`, [poll.id])).rows[0].n).toBe(accepted.length);
      // the digest is recomputed from the stored ballots
      const recount = await v.viewer.call('polls.ballots', { params: { id: v.meetingId, pollId: poll.id } });
      expect(recount.digest).toBe(result.digest);
      expect(recount.lines).toHaveLength(accepted.length);
    });
  }

  it('a second ballot with the same link replaces the first (named: both rows kept, the newer counts)', async () => {
    const poll = await newPoll(v, { question: 'Thông qua Tờ trình số 12' });
    const [attendeeId, token] = [...tokens.entries()][0];
    const first = await castBallot(t.baseUrl, token, poll.id, ['yes']);
    const second = await castBallot(t.baseUrl, token, poll.id, ['no']);
    expect(first.body).toMatchObject({ optionIds: ['yes'], replaced: false });
    expect(second.body).toMatchObject({ optionIds: ['no'], replaced: true });
    const view = await v.chair.call('ballot.view', { query: { token } });
    expect(view.polls.find((p) => p.poll.id === poll.id)!.mine).toEqual(['no']);
    const rows = await pg.query<{ option_ids: string[] }>(`SELECT option_ids FROM poll_named_ballots WHERE poll_id = $1 AND attendee_id = $2 ORDER BY id`, [poll.id, attendeeId]);
    expect(rows.rows.map((r) => r.option_ids)).toEqual([['yes'], ['no']]);
    const result = (await close(poll)).result!;
    expect(result).toMatchObject({ participants: 1, cast: 1 });
    expect(result.options.map((o) => [o.optionId, o.count])).toEqual([['yes', 0], ['no', 1], ['abstain', 0]]);
    expect(result.named).toEqual([expect.objectContaining({ attendeeId, optionIds: ['no'], via: 'link' })]);
  });

  it('a second secret ballot with the same link replaces the first: one voter row, one choice row', async () => {
    const poll = await newPoll(v, { question: 'Bầu Trưởng đoàn', secret: true, choices: { kind: 'election', candidates: ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Chi'], maxChoices: 2 } });
    const [, token] = [...tokens.entries()][1];
    expect((await castBallot(t.baseUrl, token, poll.id, ['c1'])).body).toMatchObject({ replaced: false });
    expect((await castBallot(t.baseUrl, token, poll.id, ['c2', 'c3'])).body as VoteReceipt).toMatchObject({ optionIds: ['c2', 'c3'], replaced: true });
    const view = await v.chair.call('ballot.view', { query: { token } });
    expect(view.polls.find((p) => p.poll.id === poll.id)!.mine).toEqual(['c2', 'c3']);
    const counts = await pg.query<{ voters: number; choices: number }>(
      `SELECT (SELECT count(*)::int FROM poll_voters WHERE poll_id = $1) AS voters, (SELECT count(*)::int FROM poll_secret_choices WHERE poll_id = $1) AS choices`,
      [poll.id],
    );
    expect(counts.rows[0]).toEqual({ voters: 1, choices: 1 });
    const result = (await close(poll)).result!;
    expect(result.options.map((o) => o.count)).toEqual([0, 1, 1]);
  });

  it('the secret tables cannot be joined: no shared column but the poll, no time, and after the close no shared transaction or order', async () => {
    const poll = await newPoll(v, { question: 'Lấy phiếu tín nhiệm', secret: true });
    const people = [...tokens.entries()].slice(0, 12);
    // one at a time, so each voter row and its choice row were written by the same transaction
    for (const [i, [, token]] of people.entries()) expect((await castBallot(t.baseUrl, token, poll.id, [i % 2 ? 'yes' : 'no'])).status).toBe(200);
    const columns = async (table: string) =>
      (await pg.query<{ column_name: string; data_type: string }>(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1`, [table])).rows;
    const voters = await columns('poll_voters');
    const choices = await columns('poll_secret_choices');
    expect(choices.map((c) => c.column_name).sort()).toEqual(['ballot_key', 'id', 'option_ids', 'poll_id']);
    expect(choices.some((c) => c.data_type.startsWith('timestamp'))).toBe(false);
    expect(voters.some((c) => c.data_type.startsWith('timestamp'))).toBe(false);
    const shared = voters.map((c) => c.column_name).filter((n) => choices.some((c) => c.column_name === n));
    expect(shared).toEqual(['poll_id']);
    // no foreign key from the choices to anything but the poll
    const fks = await pg.query<{ ref: string }>(
      `SELECT ccu.table_name AS ref FROM information_schema.table_constraints tc JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
        WHERE tc.table_name = 'poll_secret_choices' AND tc.constraint_type = 'FOREIGN KEY'`,
    );
    expect(fks.rows.map((r) => r.ref)).toEqual(['polls']);

    await close(poll);
    const byXmin = await pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM poll_voters v JOIN poll_secret_choices c ON c.poll_id = v.poll_id AND c.xmin::text = v.xmin::text WHERE v.poll_id = $1`,
      [poll.id],
    );
    expect(byXmin.rows[0].n).toBe(0);
    const keys = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM poll_secret_choices WHERE poll_id = $1 AND ballot_key IS NOT NULL`, [poll.id]);
    expect(keys.rows[0].n).toBe(0);
    // the choices were written by one transaction (the close), in an order of their own
    const xmins = await pg.query<{ n: number }>(`SELECT count(DISTINCT xmin::text)::int AS n FROM poll_secret_choices WHERE poll_id = $1`, [poll.id]);
    expect(xmins.rows[0].n).toBe(1);
  });
});
