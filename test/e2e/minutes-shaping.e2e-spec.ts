import type { Ack, ApiError, AssignedTask, MeetingEvent, MeetingSyncResult, MeetingWriteResult, MinutesEntry, MinutesRevisionSummary, MinutesState, Organization, Page } from '@app/contracts';
import { localDateOf } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount, orgByCode } from '../support/factories';
import { UserSession, type TestSocket } from '../support/session';
import { day } from '../support/time';

const inDays = (n: number) => localDateOf(new Date(Date.now() + n * 86_400_000));

/**
 * Minutes a secretary can shape (issue 16), over HTTP and Socket.IO on two api
 * processes: insert between entries, move entries, read-only while in review,
 * corrections of published minutes only with a reason; tasks named and seen by
 * the meeting's secretary. Every refusal is a clear 4xx that changes nothing.
 */
describe('shaping the minutes', () => {
  let a: TestApp;
  let b: TestApp;
  let chair: UserSession;
  let sec1: UserSession; // on process A
  let sec2: UserSession; // on process B
  let viewer: UserSession;
  let follower: TestSocket;
  let meetingId: string;
  let bng: Organization;
  let bca: Organization;
  let langSon: Organization;
  let haNoi: Organization;
  const seen: MeetingEvent[] = [];
  const waiting: (() => void)[] = [];
  const base = () => `/api/meetings/${meetingId}/minutes`;
  const state = async (s: UserSession = sec1) => (await s.get<MinutesState>(base())).body;
  const order = (st: MinutesState) => st.entries.map((e) => e.text);
  const seq = async () => (await viewer.get<{ seq: number }>(`/api/meetings/${meetingId}`)).body.seq;
  /** waits until the follower (on process B) has seen every event up to `last` */
  const caughtUp = async (last: number) => {
    while (!seen.some((e) => e.seq >= last)) await new Promise<void>((wake) => waiting.push(wake));
  };

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ sameDataAs: a });
    const admin = await UserSession.signIn(a.baseUrl, 'admin');
    const organizer = await UserSession.signIn(a.baseUrl, 'organizer');
    chair = await UserSession.signIn(a.baseUrl, 'chair');
    bng = await orgByCode(admin, 'BNG');
    bca = await orgByCode(admin, 'BCA');
    langSon = await orgByCode(admin, 'LANG_SON');
    haNoi = await orgByCode(admin, 'HA_NOI');
    sec1 = await UserSession.signIn(a.baseUrl, 'secretary');
    // the second secretary belongs to Hà Nội: no task of this meeting is her organization's
    const second = await newAccount(admin, 'secretary', haNoi.id, { fullName: 'Phạm Thị Ngọc Ánh' });
    sec2 = await UserSession.signIn(b.baseUrl, second.account.username, second.password);
    viewer = await UserSession.signIn(b.baseUrl, 'viewer');
    meetingId = (
      await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'plenary',
        title: 'Phiên họp chuyên đề về hội nhập quốc tế',
        hostOrganizationId: bng.id,
        chairId: chair.account.id,
        secretaryIds: [sec1.account.id, second.account.id],
        scheduledStart: day(1, '08:00'),
        scheduledEnd: day(1, '11:00'),
      })
    ).body.meeting.id;
    await organizer.post(`/api/meetings/${meetingId}/transitions`, { action: 'schedule' });
    await chair.post(`/api/meetings/${meetingId}/transitions`, { action: 'start' });
    follower = await viewer.socket();
    const sub = (await follower.emitWithAck('meeting:subscribe', { meetingId })) as Ack<MeetingSyncResult>;
    if (!sub.ok) throw new Error(JSON.stringify(sub.error));
    follower.on('meeting:event', (e: MeetingEvent) => {
      seen.push(e);
      waiting.splice(0).forEach((wake) => wake());
    });
  });
  afterAll(async () => {
    follower?.close();
    await b.close();
    await a.close();
  });

  it('inserts an entry between two others, not only at the end', async () => {
    for (const text of ['Một', 'Ba', 'Năm']) expect((await sec1.post(`${base()}/entries`, { kind: 'note', text })).status).toBe(201);
    const [one, three] = (await state()).entries;
    expect((await sec2.post(`${base()}/entries`, { kind: 'note', text: 'Hai', afterEntryId: one.id })).status).toBe(201);
    expect((await sec1.post(`${base()}/entries`, { kind: 'heading', text: 'Bốn — Đề mục', afterEntryId: three.id })).status).toBe(201);
    expect(order(await state())).toEqual(['Một', 'Hai', 'Ba', 'Bốn — Đề mục', 'Năm']);
    // an entry of nowhere to insert after: 404, nothing added
    const before = await state();
    const bad = await sec1.post<ApiError>(`${base()}/entries`, { kind: 'note', text: 'Lạc', afterEntryId: '00000000-0000-4000-8000-000000000000' });
    expect([bad.status, bad.body.code]).toEqual([404, 'minutes_entry_not_found']);
    expect(await state()).toEqual(before);
  });

  it('moves entries one place; two secretaries moving at once on two processes end in one order, seen by every follower', async () => {
    const start = await state();
    const byText = (t: string) => start.entries.find((e) => e.text === t)!;
    const moved = await sec1.post<MinutesEntry>(`${base()}/entries/${byText('Năm').id}/move`, { direction: 'up' });
    expect(moved.status).toBe(200);
    // a move is not an edit of the text: its version stays, so nobody's autosave becomes stale
    expect(moved.body.version).toBe(byText('Năm').version);
    expect(order(await state(sec2))).toEqual(['Một', 'Hai', 'Ba', 'Năm', 'Bốn — Đề mục']);

    // at once, on processes A and B: "Một" down and "Bốn" up, several times over
    for (let round = 0; round < 3; round++) {
      const now = await state();
      const first = now.entries[0];
      const last = now.entries[now.entries.length - 1];
      const res = await Promise.all([
        sec1.post<MinutesEntry>(`${base()}/entries/${first.id}/move`, { direction: 'down' }),
        sec2.post<MinutesEntry>(`${base()}/entries/${last.id}/move`, { direction: 'up' }),
      ]);
      expect(res.map((r) => r.status)).toEqual([200, 200]);
    }
    const onA = await state(sec1);
    const onB = await state(sec2);
    expect(order(onA)).toEqual(order(onB));
    expect(new Set(onA.entries.map((e) => e.position)).size).toBe(onA.entries.length);
    // the follower on B rebuilds the same order from the sequenced events alone, gap-free
    const last = await seq();
    await caughtUp(last);
    const positions = new Map(start.entries.map((e) => [e.id, e.position]));
    for (const e of seen) if (e.type === 'minutes.entry_upserted') positions.set((e.payload as { entry: MinutesEntry }).entry.id, (e.payload as { entry: MinutesEntry }).entry.position);
    expect([...positions.entries()].sort((x, y) => x[1] - y[1]).map(([id]) => id)).toEqual(onA.entries.map((e) => e.id));
    const seqs = seen.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('refuses a move past the edge, a bad direction and a stranger, changing nothing', async () => {
    const before = await state();
    const atSeq = await seq();
    const top = await sec1.post<ApiError>(`${base()}/entries/${before.entries[0].id}/move`, { direction: 'up' });
    expect([top.status, top.body.code, top.body.params]).toEqual([409, 'minutes_entry_at_edge', { direction: 'up' }]);
    const bottom = await sec2.post<ApiError>(`${base()}/entries/${before.entries.at(-1)!.id}/move`, { direction: 'down' });
    expect([bottom.status, bottom.body.code]).toEqual([409, 'minutes_entry_at_edge']);
    const sideways = await sec1.post<ApiError>(`${base()}/entries/${before.entries[1].id}/move`, { direction: 'left' });
    expect([sideways.status, sideways.body.code]).toEqual([400, 'validation_failed']);
    const unknown = await sec1.post<ApiError>(`${base()}/entries/00000000-0000-4000-8000-000000000000/move`, { direction: 'up' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'minutes_entry_not_found']);
    expect((await viewer.post<ApiError>(`${base()}/entries/${before.entries[1].id}/move`, { direction: 'up' })).status).toBe(403);
    expect((await chair.post<ApiError>(`${base()}/entries/${before.entries[1].id}/move`, { direction: 'up' })).status).toBe(403);
    expect(await state()).toEqual(before);
    expect(await seq()).toBe(atSeq);
  });

  it('names a task’s lead and every co-operating organization on the entry', async () => {
    const task = await sec1.post<MinutesEntry>(`${base()}/entries`, {
      kind: 'task',
      text: 'Giao Bộ Ngoại giao chủ trì, phối hợp với Bộ Công an và Ủy ban nhân dân tỉnh Lạng Sơn xây dựng đề án',
      leadOrganizationId: bng.id,
      coOrganizationIds: [bca.id, langSon.id],
      deadline: inDays(30),
    });
    expect(task.status).toBe(201);
    expect(task.body.leadOrganizationName).toBe('Bộ Ngoại giao');
    expect(task.body.coOrganizations).toEqual([
      { id: bca.id, name: 'Bộ Công an' },
      { id: langSon.id, name: 'Ủy ban nhân dân tỉnh Lạng Sơn' },
    ]);
    expect((await state(sec2)).entries.find((e) => e.id === task.body.id)).toMatchObject({ leadOrganizationName: 'Bộ Ngoại giao', coOrganizations: task.body.coOrganizations });
  });

  it('keeps minutes in review read-only until sent back: every edit 409 minutes_in_review, nothing changed', async () => {
    expect((await sec1.post(`${base()}/transitions`, { action: 'submit' })).status).toBe(200);
    const before = await state();
    const atSeq = await seq();
    const [first, second] = before.entries;
    const attempts = await Promise.all([
      sec1.patch<ApiError>(`${base()}/entries/${first.id}`, { version: first.version, text: 'sửa khi đang duyệt' }),
      sec2.post<ApiError>(`${base()}/entries`, { kind: 'note', text: 'thêm khi đang duyệt' }),
      sec2.post<ApiError>(`${base()}/entries`, { kind: 'note', text: 'chèn khi đang duyệt', afterEntryId: first.id }),
      sec1.post<ApiError>(`${base()}/entries/${second.id}/move`, { direction: 'up' }),
      sec2.delete<ApiError>(`${base()}/entries/${second.id}`),
    ]);
    for (const r of attempts) expect([r.status, r.body.code, r.body.params]).toEqual([409, 'minutes_in_review', { status: 'in_review' }]);
    expect(await state()).toEqual(before);
    expect(await seq()).toBe(atSeq);
    // sent back, it is a draft again and the same edit goes through
    expect((await chair.post(`${base()}/transitions`, { action: 'reopen' })).status).toBe(200);
    expect((await sec1.patch(`${base()}/entries/${first.id}`, { version: first.version, text: `${first.text} (đã sửa)` })).status).toBe(200);
  });

  it('changes published minutes only through a correction with a reason, recorded with who and when', async () => {
    await sec1.post(`${base()}/transitions`, { action: 'submit' });
    await chair.post(`${base()}/transitions`, { action: 'approve' });
    await chair.post(`/api/meetings/${meetingId}/transitions`, { action: 'end' });
    expect((await sec1.post<MinutesState>(`${base()}/transitions`, { action: 'publish' })).body).toMatchObject({ status: 'published', revision: 1, correction: null });
    const published = await state();
    const atSeq = await seq();
    const [first] = published.entries;
    // an edit of published minutes is refused, never a silent return to draft
    const silent = await sec2.patch<ApiError>(`${base()}/entries/${first.id}`, { version: first.version, text: 'sửa lặng lẽ' });
    expect([silent.status, silent.body.code, silent.body.params]).toEqual([409, 'minutes_correction_required', { status: 'published', revision: 1 }]);
    const added = await sec1.post<ApiError>(`${base()}/entries`, { kind: 'note', text: 'thêm lặng lẽ' });
    expect([added.status, added.body.code]).toEqual([409, 'minutes_correction_required']);
    // a correction needs a reason; the chair (not a secretary) may not start one
    for (const body of [{}, { reason: '' }, { reason: '  ' }, { reason: 'x'.repeat(1001) }, { reason: 'Đủ lý do', extra: 1 }]) {
      const bad = await sec1.post<ApiError>(`${base()}/corrections`, body);
      expect([bad.status, bad.body.code]).toEqual([400, 'validation_failed']);
    }
    expect((await chair.post<ApiError>(`${base()}/corrections`, { reason: 'Chủ trì muốn sửa' })).status).toBe(403);
    expect((await viewer.post<ApiError>(`${base()}/corrections`, { reason: 'Khách muốn sửa' })).status).toBe(403);
    expect(await state()).toEqual(published);
    expect(await seq()).toBe(atSeq);

    const reason = 'Sửa tên cơ quan phối hợp theo ý kiến của Văn phòng Chính phủ';
    const started = await sec2.post<MinutesState>(`${base()}/corrections`, { reason });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'draft', revision: 1, correction: { revision: 1, reason, startedByName: 'Phạm Thị Ngọc Ánh' } });
    expect(Math.abs(Date.parse(started.body.correction!.startedAt) - Date.now())).toBeLessThan(60_000);
    // the follower's state says so too (the event carries the correction)
    await caughtUp(await seq());
    expect(seen.filter((e) => e.type === 'minutes.status_changed').at(-1)!.payload).toMatchObject({ status: 'draft', correction: { reason } });
    // a second start while one is under way: 409, the first stays
    const twice = await sec1.post<ApiError>(`${base()}/corrections`, { reason: 'Lần nữa' });
    expect([twice.status, twice.body.code]).toEqual([409, 'minutes_not_published']);
    expect((await state()).correction!.reason).toBe(reason);

    expect((await sec2.patch(`${base()}/entries/${first.id}`, { version: first.version, text: `${first.text} — đã đính chính` })).status).toBe(200);
    await sec1.post(`${base()}/transitions`, { action: 'submit' });
    await chair.post(`${base()}/transitions`, { action: 'approve' });
    expect((await sec1.post<MinutesState>(`${base()}/transitions`, { action: 'publish' })).body).toMatchObject({ status: 'published', revision: 2, correction: null });
    const revisions = (await viewer.get<MinutesRevisionSummary[]>(`${base()}/revisions`)).body;
    expect(revisions.map((r) => [r.number, r.correction?.reason ?? null, r.correction?.startedByName ?? null])).toEqual([
      [1, null, null],
      [2, reason, 'Phạm Thị Ngọc Ánh'],
    ]);
  });

  it('shows the secretary the tasks of the meetings she writes for, named', async () => {
    // Hà Nội neither leads nor co-operates: she sees the task as this meeting's secretary
    const mine = (await sec2.get<Page<AssignedTask>>('/api/tasks')).body.items;
    expect(mine.map((t) => [t.meetingTitle, t.leadOrganizationName, t.coOrganizations.map((o) => o.name)])).toEqual([
      ['Phiên họp chuyên đề về hội nhập quốc tế', 'Bộ Ngoại giao', ['Bộ Công an', 'Ủy ban nhân dân tỉnh Lạng Sơn']],
    ]);
    // and she may ask for one organization's tasks: those of her meetings only
    expect((await sec2.get<Page<AssignedTask>>(`/api/tasks?organizationId=${bca.id}`)).body.items.map((t) => t.id)).toEqual(mine.map((t) => t.id));
    // a secretary of other meetings (in Hà Nội too) does not see them, and is refused another organization's register
    const admin = await UserSession.signIn(a.baseUrl, 'admin');
    const stranger = await (await newAccount(admin, 'secretary', haNoi.id)).session();
    expect((await stranger.get<Page<AssignedTask>>('/api/tasks')).body.items).toEqual([]);
    const refused = await stranger.get<ApiError>(`/api/tasks?organizationId=${bca.id}`);
    expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);
  });
});
