import type { Ack, ApiError, Attendee, AssignedTask, MeetingEndpoint, MeetingEvent, MeetingSyncResult, MeetingWriteResult, MinutesDiffEntry, MinutesEntry, MinutesRevision, MinutesRevisionSummary, MinutesState, Organization, Page } from '@app/contracts';
import { localDateOf } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount, orgByCode } from '../support/factories';
import { UserSession } from '../support/session';
import { day } from '../support/time';

const inDays = (n: number) => localDateOf(new Date(Date.now() + n * 86_400_000));

/** Two api processes on one PostgreSQL and one Redis, as behind a load balancer. */
describe('minutes, conclusions and tasks', () => {
  let a: TestApp;
  let b: TestApp;
  let chair: UserSession;
  let sec1: UserSession; // on process A
  let sec2: UserSession; // on process B
  let viewer: UserSession;
  let meetingId: string;
  let bng: Organization;
  let bca: Organization;
  let langSon: Organization;
  const base = () => `/api/meetings/${meetingId}/minutes`;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ sameDataAs: a });
    const admin = await UserSession.signIn(a.baseUrl, 'admin');
    const organizer = await UserSession.signIn(a.baseUrl, 'organizer');
    chair = await UserSession.signIn(a.baseUrl, 'chair');
    bng = await orgByCode(admin, 'BNG');
    bca = await orgByCode(admin, 'BCA');
    langSon = await orgByCode(admin, 'LANG_SON');
    sec1 = await UserSession.signIn(a.baseUrl, 'secretary');
    const second = await newAccount(admin, 'secretary', bng.id, { fullName: 'Trần Thị Minh Thư' });
    sec2 = await UserSession.signIn(b.baseUrl, second.account.username, second.password);
    viewer = await UserSession.signIn(b.baseUrl, 'viewer');
    meetingId = (
      await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'plenary',
        title: 'Phiên họp lần thứ nhất của Ban Chỉ đạo',
        hostOrganizationId: bng.id,
        chairId: chair.account.id,
        secretaryIds: [sec1.account.id, second.account.id],
        scheduledStart: day(1, '08:00'),
        scheduledEnd: day(1, '11:00'),
      })
    ).body.meeting.id;
    const ep = (await organizer.post<MeetingEndpoint>(`/api/meetings/${meetingId}/endpoints`, { organizationId: langSon.id })).body;
    const op = await UserSession.signIn(a.baseUrl, 'langson');
    const speaker = (await op.post<Attendee>(`/api/meetings/${meetingId}/endpoints/${ep.id}/attendees`, { fullName: 'Đoàn Thu Hà', position: 'Phó Chủ tịch UBND tỉnh', walkIn: true })).body;
    await organizer.post(`/api/meetings/${meetingId}/transitions`, { action: 'schedule' });
    await chair.post(`/api/meetings/${meetingId}/transitions`, { action: 'start' });
    const req = (await op.post<{ id: string }>(`/api/meetings/${meetingId}/speech-requests`, { endpointId: ep.id, attendeeId: speaker.id, kind: 'prepared', topic: 'Hội nhập quốc tế với nước láng giềng' })).body;
    await chair.post(`/api/meetings/${meetingId}/speech-requests/${req.id}/approve`);
    await chair.post(`/api/meetings/${meetingId}/floor`, {});
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('puts the speech record of a finished turn into the draft', async () => {
    await chair.post(`/api/meetings/${meetingId}/floor/end`);
    const minutes = (await sec1.get<MinutesState>(base())).body;
    expect(minutes.status).toBe('draft');
    expect(minutes.entries).toEqual([
      expect.objectContaining({
        kind: 'speech',
        text: 'Đoàn Thu Hà trình bày tham luận với chủ đề: “Hội nhập quốc tế với nước láng giềng”.',
        speech: expect.objectContaining({ speakerName: 'Đoàn Thu Hà', speakerPosition: 'Phó Chủ tịch UBND tỉnh', endpointName: 'Lạng Sơn', topic: 'Hội nhập quốc tế với nước láng giềng', durationSeconds: expect.any(Number) }),
      }),
    ]);
    // Asking again for the last turn does not duplicate it.
    expect((await sec1.post<MinutesEntry>(`${base()}/speech-records`, {})).body.id).toBe(minutes.entries[0].id);
  });

  it('lets two secretaries on two api processes edit one entry at once: one wins, the other gets the current text', async () => {
    const entry = (await sec1.post<MinutesEntry>(`${base()}/entries`, { kind: 'conclusion', text: 'Thủ tướng Chính phủ kết luận' })).body;
    // A viewer on process B follows the minutes live.
    const follower = await viewer.socket();
    const sub = (await follower.emitWithAck('meeting:subscribe', { meetingId })) as Ack<MeetingSyncResult>;
    expect(sub.ok).toBe(true);
    const seen: MeetingEvent[] = [];
    const oneEdit = new Promise<void>((resolve) => follower.on('meeting:event', (e: MeetingEvent) => (e.type === 'minutes.entry_upserted' && seen.push(e), resolve())));
    const [r1, r2] = await Promise.all([
      sec1.patch<MinutesEntry | ApiError>(`${base()}/entries/${entry.id}`, { version: entry.version, text: 'Thủ tướng Chính phủ kết luận: tiếp tục hội nhập sâu rộng' }),
      sec2.patch<MinutesEntry | ApiError>(`${base()}/entries/${entry.id}`, { version: entry.version, text: 'Thủ tướng Chính phủ kết luận: nâng cao hiệu quả hội nhập' }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const lost = (r1.status === 409 ? r1 : r2).body as ApiError;
    const won = (r1.status === 200 ? r1 : r2).body as MinutesEntry;
    expect(lost.code).toBe('minutes_entry_stale');
    expect((lost.details?.entry as MinutesEntry).text).toBe(won.text);
    await oneEdit;
    expect((seen[0].payload as { entry: MinutesEntry }).entry.text).toBe(won.text);
    // The loser retries on the current version; nothing was silently overwritten.
    const retried = await (r1.status === 409 ? sec1 : sec2).patch<MinutesEntry>(`${base()}/entries/${entry.id}`, { version: won.version, text: `${won.text}; bổ sung` });
    expect(retried.status).toBe(200);
    // Presence of editors is relayed to the room, and only secretaries may announce it.
    const presence = new Promise<{ fullName: string; entryId: string | null }>((resolve) => follower.on('minutes:presence', resolve));
    const editorSocket = await sec2.socket();
    expect(((await editorSocket.emitWithAck('minutes:editing', { meetingId, entryId: entry.id })) as Ack<unknown>).ok).toBe(true);
    expect(await presence).toMatchObject({ fullName: 'Trần Thị Minh Thư', entryId: entry.id });
    const refused = (await follower.emitWithAck('minutes:editing', { meetingId, entryId: entry.id })) as Ack<unknown>;
    expect(refused.ok ? 200 : refused.error.statusCode).toBe(403);
    editorSocket.close();
    const history = (await viewer.call('minutes.history', { params: { id: meetingId, entryId: entry.id } })).items;
    expect(history.map((h) => h.version)).toEqual([1, 2, 3]);
    // an id that names no entry of this meeting is a 404, not an empty history
    const foreign = await viewer.get<ApiError>(`${base()}/entries/00000000-0000-4000-8000-00000000abcd/history`);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'minutes_entry_not_found']);
    const elsewhere = await viewer.get<ApiError>(`/api/meetings/00000000-0000-4000-8000-00000000abcd/minutes/entries/${entry.id}/history`);
    expect(elsewhere.status).toBe(404);
    follower.close();
  });

  it('records tasks with lead and co-operating organizations, and refuses bad ones', async () => {
    const before = (await sec1.get<MinutesState>(base())).body.entries.length;
    const bad = [
      [{ kind: 'task', text: 'Xây dựng báo cáo', leadOrganizationId: '00000000-0000-4000-8000-000000000001' }, 422, 'unknown_organization'],
      [{ kind: 'task', text: 'Xây dựng báo cáo', leadOrganizationId: bng.id, deadline: inDays(-2) }, 422, 'deadline_in_the_past'],
      [{ kind: 'task', text: '', leadOrganizationId: bng.id }, 400, 'validation_failed'],
      [{ kind: 'note', text: 'x'.repeat(20_001) }, 400, 'validation_failed'],
      [{ kind: 'speech', text: 'tự tạo' }, 400, 'validation_failed'],
    ] as const;
    for (const [body, status, code] of bad) {
      const res = await sec1.post<ApiError>(`${base()}/entries`, body);
      expect([res.status, res.body.code]).toEqual([status, code]);
    }
    const notSecretary = await chair.post<ApiError>(`${base()}/entries`, { kind: 'note', text: 'Chủ trì không ghi biên bản' });
    expect(notSecretary.status).toBe(403);
    expect((await sec1.get<MinutesState>(base())).body.entries.length).toBe(before);
    const task = await sec2.post<MinutesEntry>(`${base()}/entries`, {
      kind: 'task',
      text: 'Giao Bộ Ngoại giao chủ trì, phối hợp với các bộ, ngành, địa phương xây dựng báo cáo tổng kết 10 năm thực hiện Nghị quyết 22',
      leadOrganizationId: bng.id,
      coOrganizationIds: [bca.id, langSon.id],
      deadline: inDays(30),
    });
    expect(task.status).toBe(201);
    await sec1.post(`${base()}/entries`, { kind: 'task', text: 'Giao Bộ Công an rà soát an ninh biên giới', leadOrganizationId: bca.id, deadline: inDays(60) });
  });

  it('runs draft -> review -> approval -> publishing, with an immutable revision, then a correction with a diff', async () => {
    expect((await sec1.post<ApiError>(`${base()}/transitions`, { action: 'publish' })).body.code).toBe('minutes_illegal_transition');
    await sec1.post(`${base()}/transitions`, { action: 'submit' });
    expect((await sec1.post<ApiError>(`${base()}/transitions`, { action: 'approve' })).status).toBe(403); // only the chair approves
    await chair.post(`${base()}/transitions`, { action: 'approve' });
    const entryId = (await sec1.get<MinutesState>(base())).body.entries[0].id;
    const frozen = await sec1.patch<ApiError>(`${base()}/entries/${entryId}`, { version: 1, text: 'sửa khi đã duyệt' });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('minutes_not_editable');
    expect((await sec1.post<ApiError>(`${base()}/transitions`, { action: 'publish' })).body.code).toBe('meeting_not_ended');
    await chair.post(`/api/meetings/${meetingId}/transitions`, { action: 'end' });
    const published = await sec1.post<MinutesState>(`${base()}/transitions`, { action: 'publish' });
    expect(published.body).toMatchObject({ status: 'published', revision: 1 });
    expect((await chair.get<{ status: string }>(`/api/meetings/${meetingId}`)).body.status).toBe('minutes_published');
    const r1 = (await viewer.get<MinutesRevision>(`${base()}/revisions/1`)).body;
    expect(r1.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r1.publishedByName).toBe('Lê Thị Hương Trang');

    // Tasks are listed for the organizations that lead or co-operate.
    const langSonOp = await UserSession.signIn(a.baseUrl, 'langson');
    const mine = (await langSonOp.get<Page<AssignedTask>>('/api/tasks')).body.items;
    expect(mine.map((t) => t.leadOrganizationName)).toEqual(['Bộ Ngoại giao']);
    expect(mine[0].coOrganizations.map((o) => o.name)).toEqual(['Bộ Công an', 'Ủy ban nhân dân tỉnh Lạng Sơn']);
    // The chair (Bộ Ngoại giao) sees only what its ministry leads or co-operates on; the Government Office sees all.
    expect((await chair.get<Page<AssignedTask>>('/api/tasks')).body.items.map((t) => t.leadOrganizationName)).toEqual(['Bộ Ngoại giao']);
    const admin = await UserSession.signIn(a.baseUrl, 'admin');
    const bcaOnly = (await admin.get<Page<AssignedTask>>(`/api/tasks?organizationId=${bca.id}`)).body.items;
    expect(bcaOnly).toHaveLength(2);
    // Another organization's register is refused (Lạng Sơn asks for Bộ Công an's), its own still answers.
    const foreignRegister = await langSonOp.get<ApiError>(`/api/tasks?organizationId=${bca.id}`);
    expect([foreignRegister.status, foreignRegister.body.code]).toEqual([403, 'forbidden']);
    expect((await langSonOp.get<Page<AssignedTask>>(`/api/tasks?organizationId=${langSonOp.account.organizationId}`)).body.items).toEqual(mine);

    // A correction: started on purpose with its reason (an edit alone is refused), it becomes revision 2; revision 1 stays as it was.
    const current = (await sec1.get<MinutesState>(base())).body.entries;
    const conclusion = current.find((e) => e.kind === 'conclusion')!;
    expect((await sec1.patch<ApiError>(`${base()}/entries/${conclusion.id}`, { version: conclusion.version, text: 'sửa lặng lẽ' })).body.code).toBe('minutes_correction_required');
    expect((await sec1.post<MinutesState>(`${base()}/corrections`, { reason: 'Bổ sung ý kiến kết luận của Thủ tướng' })).body).toMatchObject({ status: 'draft', correction: { revision: 1, reason: 'Bổ sung ý kiến kết luận của Thủ tướng' } });
    await sec1.patch(`${base()}/entries/${conclusion.id}`, { version: conclusion.version, text: `${conclusion.text}, đồng thời phát huy thế mạnh địa phương` });
    const removedTask = current.find((e) => e.kind === 'task' && e.leadOrganizationId === bca.id)!;
    await sec1.delete(`${base()}/entries/${removedTask.id}`);
    expect((await sec1.get<MinutesState>(base())).body.status).toBe('draft');
    await sec1.post(`${base()}/transitions`, { action: 'submit' });
    await chair.post(`${base()}/transitions`, { action: 'approve' });
    expect((await sec1.post<MinutesState>(`${base()}/transitions`, { action: 'publish' })).body.revision).toBe(2);
    const revisions = (await viewer.get<MinutesRevisionSummary[]>(`${base()}/revisions`)).body;
    expect(revisions.map((r) => r.number)).toEqual([1, 2]);
    expect(revisions[0].contentHash).not.toBe(revisions[1].contentHash);
    expect((await viewer.get<MinutesRevision>(`${base()}/revisions/1`)).body).toEqual(r1);
    const diff = (await viewer.get<MinutesDiffEntry[]>(`${base()}/revisions/1/diff/2`)).body;
    expect(diff.find((d) => d.entryId === conclusion.id)!.change).toBe('changed');
    expect(diff.find((d) => d.entryId === conclusion.id)!.text.filter((p) => p.added).map((p) => p.value).join('')).toContain('phát huy thế mạnh địa phương');
    expect(diff.find((d) => d.entryId === removedTask.id)!.change).toBe('removed');
    const bcaTask = (await admin.get<Page<AssignedTask>>(`/api/tasks?organizationId=${bca.id}&status=withdrawn`)).body.items;
    expect(bcaTask.map((t) => t.description)).toEqual(['Giao Bộ Công an rà soát an ninh biên giới']);
    expect((await viewer.get<ApiError>(`${base()}/revisions/9`)).status).toBe(404);
  });

  it('lets secretaries on both processes autosave different entries at once, in a correction started once', async () => {
    expect((await sec1.get<MinutesState>(base())).body.status).toBe('published');
    const [first, second] = (await sec1.get<MinutesState>(base())).body.entries;
    const follower = await viewer.socket();
    const sub = (await follower.emitWithAck('meeting:subscribe', { meetingId })) as Ack<MeetingSyncResult>;
    if (!sub.ok) throw new Error(JSON.stringify(sub.error));
    const seen: MeetingEvent[] = [];
    const waiting: (() => void)[] = [];
    follower.on('meeting:event', (e: MeetingEvent) => {
      seen.push(e);
      waiting.splice(0).forEach((wake) => wake());
    });
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise<void>((wake) => waiting.push(wake));
    };
    // Both secretaries start a correction at once: one starts it, the other is told the minutes are no longer published.
    const started = await Promise.all([
      sec1.post<ApiError>(`${base()}/corrections`, { reason: 'Đính chính lần hai' }),
      sec2.post<ApiError>(`${base()}/corrections`, { reason: 'Đính chính lần hai' }),
    ]);
    expect(started.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(started.find((r) => r.status === 409)!.body.code).toBe('minutes_not_published');
    // Each secretary autosaves its own entry; the edits of both land together, round after round.
    let versions = [first.version, second.version];
    for (let round = 1; round <= 5; round++) {
      const saved = await Promise.all([
        sec1.patch<MinutesEntry>(`${base()}/entries/${first.id}`, { version: versions[0], text: `${first.text} (bản ${round})` }),
        sec2.patch<MinutesEntry>(`${base()}/entries/${second.id}`, { version: versions[1], text: `${second.text} — sửa lần ${round}` }),
      ]);
      expect(saved.map((r) => r.status)).toEqual([200, 200]);
      versions = saved.map((r) => r.body.version);
    }
    const last = (await viewer.get<{ seq: number }>(`/api/meetings/${meetingId}`)).body.seq;
    await until(() => seen.length >= last - sub.data.seq);
    // Gap-free, each seq once; the correction announced once although both secretaries asked for it.
    expect(seen.map((e) => e.seq).sort((x, y) => x - y)).toEqual([...Array(last - sub.data.seq)].map((_, i) => sub.data.seq + 1 + i));
    expect(seen.filter((e) => e.type === 'minutes.status_changed').map((e) => (e.payload as { status: string }).status)).toEqual(['draft']);
    expect(seen.filter((e) => e.type === 'minutes.entry_upserted')).toHaveLength(10);
    const now = (await sec2.get<MinutesState>(base())).body;
    expect(now.status).toBe('draft');
    expect(now.entries.find((e) => e.id === first.id)!.text).toBe(`${first.text} (bản 5)`);
    expect(now.entries.find((e) => e.id === second.id)!.text).toBe(`${second.text} — sửa lần 5`);
    follower.close();
  });
});
