import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { endpointReadyRequestSchema, rollCallResponseRequestSchema, type EndpointPresence, type RollCall } from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import { MeetingEventsService } from '../meetings/meeting-events.service';
import { MeetingEndpointEntity, MeetingEntity } from '../meetings/meeting.entities';
import { RollCallEntity, RollCallResponseEntity } from './attendance.entities';
import { AttendanceErrorCode, AttendanceException } from './attendance.exception';
import { deviceCounts, latestRollCall, presenceView } from './attendance-views';
import { EndpointAccessService } from './endpoint-access.service';
import { MeetingPolicy } from '../policy/meeting-policy';
import { MeetingsService } from '../meetings/meetings.service';

/** The technical check before the meeting ("kiểm tra kết nối") and the roll call during it. */
@Injectable()
export class ReadinessService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: MeetingEventsService,
    private readonly access: EndpointAccessService,
    private readonly meetings: MeetingsService,
    private readonly policy: MeetingPolicy,
  ) {}

  /** The organizer opens (or closes) the check window; opening clears earlier confirmations. */
  async setTechCheck(user: AuthUser, meetingId: string, open: boolean) {
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      const meeting = await this.policy.require(user, meetingId, 'techcheck.open', undefined, m);
      if (!['draft', 'scheduled', 'live'].includes(meeting.status)) {
        throw new AttendanceException(AttendanceErrorCode.TechCheckClosed, `No technical check for a ${meeting.status} meeting`, { status: meeting.status });
      }
      const openedAt = open ? new Date() : meeting.techCheckOpenedAt;
      await m.getRepository(MeetingEntity).update({ id: meetingId }, { techCheckOpen: open, techCheckOpenedAt: openedAt });
      if (open) await m.getRepository(MeetingEndpointEntity).update({ meetingId }, { readyAt: null, readyBy: null, mediaTested: null, readyNote: null });
      const payload = { open, openedAt: openedAt?.toISOString() ?? null };
      await tx.append(meetingId, 'tech_check.changed', payload, user.id);
      return payload;
    });
  }

  /** An endpoint confirms it is ready (its console is connected, its devices tested) or withdraws that. */
  async setReady(user: AuthUser, meetingId: string, endpointId: string, input: z.output<typeof endpointReadyRequestSchema>): Promise<EndpointPresence> {
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      const { meeting, endpoint } = await this.access.requireActor(user, meetingId, endpointId, m, 'presence.report');
      if (!meeting.techCheckOpen) throw new AttendanceException(AttendanceErrorCode.TechCheckClosed, 'The technical check is not open');
      Object.assign(endpoint, input.ready
        ? { readyAt: new Date(), readyBy: user.id, mediaTested: input.mediaTested, readyNote: input.note ?? null }
        : { readyAt: null, readyBy: null, mediaTested: null, readyNote: input.note ?? null });
      await m.getRepository(MeetingEndpointEntity).update({ id: endpointId }, {
        readyAt: endpoint.readyAt,
        readyBy: endpoint.readyBy,
        mediaTested: endpoint.mediaTested,
        readyNote: endpoint.readyNote,
      });
      const presence = presenceView(endpoint, (await deviceCounts(m, [endpointId])).get(endpointId) ?? 0);
      await tx.append(meetingId, 'presence.changed', { presence }, user.id);
      return presence;
    }, { shared: true });
  }

  async startRollCall(user: AuthUser, meetingId: string): Promise<RollCall> {
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      const meeting = await this.policy.require(user, meetingId, 'rollcall.run', undefined, m);
      if (meeting.status !== 'live') throw new AttendanceException(AttendanceErrorCode.NoRollCall, 'A roll call is held while the meeting is live', { status: meeting.status });
      await tx.lockMeeting(meetingId);
      if (await m.getRepository(RollCallEntity).existsBy({ meetingId, closedAt: IsNull() })) {
        throw new AttendanceException(AttendanceErrorCode.RollCallOpen, 'A roll call is already open');
      }
      await m.getRepository(RollCallEntity).insert({ meetingId, startedBy: user.id, startedAt: new Date(), closedAt: null });
      return this.emit(tx, meetingId, user);
    });
  }

  /** An endpoint confirms how many are present at its site; a second answer replaces the first. */
  async respond(user: AuthUser, meetingId: string, input: z.output<typeof rollCallResponseRequestSchema>): Promise<RollCall> {
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      await this.access.requireActor(user, meetingId, input.endpointId, m, 'presence.report');
      const call = await m.getRepository(RollCallEntity).findOne({ where: { meetingId, closedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
      if (!call) throw new AttendanceException(AttendanceErrorCode.NoRollCall, 'There is no open roll call');
      await m.getRepository(RollCallResponseEntity).upsert(
        { rollCallId: call.id, endpointId: input.endpointId, presentCount: input.presentCount, confirmedBy: user.id, confirmedAt: new Date() },
        ['rollCallId', 'endpointId'],
      );
      return this.emit(tx, meetingId, user);
    }, { shared: true });
  }

  async closeRollCall(user: AuthUser, meetingId: string): Promise<RollCall> {
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      await this.policy.require(user, meetingId, 'rollcall.run', undefined, m);
      const call = await m.getRepository(RollCallEntity).findOne({ where: { meetingId, closedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
      if (!call) throw new AttendanceException(AttendanceErrorCode.NoRollCall, 'There is no open roll call');
      await m.getRepository(RollCallEntity).update({ id: call.id }, { closedAt: new Date() });
      return this.emit(tx, meetingId, user);
    });
  }

  /** The newest roll call among these endpoints, read in `m` (the snapshot's transaction). */
  rollCallOf(m: EntityManager, meetingId: string, endpointIds: string[]): Promise<RollCall | null> {
    return latestRollCall(m, meetingId, endpointIds);
  }

  async current(user: AuthUser, meetingId: string): Promise<RollCall | null> {
    await this.meetings.requireVisible(user, meetingId);
    const endpoints = await this.db.getRepository(MeetingEndpointEntity).findBy({ meetingId });
    return latestRollCall(this.db.manager, meetingId, endpoints.map((e) => e.id));
  }

  private async emit(tx: Parameters<Parameters<MeetingEventsService['transact']>[0]>[0], meetingId: string, user: AuthUser): Promise<RollCall> {
    const endpoints = await tx.manager.getRepository(MeetingEndpointEntity).findBy({ meetingId });
    const rollCall = (await latestRollCall(tx.manager, meetingId, endpoints.map((e) => e.id)))!;
    await tx.append(meetingId, 'roll_call.changed', { rollCall }, user.id);
    return rollCall;
  }
}
