import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  ballotHolderRoom,
  ballotRoom,
  fieldError,
  type BallotSlip,
  type BallotView,
  type createPollRequestSchema,
  type NamedBallot,
  type Poll,
  type PollAction,
  type PollBallots,
  type PollTurnout,
  type pollTransitionRequestSchema,
  type VoteReceipt,
} from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import { AttendeeEntity } from '../attendance/attendance.entities';
import { EndpointAccessService } from '../attendance/endpoint-access.service';
import { MeetingEventsService, type MeetingTx } from '../meetings/meeting-events.service';
import { MeetingErrorCode, MeetingException } from '../meetings/meeting.exception';
import { RealtimeHub } from '../realtime/realtime-hub';
import { AgendaItemEntity, MeetingEndpointEntity, MeetingEntity } from '../meetings/meeting.entities';
import { MeetingsService } from '../meetings/meetings.service';
import { endpointViews } from '../meetings/meeting-views';
import { MeetingPolicy } from '../policy/meeting-policy';
import { PollEntity, PollNamedBallotEntity, PollSiteCountEntity, PollSiteEntity, PollVoterEntity, VotingTokenEntity } from './voting.entities';
import { VotingErrorCode, VotingException } from './voting.exception';
import { resultRows } from './voting-export';
import { canonicalLines, checkBallot, checkSiteCounts, choiceSet, digestOf, majorityRule, tally } from './voting-rules';

const CHECKED_IN = ['present', 'late'];
/**
 * How long ballots are gathered into one turnout event, per process: 2,000 ballots in 10 s make ~20 events,
 * not 2,000. A second is as fast as a person reads a count, and each event reaches every viewer of the
 * meeting (1,000 viewers x 5 events/s per process was most of the voting benchmark's CPU at 200 ms).
 */
const TURNOUT_EVERY_MS = 1_000;
/** How often every api process looks for polls whose countdown has run out (ballots are refused from that instant anyway). */
const SWEEP_EVERY_MS = 1_000;

const sha256 = (token: string) => createHash('sha256').update(token, 'utf8').digest();
/** The key of a secret choice: only the holder of the link's token can compute it (the token itself is never stored). */
const ballotKey = (token: string, pollId: string) => createHmac('sha256', token).update(pollId).digest();

/** What a ballot checks, read with the meeting lock in one statement (see cast). */
interface BallotFacts {
  meeting_id: string;
  poll_id: string | null;
  status: PollEntity['status'];
  closes_at: string | Date | null;
  secret: boolean;
  options: PollEntity['options'];
  max_choices: number;
  voting_member: boolean | null;
  role: AttendeeEntity['role'] | null;
  attendee_status: AttendeeEntity['status'] | null;
  has_site: boolean;
  counts_hands: boolean | null;
}

interface Voter {
  attendee: AttendeeEntity;
  via: 'link' | 'console';
  recordedBy: string | null;
  /** with a link: the token, for the secret choice's key */
  token: string | null;
}

/**
 * Polls, ballots and results. The close and the ballots meet on the meeting
 * row: a ballot holds it FOR KEY SHARE (ballots run side by side) and checks
 * that the poll is open after taking it; the close takes it FOR UPDATE, which
 * waits for every ballot in flight, and commits the result in the same
 * transaction as the status. A ballot racing the close is therefore either in
 * the result, or refused after the close commits: never half, on any number
 * of api processes (the database decides).
 */
@Injectable()
export class VotingService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(VotingService.name);
  private readonly turnoutTimers = new Map<string, NodeJS.Timeout>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: MeetingEventsService,
    private readonly meetings: MeetingsService,
    private readonly access: EndpointAccessService,
    private readonly policy: MeetingPolicy,
    private readonly hub: RealtimeHub,
  ) {
    // The phones of the meeting hear which poll changed (never how anybody voted), from whichever process
    // committed it; a draft being prepared is nobody's business on a phone.
    this.events.onCommitted((e) => {
      if (e.type === 'poll.upserted' && e.payload.poll.status !== 'draft') this.hub.clientSend('ballot:changed', ballotRoom(e.meetingId), { pollId: e.payload.poll.id, status: e.payload.poll.status });
    });
  }

  onApplicationBootstrap() {
    this.sweepTimer = setInterval(() => void this.closeExpired(), SWEEP_EVERY_MS);
    this.sweepTimer.unref();
  }

  onModuleDestroy() {
    clearInterval(this.sweepTimer);
    for (const t of this.turnoutTimers.values()) clearTimeout(t);
    this.turnoutTimers.clear();
  }

  /**
   * Closes the open polls whose countdown has run out, as the chair would (the result, its event), at
   * the countdown's instant. Every api process sweeps; the close takes the meeting FOR UPDATE and
   * re-reads the poll, so one of them closes it and the others find it closed.
   */
  async closeExpired(): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    let closed = 0;
    try {
      const due: { id: string; meeting_id: string }[] = await this.db.query(`SELECT id, meeting_id FROM polls WHERE status = 'open' AND closes_at IS NOT NULL AND closes_at <= now() ORDER BY closes_at LIMIT 50`);
      for (const row of due) {
        try {
          const done = await this.events.command(row.meeting_id, async (tx) => {
            await tx.lockMeeting(row.meeting_id);
            const poll = await tx.manager.getRepository(PollEntity).findOneBy({ id: row.id });
            if (!poll || poll.status !== 'open' || !poll.closesAt || poll.closesAt.getTime() > Date.now()) return false;
            await this.close(tx.manager, poll, poll.closesAt);
            const [view] = await this.views(tx.manager, [poll]);
            await tx.append(poll.meetingId, 'poll.upserted', { poll: view }, null);
            return true;
          });
          if (done) closed++;
        } catch (err) {
          this.log.warn(`closing poll ${row.id} at the end of its countdown failed: ${(err as Error).message}`);
        }
      }
    } catch (err) {
      this.log.warn(`looking for polls whose countdown ended failed: ${(err as Error).message}`);
    } finally {
      this.sweeping = false;
    }
    return closed;
  }

  // ---------- reading ----------

  async list(user: AuthUser, meetingId: string): Promise<Poll[]> {
    await this.meetings.requireVisible(user, meetingId);
    return this.pollsOf(this.db.manager, meetingId);
  }

  async get(user: AuthUser, meetingId: string, pollId: string): Promise<Poll> {
    await this.meetings.requireVisible(user, meetingId);
    return (await this.views(this.db.manager, [await this.requirePoll(this.db.manager, meetingId, pollId)]))[0];
  }

  /** The meeting's polls, read in `m` (the snapshot's transaction). */
  async pollsOf(m: EntityManager, meetingId: string): Promise<Poll[]> {
    return this.views(m, await m.getRepository(PollEntity).find({ where: { meetingId }, order: { createdAt: 'ASC', id: 'ASC' } }));
  }

  /** The canonical ballots of a closed poll and their digest, recomputed from the stored rows. */
  async ballots(user: AuthUser, meetingId: string, pollId: string): Promise<PollBallots> {
    await this.meetings.requireVisible(user, meetingId);
    const poll = await this.requirePoll(this.db.manager, meetingId, pollId);
    if (poll.status !== 'closed' && poll.status !== 'published') throw new VotingException(VotingErrorCode.NotClosed, 'Ballots are read once the poll has closed', { status: poll.status });
    const lines = canonicalLines(await this.readBallots(this.db.manager, poll));
    return { pollId, secret: poll.secret, lines, digest: digestOf(lines) };
  }

  /** A closed poll's result as spreadsheet rows, with the sites' names. */
  async exportRows(user: AuthUser, meetingId: string, pollId: string) {
    const meeting = await this.meetings.requireVisible(user, meetingId);
    const [poll] = await this.views(this.db.manager, [await this.requirePoll(this.db.manager, meetingId, pollId)]);
    if (!poll.result) throw new VotingException(VotingErrorCode.NotClosed, 'The result exists once the poll has closed', { status: poll.status });
    const endpoints = await endpointViews(this.db.manager, await this.db.getRepository(MeetingEndpointEntity).findBy({ meetingId }));
    const name = (id: string) => endpoints.find((e) => e.id === id)?.organizationName ?? '';
    return { title: `${meeting.title} - ${poll.question}`.slice(0, 100), rows: resultRows(poll, name) };
  }

  // ---------- the chair ----------

  async create(user: AuthUser, meetingId: string, input: z.output<typeof createPollRequestSchema>): Promise<Poll> {
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      await this.policy.require(user, meetingId, 'poll.manage', undefined, m);
      if (input.agendaItemId && !(await m.getRepository(AgendaItemEntity).existsBy({ id: input.agendaItemId, meetingId }))) {
        throw new VotingException(VotingErrorCode.UnknownAgendaItem, 'The agenda item is not part of this meeting', {}, [fieldError('agendaItemId', 'not_found', 'is not an item of this meeting')]);
      }
      const sites = input.mode === 'mixed' ? [...new Set(input.siteEndpointIds)] : [];
      if (sites.length && (await m.getRepository(MeetingEndpointEntity).countBy({ meetingId, id: In(sites) })) !== sites.length) {
        throw new VotingException(VotingErrorCode.UnknownSite, 'A site named is not an endpoint of this meeting', {}, [fieldError('siteEndpointIds', 'not_found', 'names an endpoint not in this meeting')]);
      }
      await tx.lockMeeting(meetingId);
      const choices = choiceSet(input.choices);
      const row = m.getRepository(PollEntity).create({
        meetingId,
        agendaItemId: input.agendaItemId,
        question: input.question,
        ...choices,
        secret: input.secret,
        mode: input.mode,
        siteEndpointIds: sites,
        rule: majorityRule(input.rule),
        quorum: input.quorum,
        status: 'draft',
        countdownSeconds: input.countdownSeconds,
        openedAt: null,
        closesAt: null,
        closedAt: null,
        publishedAt: null,
        cancelledReason: null,
        members: null,
        present: null,
        result: null,
        createdBy: user.id,
        createdAt: new Date(),
      });
      await m.getRepository(PollEntity).insert(row);
      return this.emit(tx, row, user);
    });
  }

  async transition(user: AuthUser, meetingId: string, pollId: string, input: z.output<typeof pollTransitionRequestSchema>): Promise<Poll> {
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      await this.policy.require(user, meetingId, 'poll.manage', undefined, m);
      // FOR UPDATE: waits for every ballot holding the meeting FOR KEY SHARE, so a close sees all of them
      const meeting = await tx.lockMeeting(meetingId);
      const poll = await this.requirePoll(m, meetingId, pollId);
      const illegal = (): never => {
        throw new VotingException(VotingErrorCode.IllegalTransition, `Cannot ${input.action} a poll that is ${poll.status}`, { status: poll.status, action: input.action as PollAction });
      };
      const now = new Date();
      switch (input.action) {
        case 'open':
          if (poll.status !== 'draft') illegal();
          if (meeting.status !== 'live') throw new VotingException(VotingErrorCode.MeetingNotLive, 'A poll opens while the meeting is live', { status: meeting.status });
          await this.open(m, meeting, poll, now);
          break;
        case 'close':
          if (poll.status !== 'open') illegal();
          await this.close(m, poll, now);
          break;
        case 'publish':
          if (poll.status !== 'closed') illegal();
          poll.status = 'published';
          poll.publishedAt = now;
          await m.getRepository(PollEntity).update({ id: poll.id }, { status: poll.status, publishedAt: now });
          break;
        case 'cancel':
          if (poll.status !== 'draft' && poll.status !== 'open') illegal();
          poll.status = 'cancelled';
          poll.cancelledReason = input.reason;
          await m.getRepository(PollEntity).update({ id: poll.id }, { status: poll.status, cancelledReason: input.reason, closedAt: now });
          poll.closedAt = now;
          break;
      }
      return this.emit(tx, poll, user);
    });
  }

  /** Fixes the members and those checked in, site by site: the quorum and the caps on the counts. */
  private async open(m: EntityManager, meeting: MeetingEntity, poll: PollEntity, now: Date) {
    const endpoints = await m.getRepository(MeetingEndpointEntity).findBy({ meetingId: meeting.id });
    const rows: { endpoint_id: string; members: number; present: number }[] = await m.query(
      `SELECT endpoint_id, count(*)::int AS members, count(*) FILTER (WHERE status = ANY($2))::int AS present
         FROM attendees WHERE meeting_id = $1 AND voting_member GROUP BY endpoint_id`,
      [meeting.id, CHECKED_IN],
    );
    const byEndpoint = new Map(rows.map((r) => [r.endpoint_id, r]));
    const sites = endpoints.map((e) => ({
      pollId: poll.id,
      endpointId: e.id,
      members: byEndpoint.get(e.id)?.members ?? 0,
      present: byEndpoint.get(e.id)?.present ?? 0,
      countsHands: poll.mode === 'site' || (poll.mode === 'mixed' && poll.siteEndpointIds.includes(e.id)),
    }));
    if (sites.length) await m.getRepository(PollSiteEntity).insert(sites);
    poll.status = 'open';
    poll.openedAt = now;
    poll.closesAt = poll.countdownSeconds ? new Date(now.getTime() + poll.countdownSeconds * 1000) : null;
    poll.members = sites.reduce((a, s) => a + s.members, 0);
    poll.present = sites.reduce((a, s) => a + s.present, 0);
    await m.getRepository(PollEntity).update({ id: poll.id }, { status: poll.status, openedAt: now, closesAt: poll.closesAt, members: poll.members, present: poll.present });
  }

  /** Takes exactly the ballots committed before it (the caller holds the meeting FOR UPDATE), and makes the secret choices unlinkable. */
  private async close(m: EntityManager, poll: PollEntity, now: Date) {
    const read = await this.readBallots(m, poll);
    if (poll.secret) {
      // Rewritten in random order by this transaction: new ids, no key, so neither the rows' xmin nor their
      // place on disk relates them to the voters' rows any more (the test inspects both).
      const rows = read.secret.map((optionIds) => ({ optionIds, sort: randomBytes(8).toString('hex') })).sort((a, b) => a.sort.localeCompare(b.sort));
      await m.query(`DELETE FROM poll_secret_choices WHERE poll_id = $1`, [poll.id]);
      if (rows.length) {
        await m.query(`INSERT INTO poll_secret_choices (poll_id, option_ids) SELECT $1, x FROM jsonb_array_elements($2::jsonb) AS x`, [poll.id, JSON.stringify(rows.map((r) => r.optionIds))]);
      }
    }
    const lines = canonicalLines(read);
    const counted = tally({
      choiceKind: poll.choiceKind,
      options: poll.options,
      maxChoices: poll.maxChoices,
      rule: poll.rule,
      quorum: poll.quorum,
      members: poll.members ?? 0,
      present: poll.present ?? 0,
      ballots: [...read.named.map((b) => b.optionIds), ...read.secret],
      siteCounts: read.sites.map((s) => s.counts),
    });
    poll.result = { ...counted, digest: digestOf(lines), named: read.namedViews, sites: read.siteViews };
    poll.status = 'closed';
    poll.closedAt = now;
    await m.getRepository(PollEntity).update({ id: poll.id }, { status: 'closed', closedAt: now, result: poll.result });
  }

  // ---------- ballots ----------

  /** The operator records the vote of a named attendee of its site (named polls only: a secret vote is the delegate's own). */
  async recordVote(user: AuthUser, meetingId: string, pollId: string, input: { endpointId: string; attendeeId: string; optionIds: string[] }): Promise<VoteReceipt> {
    await this.access.requireActor(user, meetingId, input.endpointId, this.db.manager, 'poll.count');
    const attendee = await this.db.getRepository(AttendeeEntity).findOneBy({ id: input.attendeeId, meetingId, endpointId: input.endpointId });
    if (!attendee) throw new VotingException(VotingErrorCode.AttendeeNotFound, 'The attendee is not on this site’s roster', { attendeeId: input.attendeeId });
    return this.cast(meetingId, pollId, { attendee, via: 'console', recordedBy: user.id, token: null }, input.optionIds);
  }

  /** A delegate's ballot from the personal link. */
  async castWithToken(token: string, pollId: string, optionIds: string[]): Promise<VoteReceipt> {
    const { attendee } = await this.requireToken(token);
    return this.cast(attendee.meetingId, pollId, { attendee, via: 'link', recordedBy: null, token }, optionIds);
  }

  /**
   * One ballot in two statements under the lock: the first takes the meeting FOR KEY SHARE and reads, in the
   * same round trip, the poll, the voter as now (voting member, checked in) and the voter's site in this poll;
   * the second records that the voter voted and what (named) or the choice under its key (secret). The checks
   * between them are pure; 2,000 phones voting at once wait on nothing else.
   */
  private async cast(meetingId: string, pollId: string, voter: Voter, optionIds: string[]): Promise<VoteReceipt> {
    const { attendee } = voter;
    const receipt = await this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      const [row]: BallotFacts[] = await m.query(
        // The poll is locked FOR SHARE after the meeting, in its own CTE: a ballot that waited for a close
        // (FOR UPDATE on the meeting, in this process or another) reads the poll as the close left it,
        // not as the statement's snapshot saw it before the wait.
        `WITH m AS (SELECT id FROM meetings WHERE id = $1 FOR KEY SHARE),
              p AS (SELECT p.* FROM polls p JOIN m ON p.meeting_id = m.id WHERE p.id = $2 FOR SHARE OF p)
         SELECT m.id AS meeting_id, p.id AS poll_id, p.status, p.closes_at, p.secret, p.options, p.max_choices,
                a.voting_member, a.role, a.status AS attendee_status, s.poll_id IS NOT NULL AS has_site, s.counts_hands
           FROM m
           LEFT JOIN p ON true
           LEFT JOIN attendees a ON a.id = $3 AND a.meeting_id = m.id
           LEFT JOIN poll_sites s ON s.poll_id = p.id AND s.endpoint_id = $4`,
        [meetingId, pollId, attendee.id, attendee.endpointId],
      );
      if (!row) throw new MeetingException(MeetingErrorCode.NotFound, 'Meeting not found', { meetingId });
      if (!row.poll_id) throw new VotingException(VotingErrorCode.NotFound, 'Poll not found', { pollId });
      if (row.status !== 'open' || (row.closes_at && new Date(row.closes_at).getTime() <= Date.now())) {
        throw new VotingException(VotingErrorCode.NotOpen, 'The poll is not open', { status: row.status });
      }
      if (row.secret && !voter.token) throw new VotingException(VotingErrorCode.SecretNeedsLink, 'In a secret poll delegates vote from their own link');
      const member = row.voting_member ?? attendee.votingMember;
      const role = row.role ?? attendee.role;
      const status = row.attendee_status ?? attendee.status;
      if (!member || role !== 'delegate') throw new VotingException(VotingErrorCode.NotVotingMember, `${attendee.fullName} is not a voting member`, { attendeeId: attendee.id });
      if (!CHECKED_IN.includes(status)) throw new VotingException(VotingErrorCode.NotCheckedIn, `${attendee.fullName} is not checked in`, { attendeeId: attendee.id });
      if (!row.has_site || row.counts_hands) throw new VotingException(VotingErrorCode.WrongMode, 'This site reports a show of hands in this poll', { endpointId: attendee.endpointId, counts: true });
      const checked = checkBallot(row.options, row.max_choices, optionIds);
      if ('problem' in checked) {
        if (checked.problem === 'unknown_option') throw new VotingException(VotingErrorCode.UnknownOption, 'No such option in this poll', { optionId: checked.optionId }, [fieldError('optionIds', 'not_found', 'names an option not in this poll')]);
        throw new VotingException(VotingErrorCode.ChoiceCount, `Choose between 1 and ${checked.max} options`, { max: checked.max });
      }
      const now = new Date();
      const choice = JSON.stringify(checked.optionIds);
      let replaced: boolean;
      if (row.secret) {
        const [written]: { fresh: boolean; inserted: boolean }[] = await m.query(
          `WITH voter AS (INSERT INTO poll_voters (poll_id, attendee_id, endpoint_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1)
           INSERT INTO poll_secret_choices (poll_id, ballot_key, option_ids) VALUES ($1, $4, $5::jsonb)
             ON CONFLICT (poll_id, ballot_key) DO UPDATE SET option_ids = EXCLUDED.option_ids
           RETURNING EXISTS (SELECT 1 FROM voter) AS fresh, (xmax = 0) AS inserted`,
          [pollId, attendee.id, attendee.endpointId, ballotKey(voter.token!, pollId), choice],
        );
        replaced = !written.fresh;
        // voted before with a link since replaced: that choice cannot be found (by design), so the new one may not be added
        if (replaced && written.inserted) throw new VotingException(VotingErrorCode.TokenInvalid, 'This delegate voted with an earlier slip');
      } else {
        const [written]: { fresh: boolean }[] = await m.query(
          `WITH voter AS (INSERT INTO poll_voters (poll_id, attendee_id, endpoint_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1)
           INSERT INTO poll_named_ballots (poll_id, attendee_id, endpoint_id, option_ids, via, recorded_by, cast_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)
           RETURNING EXISTS (SELECT 1 FROM voter) AS fresh`,
          [pollId, attendee.id, attendee.endpointId, choice, voter.via, voter.recordedBy, now],
        );
        replaced = !written.fresh;
      }
      return { pollId, optionIds: checked.optionIds, replaced, recordedAt: now.toISOString() };
    }, { shared: true });
    this.turnoutChanged(meetingId, pollId);
    return receipt;
  }

  /** The operator enters the room's show of hands, once per site and poll. */
  async siteCount(user: AuthUser, meetingId: string, pollId: string, input: { endpointId: string; counts: Record<string, number> }): Promise<Poll> {
    await this.access.requireActor(user, meetingId, input.endpointId, this.db.manager, 'poll.count');
    const poll = await this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      await tx.lockMeeting(meetingId, 'key_share');
      const poll = await this.requireOpen(m, meetingId, pollId);
      const site = await m.getRepository(PollSiteEntity).findOneBy({ pollId, endpointId: input.endpointId });
      if (!site || !site.countsHands) throw new VotingException(VotingErrorCode.WrongMode, 'This site’s delegates vote one by one in this poll', { endpointId: input.endpointId, counts: false });
      const problem = checkSiteCounts(poll.options, input.counts, site.present);
      if (problem?.problem === 'unknown_option') throw new VotingException(VotingErrorCode.UnknownOption, 'No such option in this poll', { optionId: problem.optionId }, [fieldError(`counts.${problem.optionId}`, 'not_found', 'is not an option of this poll')]);
      if (problem?.problem === 'incomplete') throw new VotingException(VotingErrorCode.CountsIncomplete, 'A count is needed for every option', { missing: problem.missing });
      if (problem?.problem === 'above_present') {
        throw new VotingException(VotingErrorCode.CountsAbovePresent, `The counts add up to ${problem.total}, more than the ${problem.present} members checked in`, { present: problem.present, total: problem.total });
      }
      const inserted: unknown[] = await m.query(
        `INSERT INTO poll_site_counts (poll_id, endpoint_id, counts, entered_by, entered_at) VALUES ($1, $2, $3::jsonb, $4, now()) ON CONFLICT DO NOTHING RETURNING poll_id`,
        [pollId, input.endpointId, JSON.stringify(input.counts), user.id],
      );
      if (!inserted.length) throw new VotingException(VotingErrorCode.SiteAlreadyCounted, 'This site has already sent its counts', { endpointId: input.endpointId });
      return poll;
    }, { shared: true });
    this.turnoutChanged(meetingId, pollId);
    return (await this.views(this.db.manager, [poll]))[0];
  }

  // ---------- the delegate's link ----------

  /** Prints new slips for the site's voting members (or those named): each earlier link of theirs stops working. */
  async slips(user: AuthUser, meetingId: string, endpointId: string, attendeeIds?: string[]): Promise<BallotSlip[]> {
    const slips = await this.issueSlips(user, meetingId, endpointId, attendeeIds);
    // the replaced slips' phones are closed at once, on every api process (their next handshake is refused)
    for (const s of slips) this.hub.disconnectRoom(ballotHolderRoom(s.attendeeId));
    return slips;
  }

  private async issueSlips(user: AuthUser, meetingId: string, endpointId: string, attendeeIds?: string[]): Promise<BallotSlip[]> {
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      await this.access.requireActor(user, meetingId, endpointId, m, 'poll.count');
      const people = await m.getRepository(AttendeeEntity).find({
        where: { meetingId, endpointId, votingMember: true, ...(attendeeIds ? { id: In(attendeeIds) } : {}) },
        order: { sortKey: 'ASC', id: 'ASC' },
      });
      if (attendeeIds) {
        const missing = attendeeIds.find((id) => !people.some((p) => p.id === id));
        if (missing) throw new VotingException(VotingErrorCode.NotVotingMember, 'Only voting members of this site get a slip', { attendeeId: missing });
      }
      if (!people.length) return [];
      const now = new Date();
      await m.getRepository(VotingTokenEntity).update({ attendeeId: In(people.map((p) => p.id)), revokedAt: IsNull() }, { revokedAt: now });
      const slips = people.map((p) => ({ person: p, token: randomBytes(24).toString('base64url') }));
      await m.getRepository(VotingTokenEntity).insert(slips.map((s) => ({ tokenHash: sha256(s.token), meetingId, attendeeId: s.person.id, issuedBy: user.id, issuedAt: now, revokedAt: null })));
      return slips.map((s) => ({ attendeeId: s.person.id, fullName: s.person.fullName, position: s.person.position, path: `/phieu#${s.token}` }));
    });
  }

  /** What the delegate's phone shows: the polls open now and what they chose in each. */
  async ballotView(token: string): Promise<BallotView> {
    const { attendee } = await this.requireToken(token);
    const m = this.db.manager;
    const meeting = await m.getRepository(MeetingEntity).findOneByOrFail({ id: attendee.meetingId });
    const [endpoint] = await endpointViews(m, await m.getRepository(MeetingEndpointEntity).findBy({ id: attendee.endpointId }));
    const rows = await m.getRepository(PollEntity).find({ where: { meetingId: attendee.meetingId, status: In(['open', 'closed', 'published']) }, order: { createdAt: 'ASC' } });
    const polls = await this.views(m, rows);
    const sites = rows.length ? await m.getRepository(PollSiteEntity).findBy({ pollId: In(rows.map((r) => r.id)), endpointId: attendee.endpointId }) : [];
    const out: BallotView['polls'] = [];
    for (const poll of polls) {
      const site = sites.find((s) => s.pollId === poll.id);
      out.push({ poll, mine: await this.mine(m, poll, attendee.id, token), canVote: poll.status === 'open' && !!site && !site.countsHands && attendee.votingMember });
    }
    return {
      meetingId: meeting.id,
      meetingTitle: meeting.title,
      attendee: { fullName: attendee.fullName, position: attendee.position, endpointName: endpoint?.organizationShortName ?? endpoint?.organizationName ?? '' },
      polls: out,
    };
  }

  private async mine(m: EntityManager, poll: Poll, attendeeId: string, token: string): Promise<string[] | null> {
    if (poll.secret) {
      if (poll.status !== 'open') return (await m.getRepository(PollVoterEntity).existsBy({ pollId: poll.id, attendeeId })) ? [] : null;
      const [row]: { option_ids: string[] }[] = await m.query(`SELECT option_ids FROM poll_secret_choices WHERE poll_id = $1 AND ballot_key = $2`, [poll.id, ballotKey(token, poll.id)]);
      return row?.option_ids ?? null;
    }
    const last = await m.getRepository(PollNamedBallotEntity).findOne({ where: { pollId: poll.id, attendeeId }, order: { id: 'DESC' } });
    return last?.optionIds ?? null;
  }

  /** Whose slip a token is (for the phone's socket); throws token_invalid for an unknown or replaced one. */
  async ballotHolder(token: string): Promise<{ meetingId: string; attendeeId: string }> {
    const { attendee } = await this.requireToken(token);
    return { meetingId: attendee.meetingId, attendeeId: attendee.id };
  }

  private async requireToken(token: string): Promise<{ attendee: AttendeeEntity }> {
    // one round trip: the live token and its attendee
    const attendee = await this.db
      .getRepository(AttendeeEntity)
      .createQueryBuilder('a')
      .innerJoin(VotingTokenEntity, 't', 't.attendee_id = a.id AND t.meeting_id = a.meeting_id')
      .where('t.token_hash = :hash AND t.revoked_at IS NULL', { hash: sha256(token) })
      .getOne();
    if (!attendee) throw new VotingException(VotingErrorCode.TokenInvalid, 'Unknown or replaced voting link');
    return { attendee };
  }

  // ---------- turnout ----------

  /** Ballots committed: one turnout event for all that arrive within TURNOUT_EVERY_MS (per process; each carries the full count). */
  private turnoutChanged(meetingId: string, pollId: string) {
    if (this.turnoutTimers.has(pollId)) return;
    const timer = setTimeout(() => {
      this.turnoutTimers.delete(pollId);
      this.publishTurnout(meetingId, pollId).catch((err: unknown) => this.log.warn(`turnout of poll ${pollId} not published: ${String(err)}`));
    }, TURNOUT_EVERY_MS);
    timer.unref();
    this.turnoutTimers.set(pollId, timer);
  }

  private async publishTurnout(meetingId: string, pollId: string) {
    await this.events.command(meetingId, async (tx) => {
      await tx.lockMeeting(meetingId);
      const poll = await tx.manager.getRepository(PollEntity).findOneBy({ id: pollId });
      if (poll?.status !== 'open') return;
      const turnout = (await this.turnouts(tx.manager, [pollId])).get(pollId)!;
      await tx.append(meetingId, 'poll.turnout', { pollId, turnout }, null);
    });
  }

  private async turnouts(m: EntityManager, pollIds: string[]): Promise<Map<string, PollTurnout>> {
    const out = new Map(pollIds.map((id) => [id, { voted: 0, sitesCounted: 0, sitesExpected: 0 }]));
    if (!pollIds.length) return out;
    const rows: { poll_id: string; voted: number; counted: number; expected: number }[] = await m.query(
      `SELECT p.id AS poll_id,
              (SELECT count(*)::int FROM poll_voters v WHERE v.poll_id = p.id) AS voted,
              (SELECT count(*)::int FROM poll_site_counts c WHERE c.poll_id = p.id) AS counted,
              (SELECT count(*)::int FROM poll_sites s WHERE s.poll_id = p.id AND s.counts_hands) AS expected
         FROM polls p WHERE p.id = ANY($1)`,
      [pollIds],
    );
    for (const r of rows) out.set(r.poll_id, { voted: r.voted, sitesCounted: r.counted, sitesExpected: r.expected });
    return out;
  }

  // ---------- helpers ----------

  private async readBallots(m: EntityManager, poll: PollEntity) {
    const named: { attendee_id: string; endpoint_id: string; option_ids: string[]; via: 'link' | 'console'; cast_at: Date }[] = poll.secret
      ? []
      : await m.query(
          `SELECT DISTINCT ON (attendee_id) attendee_id, endpoint_id, option_ids, via, cast_at FROM poll_named_ballots WHERE poll_id = $1 ORDER BY attendee_id, id DESC`,
          [poll.id],
        );
    const secret: { option_ids: string[] }[] = poll.secret ? await m.query(`SELECT option_ids FROM poll_secret_choices WHERE poll_id = $1`, [poll.id]) : [];
    const sites = await m.getRepository(PollSiteCountEntity).findBy({ pollId: poll.id });
    const people = named.length ? new Map((await m.getRepository(AttendeeEntity).findBy({ id: In(named.map((b) => b.attendee_id)) })).map((a) => [a.id, a.fullName])) : new Map<string, string>();
    const namedViews: NamedBallot[] = named.map((b) => ({ attendeeId: b.attendee_id, fullName: people.get(b.attendee_id) ?? '', endpointId: b.endpoint_id, optionIds: b.option_ids, via: b.via, castAt: new Date(b.cast_at).toISOString() }));
    return {
      named: named.map((b) => ({ attendeeId: b.attendee_id, optionIds: b.option_ids })),
      secret: secret.map((s) => s.option_ids),
      sites: sites.map((s) => ({ endpointId: s.endpointId, counts: s.counts })),
      namedViews,
      siteViews: sites.map((s) => ({ endpointId: s.endpointId, counts: s.counts, enteredAt: s.enteredAt.toISOString() })),
    };
  }

  private async requirePoll(m: EntityManager, meetingId: string, pollId: string): Promise<PollEntity> {
    const poll = await m.getRepository(PollEntity).findOneBy({ id: pollId, meetingId });
    if (!poll) throw new VotingException(VotingErrorCode.NotFound, 'Poll not found', { pollId });
    return poll;
  }

  /** The poll, open and before its countdown ends (the server's clock), read after the meeting lock. */
  private async requireOpen(m: EntityManager, meetingId: string, pollId: string): Promise<PollEntity> {
    const poll = await this.requirePoll(m, meetingId, pollId);
    if (poll.status !== 'open' || (poll.closesAt && poll.closesAt.getTime() <= Date.now())) {
      throw new VotingException(VotingErrorCode.NotOpen, 'The poll is not open', { status: poll.status });
    }
    return poll;
  }

  private async views(m: EntityManager, rows: PollEntity[]): Promise<Poll[]> {
    const turnouts = await this.turnouts(m, rows.map((r) => r.id));
    return rows.map((p) => ({
      id: p.id,
      meetingId: p.meetingId,
      agendaItemId: p.agendaItemId,
      question: p.question,
      choiceKind: p.choiceKind,
      options: p.options,
      maxChoices: p.maxChoices,
      secret: p.secret,
      mode: p.mode,
      siteEndpointIds: p.siteEndpointIds,
      rule: p.rule,
      quorum: p.quorum,
      status: p.status,
      countdownSeconds: p.countdownSeconds,
      openedAt: p.openedAt?.toISOString() ?? null,
      closesAt: p.closesAt?.toISOString() ?? null,
      closedAt: p.closedAt?.toISOString() ?? null,
      publishedAt: p.publishedAt?.toISOString() ?? null,
      cancelledReason: p.cancelledReason,
      members: p.members,
      present: p.present,
      turnout: turnouts.get(p.id)!,
      result: p.result,
      createdAt: p.createdAt.toISOString(),
    }));
  }

  private async emit(tx: MeetingTx, row: PollEntity, user: AuthUser): Promise<Poll> {
    const [poll] = await this.views(tx.manager, [row]);
    await tx.append(row.meetingId, 'poll.upserted', { poll }, user.id);
    return poll;
  }
}
