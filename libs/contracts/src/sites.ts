import { z } from 'zod';
import { PRESENCE_STATES, type EndpointPresence } from './attendance';

/**
 * National conferences down to the communes (issue 21): sites in a hierarchy (a province's endpoint
 * and its communes' endpoints), sites that report a headcount instead of a named roster, and the
 * roll-up commune -> province -> conference that the wall, the hall display and the summary show.
 */

/** How a site reports who is there: a named roster (attendees), or a headcount by category. */
export const ATTENDANCE_MODES = ['roster', 'headcount'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];
export const attendanceModeSchema = z.enum(ATTENDANCE_MODES);

/** Where a headcount came from: the site's own console, or its province entering what the commune said by phone. */
export const HEADCOUNT_SOURCES = ['console', 'phone'] as const;
export type HeadcountSource = (typeof HEADCOUNT_SOURCES)[number];

const count = z.number().int().min(0).max(100_000);

/** A site's headcount by category (lãnh đạo, cán bộ, đảng viên/đại biểu): negative or fractional is a 400. */
export const headcountRequestSchema = z
  .object({
    leaders: count,
    officials: count,
    members: count,
    source: z.enum(HEADCOUNT_SOURCES).default('console'),
  })
  .strict();
export type HeadcountRequest = z.input<typeof headcountRequestSchema>;

export const headcountSchema = z.object({
  leaders: z.number().int(),
  officials: z.number().int(),
  members: z.number().int(),
  total: z.number().int(),
  source: z.enum(HEADCOUNT_SOURCES),
  reportedAt: z.string(),
  reportedBy: z.string().nullable(),
});
export type Headcount = z.infer<typeof headcountSchema>;

/** The people and sites of a group of sites (a province with its communes, or the whole conference). */
export const siteTotalsSchema = z.object({
  /** sites in the group */
  sites: z.number().int(),
  connected: z.number().int(),
  ready: z.number().int(),
  /** people present: the headcount of headcount sites, the checked-in attendees of roster sites */
  present: z.number().int(),
  leaders: z.number().int(),
  officials: z.number().int(),
  members: z.number().int(),
  /** headcount sites that have not reported yet */
  unreported: z.number().int(),
  /** sum of the capacities set */
  capacity: z.number().int(),
});
export type SiteTotals = z.infer<typeof siteTotalsSchema>;

/** One tile of the wall: a top-level site (a province, a ministry, the host) with its child sites aggregated. */
export const siteTileSchema = z.object({
  endpointId: z.string(),
  organizationId: z.string(),
  name: z.string(),
  isHost: z.boolean(),
  state: z.enum(PRESENCE_STATES),
  /** the tile's own site and its children together */
  totals: siteTotalsSchema,
  /** the child sites alone ("63/65 xã đã kết nối") */
  children: z.number().int(),
  childrenConnected: z.number().int(),
});
export type SiteTile = z.infer<typeof siteTileSchema>;

export const missingSiteSchema = z.object({
  endpointId: z.string(),
  name: z.string(),
  /** the tile it belongs to (its province), null for a top-level site */
  parentName: z.string().nullable(),
  state: z.enum(PRESENCE_STATES),
});
export type MissingSite = z.infer<typeof missingSiteSchema>;

export const sitesRollupSchema = z.object({
  meetingId: z.string(),
  national: siteTotalsSchema,
  tiles: z.array(siteTileSchema),
  /** every site not connected, at every level, tile by tile in Vietnamese order */
  missing: z.array(missingSiteSchema),
});
export type SitesRollup = z.infer<typeof sitesRollupSchema>;

/** One child site as its province's console and the wall's drill-down show it. */
export const childSiteSchema = z.object({
  endpointId: z.string(),
  organizationId: z.string(),
  name: z.string(),
  state: z.enum(PRESENCE_STATES),
  lastSeenAt: z.string().nullable(),
  readyAt: z.string().nullable(),
  mediaTested: z.boolean().nullable(),
  attendanceMode: attendanceModeSchema,
  capacity: z.number().int().nullable(),
  headcount: headcountSchema.nullable(),
  /** checked-in attendees, for a roster site */
  present: z.number().int(),
  operators: z.array(z.object({ id: z.string(), fullName: z.string(), position: z.string().nullable() })),
  contactPhone: z.string().nullable(),
  joinCode: z.string(),
});
export type ChildSite = z.infer<typeof childSiteSchema>;

export const childSitesSchema = z.object({
  parent: siteTileSchema,
  sites: z.array(childSiteSchema),
});
export type ChildSites = z.infer<typeof childSitesSchema>;

/** The operators of a child site, as its province assigns them (replaces the list). */
export const assignOperatorsRequestSchema = z.object({ operatorIds: z.array(z.uuid()).max(20) }).strict();
export type AssignOperatorsRequest = z.input<typeof assignOperatorsRequestSchema>;

/** A site's capacity and how it reports attendance (the organizers, or its province for a child site). */
export const siteSettingsRequestSchema = z
  .object({
    capacity: z.number().int().min(0).max(100_000).nullable().optional(),
    attendanceMode: attendanceModeSchema.optional(),
  })
  .strict();
export type SiteSettingsRequest = z.input<typeof siteSettingsRequestSchema>;

/** The roll-up event: the tiles of the sites this api process changed since its last one (their current totals), and the national totals. */
export interface SitesRollupEvent {
  national: SiteTotals;
  tiles: SiteTile[];
  /** the child sites whose presence changed since (they send no `presence.changed` of their own) */
  presence: EndpointPresence[];
}
