import { request as httpRequest } from 'node:http';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DataSource } from 'typeorm';
import type { Ack, ApiError, Attendee, DocumentRead, MeetingDocument, MeetingEndpoint, MeetingEvent, MeetingSyncResult, MeetingWriteResult, SpeechRequest } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { pdfText, sampleDocx, samplePdf, squash, uploadDocument } from '../support/documents';
import { newAccount, orgByCode } from '../support/factories';
import { UserSession, nextEvent } from '../support/session';
import { day } from '../support/time';

const MAX = 2 * 1024 * 1024;
type Result = MeetingDocument & ApiError;

describe('meeting documents', () => {
  let t: TestApp;
  let db: DataSource;
  let organizer: UserSession;
  let secretary: UserSession;
  let chair: UserSession;
  let viewer: UserSession;
  let langson: UserSession;
  let caobangOp: UserSession;
  let hostOp: UserSession;
  let meetingId: string;
  let otherMeetingId: string;
  let endpoints: MeetingEndpoint[];
  const base = () => `/api/meetings/${meetingId}/documents`;
  const upload = (s: UserSession, file: { name: string; bytes: Buffer }, fields: Record<string, string> = { kind: 'to_trinh', title: 'Tờ trình' }, path = base()) => uploadDocument<Result>(t.baseUrl, s.token, path, file, fields);
  const counts = async () => {
    const [row] = await db.query(`SELECT (SELECT count(*) FROM document_blobs)::int AS blobs, (SELECT count(*) FROM document_blob_chunks)::int AS chunks, (SELECT count(*) FROM meeting_documents)::int AS docs, (SELECT count(*) FROM document_versions)::int AS versions`);
    return row as { blobs: number; chunks: number; docs: number; versions: number };
  };
  const uploadsLeft = () => readdirSync(tmpdir()).filter((f) => f.startsWith('htt-upload-')).length;
  const healthy = async () => expect((await organizer.get('/api/health')).status).toBe(200);
  const expectRefused = async (res: { status: number; body: Result }, status: number, code: string, before: Awaited<ReturnType<typeof counts>>) => {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(await counts()).toEqual(before);
    await healthy();
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { DOCUMENT_MAX_BYTES: String(MAX) } });
    db = t.app.get(DataSource);
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    secretary = await UserSession.signIn(t.baseUrl, 'secretary');
    chair = await UserSession.signIn(t.baseUrl, 'chair');
    viewer = await UserSession.signIn(t.baseUrl, 'viewer');
    langson = await UserSession.signIn(t.baseUrl, 'langson');
    const [bng, caobang] = await Promise.all([orgByCode(admin, 'BNG'), orgByCode(admin, 'CAO_BANG')]);
    caobangOp = await (await newAccount(admin, 'endpoint_operator', caobang.id)).session();
    hostOp = await (await newAccount(admin, 'endpoint_operator', bng.id)).session();
    const create = async (title: string, offset: number) =>
      (await organizer.post<MeetingWriteResult>('/api/meetings', { kind: 'plenary', title, visibility: 'public', hostOrganizationId: bng.id, chairId: chair.account.id, secretaryIds: [secretary.account.id], scheduledStart: day(offset, '08:00'), scheduledEnd: day(offset, '11:00') })).body.meeting.id;
    meetingId = await create('Hội nghị triển khai nhiệm vụ năm 2026', 2);
    otherMeetingId = await create('Cuộc họp khác', 3);
    await organizer.post(`/api/meetings/${meetingId}/endpoints`, { organizationId: bng.id, isHost: true });
    const langsonOrg = await orgByCode(admin, 'LANG_SON');
    await organizer.post(`/api/meetings/${meetingId}/endpoints/bulk`, { mode: 'organizations', organizationIds: [langsonOrg.id, caobang.id] });
    endpoints = (await organizer.get<MeetingEndpoint[]>(`/api/meetings/${meetingId}/endpoints`)).body;
  });
  afterAll(() => t.close());

  const ep = (name: string) => endpoints.find((e) => e.organizationShortName === name)!;

  it('stores an upload typed by its bytes, with a Vietnamese title, and serves it back as a sandboxed attachment', async () => {
    const pdf = await samplePdf('Ngan sach nha nuoc');
    const res = await upload(organizer, { name: 'Tờ trình ngân sách.pdf', bytes: pdf }, { kind: 'to_trinh', title: 'Tờ trình về dự toán ngân sách nhà nước năm 2026', marking: 'none' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: 'Tờ trình về dự toán ngân sách nhà nước năm 2026', kind: 'to_trinh', access: 'all_invited', currentVersion: 1 });
    expect(res.body.versions[0]).toMatchObject({ version: 1, fileName: 'Tờ trình ngân sách.pdf', mime: 'application/pdf', size: pdf.length, uploadedBy: { id: organizer.account.id } });
    const file = await fetch(`${t.baseUrl}${base()}/${res.body.id}/file`, { headers: { authorization: `Bearer ${langson.token}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="to-trinh-ve-du-toan-ngan-sach-nha-nuoc-nam-2026\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(file.headers.get('content-disposition')!.split("''")[1])).toBe('Tờ trình về dự toán ngân sách nhà nước năm 2026.pdf');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('keeps every version with who replaced it, stores the same bytes once, and streams a file larger than one row', async () => {
    const before = await counts();
    const first = (await upload(secretary, { name: 'du-thao.docx', bytes: await sampleDocx('Dự thảo lần 1') }, { kind: 'du_thao', title: 'Dự thảo Nghị quyết' })).body;
    expect(first.versions[0].mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // a PDF of about 1.5 MB: three rows of the blob table
    const big = await samplePdf('Phu luc'.repeat(10), 1);
    const padded = Buffer.concat([big, Buffer.alloc(1_500_000 - big.length, 0x20)]);
    const second = await upload(organizer, { name: 'du-thao-v2.pdf', bytes: padded }, {}, `${base()}/${first.id}/versions`);
    expect(second.status).toBe(201);
    expect(second.body.currentVersion).toBe(2);
    expect(second.body.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(second.body.versions[1]).toMatchObject({ uploadedBy: { id: secretary.account.id }, replacedBy: { id: organizer.account.id } });
    expect(second.body.versions[1].replacedAt).toBe(second.body.versions[0].uploadedAt);
    // the same bytes again, as another document: one more document, no more blob
    const again = await upload(organizer, { name: 'ban-sao.pdf', bytes: padded }, { kind: 'tham_khao', title: 'Bản sao' });
    expect(again.status).toBe(201);
    expect(again.body.versions[0].sha256).toBe(second.body.versions[0].sha256);
    const after = await counts();
    expect(after.blobs - before.blobs).toBe(2);
    expect(after.chunks - before.chunks).toBe(1 + 3);
    expect(after.docs - before.docs).toBe(2);
    const v1 = await fetch(`${t.baseUrl}${base()}/${first.id}/file?version=1`, { headers: { authorization: `Bearer ${chair.token}` } });
    expect(v1.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const v2 = Buffer.from(await (await fetch(`${t.baseUrl}${base()}/${first.id}/file`, { headers: { authorization: `Bearer ${chair.token}` } })).arrayBuffer());
    expect(v2.equals(padded)).toBe(true);
  });

  it('sites see a new document live (a sequenced event naming only its id)', async () => {
    const socket = await caobangOp.socket();
    const sub = (await socket.emitWithAck('meeting:subscribe', { meetingId })) as Ack<MeetingSyncResult>;
    expect(sub.ok).toBe(true);
    const seen = nextEvent<MeetingEvent>(socket, 'meeting:event');
    const added = (await upload(organizer, { name: 'bao-cao.pdf', bytes: await samplePdf('Bao cao') }, { kind: 'bao_cao', title: 'Báo cáo tổng kết' })).body;
    const event = await seen;
    expect(event).toMatchObject({ type: 'document.changed', payload: { documentId: added.id, version: 1, change: 'added' } });
    expect(JSON.stringify(event)).not.toContain('Báo cáo');
    expect((await caobangOp.get<MeetingDocument[]>(base())).body.map((d) => d.id)).toContain(added.id);
    socket.close();
  });

  it('gives each reader the documents of its access level, and unreleased ones only to those who manage them', async () => {
    const pdf = (s: string) => samplePdf(s);
    const host = (await upload(organizer, { name: 'a.pdf', bytes: await pdf('host') }, { kind: 'tham_khao', title: 'Chỉ điểm cầu chính', access: 'host_participants' })).body;
    const named = (await upload(organizer, { name: 'b.pdf', bytes: await pdf('named') }, { kind: 'tham_khao', title: 'Riêng Lạng Sơn', access: 'named_endpoints', endpointIds: ep('Lạng Sơn').id })).body;
    const later = (await upload(organizer, { name: 'c.pdf', bytes: await pdf('later') }, { kind: 'tham_khao', title: 'Phát hành sau', releaseAt: new Date(Date.now() + 86_400_000).toISOString() })).body;
    const ids = async (s: UserSession) => new Set((await s.get<MeetingDocument[]>(base())).body.map((d) => d.id));
    const see = async (s: UserSession) => {
      const mine = await ids(s);
      return [host.id, named.id, later.id].map((id) => mine.has(id));
    };
    expect(await see(organizer)).toEqual([true, true, true]);
    expect(await see(secretary)).toEqual([true, true, true]);
    expect(await see(chair)).toEqual([true, true, true]);
    expect(await see(hostOp)).toEqual([true, false, false]);
    expect(await see(langson)).toEqual([false, true, false]);
    expect(await see(caobangOp)).toEqual([false, false, false]);
    expect(await see(viewer)).toEqual([false, false, false]);
    // one that cannot be read is not found, by id and by file, with no hint it exists
    for (const id of [named.id, later.id]) {
      const res = await caobangOp.get<ApiError>(`${base()}/${id}/file`);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'document_not_found' });
    }
    // the release time passes: everyone invited reads it
    await db.query(`UPDATE meeting_documents SET release_at = now() - interval '1 second' WHERE id = $1`, [later.id]);
    expect((await see(caobangOp))[2]).toBe(true);
  });

  it('audits every download, and shows the organizer who opened what, from which endpoint, and when', async () => {
    const doc = (await upload(organizer, { name: 'd.pdf', bytes: await samplePdf('audit') }, { kind: 'bao_cao', title: 'Báo cáo được theo dõi' })).body;
    await (await fetch(`${t.baseUrl}${base()}/${doc.id}/file`, { headers: { authorization: `Bearer ${langson.token}` } })).arrayBuffer();
    await (await fetch(`${t.baseUrl}${base()}/${doc.id}/file`, { headers: { authorization: `Bearer ${viewer.token}` } })).arrayBuffer();
    const reads = (await organizer.get<DocumentRead[]>(`/api/meetings/${meetingId}/document-reads`)).body.filter((r) => r.documentId === doc.id);
    expect(reads.map((r) => [r.account.fullName, r.endpointName, r.version])).toEqual(
      expect.arrayContaining([
        ['Hoàng Văn Đức', 'Lạng Sơn', 1],
        ['Phạm Quốc Bảo', null, 1],
      ]),
    );
    expect(reads).toHaveLength(2);
    const refused = await langson.get<ApiError>(`/api/meetings/${meetingId}/document-reads`);
    expect(refused.status).toBe(403);
  });

  it('stamps every page of a MẬT document with its reader, organization and time, for download and viewer alike', async () => {
    const doc = (await upload(organizer, { name: 'mat.pdf', bytes: await samplePdf('Noi dung mat', 3) }, { kind: 'bao_cao', title: 'Báo cáo mật', marking: 'mat' })).body;
    for (const as of ['download', 'view']) {
      const res = await fetch(`${t.baseUrl}${base()}/${doc.id}/file?as=${as}`, { headers: { authorization: `Bearer ${langson.token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
      const pages = (await pdfText(Buffer.from(await res.arrayBuffer()))).split('\f').filter((p) => p.trim());
      expect(pages).toHaveLength(3);
      for (const [i, page] of pages.entries()) {
        expect(page).toContain(`Noi dung mat ${i + 1}`);
        expect(squash(page)).toMatch(/MẬT - Hoàng Văn Đức - Ủy ban nhân dân tỉnh Lạng Sơn - \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
      }
    }
    // an internal-circulation DOCX has no PDF until the worker converts it: refused, not served unstamped
    const docx = (await upload(organizer, { name: 'noi-bo.docx', bytes: await sampleDocx('Nội bộ') }, { kind: 'du_thao', title: 'Dự thảo nội bộ', marking: 'noi_bo' })).body;
    const pending = await langson.get<ApiError>(`${base()}/${docx.id}/file`);
    expect({ status: pending.status, code: pending.body.code }).toEqual({ status: 409, code: 'document_no_pdf' });
  });

  it('serves a PDF with embedded JavaScript only as a sandboxed attachment, and strips the script from a stamped copy', async () => {
    const hostile = await samplePdf('Tai lieu', 1, { javascript: 'app.alert("xin chao")' });
    expect(hostile.includes('/JavaScript')).toBe(true);
    const plain = (await upload(organizer, { name: 'js.pdf', bytes: hostile }, { kind: 'other', title: 'Tệp có mã' })).body;
    const res = await fetch(`${t.baseUrl}${base()}/${plain.id}/file`, { headers: { authorization: `Bearer ${langson.token}` } });
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(res.headers.get('content-security-policy')).toMatch(/sandbox/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(hostile)).toBe(true);
    const marked = (await upload(organizer, { name: 'js-mat.pdf', bytes: Buffer.concat([hostile, Buffer.from('\n%mat\n')]) }, { kind: 'other', title: 'Tệp có mã, mật', marking: 'mat' })).body;
    const stamped = Buffer.from(await (await fetch(`${t.baseUrl}${base()}/${marked.id}/file`, { headers: { authorization: `Bearer ${langson.token}` } })).arrayBuffer());
    expect(stamped.includes('/JavaScript')).toBe(false);
    expect(stamped.includes('/OpenAction')).toBe(false);
  });

  it('keeps a prepared contribution’s document with its request: uploaded by its site, read by the chair, secretaries and host, refused to others', async () => {
    const ls = ep('Lạng Sơn');
    const speaker = (await langson.post<Attendee>(`/api/meetings/${meetingId}/endpoints/${ls.id}/attendees`, { fullName: 'Đoàn Thu Hà', position: 'Phó Chủ tịch UBND tỉnh' })).body;
    const ask = async () => (await langson.post<SpeechRequest>(`/api/meetings/${meetingId}/speech-requests`, { endpointId: ls.id, attendeeId: speaker.id, kind: 'prepared', topic: 'Hội nhập kinh tế vùng biên giới' })).body;
    const request = await ask();
    expect(request.documentId).toBeNull();
    const path = `/api/meetings/${meetingId}/speech-requests/${request.id}/document`;
    const file = { name: 'Tham luận Lạng Sơn.pdf', bytes: await samplePdf('Tham luan Lang Son') };

    // another site's operator, a viewer, the host's operator: refused by the policy, nothing stored
    const before = await counts();
    for (const s of [caobangOp, viewer, hostOp]) await expectRefused(await upload(s, file, {}, path), 403, 'not_endpoint_operator', before);
    const unknown = await upload(langson, file, {}, `/api/meetings/${meetingId}/speech-requests/00000000-0000-4000-8000-000000000000/document`);
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'speech_request_not_found' });

    const res = await uploadDocument<SpeechRequest & ApiError>(t.baseUrl, langson.token, path, file);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: request.id, version: request.version + 1, documentId: expect.any(String) });
    const documentId = res.body.documentId!;
    for (const s of [chair, secretary, hostOp, langson]) {
      const doc = await s.get<MeetingDocument>(`${base()}/${documentId}`);
      expect(doc.status).toBe(200);
      expect(doc.body).toMatchObject({ kind: 'tham_luan', title: 'Hội nhập kinh tế vùng biên giới', access: 'named_endpoints', currentVersion: 1 });
      expect([...doc.body.endpointIds].sort()).toEqual([endpoints.find((e) => e.isHost)!.id, ls.id].sort());
      expect(doc.body.versions[0]).toMatchObject({ fileName: 'Tham luận Lạng Sơn.pdf', uploadedBy: { id: langson.account.id } });
    }
    expect((await caobangOp.get<ApiError>(`${base()}/${documentId}`)).status).toBe(404);
    const view = await fetch(`${t.baseUrl}${base()}/${documentId}/file?as=view`, { headers: { authorization: `Bearer ${chair.token}` } });
    expect(view.status).toBe(200);
    expect(await pdfText(Buffer.from(await view.arrayBuffer()))).toContain('Tham luan Lang Son 1');
    // the speaker queue shows it: the request as everyone's state has it
    const listed = (await chair.get<{ requests: SpeechRequest[] }>(`/api/meetings/${meetingId}/speakers`)).body.requests.find((r) => r.id === request.id);
    expect(listed?.documentId).toBe(documentId);

    // uploading again replaces it: the same document, a second version
    const again = await uploadDocument<SpeechRequest>(t.baseUrl, langson.token, path, { name: 'Tham luận Lạng Sơn (sửa).pdf', bytes: await samplePdf('Ban sua') });
    expect(again.status).toBe(201);
    expect(again.body.documentId).toBe(documentId);
    expect((await chair.get<MeetingDocument>(`${base()}/${documentId}`)).body.currentVersion).toBe(2);

    // a withdrawn request keeps what it had and takes nothing new
    await langson.post(`/api/meetings/${meetingId}/speech-requests/${request.id}/withdraw`);
    const closedBefore = await counts();
    await expectRefused(await upload(langson, file, {}, path), 409, 'document_speech_closed', closedBefore);
    // only a prepared contribution carries a document (a draft meeting takes no other request: one is made so in the table)
    const other = await ask();
    await db.query(`UPDATE speech_requests SET kind = 'contribution' WHERE id = $1`, [other.id]);
    await expectRefused(await upload(langson, file, {}, `/api/meetings/${meetingId}/speech-requests/${other.id}/document`), 409, 'document_speech_not_prepared', closedBefore);
  });

  describe('bad input: a clear 4xx with its code, nothing stored, the server healthy', () => {
    it('an executable renamed .pdf', async () => {
      const before = await counts();
      const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(2000, 1)]);
      exe.writeUInt32LE(64, 0x3c);
      const res = await upload(organizer, { name: 'to-trinh.pdf', bytes: exe });
      await expectRefused(res, 415, 'document_type_refused', before);
      expect(res.body.params).toEqual({ detected: 'application/x-msdownload' });
      const text = await upload(organizer, { name: 'ghi-chu.pdf', bytes: Buffer.from('chỉ là văn bản') });
      await expectRefused(text, 415, 'document_type_refused', before);
      expect(text.body.params).toEqual({ detected: 'unknown' });
    });

    it('a zip bomb disguised as a DOCX, and a DOCX with too many entries', async () => {
      const before = await counts();
      const bomb = await sampleDocx('x', { 'word/media/padding.xml': Buffer.alloc(40 * 1024 * 1024, 0) });
      expect(bomb.length).toBeLessThan(MAX);
      const res = await upload(organizer, { name: 'du-thao.docx', bytes: bomb });
      await expectRefused(res, 422, 'document_archive_refused', before);
      expect(JSON.stringify(res.body.params)).toContain('times its size');
      const entries: Record<string, string> = {};
      for (let i = 0; i < 5_001; i++) entries[`word/e${i}.xml`] = '';
      const many = await upload(organizer, { name: 'nhieu.docx', bytes: await sampleDocx('x', entries) });
      await expectRefused(many, 422, 'document_archive_refused', before);
      // a zip that is no office document
      const { default: JSZip } = await import('jszip');
      const zip = new JSZip();
      zip.file('readme.txt', 'không phải tài liệu');
      const plain = await upload(organizer, { name: 'a.docx', bytes: await zip.generateAsync({ type: 'nodebuffer' }) });
      await expectRefused(plain, 415, 'document_type_refused', before);
      expect(plain.body.params).toEqual({ detected: 'application/zip' });
    });

    it('an upload over the limit, refused while it streams in (no Content-Length) and at once when it declares 2 GB', async () => {
      const before = await counts();
      // chunked: the limit can only be seen as the bytes arrive
      const boundary = 'htt-boundary';
      const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nbao_cao\r\n--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nQuá lớn\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lon.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 0) controller.enqueue(head);
          if (sent > 3 * MAX) return controller.close();
          sent += 64 * 1024;
          controller.enqueue(new Uint8Array(64 * 1024).fill(0x41));
        },
      });
      const res = await fetch(`${t.baseUrl}${base()}`, { method: 'POST', headers: { authorization: `Bearer ${organizer.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, body, duplex: 'half' } as RequestInit).catch((err: Error) => err);
      if (res instanceof Error) throw res;
      const json = (await res.json()) as ApiError;
      await expectRefused({ status: res.status, body: json as Result }, 413, 'document_too_large', before);
      expect(json.params).toEqual({ maxBytes: MAX });
      expect(uploadsLeft()).toBe(0);
      // 2 GB declared: answered before the body is read, and the connection closed
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${t.baseUrl}${base()}`, { method: 'POST', headers: { authorization: `Bearer ${organizer.token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(2 * 1024 ** 3) } }, (r) => {
          let text = '';
          r.on('data', (c: Buffer) => (text += c.toString()));
          r.on('end', () => resolve({ status: r.statusCode!, body: text }));
        });
        req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
        req.write(head);
        req.write(Buffer.alloc(1024 * 1024, 0x41));
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body).code).toBe('document_too_large');
      expect(await counts()).toEqual(before);
      await healthy();
    });

    it('path traversal and RTL controls in the file name are neutralised', async () => {
      const res = await upload(organizer, { name: '../../etc/Báo cáo\u202Efdp.exe', bytes: await samplePdf('rtl') }, { kind: 'other', title: 'Tên\u202E tệp lạ' });
      expect(res.status).toBe(201);
      expect(res.body.versions[0].fileName).toBe('Báo cáofdp.exe');
      const win = await upload(organizer, { name: '..\\..\\C:\\Windows\\du-thao.pdf', bytes: await samplePdf('win') }, { kind: 'other', title: 'Tệp Windows' });
      expect(win.body.versions[0].fileName).toBe('du-thao.pdf');
      expect(res.body.title).toBe('Tên tệp lạ');
      const file = await fetch(`${t.baseUrl}${base()}/${res.body.id}/file`, { headers: { authorization: `Bearer ${organizer.token}` } });
      expect(file.headers.get('content-disposition')).not.toMatch(/%E2%80%AE|\.\.\//);
    });

    it('a document id of another meeting is 404; an upload by a viewer or a site operator is 403; a bad field is 400', async () => {
      const foreign = (await upload(organizer, { name: 'x.pdf', bytes: await samplePdf('other') }, { kind: 'other', title: 'Của cuộc họp khác' }, `/api/meetings/${otherMeetingId}/documents`)).body;
      for (const path of [`${base()}/${foreign.id}`, `${base()}/${foreign.id}/file`]) {
        const res = await organizer.get<ApiError>(path);
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'document_not_found' });
      }
      const before = await counts();
      const replaced = await upload(organizer, { name: 'x.pdf', bytes: await samplePdf('v2') }, {}, `${base()}/${foreign.id}/versions`);
      await expectRefused(replaced, 404, 'document_not_found', before);
      await expectRefused(await upload(viewer, { name: 'x.pdf', bytes: await samplePdf('viewer') }), 403, 'forbidden', before);
      await expectRefused(await upload(langson, { name: 'x.pdf', bytes: await samplePdf('site') }), 403, 'forbidden', before);
      const bad = await upload(organizer, { name: 'x.pdf', bytes: await samplePdf('bad') }, { kind: 'bi_mat', title: '' });
      await expectRefused(bad, 400, 'validation_failed', before);
      expect(bad.body.fields?.map((f) => f.field).sort()).toEqual(['kind', 'title']);
      const agenda = await upload(organizer, { name: 'x.pdf', bytes: await samplePdf('agenda') }, { kind: 'other', title: 'Mục lạ', agendaItemId: foreign.id });
      await expectRefused(agenda, 400, 'validation_failed', before);
      const stranger = await upload(organizer, { name: 'x.pdf', bytes: await samplePdf('named') }, { kind: 'other', title: 'Điểm cầu lạ', access: 'named_endpoints', endpointIds: foreign.id });
      await expectRefused(stranger, 400, 'validation_failed', before);
      expect(uploadsLeft()).toBe(0);
    });
  });
});

describe('meeting documents on the embedded PGlite default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database: 'pglite', redis: false });
  });
  afterAll(() => t.close());

  it('stores, deduplicates and streams documents back from the embedded database', async () => {
    const organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    const chair = await UserSession.signIn(t.baseUrl, 'chair');
    const bng = await orgByCode(organizer, 'BNG');
    const meetingId = (await organizer.post<MeetingWriteResult>('/api/meetings', { kind: 'plenary', title: 'Họp trên PGlite', hostOrganizationId: bng.id, chairId: chair.account.id, scheduledStart: day(2, '08:00'), scheduledEnd: day(2, '09:00') })).body.meeting.id;
    const pdf = await samplePdf('PGlite');
    const bytes = Buffer.concat([pdf, Buffer.alloc(1_200_000 - pdf.length, 0x20)]);
    const path = `/api/meetings/${meetingId}/documents`;
    const a = await uploadDocument<Result>(t.baseUrl, organizer.token, path, { name: 'a.pdf', bytes }, { kind: 'bao_cao', title: 'Báo cáo A' });
    const b = await uploadDocument<Result>(t.baseUrl, organizer.token, path, { name: 'b.pdf', bytes }, { kind: 'bao_cao', title: 'Báo cáo B' });
    expect([a.status, b.status]).toEqual([201, 201]);
    const db = t.app.get(DataSource);
    expect(await db.query(`SELECT count(*)::int AS blobs, (SELECT count(*)::int FROM document_blob_chunks) AS chunks FROM document_blobs`)).toEqual([{ blobs: 1, chunks: 3 }]);
    const back = Buffer.from(await (await fetch(`${t.baseUrl}${path}/${b.body.id}/file`, { headers: { authorization: `Bearer ${chair.token}` } })).arrayBuffer());
    expect(back.equals(bytes)).toBe(true);
  });
});
