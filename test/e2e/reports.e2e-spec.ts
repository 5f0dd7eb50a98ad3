import { DataSource } from 'typeorm';
import type { Ack, ApiError, Attendee, MeetingEndpoint, MeetingSummary, MeetingSyncResult, MeetingWriteResult, MinutesEntry, Organization, ReportState, ReportStatusEvent, SpeakersState } from '@app/contracts';
import { localDateOf } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { docxText, pdfText, samplePdf, squash, uploadDocument } from '../support/documents';
import { newAccount, orgByCode } from '../support/factories';
import { startWorker } from '../support/worker';
import { UserSession, http, type TestSocket } from '../support/session';
import { day } from '../support/time';

const inDays = (n: number) => localDateOf(new Date(Date.now() + n * 86_400_000));

/**
 * A whole meeting through the API, with the api and the worker as separate
 * processes on PostgreSQL and Redis: three sites invited (two connect), people
 * checked in, three speeches, a conclusion and two tasks; the meeting ends,
 * the worker builds the report, and every number and name is checked in the
 * JSON, in the DOCX (opened by LibreOffice) and in the PDF (read by pdftotext).
 */
describe('post-meeting summary report', () => {
  let t: TestApp;
  let worker: ReturnType<typeof startWorker> | undefined;
  let db: DataSource;
  let organizer: UserSession;
  let chair: UserSession;
  let secretary: UserSession;
  let viewer: UserSession;
  let follower: TestSocket;
  let meetingId: string;
  const sockets: TestSocket[] = [];
  const orgs: Record<string, Organization> = {};
  const statuses: ReportStatusEvent[] = [];

  const api = (path = '') => `/api/meetings/${meetingId}${path}`;
  /** resolves when the report of `revision` reaches `status`, from the live events (or at once if it already has) */
  const reportReaches = async (revision: number, status: ReportState['status']) => {
    const seen = new Promise<ReportState>((resolveSeen) => {
      const check = (e: ReportStatusEvent) => e.report.revision === revision && e.report.status === status && resolveSeen(e.report);
      follower.on('report:status', check);
    });
    const now = (await viewer.get<ReportState[]>(api('/reports'))).body.find((r) => r.revision === revision);
    return now?.status === status ? now : seen;
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    worker = startWorker(t);
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    chair = await UserSession.signIn(t.baseUrl, 'chair');
    secretary = await UserSession.signIn(t.baseUrl, 'secretary');
    viewer = await UserSession.signIn(t.baseUrl, 'viewer');
    for (const code of ['VPCP', 'BNG', 'BCA', 'LANG_SON', 'DAK_LAK', 'HA_NOI']) orgs[code] = await orgByCode(admin, code);

    meetingId = (
      await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'plenary',
        title: 'Hội nghị tổng kết công tác đối ngoại năm 2026',
        hostOrganizationId: orgs.BNG.id,
        chairId: chair.account.id,
        secretaryIds: [secretary.account.id],
        visibility: 'public',
        scheduledStart: day(1, '08:00'),
        scheduledEnd: day(1, '11:30'),
      })
    ).body.meeting.id;
    await organizer.request('PUT', api('/agenda'), {
      version: 0,
      sessions: [{ title: 'Phiên toàn thể', items: [{ title: 'Báo cáo tổng kết', durationMinutes: 30 }, { title: 'Thảo luận', durationMinutes: 90 }] }],
    });
    follower = await viewer.socket();
    const sub = (await follower.emitWithAck('meeting:subscribe', { meetingId })) as Ack<MeetingSyncResult>;
    if (!sub.ok) throw new Error(JSON.stringify(sub.error));
  });

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    follower?.close();
    await worker?.stop();
    await t.close();
  });

  it('refuses a summary before the meeting ended, of an unknown meeting, and bad queries, changing nothing', async () => {
    const early = await viewer.get<ApiError>(api('/summary'));
    expect([early.status, early.body.code]).toEqual([409, 'meeting_not_ended']);
    expect((await viewer.get<ApiError>(api('/summary.pdf'))).status).toBe(409);
    const unknown = await viewer.get<ApiError>('/api/meetings/00000000-0000-4000-8000-000000000000/summary');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'meeting_not_found']);
    expect((await viewer.get<ApiError>('/api/meetings/not-a-uuid/summary')).status).toBe(400);
    const badRevision = await viewer.get<ApiError>(api('/summary?revision=-1'));
    expect([badRevision.status, badRevision.body.code]).toEqual([400, 'validation_failed']);
    expect((await viewer.get<ApiError>(api('/summary?format=docx'))).status).toBe(400);
    const early2 = await organizer.post<ApiError>(api('/reports/retry'), { revision: 0 });
    expect([early2.status, early2.body.code]).toEqual([409, 'meeting_not_ended']);
    expect((await organizer.post<ApiError>(api('/reports/retry'), { revision: 'x' })).status).toBe(400);
    expect((await http(t.baseUrl, 'GET', api('/summary'))).status).toBe(401);
    expect((await viewer.get<ReportState[]>(api('/reports'))).body).toEqual([]);
  });

  it('builds the report from a whole meeting when it ends, live, in JSON, DOCX and PDF', async () => {
    const langsonOp = await UserSession.signIn(t.baseUrl, 'langson');
    const ep: Record<string, MeetingEndpoint> = {};
    ep.host = (await organizer.post<MeetingEndpoint>(api('/endpoints'), { organizationId: orgs.BNG.id, isHost: true, locationName: 'Trụ sở Bộ Ngoại giao, số 1 Tôn Thất Đàm' })).body;
    ep.langSon = (await organizer.post<MeetingEndpoint>(api('/endpoints'), { organizationId: orgs.LANG_SON.id, operatorIds: [langsonOp.account.id] })).body;
    ep.dakLak = (await organizer.post<MeetingEndpoint>(api('/endpoints'), { organizationId: orgs.DAK_LAK.id })).body;
    ep.haNoi = (await organizer.post<MeetingEndpoint>(api('/endpoints'), { organizationId: orgs.HA_NOI.id })).body;
    expect(Object.values(ep).every((e) => e.id)).toBe(true);
    expect((await organizer.post(api('/transitions'), { action: 'schedule' })).status).toBe(200);

    // Three of four sites connect their consoles; Hà Nội never does.
    for (const [session, endpoint] of [[organizer, ep.host], [langsonOp, ep.langSon], [organizer, ep.dakLak]] as const) {
      const socket = await session.socket();
      sockets.push(socket);
      const joined = (await socket.emitWithAck('endpoint:join', { meetingId, endpointId: endpoint.id, device: 'Phòng họp trực tuyến' })) as Ack<unknown>;
      expect(joined.ok).toBe(true);
    }
    expect((await chair.post(api('/transitions'), { action: 'start' })).status).toBe(200);

    const person = async (session: UserSession, endpoint: MeetingEndpoint, fullName: string, position: string) =>
      (await session.post<Attendee>(api(`/endpoints/${endpoint.id}/attendees`), { fullName, position })).body;
    const act = (session: UserSession, endpoint: MeetingEndpoint, a: Attendee, action: string) =>
      session.post<Attendee>(api(`/endpoints/${endpoint.id}/attendees/${a.id}/attendance`), { action });
    const minister = await person(organizer, ep.host, 'Bùi Thanh Sơn', 'Phó Thủ tướng, Bộ trưởng Bộ Ngoại giao');
    const deputy = await person(organizer, ep.host, 'Nguyễn Minh Vũ', 'Thứ trưởng Thường trực');
    const hoang = await person(langsonOp, ep.langSon, 'Đoàn Thu Hà', 'Phó Chủ tịch UBND tỉnh Lạng Sơn');
    const excused = await person(langsonOp, ep.langSon, 'Lương Trọng Quỳnh', 'Giám đốc Sở Ngoại vụ');
    const dakLakLead = await person(organizer, ep.dakLak, 'Nguyễn Thiên Văn', 'Phó Chủ tịch UBND tỉnh Đắk Lắk');
    const absent = await person(organizer, ep.dakLak, 'Y Ngông Niê Kđăm', 'Chủ tịch Hội đồng nhân dân tỉnh');
    await person(organizer, ep.haNoi, 'Trần Sỹ Thanh', 'Chủ tịch UBND thành phố Hà Nội');
    for (const [s, e, a] of [[organizer, ep.host, minister], [organizer, ep.host, deputy], [langsonOp, ep.langSon, hoang]] as const) expect((await act(s, e, a, 'check_in')).status).toBe(200);
    expect((await act(langsonOp, ep.langSon, excused, 'excuse')).status).toBe(200);
    expect((await act(organizer, ep.dakLak, absent, 'mark_absent')).status).toBe(200);
    // Đắk Lắk's leader arrives a quarter of an hour after the start: late.
    await db.query(`UPDATE meetings SET actual_start = now() - interval '15 minutes' WHERE id = $1`, [meetingId]);
    expect((await act(organizer, ep.dakLak, dakLakLead, 'check_in')).body.status).toBe('late');

    // Three speeches; then their times are set to a known timeline (the test cannot wait minutes).
    const speeches = [
      [langsonOp, ep.langSon, hoang, 'Kinh tế cửa khẩu và hợp tác với Quảng Tây', 185],
      [organizer, ep.dakLak, dakLakLead, 'Xúc tiến đầu tư cà phê Buôn Ma Thuột', 242],
      [organizer, ep.langSon, hoang, 'Kiến nghị về hạ tầng cửa khẩu Hữu Nghị', 95],
    ] as const;
    for (const [session, endpoint, attendee, topic] of speeches) {
      const req = await session.post<{ id: string }>(api('/speech-requests'), { endpointId: endpoint.id, attendeeId: attendee.id, kind: 'prepared', topic });
      expect(req.status).toBe(201);
      // Lạng Sơn's first contribution carries its uploaded document
      if (topic === speeches[0][3]) expect((await uploadDocument(t.baseUrl, session.token, api(`/speech-requests/${req.body.id}/document`), { name: 'Tham luận Lạng Sơn.pdf', bytes: await samplePdf('Kinh te cua khau') })).status).toBe(201);
      expect((await chair.post(api(`/speech-requests/${req.body.id}/approve`))).status).toBe(200);
      expect((await chair.post(api('/floor'), { requestId: req.body.id })).status).toBe(200);
      expect((await chair.post(api('/floor/end'))).status).toBe(200);
    }
    const ids = (await viewer.get<SpeakersState>(api('/speakers'))).body.turns.sort((a, b) => a.startedAt.localeCompare(b.startedAt)).map((x) => x.id);
    let offset = 0;
    for (const [i, [, , , , seconds]] of speeches.entries()) {
      await db.query(
        `UPDATE speaker_turns SET started_at = now() - interval '10 minutes' + make_interval(secs => $2), ended_at = now() - interval '10 minutes' + make_interval(secs => $3), duration_seconds = $4 WHERE id = $1`,
        [ids[i], offset, offset + seconds, seconds],
      );
      offset += seconds + 15;
    }
    const turns = (await viewer.get<SpeakersState>(api('/speakers'))).body.turns.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    expect(turns.map((x) => x.durationSeconds)).toEqual([185, 242, 95]);

    const entry = (body: object) => secretary.post<MinutesEntry>(api('/minutes/entries'), body);
    expect((await entry({ kind: 'conclusion', text: 'Hội nghị thống nhất đánh giá công tác đối ngoại năm 2026 đạt nhiều kết quả nổi bật; các địa phương biên giới phát huy vai trò cầu nối.' })).status).toBe(201);
    expect((await entry({ kind: 'task', text: 'Xây dựng Đề án nâng cấp cửa khẩu Hữu Nghị thành cửa khẩu thông minh.', leadOrganizationId: orgs.LANG_SON.id, coOrganizationIds: [orgs.BNG.id, orgs.BCA.id], deadline: inDays(45) })).status).toBe(201);
    expect((await entry({ kind: 'task', text: 'Tổng hợp kiến nghị của các địa phương, báo cáo Thủ tướng Chính phủ.', leadOrganizationId: orgs.BNG.id, deadline: inDays(20) })).status).toBe(201);

    const done = reportReaches(0, 'done');
    const running = reportReaches(0, 'running');
    expect((await chair.post(api('/transitions'), { action: 'end' })).status).toBe(200);
    expect((await running).progress).toBeLessThan(100);
    const report = await done;
    expect(report).toMatchObject({ revision: 0, status: 'done', progress: 100, attempts: 1, formats: ['json', 'docx', 'pdf'] });

    const summary = (await viewer.get<MeetingSummary>(api('/summary'))).body;
    const m = summary.meeting;
    expect(m).toMatchObject({ title: 'Hội nghị tổng kết công tác đối ngoại năm 2026', kind: 'plenary', status: 'ended', hostOrganizationName: 'Bộ Ngoại giao', chair: { fullName: 'Nguyễn Minh Vũ', position: 'Thứ trưởng Thường trực' }, plannedMinutes: 210, actualMinutes: 15, agenda: ['Báo cáo tổng kết', 'Thảo luận'] });
    expect(summary.endpoints).toMatchObject({ invited: 4, connected: 3, missing: [{ organizationName: orgs.HA_NOI.name }] });
    expect(summary.endpoints.list.map((e) => [e.organizationName, e.connected, e.attendance])).toEqual([
      ['Bộ Ngoại giao', true, { expected: 2, present: 2, late: 0, excused: 0, absent: 0 }],
      // Vietnamese order: "thành phố" before "tỉnh"
      [orgs.HA_NOI.name, false, { expected: 1, present: 0, late: 0, excused: 0, absent: 1 }],
      [orgs.DAK_LAK.name, true, { expected: 2, present: 1, late: 1, excused: 0, absent: 1 }],
      [orgs.LANG_SON.name, true, { expected: 2, present: 1, late: 0, excused: 1, absent: 0 }],
    ]);
    expect(summary.attendance).toEqual({ expected: 7, present: 4, late: 1, excused: 1, absent: 2 });
    expect(summary.speakers.turns.map((x) => [x.order, x.endpointName, x.fullName, x.position, x.topic, x.durationSeconds])).toEqual([
      [1, orgs.LANG_SON.name, 'Đoàn Thu Hà', 'Phó Chủ tịch UBND tỉnh Lạng Sơn', speeches[0][3], turns[0].durationSeconds],
      [2, orgs.DAK_LAK.name, 'Nguyễn Thiên Văn', 'Phó Chủ tịch UBND tỉnh Đắk Lắk', speeches[1][3], turns[1].durationSeconds],
      [3, orgs.LANG_SON.name, 'Đoàn Thu Hà', 'Phó Chủ tịch UBND tỉnh Lạng Sơn', speeches[2][3], turns[2].durationSeconds],
    ]);
    // each speech names its kind (all three are prepared contributions here)
    expect(summary.speakers.turns.map((x) => x.kind)).toEqual(['prepared', 'prepared', 'prepared']);
    expect(summary.speakers.turns.map((x) => x.document ?? null)).toEqual([{ title: speeches[0][3], fileName: 'Tham luận Lạng Sơn.pdf' }, null, null]);
    const total = turns.reduce((s, x) => s + (x.durationSeconds ?? 0), 0);
    expect(summary.speakers.totalSeconds).toBe(total);
    expect(summary.speakers.perEndpoint.map((p) => [p.endpointName, p.turns, p.seconds])).toEqual([
      [orgs.LANG_SON.name, 2, turns[0].durationSeconds! + turns[2].durationSeconds!],
      [orgs.DAK_LAK.name, 1, turns[1].durationSeconds],
    ]);
    expect(summary.conclusions).toEqual([{ agendaItemTitle: null, text: expect.stringContaining('các địa phương biên giới phát huy vai trò cầu nối') }]);
    expect(summary.tasks.map((g) => [g.leadOrganizationName, g.tasks.map((x) => [x.coOrganizations, x.deadline])])).toEqual([
      ['Bộ Ngoại giao', [[[], inDays(20)]]],
      [orgs.LANG_SON.name, [[['Bộ Ngoại giao', orgs.BCA.name], inDays(45)]]],
    ]);
    expect(summary.minutes).toMatchObject({ revision: 0, contentHash: null });

    // The same facts, read back from the Word file (opened by LibreOffice) and from the PDF.
    const docx = await viewer.get(api('/summary.docx'));
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toMatch(/filename="bao-cao-hoi-nghi-tong-ket-cong-tac-doi-ngoai-nam-2026-lan-0\.docx"; filename\*=UTF-8''B%C3%A1o%20c%C3%A1o/);
    const pdfRes = await fetch(`${t.baseUrl}${api('/summary.pdf')}`, { headers: { authorization: `Bearer ${viewer.token}` } });
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await pdfRes.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const docxRes = await fetch(`${t.baseUrl}${api('/summary.docx')}`, { headers: { authorization: `Bearer ${viewer.token}` } });
    const word = Buffer.from(await docxRes.arrayBuffer());
    const fromPdf = squash(await pdfText(pdf));
    const fromDocx = squash(await docxText(word));
    const mins = (s: number) => `${Math.floor(s / 60)} phút${s % 60 ? ` ${s % 60} giây` : ''}`;
    for (const text of [fromPdf, fromDocx]) {
      for (const expected of [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'BỘ NGOẠI GIAO',
        'BÁO CÁO',
        'Hội nghị tổng kết công tác đối ngoại năm 2026',
        'I. THÔNG TIN CHUNG',
        'Số điểm cầu được triệu tập: 4; số điểm cầu đã kết nối: 3; số điểm cầu không kết nối: 1.',
        `Các điểm cầu không kết nối: ${orgs.HA_NOI.name}.`,
        'Tổng số đại biểu được triệu tập: 7; có mặt: 4 (trong đó đến muộn: 1); vắng có lý do: 1; vắng không có lý do: 2.',
        `Có 3 lượt phát biểu, tổng thời lượng ${mins(total)}.`,
        'Đoàn Thu Hà, Phó Chủ tịch UBND',
        'Nguyễn Thiên Văn, Phó Chủ tịch',
        'Xúc tiến đầu tư cà phê Buôn Ma Thuột',
        'tài liệu tham luận:',
        mins(turns[1].durationSeconds!),
        'các địa phương biên giới phát huy vai trò cầu nối',
        `${orgs.LANG_SON.name} chủ trì`,
        `Cơ quan phối hợp: Bộ Ngoại giao, ${orgs.BCA.name}.`,
        `Thời hạn: ${inDays(45).split('-').reverse().join('/')}.`,
        'Nguyễn Minh Vũ',
      ]) {
        expect(text).toContain(expected);
      }
    }
  });

  it('makes one report per published revision, keeps earlier ones unchanged, and never duplicates', async () => {
    const before = (await viewer.get<MeetingSummary>(api('/summary?revision=0'))).body;
    for (const action of ['submit', 'approve', 'publish'] as const) {
      const who = action === 'approve' ? chair : secretary;
      expect((await who.post(api('/minutes/transitions'), { action })).status).toBe(200);
    }
    const r1 = await reportReaches(1, 'done');
    expect(r1.formats).toEqual(['json', 'docx', 'pdf']);
    const latest = (await viewer.get<MeetingSummary>(api('/summary'))).body;
    expect(latest.minutes).toMatchObject({ revision: 1, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(latest.meeting.status).toBe('minutes_published');
    expect((await viewer.get<MeetingSummary>(api('/summary?revision=0'))).body).toEqual(before);
    // Asking again for a done report is refused and changes nothing; the rows stay one per revision.
    const again = await organizer.post<ApiError>(api('/reports/retry'), { revision: 1 });
    expect([again.status, again.body.code]).toEqual([409, 'report_not_failed']);
    expect((await viewer.post<ApiError>(api('/reports/retry'), { revision: 1 })).status).toBe(403);
    const missing = await organizer.post<ApiError>(api('/reports/retry'), { revision: 7 });
    expect([missing.status, missing.body.code]).toEqual([404, 'report_not_found']);
    expect((await viewer.get<ApiError>(api('/summary?revision=5'))).status).toBe(404);
    const rows = await db.query(`SELECT revision, attempts FROM meeting_reports WHERE meeting_id = $1 ORDER BY revision`, [meetingId]);
    expect(rows).toEqual([{ revision: 0, attempts: 1 }, { revision: 1, attempts: 1 }]);
    expect((await viewer.get<ReportState[]>(api('/reports'))).body.map((r) => [r.revision, r.status])).toEqual([[1, 'done'], [0, 'done']]);
  });
});
