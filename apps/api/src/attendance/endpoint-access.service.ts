import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EndpointCapability } from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import type { MeetingEndpointEntity, MeetingEntity } from '../meetings/meeting.entities';
import { MeetingPolicy } from '../policy/meeting-policy';

/** Acting for an endpoint (its operators, and organizers of the host organization), as the meeting policy decides it. */
@Injectable()
export class EndpointAccessService {
  constructor(private readonly policy: MeetingPolicy) {}

  /** The meeting and endpoint, when the caller holds `capability` for that endpoint (404 unseen or unknown, 403 otherwise). */
  async requireActor(user: AuthUser, meetingId: string, endpointId: string, m: EntityManager, capability: EndpointCapability): Promise<{ meeting: MeetingEntity; endpoint: MeetingEndpointEntity }> {
    const meeting = await this.policy.visibleMeeting(user, meetingId, m);
    const endpoint = (await this.policy.decide(user, meeting, capability, endpointId, m))!;
    return { meeting, endpoint };
  }
}
