import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { meetingRoom, summaryJobId, type MeetingSummary, type ReportState } from '@app/contracts';
import { QueueDriver, type JobEvent } from '@app/queue';
import { ReportStore } from '@app/reports';
import type { AuthUser } from '../common/auth-user';
import { MeetingEventsService, type MeetingTx } from '../meetings/meeting-events.service';
import type { MeetingEntity } from '../meetings/meeting.entities';
import { MeetingsService } from '../meetings/meetings.service';
import { MeetingPolicy } from '../policy/meeting-policy';
import { RealtimeHub } from '../realtime/realtime-hub';
import { ReportErrorCode, ReportException } from './report.exception';

const JOB_ID = /^summary\.([0-9a-f-]{36})\.r(\d+)$/;
const ENDED = ['ended', 'minutes_published'];

/**
 * Post-meeting reports: asks for one when a meeting ends and whenever its
 * minutes are published (a correction is published as the next revision),
 * in the transaction of that change (the report's row and its job in the
 * outbox commit with it, so a crash after the commit loses no report),
 * relays the jobs' progress to the meeting's followers, and serves the
 * finished reports.
 */
@Injectable()
export class ReportsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportsService.name);
  private readonly store: ReportStore;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueDriver,
    private readonly events: MeetingEventsService,
    private readonly meetings: MeetingsService,
    private readonly policy: MeetingPolicy,
    private readonly hub: RealtimeHub,
  ) {
    this.store = new ReportStore(db);
    this.events.onAppend('meeting.status_changed', async (tx, e) => {
      if (e.payload.to !== 'ended') return;
      const [row] = await tx.manager.query(`SELECT minutes_revision FROM meetings WHERE id = $1`, [e.meetingId]);
      await this.requestIn(tx, e.meetingId, row.minutes_revision);
    });
    this.events.onAppend('minutes.status_changed', async (tx, e) => {
      if (e.payload.status === 'published') await this.requestIn(tx, e.meetingId, e.payload.revision);
    });
  }

  async onApplicationBootstrap() {
    await this.queue.onJobEvent('summary.generate', (e) => void this.relay(e).catch((err) => this.logger.warn({ err: (err as Error).message, jobId: e.jobId }, 'could not relay a report job event')));
  }

  /** the report's row and its job, in the transaction that decides it (asking twice changes nothing) */
  private async requestIn(tx: MeetingTx, meetingId: string, revision: number) {
    const state = await new ReportStore(tx.manager).request(meetingId, revision);
    if (state.status === 'queued') await tx.outbox('summary.generate', { meetingId, revision }, { jobId: summaryJobId(meetingId, revision) });
  }

  /** one report per meeting and revision: asking twice changes nothing */
  async request(meetingId: string, revision: number): Promise<ReportState> {
    const state = await this.store.request(meetingId, revision);
    if (state.status === 'queued') await this.queue.enqueue('summary.generate', { meetingId, revision }, { jobId: summaryJobId(meetingId, revision) });
    return state;
  }

  private async relay(e: JobEvent) {
    const match = JOB_ID.exec(e.jobId);
    if (!match) return;
    const report = await this.store.state(match[1], Number(match[2]));
    if (report) this.hub.clientSendLocal('report:status', meetingRoom(report.meetingId), { meetingId: report.meetingId, report });
  }

  async states(user: AuthUser, meetingId: string): Promise<ReportState[]> {
    await this.meetings.requireVisible(user, meetingId);
    return this.store.states(meetingId);
  }

  async summary(user: AuthUser, meetingId: string, revision?: number): Promise<MeetingSummary> {
    const state = await this.finished(user, meetingId, revision);
    return (await this.store.summary(meetingId, state.revision))!;
  }

  async file(user: AuthUser, meetingId: string, format: 'docx' | 'pdf', revision?: number): Promise<{ body: Buffer; title: string; revision: number }> {
    const state = await this.finished(user, meetingId, revision);
    const body = await this.store.file(meetingId, state.revision, format);
    if (!body) {
      throw new ReportException(ReportErrorCode.FormatUnavailable, `This report has no ${format.toUpperCase()}: ${state.formatNotes[format] ?? 'it was not made'}`, { format, revision: state.revision });
    }
    const [row] = await this.db.query(`SELECT title FROM meetings WHERE id = $1`, [meetingId]);
    return { body, title: row.title, revision: state.revision };
  }

  /**
   * organizers of the host (and admins above it) run a failed report again, make again a done one that
   * has no PDF ("Tạo lại PDF"), or ask for one that was never made
   */
  async regenerate(user: AuthUser, meetingId: string, revision: number): Promise<ReportState> {
    // who may, before whether it can: the policy answers 403 whatever the meeting's state
    await this.policy.require(user, meetingId, 'report.retry');
    const meeting = await this.requireEnded(user, meetingId);
    if (revision > meeting.minutesRevision) throw new ReportException(ReportErrorCode.NotFound, `The minutes have no revision ${revision}`, { revision });
    const state = await this.store.state(meetingId, revision);
    if (!state) return this.request(meetingId, revision);
    if (!(await this.store.requeue(meetingId, revision))) {
      throw new ReportException(ReportErrorCode.NotFailed, `The report of revision ${revision} is ${state.status}; only a failed report, or one without its PDF, runs again`, { status: state.status });
    }
    const jobId = summaryJobId(meetingId, revision);
    if (!(await this.queue.retry('summary.generate', jobId))) await this.queue.enqueue('summary.generate', { meetingId, revision }, { jobId });
    return (await this.store.state(meetingId, revision))!;
  }

  private async requireEnded(user: AuthUser, meetingId: string): Promise<MeetingEntity> {
    const meeting = await this.meetings.requireVisible(user, meetingId);
    if (!ENDED.includes(meeting.status)) {
      throw new ReportException(ReportErrorCode.MeetingNotEnded, `A report is made once the meeting has ended; this one is ${meeting.status}`, { status: meeting.status });
    }
    return meeting;
  }

  private async finished(user: AuthUser, meetingId: string, revision?: number): Promise<ReportState> {
    await this.requireEnded(user, meetingId);
    const done = await this.store.newestDone(meetingId, revision);
    if (done) return done;
    if (revision !== undefined && !(await this.store.state(meetingId, revision))) {
      throw new ReportException(ReportErrorCode.NotFound, `There is no report of minutes revision ${revision}`, { revision });
    }
    const reports = await this.store.states(meetingId);
    throw new ReportException(ReportErrorCode.NotReady, 'The report is not ready yet', { reports });
  }
}
