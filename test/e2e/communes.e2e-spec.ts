import type { Ack, BulkInviteResult, ChildSites, ImportCommunesResult, MeetingEndpoint, MeetingEvent, MeetingWriteResult, Organization, OrganizationPage, SiteTile, SiteTotals, SitesRollup } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount, orgByCode } from '../support/factories';
import { UserSession, type TestSocket } from '../support/session';
import { day } from '../support/time';

/**
 * Issue 21: a conference with 3 provinces and 40 of their communes, named (roster) and headcount sites
 * mixed. The roll-up the wall applies (coalesced `sites.rollup` events) must equal the truth computed
 * here from what the test did, after joins, drops, headcount corrections and a commune reported by phone;
 * a province operator acts only for its own communes.
 */
describe('national conference down to the communes', () => {
  let t: TestApp;
  let admin: UserSession;
  const sockets: TestSocket[] = [];
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t?.close();
  });

  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_COMMUNES: 'true', PRESENCE_DEBOUNCE_MS: '150', PRESENCE_OFFLINE_MS: '400', ROLLUP_EVERY_MS: '100' } });
    admin = await UserSession.signIn(t.baseUrl, 'admin');
  });

  const communesOf = async (province: Organization, limit = 100) =>
    (await admin.get<OrganizationPage>(`/api/organizations?kind=commune&parentId=${province.id}&limit=${limit}`)).body;

  it('seeds the 3,320 communes of 2025 under their provincial People’s Committees', async () => {
    const all = (await admin.get<OrganizationPage>('/api/organizations?kind=commune&limit=1')).body;
    expect(all.total).toBe(3320);
    const ls = await orgByCode(admin, 'LANG_SON');
    const page = await communesOf(ls);
    expect(page.total).toBe(65);
    expect(page.items.map((o) => o.shortName)).toContain('Phường Tam Thanh');
    expect(page.items.every((o) => o.kind === 'commune' && o.parentId === ls.id && o.name.startsWith('Ủy ban nhân dân '))).toBe(true);
    // accent-insensitive search reaches them too
    const found = (await admin.get<OrganizationPage>(`/api/organizations?kind=commune&q=${encodeURIComponent('tam thanh')}`)).body;
    expect(found.items.some((o) => o.shortName === 'Phường Tam Thanh')).toBe(true);
  });

  it('imports an authoritative list: every bad line reported and nothing saved, then the good list updates it', async () => {
    const before = (await admin.get<OrganizationPage>('/api/organizations?kind=commune&limit=1')).body.total;
    const bad = [
      'Tỉnh/thành phố;Tên;Loại;Mã',
      'Lạng Sơn;Tân Văn;Xã;20001',
      'Tỉnh Không Có;Hòa Bình;Xã;',
      'Lạng Sơn;Tân Văn;Xã;',
      'Cao Bằng;;Xã;',
      'Cao Bằng;Nà Giàng;Làng;',
    ].join('\n');
    const refused = await admin.post<{ code: string; params: { rows: { line: number; params: { rule: string } }[] } }>('/api/organizations/communes/import', { csv: bad });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('invalid_commune_list');
    expect(refused.body.params.rows.map((r) => [r.line, r.params.rule])).toEqual([
      [3, 'unknown_province'],
      [4, 'duplicate_commune'],
      [5, 'commune_name_empty'],
      [6, 'commune_type'],
    ]);
    expect((await admin.get<OrganizationPage>('/api/organizations?kind=commune&limit=1')).body.total).toBe(before);

    const good = ['Province,Name,Code', 'Lạng Sơn,Xã Tân Văn,20001', 'Lạng Sơn,Xã Thử Nghiệm Mới,99999'].join('\n');
    const res = await admin.post<ImportCommunesResult>('/api/organizations/communes/import', { csv: good });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 2, created: 1, updated: 1, unchanged: 0, notListed: 64 });
    const ls = await orgByCode(admin, 'LANG_SON');
    const names = (await communesOf(ls)).items;
    expect(names.find((o) => o.shortName === 'Xã Tân Văn')?.code).toBe('20001');
    expect(names.find((o) => o.shortName === 'Xã Thử Nghiệm Mới')?.name).toBe('Ủy ban nhân dân xã Thử Nghiệm Mới');
    // an operator is no administrator
    const ops = await newAccount(admin, 'endpoint_operator', ls.id);
    const denied = await (await ops.session()).post<{ code: string }>('/api/organizations/communes/import', { csv: good });
    expect(denied.status).toBe(403);
  });

  it('invites a province with all its communes, and all 34 provinces with their communes, in one request each', async () => {
    const vpcp = await orgByCode(admin, 'VPCP');
    const create = async (title: string) =>
      (await admin.post<MeetingWriteResult>('/api/meetings', { kind: 'conference', title, hostOrganizationId: vpcp.id, scheduledStart: day(30, '08:00'), scheduledEnd: day(30, '11:00') })).body.meeting;
    const cb = await orgByCode(admin, 'CAO_BANG');
    const one = await create('Hội nghị tỉnh Cao Bằng');
    const added = (await admin.post<BulkInviteResult>(`/api/meetings/${one.id}/endpoints/bulk`, { mode: 'with_children', parentId: cb.id, overrideConflicts: true })).body.added;
    const cbCommunes = (await communesOf(cb)).total;
    expect(added).toHaveLength(1 + cbCommunes);
    const province = added.find((e) => e.organizationId === cb.id)!;
    expect(added.filter((e) => e.parentEndpointId === province.id)).toHaveLength(cbCommunes);
    expect(added.filter((e) => e.attendanceMode === 'headcount')).toHaveLength(cbCommunes);

    const all = await create('Hội nghị toàn quốc');
    const started = Date.now();
    const national = await admin.post<BulkInviteResult>(`/api/meetings/${all.id}/endpoints/bulk`, { mode: 'all_provinces_and_communes', overrideConflicts: true });
    const ms = Date.now() - started;
    expect(national.status).toBe(201);
    const communes = (await admin.get<OrganizationPage>('/api/organizations?kind=commune&limit=1')).body.total;
    expect(national.body.added).toHaveLength(34 + communes);
    const rollup = (await admin.get<SitesRollup>(`/api/meetings/${all.id}/sites`)).body;
    expect(rollup.tiles).toHaveLength(34);
    expect(rollup.national.sites).toBe(34 + communes);
    expect(rollup.missing).toHaveLength(34 + communes);
    console.log(`invited ${34 + communes} sites in one request: ${ms} ms`);
  });

  it('rolls up exactly from communes to provinces to the conference, and keeps a province to its own communes', async () => {
    const vpcp = await orgByCode(admin, 'VPCP');
    const provinces = await Promise.all(['LANG_SON', 'CAO_BANG', 'TUYEN_QUANG'].map((c) => orgByCode(admin, c)));
    const picked = (await Promise.all(provinces.map(async (p, i) => (await communesOf(p, [15, 15, 10][i])).items))).flat();
    expect(picked).toHaveLength(40);
    // the province operators: endpoint operators of the People's Committee, assigned to its endpoint on invitation
    const provinceOps = await Promise.all(provinces.map(async (p) => (await newAccount(admin, 'endpoint_operator', p.id)).session()));
    // a console operator in each of the first 8 communes of every province (24 consoles)
    const withConsole = provinces.flatMap((p) => picked.filter((c) => c.parentId === p.id).slice(0, 8));
    const communeOps = new Map(await Promise.all(withConsole.map(async (c) => [c.id, await (await newAccount(admin, 'endpoint_operator', c.id)).session()] as const)));

    const meeting = (
      await admin.post<MeetingWriteResult>('/api/meetings', { kind: 'conference', title: 'Hội nghị quán triệt Nghị quyết đến cấp xã', hostOrganizationId: vpcp.id, scheduledStart: day(31, '08:00'), scheduledEnd: day(31, '11:00') })
    ).body.meeting;
    const base = `/api/meetings/${meeting.id}`;
    // the host's own site (the Government Office, parent of the provinces) runs the meeting, not the provinces' sites
    expect((await admin.post(`${base}/endpoints`, { organizationId: vpcp.id, isHost: true })).status).toBe(201);
    const invited = await admin.post<BulkInviteResult>(`${base}/endpoints/bulk`, { mode: 'organizations', organizationIds: [...picked, ...provinces].map((o) => o.id), overrideConflicts: true });
    expect(invited.status).toBe(201);
    const byOrg = new Map(invited.body.added.map((e) => [e.organizationId, e]));
    const ep = (o: Organization) => byOrg.get(o.id)!;
    // communes invited before their province in the same list are linked all the same
    for (const c of picked) expect(ep(c).parentEndpointId).toBe(ep(provinces.find((p) => p.id === c.parentId)!).id);
    for (const p of provinces) expect(ep(p).parentEndpointId).toBeNull();

    // mixed: the last 2 communes of Lạng Sơn keep a named roster; capacities everywhere else
    const lsCommunes = picked.filter((c) => c.parentId === provinces[0].id);
    const rosterCommunes = lsCommunes.slice(-2);
    for (const c of rosterCommunes) expect((await provinceOps[0].patch(`${base}/endpoints/${ep(c).id}/site`, { attendanceMode: 'roster' })).status).toBe(200);
    for (const c of picked.filter((x) => !rosterCommunes.includes(x))) expect((await admin.patch(`${base}/endpoints/${ep(c).id}/site`, { capacity: 80 })).status).toBe(200);

    // the wall: applies the roll-up events over the REST state
    const wall = await admin.socket();
    sockets.push(wall);
    const start = (await admin.get<SitesRollup>(`${base}/sites`)).body;
    const tiles = new Map<string, SiteTile>(start.tiles.map((x) => [x.endpointId, x]));
    let national: SiteTotals = start.national;
    const seqs: number[] = [];
    let rollups = 0;
    let waiter: { check: () => boolean; resolve: () => void } | null = null;
    wall.on('meeting:event', (e: MeetingEvent) => {
      seqs.push(e.seq);
      if (e.type !== 'sites.rollup') return;
      rollups++;
      national = e.payload.national;
      for (const x of e.payload.tiles) tiles.set(x.endpointId, x);
      if (waiter?.check()) waiter.resolve();
    });
    await wall.emitWithAck('meeting:subscribe', { meetingId: meeting.id });

    // the truth, kept by the test
    const connected = new Set<string>();
    const heads = new Map<string, number>();
    const rosterPresent = new Map<string, number>();
    const truth = (province: Organization) => {
      const ids = [province, ...picked.filter((c) => c.parentId === province.id)].map((o) => ep(o).id);
      return {
        sites: ids.length,
        connected: ids.filter((i) => connected.has(i)).length,
        present: ids.reduce((n, i) => n + (heads.get(i) ?? 0) + (rosterPresent.get(i) ?? 0), 0),
      };
    };
    const matches = () =>
      provinces.every((p) => {
        const tile = tiles.get(ep(p).id);
        const want = truth(p);
        return tile && tile.totals.sites === want.sites && tile.totals.connected === want.connected && tile.totals.present === want.present;
      }) && national.connected === connected.size;
    const converged = async (what: string) => {
      if (matches()) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`roll-up did not converge after ${what}: ${JSON.stringify([...tiles.values()].map((x) => [x.name, x.totals.connected, x.totals.present]))}`)), 10_000);
        waiter = { check: matches, resolve: () => (clearTimeout(timer), resolve()) };
      });
      waiter = null;
      // and the REST roll-up says the same
      const rest = (await admin.get<SitesRollup>(`${base}/sites`)).body;
      for (const p of provinces) expect(rest.tiles.find((x) => x.endpointId === ep(p).id)!.totals).toEqual(tiles.get(ep(p).id)!.totals);
      expect(rest.national).toEqual(national);
    };

    // 1. joins: the 3 provinces' consoles and 24 communes
    const consoles = new Map<string, TestSocket>();
    const join = async (session: UserSession, endpoint: MeetingEndpoint) => {
      const s = await session.socket();
      sockets.push(s);
      const ack = (await s.emitWithAck('endpoint:join', { meetingId: meeting.id, endpointId: endpoint.id, device: 'console' })) as Ack<unknown>;
      expect(ack.ok).toBe(true);
      consoles.set(endpoint.id, s);
      connected.add(endpoint.id);
    };
    await Promise.all([...provinces.map((p, i) => join(provinceOps[i], ep(p))), ...withConsole.map((c) => join(communeOps.get(c.id)!, ep(c)))]);
    await converged('joins');
    expect(tiles.get(ep(provinces[0]).id)).toMatchObject({ children: 15, childrenConnected: 8 });

    // 2. headcounts from the communes' consoles, one correction, and a commune reporting by phone through its province
    await Promise.all(
      withConsole.map(async (c, i) => {
        const n = { leaders: 1 + (i % 3), officials: 4, members: 10 + i };
        const res = await communeOps.get(c.id)!.put(`${base}/endpoints/${ep(c).id}/headcount`, n);
        expect(res.status).toBe(200);
        heads.set(ep(c).id, n.leaders + n.officials + n.members);
      }),
    );
    const corrected = withConsole[0];
    expect((await communeOps.get(corrected.id)!.put(`${base}/endpoints/${ep(corrected).id}/headcount`, { leaders: 2, officials: 3, members: 7 })).status).toBe(200);
    heads.set(ep(corrected).id, 12);
    const byPhone = picked.filter((c) => c.parentId === provinces[1].id)[12];
    const phoned = await provinceOps[1].put<MeetingEndpoint>(`${base}/endpoints/${ep(byPhone).id}/headcount`, { leaders: 3, officials: 9, members: 48, source: 'phone' });
    expect(phoned.status).toBe(200);
    expect(phoned.body.headcount).toMatchObject({ total: 60, source: 'phone', reportedBy: provinceOps[1].account.id });
    heads.set(ep(byPhone).id, 60);
    // named sites: the Lạng Sơn province checks in 3 of its delegation, a roster commune 2
    for (const [endpoint, people] of [[ep(provinces[0]), ['Hoàng Văn Minh', 'Lương Thị Thu', 'Đoàn Thị Hậu']], [ep(rosterCommunes[0]), ['Nông Văn Dũng', 'Vi Thị Hoa']]] as const) {
      for (const fullName of people) expect((await provinceOps[0].post(`${base}/endpoints/${endpoint.id}/attendees`, { fullName, walkIn: true })).status).toBe(201);
      rosterPresent.set(endpoint.id, people.length);
    }
    await converged('headcounts');
    const lsTile = tiles.get(ep(provinces[0]).id)!;
    expect(lsTile.totals.unreported).toBe(15 - 2 - 8);

    // 3. drops: 3 communes' consoles close; their sites turn reconnecting after the debounce (offline after the grace period)
    const dropped = withConsole.slice(1, 4);
    for (const c of dropped) {
      consoles.get(ep(c).id)!.disconnect();
      connected.delete(ep(c).id);
    }
    await converged('drops');
    const rest = (await admin.get<SitesRollup>(`${base}/sites`)).body;
    expect(rest.missing.filter((x) => dropped.some((c) => ep(c).id === x.endpointId)).every((x) => x.state !== 'connected' && x.parentName !== null)).toBe(true);
    expect(rest.missing).toHaveLength(44 - connected.size);

    // the drill-down: a province's communes with their headcount; join codes only for who assigns operators
    const children = (await provinceOps[1].get<ChildSites>(`${base}/sites/${ep(provinces[1]).id}`)).body;
    expect(children.sites).toHaveLength(15);
    expect(children.sites.find((x) => x.endpointId === ep(byPhone).id)!.headcount!.source).toBe('phone');
    expect(children.sites.every((x) => x.joinCode.length === 8)).toBe(true);
    const asOther = (await provinceOps[0].get<ChildSites>(`${base}/sites/${ep(provinces[1]).id}`)).body;
    expect(asOther.sites.every((x) => x.joinCode === '')).toBe(true);

    // roll-ups are events of the history like any other: one ordered seq, and far fewer than the changes
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(rollups).toBeLessThan(40);

    // 4. the province acts for its own communes only
    const cbCommune = ep(picked.find((c) => c.parentId === provinces[1].id)!);
    const lsCommune = ep(lsCommunes[10]);
    const other = await provinceOps[0].put<{ code: string }>(`${base}/endpoints/${cbCommune.id}/headcount`, { leaders: 1, officials: 1, members: 1, source: 'phone' });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('not_endpoint_operator');
    const newOp = await newAccount(admin, 'endpoint_operator', lsCommunes[10].id);
    const assigned = await provinceOps[0].put<MeetingEndpoint>(`${base}/endpoints/${lsCommune.id}/operators`, { operatorIds: [newOp.account.id] });
    expect(assigned.status).toBe(200);
    expect(assigned.body.operators.map((o) => o.id)).toEqual([newOp.account.id]);
    const foreign = await provinceOps[0].put<{ code: string }>(`${base}/endpoints/${cbCommune.id}/operators`, { operatorIds: [newOp.account.id] });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('not_endpoint_operator');
    // a commune's own operator does not assign operators, and the province is not the commune's console
    expect((await communeOps.get(withConsole[0].id)!.put(`${base}/endpoints/${ep(withConsole[0]).id}/operators`, { operatorIds: [] })).status).toBe(403);
    const s = await provinceOps[0].socket();
    sockets.push(s);
    const asConsole = (await s.emitWithAck('endpoint:join', { meetingId: meeting.id, endpointId: lsCommune.id, device: 'console' })) as Ack<unknown>;
    expect(asConsole.ok).toBe(false);

    // 5. bad input: nothing changes
    const before = (await admin.get<MeetingEndpoint[]>(`${base}/endpoints`)).body.find((e) => e.id === ep(corrected).id)!.headcount;
    const op = communeOps.get(corrected.id)!;
    const url = `${base}/endpoints/${ep(corrected).id}/headcount`;
    const negative = await op.put<{ code: string; fields: { field: string }[] }>(url, { leaders: -1, officials: 3, members: 7 });
    expect(negative.status).toBe(400);
    expect(negative.body.code).toBe('validation_failed');
    expect(negative.body.fields.map((f) => f.field)).toEqual(['leaders']);
    const above = await op.put<{ code: string; params: { capacity: number; total: number } }>(url, { leaders: 10, officials: 20, members: 60 });
    expect(above.status).toBe(422);
    expect(above.body).toMatchObject({ code: 'headcount_above_capacity', params: { capacity: 80, total: 90 } });
    const roster = await provinceOps[0].put<{ code: string }>(`${base}/endpoints/${ep(rosterCommunes[0]).id}/headcount`, { leaders: 1, officials: 1, members: 1 });
    expect(roster.status).toBe(409);
    expect(roster.body.code).toBe('endpoint_keeps_roster');
    const shrink = await admin.patch<{ code: string }>(`${base}/endpoints/${ep(corrected).id}/site`, { capacity: 5 });
    expect(shrink.status).toBe(422);
    expect(shrink.body.code).toBe('headcount_above_capacity');
    const after = (await admin.get<MeetingEndpoint[]>(`${base}/endpoints`)).body.find((e) => e.id === ep(corrected).id)!;
    expect(after.headcount).toEqual(before);
    expect(after.capacity).toBe(80);
    await converged('refusals');
  });
});
