import { rollupSites, tilesOf, type RollupSite } from './site-rollup';

const site = (id: string, o: Partial<RollupSite> = {}): RollupSite => ({
  id,
  organizationId: `org-${id}`,
  name: id,
  sortKey: id,
  isHost: false,
  parentId: null,
  state: 'not_joined',
  ready: false,
  mode: 'roster',
  capacity: null,
  leaders: null,
  officials: null,
  members: null,
  rosterPresent: 0,
  ...o,
});

describe('rollupSites', () => {
  const sites = [
    site('host', { isHost: true, state: 'connected', rosterPresent: 12, sortKey: 'z' }),
    site('Lạng Sơn', { state: 'connected', rosterPresent: 20, ready: true }),
    site('LS xã 1', { parentId: 'Lạng Sơn', mode: 'headcount', state: 'connected', leaders: 2, officials: 5, members: 30, capacity: 50 }),
    site('LS xã 2', { parentId: 'Lạng Sơn', mode: 'headcount', state: 'offline', capacity: 40 }),
    site('Cao Bằng', { state: 'reconnecting' }),
    site('CB xã 1', { parentId: 'Cao Bằng', mode: 'headcount', state: 'connected', leaders: 1, officials: 0, members: 9 }),
  ];
  const r = rollupSites('m', sites);

  it('puts the host first, then the provinces in order, each with its communes aggregated', () => {
    expect(r.tiles.map((t) => t.name)).toEqual(['host', 'Cao Bằng', 'Lạng Sơn']);
    const ls = r.tiles.find((t) => t.name === 'Lạng Sơn')!;
    expect(ls).toMatchObject({ children: 2, childrenConnected: 1, state: 'connected' });
    expect(ls.totals).toEqual({ sites: 3, connected: 2, ready: 1, present: 57, leaders: 2, officials: 5, members: 30, unreported: 1, capacity: 90 });
  });

  it('adds every site into the national totals', () => {
    expect(r.national).toMatchObject({ sites: 6, connected: 4, present: 12 + 20 + 37 + 10, leaders: 3, unreported: 1 });
  });

  it('lists the sites not connected at every level, with their province', () => {
    expect(r.missing).toEqual([
      { endpointId: 'Cao Bằng', name: 'Cao Bằng', parentName: null, state: 'reconnecting' },
      { endpointId: 'LS xã 2', name: 'LS xã 2', parentName: 'Lạng Sơn', state: 'offline' },
    ]);
  });

  it('sends the tiles of the sites that changed', () => {
    expect(tilesOf(r.tiles, sites, new Set(['CB xã 1', 'host'])).map((t) => t.name)).toEqual(['host', 'Cao Bằng']);
    expect(tilesOf(r.tiles, sites, new Set(['LS xã 2', 'Lạng Sơn'])).map((t) => t.name)).toEqual(['Lạng Sơn']);
  });
});
