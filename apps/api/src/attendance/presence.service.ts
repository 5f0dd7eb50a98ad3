import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, LessThan, type EntityManager } from 'typeorm';
import { ENV, type Env } from '@app/config';
import type { ConnectionLogEntry, EndpointPresence, EndpointWall, Page } from '@app/contracts';
import { compareVietnamese } from '@app/vietnamese';
import type { AuthUser } from '../common/auth-user';
import { AccountEntity } from '../accounts/account.entity';
import { OrganizationEntity } from '../organizations/organization.entity';
import { MeetingEventsService } from '../meetings/meeting-events.service';
import { MeetingEndpointEntity, MeetingEntity } from '../meetings/meeting.entities';
import { MeetingsService } from '../meetings/meetings.service';
import { AttendeeEntity, ConnectionLogEntity, EndpointConnectionEntity } from './attendance.entities';
import { deviceCounts, inRoom, presenceView, presenceViews } from './attendance-views';
import { EndpointAccessService } from './endpoint-access.service';
import { SitePresence } from './site-presence';

/** This api process, for the rows of the consoles connected to it. */
export const INSTANCE_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;

/**
 * Endpoint presence from the sockets of its operators' consoles, on any api
 * process: the endpoint is connected while any console is. The live consoles
 * are rows in PostgreSQL (refreshed by a heartbeat, so those of a crashed
 * process expire); every join and leave goes to a log kept for good. When the
 * last console drops, the endpoint turns "reconnecting" only after a debounce
 * and "offline" after a grace period, so a flapping link makes no storm.
 */
@Injectable()
export class PresenceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PresenceService.name);
  private readonly timers = new Map<string, NodeJS.Timeout[]>();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ENV) private readonly env: Env,
    private readonly events: MeetingEventsService,
    private readonly meetings: MeetingsService,
    private readonly access: EndpointAccessService,
    private readonly sitePresence: SitePresence,
  ) {}

  onApplicationBootstrap() {
    this.heartbeat = setInterval(() => void this.beat().catch((err) => this.logger.warn({ err: (err as Error).message }, 'presence heartbeat failed')), this.env.PRESENCE_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async onApplicationShutdown() {
    clearInterval(this.heartbeat);
    this.timers.forEach((list) => list.forEach(clearTimeout));
    // Consoles of this process are gone with it: let the others see them leave.
    await this.db
      .getRepository(EndpointConnectionEntity)
      .update({ instanceId: INSTANCE_ID }, { lastSeenAt: new Date(0) })
      .catch(() => undefined);
  }

  /** A console of the endpoint joins (or rejoins) from this socket. */
  async join(user: AuthUser, socketId: string, meetingId: string, endpointId: string, device: string): Promise<EndpointPresence> {
    this.cancelTimers(endpointId);
    let child = false;
    const presence = await this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      await this.access.requireActor(user, meetingId, endpointId, m, 'presence.report');
      const endpoint = await this.lockEndpoint(m, endpointId);
      const now = new Date();
      await m.getRepository(EndpointConnectionEntity).upsert(
        { socketId, meetingId, endpointId, accountId: user.id, instanceId: INSTANCE_ID, device, connectedAt: now, lastSeenAt: now },
        ['socketId'],
      );
      const rejoin = endpoint.presenceState === 'reconnecting' || endpoint.presenceState === 'offline';
      await this.log(m, { meetingId, endpointId, accountId: user.id, event: rejoin ? 'reconnect' : 'join', device, reason: null });
      endpoint.lastSeenAt = now;
      if (endpoint.presenceState !== 'connected') {
        endpoint.presenceState = 'connected';
        endpoint.presenceChangedAt = now;
        await m.getRepository(MeetingEndpointEntity).update({ id: endpointId }, { presenceState: 'connected', presenceChangedAt: now, lastSeenAt: now });
        const presence = presenceView(endpoint, (await deviceCounts(m, [endpointId])).get(endpointId) ?? 1);
        // a child site's change travels in the next roll-up (SitePresence), not as an event of its own
        if (endpoint.parentEndpointId) child = true;
        else await tx.append(meetingId, 'presence.changed', { presence }, user.id);
        return presence;
      }
      await m.getRepository(MeetingEndpointEntity).update({ id: endpointId }, { lastSeenAt: now });
      return presenceView(endpoint, (await deviceCounts(m, [endpointId])).get(endpointId) ?? 1);
    }, { shared: true });
    if (child) this.sitePresence.changed(meetingId, endpointId);
    return presence;
  }

  /** A console leaves, on purpose (leave) or because its socket closed (disconnect reason). */
  async leave(socketId: string, reason: string, endpointId?: string): Promise<void> {
    const rows = await this.db.getRepository(EndpointConnectionEntity).findBy(endpointId ? { socketId, endpointId } : { socketId });
    if (!rows.length) return;
    await this.db.transaction(async (m) => {
      await m.getRepository(EndpointConnectionEntity).delete({ socketId, endpointId: In(rows.map((r) => r.endpointId)) });
      for (const r of rows) await this.log(m, { meetingId: r.meetingId, endpointId: r.endpointId, accountId: r.accountId, event: 'leave', device: r.device, reason });
    });
    for (const r of rows) this.scheduleEvaluation(r.meetingId, r.endpointId);
  }

  /** When the last console of an endpoint is gone: reconnecting after the debounce, offline after the grace period. */
  private scheduleEvaluation(meetingId: string, endpointId: string) {
    this.cancelTimers(endpointId);
    const at = (ms: number, state: 'reconnecting' | 'offline') =>
      setTimeout(() => void this.settle(meetingId, endpointId, state).catch((err) => this.logger.warn({ err: (err as Error).message }, 'presence update failed')), ms).unref();
    this.timers.set(endpointId, [at(this.env.PRESENCE_DEBOUNCE_MS, 'reconnecting'), at(this.env.PRESENCE_OFFLINE_MS, 'offline')]);
  }

  private cancelTimers(endpointId: string) {
    this.timers.get(endpointId)?.forEach(clearTimeout);
    this.timers.delete(endpointId);
  }

  /** Moves an endpoint with no live console to `state`, unless a console came back (here or on another process). */
  private async settle(meetingId: string, endpointId: string, state: 'reconnecting' | 'offline'): Promise<void> {
    let child = false;
    await this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      const endpoint = await m.getRepository(MeetingEndpointEntity).findOne({ where: { id: endpointId }, lock: { mode: 'pessimistic_write' } });
      if (!endpoint) return;
      if ((await m.getRepository(EndpointConnectionEntity).countBy({ endpointId })) > 0) return;
      if (endpoint.presenceState === state || endpoint.presenceState === 'not_joined' || (state === 'reconnecting' && endpoint.presenceState === 'offline')) return;
      const now = new Date();
      await m.getRepository(MeetingEndpointEntity).update({ id: endpointId }, { presenceState: state, presenceChangedAt: now });
      Object.assign(endpoint, { presenceState: state, presenceChangedAt: now });
      if (endpoint.parentEndpointId) child = true;
      else await tx.append(meetingId, 'presence.changed', { presence: presenceView(endpoint, 0) }, null);
    }, { shared: true });
    if (child) this.sitePresence.changed(meetingId, endpointId);
  }

  /** Refreshes this process's consoles and expires those of processes that stopped beating. */
  async beat(): Promise<void> {
    const now = new Date();
    await this.db.getRepository(EndpointConnectionEntity).update({ instanceId: INSTANCE_ID }, { lastSeenAt: now });
    const expired = await this.db
      .getRepository(EndpointConnectionEntity)
      .findBy({ lastSeenAt: LessThan(new Date(now.getTime() - 3 * this.env.PRESENCE_HEARTBEAT_MS)) });
    for (const row of expired) {
      const gone = await this.db.getRepository(EndpointConnectionEntity).delete({ socketId: row.socketId, lastSeenAt: row.lastSeenAt });
      if (!gone.affected) continue;
      await this.db.transaction((m) => this.log(m, { meetingId: row.meetingId, endpointId: row.endpointId, accountId: row.accountId, event: 'timeout', device: row.device, reason: 'api process stopped answering' }));
      await this.settle(row.meetingId, row.endpointId, 'offline');
    }
  }

  /** The endpoints' presence, read in `m` (the snapshot's transaction). */
  presenceOf(m: EntityManager, endpoints: MeetingEndpointEntity[]): Promise<EndpointPresence[]> {
    return presenceViews(m, endpoints);
  }

  async wall(user: AuthUser, meetingId: string): Promise<EndpointWall> {
    const meeting = await this.meetings.requireVisible(user, meetingId);
    const m = this.db.manager;
    const endpoints = await m.getRepository(MeetingEndpointEntity).findBy({ meetingId });
    const orgs = new Map((endpoints.length ? await m.getRepository(OrganizationEntity).findBy({ id: In(endpoints.map((e) => e.organizationId)) }) : []).map((o) => [o.id, o]));
    const devices = await deviceCounts(m, endpoints.map((e) => e.id));
    const attendees = await m.getRepository(AttendeeEntity).findBy({ meetingId });
    const entries = endpoints
      .map((e) => {
        const org = orgs.get(e.organizationId);
        const mine = attendees.filter((a) => a.endpointId === e.id);
        return {
          ...presenceView(e, devices.get(e.id) ?? 0),
          organizationName: org?.name ?? '',
          organizationShortName: org?.shortName ?? null,
          isHost: e.isHost,
          present: mine.filter((a) => inRoom(a.status)).length,
          expected: mine.length,
        };
      })
      .sort((a, b) => Number(b.isHost) - Number(a.isHost) || compareVietnamese(a.organizationShortName ?? a.organizationName, b.organizationShortName ?? b.organizationName));
    const connected = entries.filter((e) => e.state === 'connected');
    const ready = entries.filter((e) => e.readyAt).length;
    return {
      meetingId,
      connected: connected.length,
      total: entries.length,
      missing: entries.filter((e) => e.state !== 'connected').map((e) => ({ endpointId: e.endpointId, name: e.organizationShortName ?? e.organizationName, state: e.state })),
      endpoints: entries,
      techCheck: {
        open: (meeting as MeetingEntity).techCheckOpen,
        openedAt: meeting.techCheckOpenedAt?.toISOString() ?? null,
        ready,
        unready: entries.filter((e) => !e.readyAt && e.state === 'connected').length,
        silent: entries.filter((e) => !e.readyAt && e.state !== 'connected').length,
      },
    };
  }

  /** Oldest first, one page: a long plenary logs tens of thousands of joins and reconnects. */
  async connectionLog(user: AuthUser, meetingId: string, q: { endpointId?: string; limit: number; offset: number }): Promise<Page<ConnectionLogEntry>> {
    await this.meetings.requireVisible(user, meetingId);
    const [rows, total] = await this.db
      .getRepository(ConnectionLogEntity)
      .findAndCount({ where: q.endpointId ? { meetingId, endpointId: q.endpointId } : { meetingId }, order: { id: 'ASC' }, skip: q.offset, take: q.limit });
    const names = new Map(
      (rows.length ? await this.db.getRepository(AccountEntity).findBy({ id: In([...new Set(rows.map((r) => r.accountId).filter((x): x is string => !!x))]) }) : []).map((a) => [a.id, a.fullName]),
    );
    const items = rows.map((r) => ({
      id: Number(r.id),
      endpointId: r.endpointId,
      accountId: r.accountId,
      accountName: r.accountId ? (names.get(r.accountId) ?? null) : null,
      event: r.event,
      device: r.device,
      reason: r.reason,
      at: r.at.toISOString(),
    }));
    return { items, total, limit: q.limit, offset: q.offset };
  }

  private async lockEndpoint(m: EntityManager, endpointId: string) {
    return m.getRepository(MeetingEndpointEntity).findOneOrFail({ where: { id: endpointId }, lock: { mode: 'pessimistic_write' } });
  }

  private log(m: EntityManager, e: Omit<ConnectionLogEntity, 'id' | 'at'>) {
    return m.getRepository(ConnectionLogEntity).insert({ ...e, at: new Date() });
  }
}
