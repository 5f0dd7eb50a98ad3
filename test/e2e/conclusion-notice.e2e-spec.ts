import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Ack, ApiError, MeetingSyncResult, NoticeState, NotificationPage, Organization } from '@app/contracts';
import { localDateOf } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { docxXmlText, pdfText, squash } from '../support/documents';
import { newAccount, newPublishedMeeting, orgByCode } from '../support/factories';
import { startWorker } from '../support/worker';
import { UserSession, type TestSocket } from '../support/session';
import { day } from '../support/time';

const inDays = (n: number) => localDateOf(new Date(Date.now() + n * 86_400_000));
const vn = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/**
 * Issue 20, the conclusion notice: the minutes are published, the worker (its own process, on PostgreSQL and
 * Redis) composes the "THÔNG BÁO Kết luận ..." as DOCX and PDF, the secretariat rewords it, issues it, and
 * every account of the agencies it names is notified; a new revision of the minutes makes a new draft.
 */
describe('conclusion notice', () => {
  let t: TestApp;
  let db: DataSource;
  let worker: ReturnType<typeof startWorker> | undefined;
  let secretary: UserSession;
  let admin: UserSession;
  let chair: UserSession;
  let lead: UserSession; // an official of Bộ Ngoại giao, the lead agency
  let coop: UserSession; // Lạng Sơn's operator, a co-operating agency
  let follower: TestSocket;
  let meetingId: string;
  let bng: Organization;
  let bca: Organization;
  let langSon: Organization;
  const deadline = inDays(30);

  const api = (path = '') => `/api/meetings/${meetingId}${path}`;
  const download = async (who: UserSession, path: string) => {
    const res = await fetch(`${t.baseUrl}${api(path)}`, { headers: { authorization: `Bearer ${who.token}` } });
    expect(res.status).toBe(200);
    return { headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  };
  /** resolves when the notice of `revision` reaches `version` done, from the live events (or at once if it has) */
  const noticeDone = async (revision: number, version: number) => {
    const seen = new Promise<NoticeState>((resolve) => {
      const check = (e: { notice: NoticeState }) => e.notice.revision === revision && e.notice.version === version && e.notice.status === 'done' && resolve(e.notice);
      follower.on('notice:status', check);
    });
    const now = (await secretary.get<NoticeState>(api(`/notice?revision=${revision}`))).body;
    return now.version === version && now.status === 'done' ? now : seen;
  };
  const unread = async (who: UserSession) => (await who.get<NotificationPage>('/api/notifications?unread=true')).body;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get<DataSource>(getDataSourceToken());
    admin = await UserSession.signIn(t.baseUrl, 'admin');
    chair = await UserSession.signIn(t.baseUrl, 'chair');
    secretary = await UserSession.signIn(t.baseUrl, 'secretary');
    coop = await UserSession.signIn(t.baseUrl, 'langson');
    const vpcp = await orgByCode(admin, 'VPCP');
    bng = await orgByCode(admin, 'BNG');
    bca = await orgByCode(admin, 'BCA');
    langSon = await orgByCode(admin, 'LANG_SON');
    lead = await (await newAccount(admin, 'viewer', bng.id, { fullName: 'Phạm Thu Hằng' })).session();
    // the worker is not running yet: the notice stays queued for the first test
    meetingId = await newPublishedMeeting(
      { organizer: admin, chair, secretary },
      {
        title: 'Hội nghị tổng kết 10 năm thực hiện Nghị quyết 22 về hội nhập quốc tế',
        hostOrganizationId: vpcp.id,
        start: day(1, '08:00'),
        end: day(1, '11:00'),
        conclusions: ['Đánh giá cao kết quả hội nhập quốc tế của các bộ, ngành, địa phương', 'Yêu cầu tiếp tục đẩy mạnh ngoại giao kinh tế, thu hút đầu tư chất lượng cao'],
        tasks: [
          { text: 'Xây dựng báo cáo tổng kết để trình Chính phủ', leadOrganizationId: bng.id, coOrganizationIds: [bca.id, langSon.id], deadline },
          { text: 'Rà soát an ninh khu vực biên giới phía Bắc', leadOrganizationId: bca.id },
        ],
      },
    );
    follower = await secretary.socket();
    const sub = (await follower.emitWithAck('meeting:subscribe', { meetingId })) as Ack<MeetingSyncResult>;
    if (!sub.ok) throw new Error(JSON.stringify(sub.error));
  });
  afterAll(async () => {
    follower?.close();
    await worker?.stop();
    await t.close();
  });

  it('refuses to edit or issue a notice not generated yet, and a notice of unpublished minutes: nothing changes', async () => {
    const before = (await secretary.get<NoticeState>(api('/notice'))).body;
    expect(before).toMatchObject({ revision: 1, version: 1, status: 'queued', content: null, issuedAt: null });
    const issue = await secretary.post<ApiError>(api('/notice/issue'));
    expect([issue.status, issue.body.code, issue.body.params]).toEqual([409, 'notice_not_ready', { status: 'queued' }]);
    const edit = await secretary.request<ApiError>('PUT', api('/notice/wording'), { conclusions: ['Kết luận sớm'], tasks: [] });
    expect([edit.status, edit.body.code]).toEqual([409, 'notice_not_ready']);
    expect((await secretary.get<ApiError>(api('/notice.pdf'))).body.code).toBe('notice_not_ready');
    const none = await secretary.get<ApiError>('/api/meetings/00000000-0000-4000-8000-000000000000/notice');
    expect([none.status, none.body.code]).toEqual([404, 'meeting_not_found']);
    expect((await secretary.get<NoticeState>(api('/notice'))).body).toEqual(before);
    expect((await db.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'notice_issued'`))[0].n).toBe(0);
  });

  it('generates the notice in the Decree 30 layout, DOCX and PDF, Vietnamese intact', async () => {
    worker = startWorker(t);
    const notice = await noticeDone(1, 1);
    expect(notice.formats).toEqual(['docx', 'pdf']);
    expect(notice.content!.agencies).toEqual([
      { organizationId: bca.id, name: 'Bộ Công an', role: 'lead' },
      { organizationId: bng.id, name: 'Bộ Ngoại giao', role: 'lead' },
      { organizationId: langSon.id, name: langSon.name, role: 'co' },
    ]);
    const docx = await download(secretary, '/notice.docx');
    expect(decodeURIComponent(docx.headers.get('content-disposition')!.split("UTF-8''")[1])).toMatch(/^Thông báo kết luận Hội nghị tổng kết 10 năm .* \(lần 1\)\.docx$/);
    const pdf = await download(secretary, '/notice.pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const xml = docxXmlText(docx.body);
    for (const text of [squash(xml), squash(await pdfText(pdf.body))]) {
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text).toContain('VĂN PHÒNG CHÍNH PHỦ');
      expect(text).toMatch(/Số: +\/TB-VPCP/);
      expect(text).toMatch(/Hà Nội, ngày \d{1,2} tháng \d{1,2} năm \d{4}/);
      expect(text).toContain('THÔNG BÁO');
      expect(text).toContain('Kết luận của');
      expect(text).toContain('tại Hội nghị tổng kết 10 năm thực hiện Nghị quyết 22 về hội nhập quốc tế');
      expect(text).toContain('1. Đánh giá cao kết quả hội nhập quốc tế của các bộ, ngành, địa phương.');
      expect(text).toContain('2. Yêu cầu tiếp tục đẩy mạnh ngoại giao kinh tế, thu hút đầu tư chất lượng cao.');
      expect(text).toContain('3. Tổ chức thực hiện:');
      expect(text).toContain(`Bộ Ngoại giao chủ trì, phối hợp với Bộ Công an, ${langSon.name}: Xây dựng báo cáo tổng kết để trình Chính phủ. Thời hạn: ${vn(deadline)}.`);
      expect(text).toContain('Bộ Công an chủ trì: Rà soát an ninh khu vực biên giới phía Bắc. Thời hạn: không ghi hạn.');
      expect(text).toContain('Nơi nhận:');
      expect(text).toContain(`- Bộ Công an; - Bộ Ngoại giao; - ${langSon.name}; - Lưu: VT, VPCP.`);
      expect(text).toMatch(/TL\. .+ KT\. CHÁNH VĂN PHÒNG/);
    }
    // the tasks by lead agency in Vietnamese order: Bộ Công an before Bộ Ngoại giao
    expect(xml.indexOf('Bộ Công an chủ trì')).toBeLessThan(xml.indexOf('Bộ Ngoại giao chủ trì'));
  });

  it('refuses a non-secretary and bad wording with a clear code: nothing changes', async () => {
    const before = (await secretary.get<NoticeState>(api('/notice'))).body;
    // the organizer of the host and the chair are refused; an agency that does not see the meeting is not told it exists
    for (const [who, status, code] of [[admin, 403, 'forbidden'], [chair, 403, 'forbidden'], [lead, 404, 'meeting_not_found'], [coop, 404, 'meeting_not_found']] as const) {
      const edit = await who.request<ApiError>('PUT', api('/notice/wording'), { conclusions: ['Sửa trái phép'], tasks: [] });
      expect([edit.status, edit.body.code]).toEqual([status, code]);
      const issue = await who.post<ApiError>(api('/notice/issue'));
      expect([issue.status, issue.body.code]).toEqual([status, code]);
    }
    // nor may it read the draft before it is issued
    expect((await lead.get<ApiError>(api('/notice'))).body.code).toBe('meeting_not_found');
    for (const body of [{ conclusions: [], tasks: [] }, { conclusions: ['  '], tasks: [] }, { conclusions: ['x'] }, { conclusions: ['x'], tasks: [], extra: 1 }, { conclusions: ['x\u0000'], tasks: [] }]) {
      const res = await secretary.request<ApiError>('PUT', api('/notice/wording'), body);
      expect([res.status, res.body.code]).toEqual([400, 'validation_failed']);
    }
    expect((await secretary.get<NoticeState>(api('/notice'))).body).toEqual(before);
  });

  it('renders the secretariat’s wording as the next version, then issues it: frozen, every agency’s accounts notified', async () => {
    const wording = {
      conclusions: ['Ghi nhận, đánh giá cao kết quả 10 năm hội nhập quốc tế của các bộ, ngành, địa phương', 'Giao các cơ quan đẩy mạnh ngoại giao kinh tế.'],
      tasks: [`Bộ Ngoại giao chủ trì, phối hợp với Bộ Công an, Ủy ban nhân dân tỉnh Lạng Sơn hoàn thiện báo cáo tổng kết, trình Chính phủ trước ngày ${vn(deadline)}.`, 'Bộ Công an chủ trì rà soát an ninh biên giới phía Bắc.'],
    };
    const edited = await secretary.request<NoticeState>('PUT', api('/notice/wording'), wording);
    expect(edited.status).toBe(202);
    expect(edited.body).toMatchObject({ version: 2, status: 'queued', wording: { ...wording, conclusions: [wording.conclusions[0], wording.conclusions[1]] } });
    const notice = await noticeDone(1, 2);
    expect(notice.editedAt).not.toBeNull();
    for (const text of [squash(docxXmlText((await download(secretary, '/notice.docx')).body)), squash(await pdfText((await download(secretary, '/notice.pdf')).body))]) {
      expect(text).toContain('1. Ghi nhận, đánh giá cao kết quả 10 năm hội nhập quốc tế của các bộ, ngành, địa phương');
      expect(text).toContain('2. Giao các cơ quan đẩy mạnh ngoại giao kinh tế.');
      expect(text).toContain('- Bộ Công an chủ trì rà soát an ninh biên giới phía Bắc.');
      expect(text).not.toContain('Yêu cầu tiếp tục đẩy mạnh');
    }

    const leadBefore = (await unread(lead)).unread;
    const issued = await secretary.post<NoticeState>(api('/notice/issue'));
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ version: 2, status: 'done', issuedByName: secretary.account.fullName });
    expect(issued.body.issuedAt).not.toBeNull();
    // one notification per account of Bộ Ngoại giao, Bộ Công an and Lạng Sơn: exactly those accounts
    const expected: { id: string }[] = await db.query(`SELECT id FROM accounts WHERE organization_id = ANY($1::uuid[]) AND NOT disabled ORDER BY id`, [[bng.id, bca.id, langSon.id]]);
    const got: { account_id: string }[] = await db.query(`SELECT account_id FROM notifications WHERE kind = 'notice_issued' ORDER BY account_id`);
    expect(got.map((r) => r.account_id)).toEqual(expected.map((r) => r.id));
    expect(issued.body.notifiedAccounts).toBe(expected.length);
    const mine = await unread(lead);
    expect(mine.unread).toBe(leadBefore + 1);
    expect(mine.items[0]).toMatchObject({ kind: 'notice_issued', title: 'Thông báo kết luận: Hội nghị tổng kết 10 năm thực hiện Nghị quyết 22 về hội nhập quốc tế', link: `/notices/${meetingId}` });
    expect((await unread(coop)).items[0].kind).toBe('notice_issued');
    // the agencies named read the issued notice although the meeting is not theirs
    expect((await lead.get<NoticeState>(api('/notice'))).body.issuedAt).toBe(issued.body.issuedAt);
    expect(squash(await pdfText((await download(lead, '/notice.pdf')).body))).toContain('2. Giao các cơ quan đẩy mạnh ngoại giao kinh tế.');

    // frozen: no new wording, no second issue, nothing changed and nobody notified twice
    const again = await secretary.post<ApiError>(api('/notice/issue'));
    expect([again.status, again.body.code, again.body.params]).toEqual([409, 'notice_already_issued', { issuedAt: issued.body.issuedAt }]);
    const late = await secretary.request<ApiError>('PUT', api('/notice/wording'), wording);
    expect([late.status, late.body.code]).toEqual([409, 'notice_already_issued']);
    expect((await secretary.get<NoticeState>(api('/notice'))).body).toEqual(issued.body);
    expect((await db.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'notice_issued'`))[0].n).toBe(expected.length);
  });

  it('makes a new draft from a new revision of the minutes, the issued one kept', async () => {
    const base = api('/minutes');
    expect((await secretary.post(`${base}/corrections`, { reason: 'Bổ sung kết luận về công tác người Việt Nam ở nước ngoài' })).status).toBeLessThan(300);
    expect((await secretary.post(`${base}/entries`, { kind: 'conclusion', text: 'Quan tâm công tác người Việt Nam ở nước ngoài' })).status).toBe(201);
    await secretary.post(`${base}/transitions`, { action: 'submit' });
    await chair.post(`${base}/transitions`, { action: 'approve' });
    expect((await secretary.post<{ revision: number }>(`${base}/transitions`, { action: 'publish' })).body.revision).toBe(2);
    const draft = await noticeDone(2, 1);
    expect(draft).toMatchObject({ revision: 2, version: 1, issuedAt: null, wording: null });
    expect(draft.content!.conclusions).toContain('Quan tâm công tác người Việt Nam ở nước ngoài.');
    expect((await secretary.get<NoticeState>(api('/notice'))).body.revision).toBe(2);
    expect((await secretary.get<NoticeState>(api('/notice?revision=1'))).body.issuedAt).not.toBeNull();
  });
});
