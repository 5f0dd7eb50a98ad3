import type { MissingSite, PresenceState, SiteTile, SiteTotals, SitesRollup } from '@app/contracts';

/** One site of a meeting as the roll-up reads it (one row of SitesService's query). */
export interface RollupSite {
  id: string;
  organizationId: string;
  name: string;
  sortKey: string;
  isHost: boolean;
  parentId: string | null;
  state: PresenceState;
  ready: boolean;
  mode: 'roster' | 'headcount';
  capacity: number | null;
  leaders: number | null;
  officials: number | null;
  members: number | null;
  /** checked-in attendees (roster sites) */
  rosterPresent: number;
}

const zero = (): SiteTotals => ({ sites: 0, connected: 0, ready: 0, present: 0, leaders: 0, officials: 0, members: 0, unreported: 0, capacity: 0 });

function add(t: SiteTotals, s: RollupSite) {
  t.sites++;
  if (s.state === 'connected') t.connected++;
  if (s.ready) t.ready++;
  t.capacity += s.capacity ?? 0;
  if (s.mode === 'roster') {
    t.present += s.rosterPresent;
  } else if (s.leaders === null) {
    t.unreported++;
  } else {
    t.leaders += s.leaders;
    t.officials += s.officials ?? 0;
    t.members += s.members ?? 0;
    t.present += s.leaders + (s.officials ?? 0) + (s.members ?? 0);
  }
}

const bySort = (a: { sortKey: string; isHost: boolean }, b: { sortKey: string; isHost: boolean }) =>
  Number(b.isHost) - Number(a.isHost) || (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0);

/**
 * The roll-up commune -> province -> conference: one tile per top-level site (a province, a ministry,
 * the host) with every site below it aggregated, the national totals, and every site not connected at
 * any level. Exact, from the sites' current rows: O(sites) per call.
 */
export function rollupSites(meetingId: string, sites: readonly RollupSite[]): SitesRollup {
  const byId = new Map(sites.map((s) => [s.id, s]));
  const topOf = (s: RollupSite): RollupSite => {
    let cur = s;
    for (let depth = 0; cur.parentId && byId.has(cur.parentId) && depth < 8; depth++) cur = byId.get(cur.parentId)!;
    return cur;
  };
  const national = zero();
  const groups = new Map<string, { top: RollupSite; totals: SiteTotals; children: number; childrenConnected: number; missing: RollupSite[] }>();
  for (const s of [...sites].sort(bySort)) {
    const top = topOf(s);
    let g = groups.get(top.id);
    if (!g) groups.set(top.id, (g = { top, totals: zero(), children: 0, childrenConnected: 0, missing: [] }));
    add(g.totals, s);
    add(national, s);
    if (s !== top) {
      g.children++;
      if (s.state === 'connected') g.childrenConnected++;
    }
    if (s.state !== 'connected') g.missing.push(s);
  }
  const ordered = [...groups.values()].sort((a, b) => bySort(a.top, b.top));
  const tiles: SiteTile[] = ordered.map((g) => ({
    endpointId: g.top.id,
    organizationId: g.top.organizationId,
    name: g.top.name,
    isHost: g.top.isHost,
    state: g.top.state,
    totals: g.totals,
    children: g.children,
    childrenConnected: g.childrenConnected,
  }));
  const missing: MissingSite[] = ordered.flatMap((g) =>
    g.missing.map((s) => ({ endpointId: s.id, name: s.name, parentName: s === g.top ? null : g.top.name, state: s.state })),
  );
  return { meetingId, national, tiles, missing };
}

/** The tiles the given sites belong to (a site's tile is its top-level ancestor), in the tiles' order. */
export function tilesOf(tiles: readonly SiteTile[], sites: readonly RollupSite[], touched: ReadonlySet<string>): SiteTile[] {
  const parent = new Map(sites.map((s) => [s.id, s.parentId]));
  const tops = new Set<string>();
  for (const id of touched) {
    let cur = id;
    for (let depth = 0; parent.get(cur) && depth < 8; depth++) cur = parent.get(cur)!;
    tops.add(cur);
  }
  return tiles.filter((t) => tops.has(t.endpointId));
}
