import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { OrganizationsService } from '../organizations/organizations.service';
import { EndpointsService } from '../meetings/endpoints.service';
import { MeetingEndpointOperatorEntity, type MeetingEndpointEntity, type MeetingEntity } from '../meetings/meeting.entities';
import { MeetingsService } from '../meetings/meetings.service';
import { AttendanceErrorCode, AttendanceException } from './attendance.exception';

/** Who may act for an endpoint: its operators, and organizers of the host organization. */
@Injectable()
export class EndpointAccessService {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly endpoints: EndpointsService,
    private readonly organizations: OrganizationsService,
  ) {}

  async isOperator(m: EntityManager, userId: string, endpointId: string): Promise<boolean> {
    return m.getRepository(MeetingEndpointOperatorEntity).existsBy({ endpointId, accountId: userId });
  }

  async isOrganizer(m: EntityManager, user: AuthUser, meeting: MeetingEntity): Promise<boolean> {
    return this.organizations.holdsRoleOver(user, ['organizer', 'admin'], meeting.hostOrganizationId, m);
  }

  /** The meeting and endpoint, when the caller may act for that endpoint (403 otherwise). */
  async requireActor(user: AuthUser, meetingId: string, endpointId: string, m: EntityManager): Promise<{ meeting: MeetingEntity; endpoint: MeetingEndpointEntity }> {
    const meeting = await this.meetings.requireVisible(user, meetingId, m);
    const endpoint = await this.endpoints.requireEndpoint(m, meetingId, endpointId);
    if (!(await this.isOperator(m, user.id, endpointId)) && !(await this.isOrganizer(m, user, meeting))) {
      throw new AttendanceException(AttendanceErrorCode.NotOperator, 'Only the operators of this endpoint may do this', { endpointId });
    }
    return { meeting, endpoint };
  }

  /** The meeting, when the caller chairs it or organizes it. */
  async requireChairOrOrganizer(user: AuthUser, meetingId: string, m: EntityManager): Promise<MeetingEntity> {
    const meeting = await this.meetings.requireVisible(user, meetingId, m);
    if (meeting.chairId !== user.id && !(await this.isOrganizer(m, user, meeting))) {
      throw new AttendanceException(AttendanceErrorCode.NotOperator, 'Only the chair or an organizer may do this');
    }
    return meeting;
  }
}
