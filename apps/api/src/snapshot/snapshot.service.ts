import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { MeetingSnapshot, MeetingSyncResult, PolicyFacts } from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import { PresenceService } from '../attendance/presence.service';
import { ReadinessService } from '../attendance/readiness.service';
import { RosterService } from '../attendance/roster.service';
import { MeetingEventsService } from '../meetings/meeting-events.service';
import { MeetingEntity } from '../meetings/meeting.entities';
import { MeetingErrorCode, MeetingException } from '../meetings/meeting.exception';
import { MeetingsService } from '../meetings/meetings.service';
import { MinutesService } from '../minutes/minutes.service';
import { MeetingPolicy } from '../policy/meeting-policy';
import { SpeakersService } from '../speakers/speakers.service';
import { VotingService } from '../voting/voting.service';
import { FollowCache } from './follow-cache';

/**
 * What a (re)connecting client needs to converge: the events it missed, or a
 * snapshot of the whole meeting. It sits above the domains and reads each one
 * through its service, so no domain reaches into another's tables for it.
 */
@Injectable()
export class SnapshotService {
  private readonly snapshotsInFlight = new Map<string, Promise<MeetingSnapshot>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: MeetingEventsService,
    private readonly meetings: MeetingsService,
    private readonly presence: PresenceService,
    private readonly roster: RosterService,
    private readonly readiness: ReadinessService,
    private readonly speakers: SpeakersService,
    private readonly minutes: MinutesService,
    private readonly policy: MeetingPolicy,
    private readonly voting: VotingService,
    private readonly follow: FollowCache,
  ) {}

  /** What a (re)connecting client needs to converge: the events it missed, or a snapshot. */
  async sync(user: AuthUser, id: string, afterSeq: number | undefined, limit?: number): Promise<MeetingSyncResult> {
    const row = await this.meetings.requireVisible(user, id);
    return this.syncVisible(id, afterSeq, await this.policy.facts(user, row), limit);
  }

  /**
   * sync() for a caller already known to see the meeting (the gateway checks before it
   * joins the room). Everything is read in one REPEATABLE READ snapshot, so the seq
   * returned is exactly the state returned. A snapshot does not depend on the caller,
   * and at one seq only device counts and last-seen times (which change without an
   * event) can differ, so callers that ask for the same meeting and seq at the same time
   * share one (only while it is being built; nothing is kept): thousands of viewers joining, or the clients of a failed api process
   * resyncing at once, cost one snapshot per seq instead of one each (found by the
   * memory and failover benchmarks).
   */
  async syncVisible(id: string, afterSeq: number | undefined, viewer: PolicyFacts, limit?: number): Promise<MeetingSyncResult> {
    if (afterSeq !== undefined) {
      const replay = await this.events.replay(id, afterSeq, limit);
      if (!replay) throw new MeetingException(MeetingErrorCode.NotFound, 'Meeting not found', { meetingId: id });
      if (replay.events) {
        // a page of `limit` events (REST): the client reads on from the last seq while hasMore
        const last = replay.events.length ? replay.events[replay.events.length - 1].seq : afterSeq;
        return { meetingId: id, seq: replay.seq, events: replay.events, snapshot: null, viewer, ...(limit !== undefined ? { hasMore: last < replay.seq } : {}) };
      }
    }
    // A snapshot built at the current seq moments ago is handed out again (FollowCache): one read of the seq instead of a transaction.
    const seq = await this.meetings.seqOf(id);
    const reused = seq === null ? undefined : this.follow.snapshot(id, seq);
    if (reused) return { meetingId: id, seq: seq!, events: null, snapshot: reused, viewer };
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const row = await m.getRepository(MeetingEntity).findOneBy({ id });
      if (!row) throw new MeetingException(MeetingErrorCode.NotFound, 'Meeting not found', { meetingId: id });
      const snapshot = await this.sharedSnapshot(row, m);
      this.follow.rememberSnapshot(id, row.seq, snapshot);
      return { meetingId: id, seq: row.seq, events: null, snapshot, viewer };
    });
  }

  private sharedSnapshot(row: MeetingEntity, m: EntityManager): Promise<MeetingSnapshot> {
    const key = `${row.id}:${row.seq}`;
    let pending = this.snapshotsInFlight.get(key);
    if (!pending) {
      pending = this.snapshotOf(row, m).finally(() => this.snapshotsInFlight.delete(key));
      this.snapshotsInFlight.set(key, pending);
    }
    return pending;
  }

  private async snapshotOf(row: MeetingEntity, m: EntityManager): Promise<MeetingSnapshot> {
    const id = row.id;
    const endpoints = await this.meetings.endpointRows(m, id);
    const own = await this.meetings.snapshotPart(m, row, endpoints);
    return {
      meeting: own.meeting,
      agenda: own.agenda,
      endpoints: own.endpoints,
      presence: await this.presence.presenceOf(m, endpoints),
      attendees: await this.roster.attendeesIn(m, id),
      techCheck: own.techCheck,
      rollCall: await this.readiness.rollCallOf(m, id, endpoints.map((e) => e.id)),
      speakers: await this.speakers.stateOf(m, row),
      minutes: await this.minutes.stateOf(m, row),
      polls: await this.voting.pollsOf(m, id),
    };
  }
}
