import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, timingSafeEqual } from 'node:crypto';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DataSource } from 'typeorm';
import { ENV, type Env } from '@app/config';
import { PLATFORM_TIME_ZONE } from '@app/contracts';
import { exportText } from '@app/vietnamese';
import type { AuthUser } from '../common/auth-user';
import { CommonException } from '../common/domain.exception';
import { AccountEntity } from '../accounts/account.entity';
import { OrganizationEntity } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { resolveJwtSecret } from '../auth/jwt-secret';
import { agendaView } from './meeting-views';
import { MeetingEndpointEntity, MeetingEntity } from './meeting.entities';
import { EndpointsService } from './endpoints.service';
import { MeetingsService } from './meetings.service';

const KIND_LABEL: Record<MeetingEntity['kind'], string> = {
  plenary: 'Phiên họp toàn thể',
  conference: 'Hội nghị',
  seminar: 'Tọa đàm',
  working: 'Họp làm việc',
};

/** The iCalendar UID of a meeting: the same for every invitation, update and cancellation. */
export const meetingUid = (id: string) => `meeting-${id}@hop-truc-tuyen`;

/**
 * iCalendar (RFC 5545) invitations and feeds. Times are written in UTC; a
 * reschedule raises SEQUENCE and a cancellation keeps the UID with
 * STATUS:CANCELLED, so calendar programs update the entry they already have.
 */
@Injectable()
export class CalendarService {
  private readonly feedSecret: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ENV) env: Env,
    private readonly meetings: MeetingsService,
    private readonly endpoints: EndpointsService,
    private readonly organizations: OrganizationsService,
  ) {
    this.feedSecret = resolveJwtSecret(env);
  }

  async meetingInvitation(user: AuthUser, meetingId: string): Promise<string> {
    const row = await this.meetings.requireVisible(user, meetingId);
    const cal = this.calendar(row.title);
    await this.addEvent(cal, row, null);
    return cal.toString();
  }

  async endpointInvitation(user: AuthUser, meetingId: string, endpointId: string): Promise<string> {
    const row = await this.meetings.requireVisible(user, meetingId);
    const endpoint = await this.endpoints.requireEndpoint(this.db.manager, meetingId, endpointId);
    const cal = this.calendar(row.title);
    await this.addEvent(cal, row, endpoint);
    return cal.toString();
  }

  /** The subscribable feed's address for an organization; only its members and those above it get it. */
  async feedUrl(user: AuthUser, organizationId: string, baseUrl: string): Promise<{ url: string }> {
    const org = await this.organizations.get(organizationId);
    const account = await this.db.getRepository(AccountEntity).findOneBy({ id: user.id });
    const member = account?.organizationId === org.id || user.roles.some((r) => r.organizationId === org.id);
    if (!member && !(await this.organizations.holdsRoleOver(user, ['admin', 'organizer'], org.id))) {
      throw CommonException.forbidden('Only members of this organization get its calendar feed');
    }
    return { url: `${baseUrl}/api/calendar/organizations/${org.id}.ics?token=${this.feedToken(org.id)}` };
  }

  /** Every meeting the organization hosts or attends, from 90 days back, cancelled ones included. */
  async organizationFeed(organizationId: string, token: string | undefined): Promise<string> {
    if (!token || !this.validFeedToken(organizationId, token)) throw CommonException.unauthenticated('This calendar link is not valid');
    const org = await this.db.getRepository(OrganizationEntity).findOneBy({ id: organizationId });
    if (!org) throw CommonException.unauthenticated('This calendar link is not valid');
    const rows = await this.db
      .getRepository(MeetingEntity)
      .createQueryBuilder('m')
      .where('m.scheduled_end > :since', { since: new Date(Date.now() - 90 * 86_400_000) })
      .andWhere('(m.host_organization_id = :org OR EXISTS (SELECT 1 FROM meeting_endpoints e WHERE e.meeting_id = m.id AND e.organization_id = :org))', {
        org: organizationId,
      })
      .orderBy('m.scheduled_start')
      .getMany();
    const cal = this.calendar(`Lịch họp — ${org.shortName ?? org.name}`, ICalCalendarMethod.PUBLISH);
    for (const row of rows) {
      const endpoint = await this.db.getRepository(MeetingEndpointEntity).findOneBy({ meetingId: row.id, organizationId });
      await this.addEvent(cal, row, endpoint);
    }
    return cal.toString();
  }

  feedToken(organizationId: string): string {
    return createHmac('sha256', this.feedSecret).update(`calendar-feed:${organizationId}`).digest('base64url').slice(0, 32);
  }

  private validFeedToken(organizationId: string, token: string): boolean {
    const expected = Buffer.from(this.feedToken(organizationId));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private calendar(name: string, method = ICalCalendarMethod.PUBLISH) {
    const cal = ical({ name, method, prodId: { company: 'Hop Truc Tuyen', product: 'Meeting coordination', language: 'VI' } });
    cal.x([{ key: 'X-WR-TIMEZONE', value: PLATFORM_TIME_ZONE }]);
    return cal;
  }

  private async addEvent(cal: ReturnType<typeof ical>, row: MeetingEntity, endpoint: MeetingEndpointEntity | null) {
    const host = await this.db.getRepository(OrganizationEntity).findOneBy({ id: row.hostOrganizationId });
    const agenda = await agendaView(this.db.manager, row);
    const lines = [
      `${KIND_LABEL[row.kind]} — đơn vị chủ trì: ${host?.name ?? ''}`,
      row.description ?? '',
      ...(endpoint ? [`Điểm cầu: ${endpoint.locationName}`, `Mã tham gia: ${endpoint.joinCode}`] : []),
      ...(agenda.sessions.length ? ['', 'Chương trình:', ...agenda.sessions.flatMap((s) => [`• ${s.title}`, ...s.items.map((i) => `   – ${i.title} (${i.durationMinutes} phút)`)])] : []),
      ...(row.status === 'cancelled' && row.cancelledReason ? ['', `Đã hủy: ${row.cancelledReason}`] : []),
      ...(row.postponedReason ? ['', `Đã dời lịch: ${row.postponedReason}`] : []),
    ].filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''));
    cal.createEvent({
      id: meetingUid(row.id),
      sequence: row.icalSequence,
      start: row.scheduledStart,
      end: row.scheduledEnd,
      stamp: row.updatedAt,
      created: row.createdAt,
      lastModified: row.updatedAt,
      // calendar apps show these as they are: no bidi controls (descriptions are free text, titles may predate name normalization)
      summary: exportText(row.status === 'cancelled' ? `[Đã hủy] ${row.title}` : row.title),
      description: exportText(lines.join('\n')),
      location: exportText(endpoint?.locationName ?? host?.name ?? '') || null,
      status: row.status === 'cancelled' ? ICalEventStatus.CANCELLED : row.status === 'draft' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }
}
