import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ENDPOINT_CAPABILITIES,
  holds,
  meetingCapabilities,
  type Capability,
  type EndpointCapability,
  type MeetingCapabilities,
  type MeetingCapability,
  type PolicyEndpoint,
  type PolicyFacts,
  type PolicyMeeting,
} from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import { CommonException } from '../common/domain.exception';
import { AttendanceErrorCode, AttendanceException } from '../attendance/attendance.exception';
import { MeetingEndpointEntity, MeetingEndpointOperatorEntity, MeetingEntity, MeetingSecretaryEntity } from '../meetings/meeting.entities';
import { MeetingErrorCode, MeetingException } from '../meetings/meeting.exception';
import { MinutesErrorCode, MinutesException } from '../minutes/minutes.exception';
import { OrganizationsService } from '../organizations/organizations.service';

const NIL = '00000000-0000-0000-0000-000000000000';
const isEndpointCapability = (c: Capability): c is EndpointCapability => (ENDPOINT_CAPABILITIES as readonly string[]).includes(c);

/** The refusal each capability answered with before there was one policy (the codes clients act on). */
function refusal(capability: Capability, chair: boolean, endpointId: string | undefined): Error {
  switch (capability) {
    case 'roster.edit':
    case 'queue.request':
    case 'presence.report':
    case 'media.produce':
    case 'poll.count':
    case 'display.pair':
    case 'operators.assign':
      return new AttendanceException(AttendanceErrorCode.NotOperator, 'Only the operators of this endpoint may do this', { endpointId });
    case 'techcheck.open':
      // the chair passed the old "chair or organizer" gate and was refused after it
      return chair ? CommonException.forbidden('Only an organizer opens the technical check') : new AttendanceException(AttendanceErrorCode.NotOperator, 'Only the chair or an organizer may do this');
    case 'rollcall.run':
    case 'media.moderate':
      return new AttendanceException(AttendanceErrorCode.NotOperator, 'Only the chair or an organizer may do this');
    case 'minutes.edit':
      return new MinutesException(MinutesErrorCode.NotSecretary, 'Only the meeting’s secretaries write the minutes');
    case 'minutes.approve':
      return CommonException.forbidden('Only the chair approves the minutes');
    case 'minutes.submit':
    case 'minutes.reopen':
    case 'minutes.publish':
      return CommonException.forbidden('Only the meeting’s secretaries do this');
    case 'queue.moderate':
    case 'queue.approve_prepared':
      return CommonException.forbidden('Only the chair runs the list of speakers');
    case 'meeting.run':
    case 'meeting.schedule':
      return CommonException.forbidden('Only the chair or an organizer of the host organization may do this');
    case 'poll.manage':
      return CommonException.forbidden('Only the chair or an organizer of the host organization runs a poll');
    case 'report.retry':
      return CommonException.forbidden('Only an organizer of the host organization may run a report again');
    case 'notice.issue':
      return CommonException.forbidden('Only the meeting’s secretaries reword and issue the conclusion notice');
    case 'meeting.edit':
    case 'agenda.edit':
    case 'endpoints.manage':
      return CommonException.forbidden('Only an organizer of the host organization may change this meeting');
    case 'documents.manage':
      return CommonException.forbidden('Only an organizer of the host organization or a secretary of the meeting manages its documents');
    case 'meeting.view':
      return CommonException.forbidden();
  }
}

/**
 * The one meeting policy on the server: every controller, gateway and service asks it
 * whether the caller holds a capability, and it decides with the same pure
 * `meetingCapabilities` the web runs on the facts sent beside the snapshot.
 *
 * Cheap on purpose: the checks run before the meeting is locked, read only the facts the
 * capability asked for can depend on (the pure function is asked whether a fact could
 * change the answer before the query for it is made: the chair's commands make none
 * beyond loading the meeting), and nothing is cached across requests.
 */
@Injectable()
export class MeetingPolicy {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organizations: OrganizationsService,
  ) {}

  // ---------- visibility ----------

  /**
   * SQL condition (on alias `m`) for the meetings this account may see, with its parameters.
   * The account's organizations and the bodies below them are found inside the query (a
   * recursive CTE) rather than by queries before it: visibility is checked on every
   * subscribe and most commands, and one statement instead of three keeps it cheap when
   * hundreds of clients arrive at once (the failover and burst benchmarks).
   */
  async visibilityFilter(user: AuthUser, m: EntityManager): Promise<{ sql: string; params: Record<string, unknown> }> {
    if (await this.organizations.holdsRoleOver(user, ['admin', 'organizer'], null, m)) return { sql: 'TRUE', params: {} };
    const mine = `WITH RECURSIVE down(id, depth) AS (
                    SELECT o.id, 0 FROM organizations o
                     WHERE o.id IN (SELECT a.organization_id FROM accounts a WHERE a.id = :me) OR o.id IN (:...roleOrgs)
                    UNION ALL
                    SELECT o.id, down.depth + 1 FROM organizations o JOIN down ON o.parent_id = down.id WHERE down.depth < 64
                  ) SELECT id FROM down`;
    const roleOrgs = [...new Set(user.roles.map((r) => r.organizationId))];
    return {
      sql: `(m.visibility = 'public' OR m.chair_id = :me OR m.host_organization_id IN (${mine})
             OR EXISTS (SELECT 1 FROM meeting_secretaries s WHERE s.meeting_id = m.id AND s.account_id = :me)
             OR EXISTS (SELECT 1 FROM meeting_endpoints e WHERE e.meeting_id = m.id AND e.organization_id IN (${mine}))
             OR EXISTS (SELECT 1 FROM meeting_endpoints e JOIN meeting_endpoint_operators o ON o.endpoint_id = e.id WHERE e.meeting_id = m.id AND o.account_id = :me))`,
      params: { me: user.id, roleOrgs: roleOrgs.length ? roleOrgs : [NIL] },
    };
  }

  async canView(user: AuthUser, meetingId: string, m: EntityManager = this.db.manager): Promise<boolean> {
    const filter = await this.visibilityFilter(user, m);
    return m.getRepository(MeetingEntity).createQueryBuilder('m').where('m.id = :id', { id: meetingId }).andWhere(filter.sql, filter.params).getExists();
  }

  /** Loads a meeting the caller may see (404 otherwise, so existence is not revealed): the capability `meeting.view`. */
  async visibleMeeting(user: AuthUser, meetingId: string, m: EntityManager = this.db.manager): Promise<MeetingEntity> {
    const row = await m.getRepository(MeetingEntity).findOneBy({ id: meetingId });
    // Two parts of the visibility rule need no query: public meetings, and the chair's own.
    if (row && (row.visibility === 'public' || row.chairId === user.id)) return row;
    if (!row || !(await this.canView(user, meetingId, m))) throw new MeetingException(MeetingErrorCode.NotFound, 'Meeting not found', { meetingId });
    return row;
  }

  // ---------- facts and capabilities ----------

  /** Whether the caller holds the organizer (or admin) role over the host organization or a body above it. */
  organizerOfHost(user: AuthUser, meeting: MeetingEntity, m: EntityManager = this.db.manager): Promise<boolean> {
    return this.organizations.holdsRoleOver(user, ['organizer', 'admin'], meeting.hostOrganizationId, m);
  }

  /** The facts sent to the web beside the snapshot, for a meeting the caller is known to see. */
  async facts(user: AuthUser, meeting: MeetingEntity, m: EntityManager = this.db.manager): Promise<PolicyFacts> {
    return { accountId: user.id, visible: true, organizerOfHost: await this.organizerOfHost(user, meeting, m) };
  }

  /** Everything the caller may do in a meeting it sees (all facts read: for a decision of several capabilities at once). */
  async capabilities(user: AuthUser, meeting: MeetingEntity, m: EntityManager = this.db.manager): Promise<MeetingCapabilities> {
    const [facts, secretaries, endpoints] = await Promise.all([
      this.facts(user, meeting, m),
      m.getRepository(MeetingSecretaryEntity).findBy({ meetingId: meeting.id }),
      m.getRepository(MeetingEndpointEntity).findBy({ meetingId: meeting.id }),
    ]);
    const operators = endpoints.length ? await m.getRepository(MeetingEndpointOperatorEntity).findBy({ accountId: user.id }) : [];
    return meetingCapabilities(
      facts,
      { chair: meeting.chairId ? { id: meeting.chairId } : null, secretaries: secretaries.map((s) => ({ id: s.accountId })) },
      endpoints.map((e) => ({ id: e.id, isHost: e.isHost, parentEndpointId: e.parentEndpointId, operators: operators.filter((o) => o.endpointId === e.id).map((o) => ({ id: o.accountId })) })),
    );
  }

  /**
   * The meeting (not locked), when the caller holds `capability` in it (for an endpoint
   * capability, on `endpointId`). A meeting the caller may not see is 404; an endpoint not
   * in the meeting is 404; otherwise a refusal is 403 with the code the capability's
   * commands have always answered.
   */
  async require(user: AuthUser, meetingId: string, capability: MeetingCapability, endpointId?: undefined, m?: EntityManager): Promise<MeetingEntity>;
  async require(user: AuthUser, meetingId: string, capability: EndpointCapability, endpointId: string, m?: EntityManager): Promise<MeetingEntity>;
  async require(user: AuthUser, meetingId: string, capability: Capability, endpointId?: string, m: EntityManager = this.db.manager): Promise<MeetingEntity> {
    const meeting = await this.visibleMeeting(user, meetingId, m);
    if (capability === 'meeting.view') return meeting;
    await this.decide(user, meeting, capability, endpointId, m);
    return meeting;
  }

  /** As require(), for a meeting already loaded as visible; returns the endpoint for an endpoint capability. */
  async decide(user: AuthUser, meeting: MeetingEntity, capability: Capability, endpointId: string | undefined, m: EntityManager = this.db.manager): Promise<MeetingEndpointEntity | null> {
    const { allowed, endpoint } = await this.evaluate(user, meeting, capability, endpointId, m);
    if (!allowed) throw refusal(capability, meeting.chairId === user.id, endpointId);
    return endpoint;
  }

  /** Whether the caller holds `capability` in a meeting it sees, without refusing (an unknown endpoint is still 404). */
  async allows(user: AuthUser, meeting: MeetingEntity, capability: Capability, endpointId?: string, m: EntityManager = this.db.manager): Promise<boolean> {
    return (await this.evaluate(user, meeting, capability, endpointId, m)).allowed;
  }

  private async evaluate(user: AuthUser, meeting: MeetingEntity, capability: Capability, endpointId: string | undefined, m: EntityManager): Promise<{ allowed: boolean; endpoint: MeetingEndpointEntity | null }> {
    let endpoint: MeetingEndpointEntity | null = null;
    if (isEndpointCapability(capability)) {
      endpoint = await m.getRepository(MeetingEndpointEntity).findOneBy({ id: endpointId, meetingId: meeting.id });
      if (!endpoint) throw new MeetingException(MeetingErrorCode.EndpointNotFound, 'Endpoint not found in this meeting', { endpointId });
    }
    const facts: PolicyFacts = { accountId: user.id, visible: true, organizerOfHost: false };
    const ask = (f: PolicyFacts, secretary: boolean, operator: boolean, parentOperator = false) => {
      const policyMeeting: PolicyMeeting = { chair: meeting.chairId ? { id: meeting.chairId } : null, secretaries: secretary ? [{ id: user.id }] : [] };
      const parentId = endpoint?.parentEndpointId ?? null;
      const endpoints: PolicyEndpoint[] = endpoint
        ? [
            { id: endpoint.id, isHost: endpoint.isHost, parentEndpointId: parentId, operators: operator ? [{ id: user.id }] : [] },
            ...(parentId ? [{ id: parentId, isHost: false, operators: parentOperator ? [{ id: user.id }] : [] }] : []),
          ]
        : [];
      const caps = meetingCapabilities(f, policyMeeting, endpoints);
      return isEndpointCapability(capability) ? holds(caps, capability, endpoint!.id) : holds(caps, capability);
    };
    // Each fact costs a query: read it only when the pure rule says it could turn the answer.
    if (ask(facts, false, false)) return { allowed: true, endpoint };
    let secretary = false;
    let operator = false;
    if (!isEndpointCapability(capability) && ask(facts, true, false)) {
      secretary = await m.getRepository(MeetingSecretaryEntity).existsBy({ meetingId: meeting.id, accountId: user.id });
    }
    if (endpoint && ask(facts, false, true)) {
      operator = await m.getRepository(MeetingEndpointOperatorEntity).existsBy({ endpointId: endpoint.id, accountId: user.id });
    }
    if (ask(facts, secretary, operator)) return { allowed: true, endpoint };
    // The operators of the site above (a commune's province) act for it within PARENT_OPERATOR.
    if (endpoint?.parentEndpointId && ask(facts, secretary, operator, true)) {
      if (await m.getRepository(MeetingEndpointOperatorEntity).existsBy({ endpointId: endpoint.parentEndpointId, accountId: user.id })) return { allowed: true, endpoint };
    }
    const allowed = ask({ ...facts, organizerOfHost: true }, secretary, operator) && (await this.organizerOfHost(user, meeting, m));
    return { allowed, endpoint };
  }
}
