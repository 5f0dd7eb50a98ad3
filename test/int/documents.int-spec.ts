import { DataSource } from 'typeorm';
import type { DocumentSearchHit, MeetingDocument, MeetingEndpoint, MeetingWriteResult } from '@app/contracts';
import { documentConvertJobId } from '@app/contracts';
import { OfficeConverter, runDocumentJob } from '@app/reports';
import { startTestApp, type TestApp } from '../support/app';
import { pdfText, sampleDocx, samplePdf, uploadDocument } from '../support/documents';
import { orgByCode } from '../support/factories';
import { UserSession } from '../support/session';
import { day } from '../support/time';

/**
 * The document.convert job on the real PostgreSQL: the outbox row an upload writes, the
 * LibreOffice conversion of a DOCX to PDF with its page count, a PDF's own pages, the text
 * folded for search ("ngan sach" finds "Ngân sách"), and a second run changing nothing.
 * The api runs with Redis and no worker, so the job runs only where this test calls it.
 */
describe('document conversion and search', () => {
  let t: TestApp;
  let db: DataSource;
  let office: OfficeConverter;
  let organizer: UserSession;
  let site: UserSession;
  let meetingId: string;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    office = new OfficeConverter();
    organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    const bng = await orgByCode(admin, 'BNG');
    const chair = await UserSession.signIn(t.baseUrl, 'chair');
    meetingId = (await organizer.post<MeetingWriteResult>('/api/meetings', { kind: 'plenary', title: 'Hội nghị ngân sách', hostOrganizationId: bng.id, chairId: chair.account.id, scheduledStart: day(4, '08:00'), scheduledEnd: day(4, '10:00') })).body.meeting.id;
    const lang = await orgByCode(admin, 'LANG_SON');
    await organizer.post(`/api/meetings/${meetingId}/endpoints`, { organizationId: lang.id });
    site = await UserSession.signIn(t.baseUrl, 'langson');
  });
  afterAll(async () => {
    await office.close();
    await t.close();
  });

  it('converts a DOCX to PDF with its page count and text, keeps a PDF as it is, and finds both by folded words', async () => {
    const base = `/api/meetings/${meetingId}/documents`;
    const docx = (await uploadDocument<MeetingDocument>(t.baseUrl, organizer.token, base, { name: 'du-toan.docx', bytes: await sampleDocx('Dự toán ngân sách nhà nước năm 2026 của Bộ Ngoại giao') }, { kind: 'du_thao', title: 'Dự thảo dự toán' })).body;
    const pdf = (await uploadDocument<MeetingDocument>(t.baseUrl, organizer.token, base, { name: 'phu-luc.pdf', bytes: await samplePdf('Phu luc bien ban hop', 3) }, { kind: 'tham_khao', title: 'Phụ lục kèm theo' })).body;
    expect(docx.conversion).toBe('pending');
    // each upload decided its conversion in its own transaction: one outbox row per version
    const outbox: { job: string; job_id: string }[] = await db.query(`SELECT job, job_id FROM outbox WHERE job = 'document.convert' ORDER BY id`);
    expect(outbox.map((r) => r.job_id)).toEqual([documentConvertJobId(docx.id, 1), documentConvertJobId(pdf.id, 1)]);

    const first = await runDocumentJob({ db, office }, { documentId: docx.id, version: 1 });
    expect(first).toMatchObject({ conversion: 'done', pageCount: 1 });
    const fromPdf = await runDocumentJob({ db, office }, { documentId: pdf.id, version: 1 });
    expect(fromPdf).toMatchObject({ conversion: 'done', pageCount: 3 });
    // idempotent: a second run (a retried job) finds it done and writes nothing
    const blobs = await db.query(`SELECT count(*)::int AS n FROM document_blobs`);
    expect(await runDocumentJob({ db, office }, { documentId: docx.id, version: 1 })).toMatchObject({ conversion: 'done', pageCount: 1, ms: 0 });
    expect(await db.query(`SELECT count(*)::int AS n FROM document_blobs`)).toEqual(blobs);

    const shown = (await organizer.get<MeetingDocument>(`${base}/${docx.id}`)).body;
    expect(shown).toMatchObject({ conversion: 'done', pageCount: 1 });
    // the viewer reads the converted PDF; the download is still the DOCX
    const view = await fetch(`${t.baseUrl}${base}/${docx.id}/file?as=view`, { headers: { authorization: `Bearer ${site.token}` } });
    expect(view.headers.get('content-type')).toBe('application/pdf');
    expect(await pdfText(Buffer.from(await view.arrayBuffer()))).toContain('Dự toán ngân sách nhà nước năm 2026');
    const file = await fetch(`${t.baseUrl}${base}/${docx.id}/file`, { headers: { authorization: `Bearer ${site.token}` } });
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');

    const search = async (q: string, all = false) =>
      (await site.get<DocumentSearchHit[]>(all ? `/api/document-search?q=${encodeURIComponent(q)}` : `/api/meetings/${meetingId}/document-search?q=${encodeURIComponent(q)}`)).body.map((h) => h.title);
    expect(await search('ngan sach')).toEqual(['Dự thảo dự toán']);
    expect(await search('NGÂN SÁCH nhà nước')).toEqual(['Dự thảo dự toán']);
    expect(await search('phu luc bien ban')).toEqual(['Phụ lục kèm theo']);
    expect(await search('phụ lục', true)).toEqual(['Phụ lục kèm theo']);
    expect(await search('không có ở đâu')).toEqual([]);
    const tooShort = await site.get(`/api/document-search?q=a`);
    expect(tooShort.status).toBe(400);
  });
});
