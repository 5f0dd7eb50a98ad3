import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { meetingRoom, noticeJobId, type NoticeState, type NoticeWording } from '@app/contracts';
import { QueueDriver, type JobEvent } from '@app/queue';
import { NoticeStore } from '@app/reports';
import type { AuthUser } from '../common/auth-user';
import { MeetingEventsService } from '../meetings/meeting-events.service';
import { NotificationsService } from '../notifications/notifications.service';
import { writeOutbox } from '../outbox/outbox.store';
import { OrganizationsService } from '../organizations/organizations.service';
import { MeetingPolicy } from '../policy/meeting-policy';
import { RealtimeHub } from '../realtime/realtime-hub';
import { NoticeErrorCode, NoticeException } from './notice.exception';

const JOB_ID = /^notice\.([0-9a-f-]{36})\.r(\d+)\.v\d+$/;

/**
 * The conclusion notice: a draft is asked for in the transaction that publishes a minutes revision (its row and
 * its job in the outbox commit with the publication); the meeting's secretariat rewords it (the next version,
 * rendered again by the job) and issues it, which freezes it and notifies every account of the agencies it names,
 * in one transaction. Edits and issuing act on the newest revision's notice.
 */
@Injectable()
export class NoticesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(NoticesService.name);
  private readonly store: NoticeStore;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    events: MeetingEventsService,
    private readonly policy: MeetingPolicy,
    private readonly notifications: NotificationsService,
    private readonly queue: QueueDriver,
    private readonly hub: RealtimeHub,
    private readonly organizations: OrganizationsService,
  ) {
    this.store = new NoticeStore(db);
    events.onAppend('minutes.status_changed', async (tx, e) => {
      if (e.payload.status !== 'published') return;
      if (await new NoticeStore(tx.manager).request(e.meetingId, e.payload.revision)) {
        await tx.outbox('notice.generate', { meetingId: e.meetingId, revision: e.payload.revision, version: 1 }, { jobId: noticeJobId(e.meetingId, e.payload.revision, 1) });
      }
    });
  }

  async onApplicationBootstrap() {
    await this.queue.onJobEvent('notice.generate', (e) => void this.relay(e).catch((err) => this.logger.warn({ err: (err as Error).message, jobId: e.jobId }, 'could not relay a notice job event')));
  }

  /** the notice's state to the meeting's followers when its job moves */
  private async relay(e: JobEvent) {
    const match = JOB_ID.exec(e.jobId);
    if (!match) return;
    const notice = await this.store.state(match[1], Number(match[2]));
    if (notice) this.hub.clientSendLocal('notice:status', meetingRoom(notice.meetingId), { meetingId: notice.meetingId, notice });
  }

  async get(user: AuthUser, meetingId: string, revision?: number): Promise<NoticeState> {
    return this.readable(user, meetingId, revision);
  }

  async file(user: AuthUser, meetingId: string, format: 'docx' | 'pdf', revision?: number): Promise<{ body: Buffer; title: string; revision: number }> {
    const state = this.ready(await this.readable(user, meetingId, revision));
    const body = await this.store.file(meetingId, state.revision, format);
    if (!body) throw new NoticeException(NoticeErrorCode.FormatUnavailable, `This notice has no ${format.toUpperCase()}: ${state.formatNotes[format] ?? 'it was not made'}`, { format });
    const [meeting]: { title: string }[] = await this.db.query(`SELECT title FROM meetings WHERE id = $1`, [meetingId]);
    return { body, title: meeting.title, revision: state.revision };
  }

  /**
   * Who reads a notice: whoever sees the meeting, and, once it is issued, the agencies it names (their own
   * organization or a body below it: its notification links there) although the meeting is not theirs.
   */
  private async readable(user: AuthUser, meetingId: string, revision?: number): Promise<NoticeState> {
    const state = await this.store.state(meetingId, revision);
    if (!(state?.issuedAt && (await this.namesCaller(user, state)))) await this.policy.visibleMeeting(user, meetingId);
    return this.found(state, revision);
  }

  private async namesCaller(user: AuthUser, state: NoticeState): Promise<boolean> {
    const [account]: { organization_id: string }[] = await this.db.query(`SELECT organization_id FROM accounts WHERE id = $1`, [user.id]);
    if (!account) return false;
    const chain = new Set(await this.organizations.ancestorIds(account.organization_id));
    return (state.content?.agencies ?? []).some((a) => chain.has(a.organizationId));
  }

  /** the secretariat's wording of the draft: the next version, queued for rendering with the change */
  async reword(user: AuthUser, meetingId: string, wording: NoticeWording): Promise<NoticeState> {
    await this.policy.require(user, meetingId, 'notice.issue');
    return this.db.transaction(async (m) => {
      const store = new NoticeStore(m);
      const state = this.draft(await store.state(meetingId, undefined, true));
      const version = await store.reword(meetingId, state.revision, wording, user.id);
      await writeOutbox(m, 'notice.generate', { meetingId, revision: state.revision, version }, { jobId: noticeJobId(meetingId, state.revision, version) });
      return (await store.state(meetingId, state.revision))!;
    });
  }

  /** issues the rendered draft: frozen, and one notification per account of every agency it names */
  async issue(user: AuthUser, meetingId: string): Promise<NoticeState> {
    const meeting = await this.policy.require(user, meetingId, 'notice.issue');
    return this.db.transaction(async (m: EntityManager) => {
      const store = new NoticeStore(m);
      const state = this.draft(await store.state(meetingId, undefined, true));
      const content = state.content!;
      const accounts = await this.notifications.accountsOf(
        m,
        content.agencies.map((a) => a.organizationId),
      );
      await this.notifications.notify(m, accounts, {
        kind: 'notice_issued',
        title: `Thông báo kết luận: ${meeting.title}`,
        body: `${content.issuingBody} ban hành Thông báo ${content.subject}. Cơ quan của bạn có tên trong thông báo.`,
        link: `/notices/${meetingId}`,
      });
      await store.issue(meetingId, state.revision, user.id, new Set(accounts).size);
      return (await store.state(meetingId, state.revision))!;
    });
  }

  private found(state: NoticeState | null, revision: number | undefined): NoticeState {
    if (!state) throw new NoticeException(NoticeErrorCode.NotFound, 'There is no conclusion notice: the minutes were not published', { revision: revision ?? null });
    return state;
  }

  private ready(state: NoticeState): NoticeState {
    if (state.status !== 'done') throw new NoticeException(NoticeErrorCode.NotReady, `The notice is ${state.status}, not generated yet`, { status: state.status });
    return state;
  }

  /** a rendered notice not yet issued: what may be reworded or issued */
  private draft(state: NoticeState | null): NoticeState {
    const s = this.found(state, undefined);
    if (s.issuedAt) throw new NoticeException(NoticeErrorCode.AlreadyIssued, 'The notice was issued and is frozen', { issuedAt: s.issuedAt });
    return this.ready(s);
  }
}
