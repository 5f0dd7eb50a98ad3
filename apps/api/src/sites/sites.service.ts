import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { ENV, type Env } from '@app/config';
import {
  holds,
  type assignOperatorsRequestSchema,
  type ChildSites,
  type headcountRequestSchema,
  type MeetingEndpoint,
  type MeetingEvent,
  type MeetingEventType,
  type siteSettingsRequestSchema,
  type SitesRollup,
} from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import { EndpointAccessService } from '../attendance/endpoint-access.service';
import { presenceViews } from '../attendance/attendance-views';
import { SitePresence } from '../attendance/site-presence';
import { MeetingEventsService } from '../meetings/meeting-events.service';
import { endpointViews, headcountView } from '../meetings/meeting-views';
import { MeetingEndpointEntity, MeetingEndpointOperatorEntity } from '../meetings/meeting.entities';
import { MeetingsService } from '../meetings/meetings.service';
import { MeetingErrorCode, MeetingException } from '../meetings/meeting.exception';
import { MeetingPolicy } from '../policy/meeting-policy';
import { rollupSites, tilesOf, type RollupSite } from './site-rollup';
import { SitesErrorCode, SitesException } from './sites.exception';

/** The committed events that can change a roll-up: presence, headcounts, rosters, the sites themselves. */
const ROLLUP_INPUTS: ReadonlySet<MeetingEventType> = new Set<MeetingEventType>([
  'presence.changed',
  'endpoint.headcount_changed',
  'attendees.upserted',
  'attendee.removed',
  'endpoints.added',
  'endpoint.updated',
  'endpoint.removed',
]);

/**
 * The meeting's sites as the roll-up reads them: one statement, an index scan of the meeting's
 * endpoints (meeting_endpoints_meeting_parent_idx) joined to their organizations and to the meeting's
 * checked-in attendees grouped by site (attendees_meeting_idx). ~3,400 rows for a national conference.
 */
const SITES_SQL = `
  SELECT e.id, e.organization_id, COALESCE(o.short_name, o.name) AS name, o.sort_key, e.is_host, e.parent_endpoint_id,
         e.presence_state, e.ready_at IS NOT NULL AS ready, e.attendance_mode, e.capacity,
         e.headcount_leaders, e.headcount_officials, e.headcount_members, COALESCE(a.n, 0)::int AS roster_present
    FROM meeting_endpoints e
    JOIN organizations o ON o.id = e.organization_id
    LEFT JOIN (SELECT endpoint_id, count(*) AS n FROM attendees WHERE meeting_id = $1 AND status IN ('present', 'late') GROUP BY endpoint_id) a
      ON a.endpoint_id = e.id
   WHERE e.meeting_id = $1`;

interface SiteRow {
  id: string;
  organization_id: string;
  name: string;
  sort_key: string;
  is_host: boolean;
  parent_endpoint_id: string | null;
  presence_state: RollupSite['state'];
  ready: boolean;
  attendance_mode: RollupSite['mode'];
  capacity: number | null;
  headcount_leaders: number | null;
  headcount_officials: number | null;
  headcount_members: number | null;
  roster_present: number;
}

/** The site a committed event changed, or 'all' when it changed the set of sites. */
function touchedSite(e: MeetingEvent): string | 'all' {
  switch (e.type) {
    case 'presence.changed':
      return e.payload.presence.endpointId;
    case 'endpoint.headcount_changed':
      return e.payload.endpointId;
    case 'attendee.removed':
      return e.payload.endpointId;
    case 'attendees.upserted':
      return e.payload.attendees.length === 1 ? e.payload.attendees[0].endpointId : 'all';
    case 'endpoint.updated':
      return e.payload.endpoint.id;
    default:
      return 'all';
  }
}

const toSite = (r: SiteRow): RollupSite => ({
  id: r.id,
  organizationId: r.organization_id,
  name: r.name,
  sortKey: r.sort_key,
  isHost: r.is_host,
  parentId: r.parent_endpoint_id,
  state: r.presence_state,
  ready: r.ready,
  mode: r.attendance_mode,
  capacity: r.capacity,
  leaders: r.headcount_leaders,
  officials: r.headcount_officials,
  members: r.headcount_members,
  rosterPresent: r.roster_present,
});

/**
 * Sites in a hierarchy (issue 21): headcounts, the province running its communes' sites, and the
 * roll-up commune -> province -> conference. The roll-up is an event of the meeting's history like any
 * other (sequenced, replayed), but coalesced: every committed change that can move it marks the
 * meeting, and at most once per ROLLUP_EVERY_MS per api process one `sites.rollup` carries the tiles
 * of the sites whose changes it committed, recomputed from the rows, with the national totals. 3,355 joins in a minute make
 * ~60 roll-up events, not 3,355 re-renders of the wall.
 */
@Injectable()
export class SitesService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SitesService.name);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** per meeting: the sites whose changes this process committed since its last roll-up ('all': the set of sites changed) */
  private readonly dirty = new Map<string, Set<string> | 'all'>();
  /** per meeting: the child sites whose presence changed here without an event of its own (SitePresence) */
  private readonly presenceDirty = new Map<string, Set<string>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ENV) private readonly env: Env,
    private readonly events: MeetingEventsService,
    private readonly meetings: MeetingsService,
    private readonly policy: MeetingPolicy,
    private readonly access: EndpointAccessService,
    private readonly sitePresence: SitePresence,
  ) {}

  onModuleInit() {
    this.events.onCommitted((e) => {
      if (!ROLLUP_INPUTS.has(e.type)) return;
      this.touch(e.meetingId, touchedSite(e));
    });
    this.sitePresence.onChanged((meetingId, endpointId) => {
      const set = this.presenceDirty.get(meetingId) ?? new Set<string>();
      set.add(endpointId);
      this.presenceDirty.set(meetingId, set);
      this.touch(meetingId, endpointId);
    });
  }

  onApplicationShutdown() {
    this.timers.forEach(clearTimeout);
    this.timers.clear();
  }

  // ---------- reading ----------

  async rollup(user: AuthUser, meetingId: string): Promise<SitesRollup> {
    await this.meetings.requireVisible(user, meetingId);
    return rollupSites(meetingId, await this.sites(this.db.manager, meetingId));
  }

  /** A top-level site's children as its province's console and the wall's drill-down show them; join codes only to those who assign their operators. */
  async children(user: AuthUser, meetingId: string, endpointId: string): Promise<ChildSites> {
    const meeting = await this.meetings.requireVisible(user, meetingId);
    const m = this.db.manager;
    const sites = await this.sites(m, meetingId);
    const tile = rollupSites(meetingId, sites).tiles.find((t) => t.endpointId === endpointId);
    if (!tile) throw new MeetingException(MeetingErrorCode.EndpointNotFound, 'Endpoint not found in this meeting', { endpointId });
    const childIds = sites.filter((s) => s.parentId === endpointId).map((s) => s.id);
    const rows = childIds.length ? await m.getRepository(MeetingEndpointEntity).findBy({ id: In(childIds) }) : [];
    const views = new Map((await endpointViews(m, rows)).map((v) => [v.id, v]));
    const caps = await this.policy.capabilities(user, meeting, m);
    const byId = new Map(sites.map((s) => [s.id, s]));
    const list = rows
      .map((r) => {
        const view = views.get(r.id)!;
        const site = byId.get(r.id)!;
        return {
          endpointId: r.id,
          organizationId: r.organizationId,
          name: site.name,
          sortKey: site.sortKey,
          state: r.presenceState,
          lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
          readyAt: r.readyAt?.toISOString() ?? null,
          mediaTested: r.mediaTested,
          attendanceMode: r.attendanceMode,
          capacity: r.capacity,
          headcount: headcountView(r),
          present: site.rosterPresent,
          operators: view.operators,
          contactPhone: r.contactPhone,
          joinCode: holds(caps, 'operators.assign', r.id) ? r.joinCode : '',
        };
      })
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
      .map(({ sortKey: _, ...rest }) => rest);
    return { parent: tile, sites: list };
  }

  // ---------- commands ----------

  /** A site's headcount by category, from its console or entered by its province (a commune reporting by phone). */
  async reportHeadcount(user: AuthUser, meetingId: string, endpointId: string, input: z.output<typeof headcountRequestSchema>): Promise<MeetingEndpoint> {
    return this.events.command(
      meetingId,
      async (tx) => {
        const m = tx.manager;
        await this.access.requireActor(user, meetingId, endpointId, m, 'roster.edit');
        const row = await m.getRepository(MeetingEndpointEntity).findOneOrFail({ where: { id: endpointId }, lock: { mode: 'pessimistic_write' } });
        if (row.attendanceMode !== 'headcount') {
          throw new SitesException(SitesErrorCode.KeepsRoster, 'This site keeps a named roster: check its attendees in instead', { endpointId });
        }
        const total = input.leaders + input.officials + input.members;
        if (row.capacity !== null && total > row.capacity) {
          throw new SitesException(SitesErrorCode.AboveCapacity, `${total} people is more than the site holds (${row.capacity})`, { capacity: row.capacity, total });
        }
        Object.assign(row, {
          headcountLeaders: input.leaders,
          headcountOfficials: input.officials,
          headcountMembers: input.members,
          headcountAt: new Date(),
          headcountBy: user.id,
          headcountSource: input.source,
        });
        await m.getRepository(MeetingEndpointEntity).update(
          { id: endpointId },
          { headcountLeaders: row.headcountLeaders, headcountOfficials: row.headcountOfficials, headcountMembers: row.headcountMembers, headcountAt: row.headcountAt, headcountBy: row.headcountBy, headcountSource: row.headcountSource },
        );
        await tx.append(meetingId, 'endpoint.headcount_changed', { endpointId, headcount: headcountView(row)! }, user.id);
        return (await endpointViews(m, [row]))[0];
      },
      { shared: true },
    );
  }

  /** A site's capacity and attendance mode: the organizers, or its province for a commune. */
  async updateSettings(user: AuthUser, meetingId: string, endpointId: string, input: z.output<typeof siteSettingsRequestSchema>): Promise<MeetingEndpoint> {
    return this.events.command(
      meetingId,
      async (tx) => {
        const m = tx.manager;
        await this.access.requireActor(user, meetingId, endpointId, m, 'operators.assign');
        const row = await m.getRepository(MeetingEndpointEntity).findOneOrFail({ where: { id: endpointId }, lock: { mode: 'pessimistic_write' } });
        if (input.capacity !== undefined) row.capacity = input.capacity;
        if (input.attendanceMode !== undefined) row.attendanceMode = input.attendanceMode;
        const total = (row.headcountLeaders ?? 0) + (row.headcountOfficials ?? 0) + (row.headcountMembers ?? 0);
        if (row.capacity !== null && row.attendanceMode === 'headcount' && total > row.capacity) {
          throw new SitesException(SitesErrorCode.AboveCapacity, `The site reported ${total} people, more than ${row.capacity}`, { capacity: row.capacity, total });
        }
        await m.getRepository(MeetingEndpointEntity).update({ id: endpointId }, { capacity: row.capacity, attendanceMode: row.attendanceMode });
        const [view] = await endpointViews(m, [row]);
        await tx.append(meetingId, 'endpoint.updated', { endpoint: view }, user.id);
        return view;
      },
      { shared: true },
    );
  }

  /** Replaces a site's operators: the organizers, or its province for a commune (never another province's). */
  async assignOperators(user: AuthUser, meetingId: string, endpointId: string, input: z.output<typeof assignOperatorsRequestSchema>): Promise<MeetingEndpoint> {
    return this.events.command(
      meetingId,
      async (tx) => {
        const m = tx.manager;
        const { endpoint } = await this.access.requireActor(user, meetingId, endpointId, m, 'operators.assign');
        const ids = [...new Set(input.operatorIds)];
        if (ids.length) await this.meetings.requireAccounts(m, ids);
        await m.getRepository(MeetingEndpointOperatorEntity).delete({ endpointId });
        if (ids.length) await m.getRepository(MeetingEndpointOperatorEntity).insert(ids.map((accountId) => ({ endpointId, accountId })));
        const [view] = await endpointViews(m, [endpoint]);
        await tx.append(meetingId, 'endpoint.updated', { endpoint: view }, user.id);
        return view;
      },
      { shared: true },
    );
  }

  // ---------- the coalesced roll-up ----------

  private sites(m: EntityManager, meetingId: string): Promise<RollupSite[]> {
    return m.query(SITES_SQL, [meetingId]).then((rows: SiteRow[]) => rows.map(toSite));
  }

  private touch(meetingId: string, site: string | 'all') {
    const d = this.dirty.get(meetingId);
    if (site === 'all' || d === 'all') this.dirty.set(meetingId, 'all');
    else if (d) d.add(site);
    else this.dirty.set(meetingId, new Set([site]));
    if (this.timers.has(meetingId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(meetingId);
      const touched = this.dirty.get(meetingId) ?? 'all';
      const presence = this.presenceDirty.get(meetingId) ?? new Set<string>();
      this.dirty.delete(meetingId);
      this.presenceDirty.delete(meetingId);
      this.publish(meetingId, touched, presence).catch((err: unknown) => {
        // e.g. 503 server_busy while thousands of joins wait for the meeting: try again at the next turn, losing nothing
        this.logger.warn({ err: String(err), meetingId }, 'site roll-up not published; retrying');
        presence.forEach((id) => this.presenceDirty.set(meetingId, (this.presenceDirty.get(meetingId) ?? new Set<string>()).add(id)));
        this.touch(meetingId, 'all');
      });
    }, this.env.ROLLUP_EVERY_MS);
    timer.unref();
    this.timers.set(meetingId, timer);
  }

  /**
   * One roll-up event with the tiles of the sites this process changed, recomputed from the rows (so
   * exact whichever process changed them last), and the national totals; none for a meeting without
   * child sites (a plain plenary keeps its per-site events only). Costs one SITES_SQL per meeting per
   * ROLLUP_EVERY_MS while its sites change, nothing while they do not.
   */
  private async publish(meetingId: string, touched: Set<string> | 'all', presenceOf: Set<string>) {
    await this.events.command(
      meetingId,
      async (tx) => {
        await tx.lockMeeting(meetingId, 'key_share');
        const sites = await this.sites(tx.manager, meetingId);
        if (!sites.some((s) => s.parentId) && !presenceOf.size) return;
        const rollup = rollupSites(meetingId, sites);
        const tiles = touched === 'all' ? rollup.tiles : tilesOf(rollup.tiles, sites, touched);
        // read in this transaction, after the meeting's lock: the presence as committed by every change before this event
        const rows = presenceOf.size ? await tx.manager.getRepository(MeetingEndpointEntity).findBy({ id: In([...presenceOf]) }) : [];
        const presence = await presenceViews(tx.manager, rows);
        await tx.append(meetingId, 'sites.rollup', { national: rollup.national, tiles, presence }, null);
      },
      { shared: true },
    );
  }
}
