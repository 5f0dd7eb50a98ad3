import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Attendee, BulkInviteResult, MeetingWriteResult, MinutesState, Organization, Page, RouteResponse } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { BUILT, spawnNode } from '../support/processes';
import { UserSession } from '../support/session';
import { day } from '../support/time';

/** two apis, a whole meeting and four CLI runs (PGlite's dump of ~5 MB took 20 s on a loaded 2-core machine) */
const SLOW = 600_000;

/** `npm run db:backup` / `db:restore`, i.e. the built CLI, with the environment a user would give it. */
const cli = async (args: string[], env: Record<string, string>) => {
  const p = spawnNode([BUILT.cli, ...args], { LOG_LEVEL: 'warn', ...env });
  const { code } = await p.exited;
  return { code, output: p.output() };
};

/** A whole meeting through the API: agenda, host and 34 provinces, a roster, a speech, published minutes with a task. */
async function wholeMeeting(baseUrl: string): Promise<string> {
  const organizer = await UserSession.signIn(baseUrl, 'organizer');
  const chair = await UserSession.signIn(baseUrl, 'chair');
  const secretary = await UserSession.signIn(baseUrl, 'secretary');
  const op = await UserSession.signIn(baseUrl, 'langson');
  const bng = (await organizer.get<Page<Organization>>('/api/organizations?q=BNG')).body.items.find((o) => o.code === 'BNG')!;
  const created = await organizer.post<MeetingWriteResult>('/api/meetings', {
    kind: 'seminar', title: 'Hội nghị sơ kết công tác hội nhập quốc tế', hostOrganizationId: bng.id, chairId: chair.account.id, secretaryIds: [secretary.account.id],
    scheduledStart: day(2, '14:00'), scheduledEnd: day(2, '16:30'),
  });
  const id = created.body.meeting.id;
  const ok = (what: string, res: { status: number; body: unknown }) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  ok('agenda', await organizer.request('PUT', `/api/meetings/${id}/agenda`, {
    version: 0,
    sessions: [
      { title: 'Phiên 1: Đánh giá kết quả', items: [{ title: 'Khai mạc', durationMinutes: 10 }, { title: 'Tham luận của tỉnh Lạng Sơn', durationMinutes: 20 }] },
      { title: 'Phiên 2: Phương hướng', items: [{ title: 'Thảo luận', durationMinutes: 45 }] },
    ],
  }));
  ok('host', await organizer.post(`/api/meetings/${id}/endpoints`, { organizationId: bng.id, isHost: true, locationName: 'Trụ sở Bộ Ngoại giao' }));
  const invited = await organizer.post<BulkInviteResult>(`/api/meetings/${id}/endpoints/bulk`, { mode: 'all_provinces' });
  const ls = invited.body.added.find((e) => e.organizationShortName === 'Lạng Sơn')!;
  const people = ['Đoàn Thu Hà', 'Nguyễn Văn Đức', 'Hoàng Thị Ánh'];
  const attendees: Attendee[] = [];
  for (const fullName of people) attendees.push(ok('attendee', await op.post<Attendee>(`/api/meetings/${id}/endpoints/${ls.id}/attendees`, { fullName, position: 'Phó Chủ tịch UBND tỉnh', walkIn: true })).body as Attendee);
  ok('schedule', await organizer.post(`/api/meetings/${id}/transitions`, { action: 'schedule' }));
  ok('start', await chair.post(`/api/meetings/${id}/transitions`, { action: 'start' }));
  const req = ok('request', await op.post<{ id: string }>(`/api/meetings/${id}/speech-requests`, { endpointId: ls.id, attendeeId: attendees[0].id, kind: 'prepared', topic: 'Hội nhập kinh tế vùng biên giới' })).body as { id: string };
  ok('approve', await chair.post(`/api/meetings/${id}/speech-requests/${req.id}/approve`));
  ok('floor', await chair.post(`/api/meetings/${id}/floor`, {}));
  ok('floor end', await chair.post(`/api/meetings/${id}/floor/end`));
  ok('conclusion', await secretary.post(`/api/meetings/${id}/minutes/entries`, { kind: 'conclusion', text: 'Hội nghị thống nhất đánh giá kết quả 10 năm hội nhập' }));
  ok('task', await secretary.post(`/api/meetings/${id}/minutes/entries`, { kind: 'task', text: 'Giao Bộ Ngoại giao chủ trì, phối hợp với các bộ, ngành, địa phương tổng hợp ý kiến', leadOrganizationId: bng.id }));
  ok('end', await chair.post(`/api/meetings/${id}/transitions`, { action: 'end' }));
  ok('submit', await secretary.post(`/api/meetings/${id}/minutes/transitions`, { action: 'submit' }));
  ok('approve minutes', await chair.post(`/api/meetings/${id}/minutes/transitions`, { action: 'approve' }));
  const published = ok('publish', await secretary.post<MinutesState>(`/api/meetings/${id}/minutes/transitions`, { action: 'publish' })).body as MinutesState;
  expect(published).toMatchObject({ status: 'published', revision: 1 });
  return id;
}

/** Everything a client sees of the meeting, read with the typed client (each answer checked against its schema). */
async function readMeeting(baseUrl: string, id: string) {
  const chair = await UserSession.signIn(baseUrl, 'chair');
  const params = { id };
  const events: NonNullable<RouteResponse<'meetings.events'>['events']> = [];
  for (let after = 0; ; ) {
    const page = await chair.call('meetings.events', { params, query: { after, limit: 500 } });
    events.push(...(page.events ?? []));
    if (!page.hasMore || !page.events?.length) break;
    after = page.events[page.events.length - 1].seq;
  }
  return {
    meeting: await chair.call('meetings.get', { params }),
    agenda: await chair.call('agenda.get', { params }),
    endpoints: await chair.call('endpoints.list', { params }),
    attendees: await chair.call('attendees.list', { params, query: {} }),
    speakers: await chair.call('speakers.state', { params }),
    minutes: await chair.call('minutes.state', { params }),
    revisions: await chair.call('minutes.revisions', { params }),
    revision1: await chair.call('minutes.revision', { params: { id, number: 1 } }),
    events,
  };
}

/**
 * A backup holds the whole platform: taken from one api's database, restored into a fresh one, an api started on
 * it answers the same meeting, and its history replays with the same seqs.
 */
describe('backup and restore', () => {
  const dirs: string[] = [];
  const dbs: TestDatabase[] = [];
  const tmp = (prefix: string) => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  beforeAll(() => {
    if (!existsSync(BUILT.cli)) throw new Error('build the api first: npx nest build api');
  });
  afterAll(async () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    for (const db of dbs) await db.drop();
  });

  it('round-trips a whole meeting on PostgreSQL (pg_dump while the api runs, pg_restore into a new database)', async () => {
    const t = await startTestApp();
    let restoredApp: TestApp | undefined;
    try {
      const id = await wholeMeeting(t.baseUrl);
      const before = await readMeeting(t.baseUrl, id);
      expect(before.events.length).toBeGreaterThan(10);
      expect(before.events.map((e) => e.seq)).toEqual(before.events.map((_, i) => i + 1));

      const file = join(tmp('htt-backup-'), 'platform.pgdump');
      const dumped = await cli(['backup', '--out', file], { DATABASE_URL: t.databaseUrl! });
      expect(dumped).toMatchObject({ code: 0 });
      expect(dumped.output).toMatch(/backup of PostgreSQL database htt_test_\w+ \(server 15, pg_dump \(PostgreSQL\) 15\.\d+.*\): \d+ tables, 1 meetings, \d+ migrations -> .*platform\.pgdump \(\d+ kB\)/);
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
      // a second backup never overwrites the first
      expect(await cli(['backup', '--out', file], { DATABASE_URL: t.databaseUrl! })).toMatchObject({ code: 1, output: expect.stringContaining('exists already') });

      const target = await createTestDatabase();
      dbs.push(target);
      const restored = await cli(['restore', file], { DATABASE_URL: target.url });
      expect(restored).toMatchObject({ code: 0, output: expect.stringMatching(/restored .* into PostgreSQL database htt_test_\w+ .*1 meetings/) });
      // restoring again over the now full database is refused and changes nothing
      const again = await cli(['restore', file], { DATABASE_URL: target.url });
      expect(again).toMatchObject({ code: 1, output: expect.stringMatching(/database htt_test_\w+ is not empty \(\d+ tables\): restore into a new, empty database \(createdb\), or pass --clean/) });
      // a PGlite backup is not loaded into PostgreSQL
      expect((await cli(['restore', __filename], { DATABASE_URL: target.url })).output).toContain('is not a backup of this platform');

      restoredApp = await startTestApp({ existing: { databaseUrl: target.url } });
      const after = await readMeeting(restoredApp.baseUrl, id);
      expect(after).toEqual(before);
      expect(after.meeting.title).toBe('Hội nghị sơ kết công tác hội nhập quốc tế');
    } finally {
      await restoredApp?.close();
      await t.close();
    }
  }, SLOW);

  it('round-trips a whole meeting on the embedded PGlite (api stopped, into a fresh DATA_DIR)', async () => {
    const t = await startTestApp({ database: 'pglite', redis: false });
    let restoredApp: TestApp | undefined;
    const file = join(tmp('htt-backup-'), 'platform.pglite.tar.gz');
    let before: Awaited<ReturnType<typeof readMeeting>>;
    let id: string;
    try {
      id = await wholeMeeting(t.baseUrl);
      before = await readMeeting(t.baseUrl, id);
      // PGlite is this api's: the backup waits for it to stop, saying who has the folder
      const refused = await cli(['backup', '--out', file], { DATA_DIR: t.dataDir });
      expect(refused).toMatchObject({ code: 1, output: expect.stringContaining(`DATA_DIR ${t.dataDir} is in use by process ${process.pid}`) });
      expect(existsSync(file)).toBe(false);
    } finally {
      await t.app.close();
    }
    try {
      const dumped = await cli(['backup', '--out', file], { DATA_DIR: t.dataDir });
      expect(dumped).toMatchObject({ code: 0, output: expect.stringMatching(/backup of the embedded database in .*: 1 meetings, \d+ migrations -> .*platform\.pglite\.tar\.gz/) });

      const fresh = tmp('htt-restored-');
      const restored = await cli(['restore', file], { DATA_DIR: fresh });
      expect(restored).toMatchObject({ code: 0, output: expect.stringMatching(/restored .* into the embedded database in .*: 1 meetings/) });
      expect(await cli(['restore', file], { DATA_DIR: fresh })).toMatchObject({ code: 1, output: expect.stringContaining('already holds a database: restore into an empty DATA_DIR, or pass --clean') });

      restoredApp = await startTestApp({ database: 'pglite', redis: false, existing: { dataDir: fresh } });
      const after = await readMeeting(restoredApp.baseUrl, id);
      expect(after).toEqual(before);
    } finally {
      await restoredApp?.close();
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  }, SLOW);
});
