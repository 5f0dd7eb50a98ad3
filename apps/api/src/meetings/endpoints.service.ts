import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  addEndpointRequestSchema,
  bulkInviteRequestSchema,
  updateEndpointRequestSchema,
  type BulkInviteResult,
  type JoinByCodeResult,
  type MeetingEndpoint,
  fieldError,
} from '@app/contracts';
import { PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode } from '@app/database';
import type { AuthUser } from '../common/auth-user';
import { OrganizationEntity } from '../organizations/organization.entity';
import { MeetingEventsService, type MeetingTx } from './meeting-events.service';
import { endpointViews } from './meeting-views';
import { MeetingEndpointEntity, MeetingEndpointOperatorEntity, MeetingEntity } from './meeting.entities';
import { MeetingErrorCode, MeetingException } from './meeting.exception';
import { MeetingsService } from './meetings.service';
import { MeetingPolicy } from '../policy/meeting-policy';

const JOIN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 8 characters without look-alikes (0/O, 1/I): easy to read out over the phone to a site. */
export const newJoinCode = () => Array.from({ length: 8 }, () => JOIN_ALPHABET[randomInt(JOIN_ALPHABET.length)]).join('');

const locationFor = (org: OrganizationEntity) => `Điểm cầu ${org.shortName ?? org.name}`;

@Injectable()
export class EndpointsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly meetings: MeetingsService,
    private readonly events: MeetingEventsService,
    private readonly policy: MeetingPolicy,
  ) {}

  /**
   * Where a join code leads: the console of its endpoint, for someone the one policy lets act for that
   * endpoint (its operators, the host's organizers). A wrong code and someone else's code get the same
   * 404, so a code cannot be probed for the meeting it belongs to.
   */
  async resolveJoinCode(user: AuthUser, code: string): Promise<JoinByCodeResult> {
    const notFound = () => new MeetingException(MeetingErrorCode.JoinCodeNotFound, 'No endpoint you operate has this join code', {});
    const endpoint = await this.db.getRepository(MeetingEndpointEntity).findOneBy({ joinCode: code });
    if (!endpoint) throw notFound();
    const meeting = await this.db.getRepository(MeetingEntity).findOneBy({ id: endpoint.meetingId });
    if (!meeting || meeting.status === 'cancelled' || !(await this.policy.allows(user, meeting, 'presence.report', endpoint.id))) throw notFound();
    return { meetingId: meeting.id, meetingTitle: meeting.title, endpointId: endpoint.id, endpointName: endpoint.locationName };
  }

  async list(user: AuthUser, meetingId: string): Promise<MeetingEndpoint[]> {
    await this.meetings.requireVisible(user, meetingId);
    return endpointViews(this.db.manager, await this.db.getRepository(MeetingEndpointEntity).findBy({ meetingId }));
  }

  /** The meeting's endpoints for internal readers (the broadcast's captions); callers have authorized already. */
  async views(meetingId: string): Promise<MeetingEndpoint[]> {
    return endpointViews(this.db.manager, await this.db.getRepository(MeetingEndpointEntity).findBy({ meetingId }));
  }

  async add(user: AuthUser, meetingId: string, input: z.output<typeof addEndpointRequestSchema>): Promise<MeetingEndpoint> {
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      const meeting = await this.lockEditable(user, meetingId, tx);
      const org = await m.getRepository(OrganizationEntity).findOneBy({ id: input.organizationId });
      if (!org) {
        throw new MeetingException(MeetingErrorCode.UnknownOrganization, 'The organization does not exist', { organizationId: input.organizationId }, [fieldError('organizationId', 'not_found', 'does not exist')]);
      }
      if (await m.getRepository(MeetingEndpointEntity).existsBy({ meetingId, organizationId: org.id })) {
        throw new MeetingException(MeetingErrorCode.DuplicateEndpoint, `${org.name} is already invited`, { organizationId: org.id, organizationName: org.name }, [
          fieldError('organizationId', 'duplicate', 'is already an endpoint of this meeting'),
        ]);
      }
      if (input.isHost && (await m.getRepository(MeetingEndpointEntity).existsBy({ meetingId, isHost: true }))) {
        throw new MeetingException(MeetingErrorCode.HostExists, 'The meeting already has a host endpoint', {}, [fieldError('isHost', 'duplicate', 'the meeting already has a host endpoint')]);
      }
      if (input.operatorIds?.length) await this.meetings.requireAccounts(m, input.operatorIds);
      await this.checkEndpointConflicts(m, meeting, [org.id], input.overrideConflicts);
      const [row] = await this.insertEndpoints(m, meetingId, [org], {
        isHost: input.isHost,
        locationName: input.locationName ?? undefined,
        contactName: input.contactName ?? null,
        contactPhone: input.contactPhone ?? null,
        operatorIds: input.operatorIds,
      });
      const [view] = await endpointViews(m, [row]);
      await tx.append(meetingId, 'endpoints.added', { endpoints: [view] }, user.id);
      return view;
    });
  }

  /** Invites many endpoints at once: all 34 provincial units, a hand-picked set, or every body under a parent. */
  async bulkInvite(user: AuthUser, meetingId: string, input: z.output<typeof bulkInviteRequestSchema>): Promise<BulkInviteResult> {
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      const meeting = await this.lockEditable(user, meetingId, tx);
      const repo = m.getRepository(OrganizationEntity);
      let candidates: OrganizationEntity[];
      switch (input.mode) {
        case 'all_provinces':
          candidates = await repo.find({ where: { kind: 'province' }, order: { sortKey: 'ASC' } });
          break;
        case 'organizations': {
          candidates = await repo.findBy({ id: In(input.organizationIds) });
          const unknown = input.organizationIds.filter((id) => !candidates.some((c) => c.id === id));
          if (unknown.length) {
            throw new MeetingException(MeetingErrorCode.UnknownOrganization, `${unknown.length} of the organizations do not exist`, { organizationIds: unknown }, [
              fieldError('organizationIds', 'not_found', `unknown: ${unknown.join(', ')}`),
            ]);
          }
          break;
        }
        case 'children_of':
          if (!(await repo.existsBy({ id: input.parentId }))) {
            throw new MeetingException(MeetingErrorCode.UnknownOrganization, 'The parent organization does not exist', { organizationId: input.parentId }, [fieldError('parentId', 'not_found', 'does not exist')]);
          }
          candidates = await repo.find({ where: { parentId: input.parentId }, order: { sortKey: 'ASC' } });
          break;
      }
      const invited = new Set((await m.getRepository(MeetingEndpointEntity).findBy({ meetingId })).map((e) => e.organizationId));
      const fresh = candidates.filter((c) => !invited.has(c.id));
      const conflicts = await this.checkEndpointConflicts(m, meeting, fresh.map((c) => c.id), input.overrideConflicts);
      const rows = fresh.length ? await this.insertEndpoints(m, meetingId, fresh, {}) : [];
      const added = await endpointViews(m, rows);
      if (added.length) await tx.append(meetingId, 'endpoints.added', { endpoints: added }, user.id);
      return { added, alreadyInvited: candidates.filter((c) => invited.has(c.id)).map((c) => c.id), conflicts };
    });
  }

  async update(user: AuthUser, meetingId: string, endpointId: string, input: z.output<typeof updateEndpointRequestSchema>): Promise<MeetingEndpoint> {
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      await this.lockEditable(user, meetingId, tx);
      const row = await this.requireEndpoint(m, meetingId, endpointId);
      if (input.operatorIds) await this.meetings.requireAccounts(m, input.operatorIds);
      if (input.locationName !== undefined) row.locationName = input.locationName;
      if (input.contactName !== undefined) row.contactName = input.contactName;
      if (input.contactPhone !== undefined) row.contactPhone = input.contactPhone ?? null;
      await m.getRepository(MeetingEndpointEntity).save(row);
      if (input.operatorIds) {
        await m.getRepository(MeetingEndpointOperatorEntity).delete({ endpointId });
        if (input.operatorIds.length) await m.getRepository(MeetingEndpointOperatorEntity).insert([...new Set(input.operatorIds)].map((accountId) => ({ endpointId, accountId })));
      }
      const [view] = await endpointViews(m, [row]);
      await tx.append(meetingId, 'endpoint.updated', { endpoint: view }, user.id);
      return view;
    });
  }

  async remove(user: AuthUser, meetingId: string, endpointId: string): Promise<void> {
    await this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      await this.lockEditable(user, meetingId, tx);
      const row = await this.requireEndpoint(m, meetingId, endpointId);
      await m.getRepository(MeetingEndpointEntity).delete({ id: endpointId });
      await tx.append(meetingId, 'endpoint.removed', { endpointId, organizationId: row.organizationId }, user.id);
    });
  }

  async requireEndpoint(m: EntityManager, meetingId: string, endpointId: string): Promise<MeetingEndpointEntity> {
    const row = await m.getRepository(MeetingEndpointEntity).findOneBy({ id: endpointId, meetingId });
    if (!row) throw new MeetingException(MeetingErrorCode.EndpointNotFound, 'Endpoint not found in this meeting', { endpointId });
    return row;
  }

  private async lockEditable(user: AuthUser, meetingId: string, tx: MeetingTx): Promise<MeetingEntity> {
    const meeting = await this.meetings.lockForOrganizer(user, meetingId, tx, 'endpoints.manage');
    if (!['draft', 'scheduled', 'live'].includes(meeting.status)) {
      throw new MeetingException(MeetingErrorCode.NotEditable, `The endpoints of a ${meeting.status} meeting can no longer change`, { status: meeting.status });
    }
    return meeting;
  }

  private async checkEndpointConflicts(m: EntityManager, meeting: MeetingEntity, organizationIds: string[], override: boolean) {
    if (!organizationIds.length) return [];
    return this.meetings.checkConflicts(
      m,
      { meetingId: meeting.id, start: meeting.scheduledStart, end: meeting.scheduledEnd, chairId: null, secretaryIds: [], organizationIds },
      override,
    );
  }

  /** Inserts endpoints in one statement, each with a join code and, by default, its organization's endpoint operators. */
  private async insertEndpoints(
    m: EntityManager,
    meetingId: string,
    orgs: OrganizationEntity[],
    extra: { isHost?: boolean; locationName?: string; contactName?: string | null; contactPhone?: string | null; operatorIds?: string[] },
  ): Promise<MeetingEndpointEntity[]> {
    const repo = m.getRepository(MeetingEndpointEntity);
    for (let attempt = 0; ; attempt++) {
      const rows = orgs.map((org) =>
        repo.create({
          meetingId,
          organizationId: org.id,
          isHost: extra.isHost ?? false,
          locationName: extra.locationName ?? locationFor(org),
          contactName: extra.contactName ?? null,
          contactPhone: extra.contactPhone ?? null,
          joinCode: newJoinCode(),
        }),
      );
      await m.query('SAVEPOINT endpoints_insert');
      try {
        const saved = await repo.save(rows, { chunk: 200 });
        await m.query('RELEASE SAVEPOINT endpoints_insert');
        const ids = saved.map((r) => r.id);
        if (extra.operatorIds) {
          if (extra.operatorIds.length) {
            await m.getRepository(MeetingEndpointOperatorEntity).insert([...new Set(extra.operatorIds)].map((accountId) => ({ endpointId: ids[0], accountId })));
          }
        } else {
          await m.query(
            `INSERT INTO meeting_endpoint_operators (endpoint_id, account_id)
             SELECT e.id, r.account_id FROM meeting_endpoints e
             JOIN role_assignments r ON r.organization_id = e.organization_id AND r.role = 'endpoint_operator'
             JOIN accounts a ON a.id = r.account_id AND NOT a.disabled
             WHERE e.id = ANY($1) ON CONFLICT DO NOTHING`,
            [ids],
          );
        }
        return saved;
      } catch (err) {
        await m.query('ROLLBACK TO SAVEPOINT endpoints_insert');
        if (pgErrorCode(err) === PG_UNIQUE_VIOLATION && pgConstraint(err) === 'meeting_endpoints_join_code_key' && attempt < 3) continue;
        throw err;
      }
    }
  }
}

