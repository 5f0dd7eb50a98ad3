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

/** Each site's parent among the meeting's sites (a parent outside them counts as none). */
const parentsOf = (sites: readonly RollupSite[]) => {
  const ids = new Set(sites.map((s) => s.id));
  return new Map(sites.map((s) => [s.id, s.parentId && ids.has(s.parentId) ? s.parentId : null]));
};

/** The top-level site above `id` (itself when it has no parent); the depth is bounded against a broken chain. */
export function topAncestor(parents: ReadonlyMap<string, string | null>, id: string): string {
  let cur = id;
  for (let depth = 0; parents.get(cur) && depth < 8; depth++) cur = parents.get(cur)!;
  return cur;
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
  const parents = parentsOf(sites);
  const topOf = (s: RollupSite): RollupSite => byId.get(topAncestor(parents, s.id))!;
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
  const parents = parentsOf(sites);
  const tops = new Set([...touched].map((id) => topAncestor(parents, id)));
  return tiles.filter((t) => tops.has(t.endpointId));
}
