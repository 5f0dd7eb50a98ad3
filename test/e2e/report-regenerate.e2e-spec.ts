import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ack, ApiError, MeetingSyncResult, MeetingWriteResult, Organization, ReportState, ReportStatusEvent } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { orgByCode } from '../support/factories';
import { startWorker } from '../support/worker';
import { UserSession, type TestSocket } from '../support/session';
import { day } from '../support/time';

const SOFFICE = '/usr/bin/soffice';

/**
 * Reports that can be mended: a worker started where LibreOffice is not (yet) makes reports without PDF
 * and says why with a code; once soffice is there, the same running worker makes the PDF when the done
 * report is regenerated through the policy.
 */
describe('regenerating a report without its PDF', () => {
  let t: TestApp;
  let worker: ReturnType<typeof startWorker>;
  let dir: string;
  let organizer: UserSession;
  let viewer: UserSession;
  let follower: TestSocket;
  let meetingId: string;
  const api = (path = '') => `/api/meetings/${meetingId}${path}`;
  const reportReaches = async (revision: number, status: ReportState['status'], pdf?: boolean) => {
    const fits = (r: ReportState) => r.revision === revision && r.status === status && (pdf === undefined || r.formats.includes('pdf') === pdf);
    const seen = new Promise<ReportState>((resolve) => follower.on('report:status', (e: ReportStatusEvent) => fits(e.report) && resolve(e.report)));
    const now = (await viewer.get<ReportState[]>(api('/reports'))).body.find((r) => r.revision === revision);
    return now && fits(now) ? now : seen;
  };

  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'no-office-'));
    // OFFICE_BIN names a place where soffice is not, yet; the worker looks again per job (no cache here)
    worker = startWorker(t, { OFFICE_BIN: join(dir, 'soffice'), OFFICE_DETECT_CACHE_MS: '0' });
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    viewer = await UserSession.signIn(t.baseUrl, 'viewer');
    const chair = await UserSession.signIn(t.baseUrl, 'chair');
    const bng: Organization = await orgByCode(admin, 'BNG');
    meetingId = (
      await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'seminar',
        title: 'Tọa đàm về công tác lãnh sự',
        hostOrganizationId: bng.id,
        chairId: chair.account.id,
        visibility: 'public',
        scheduledStart: day(1, '08:00'),
        scheduledEnd: day(1, '09:00'),
      })
    ).body.meeting.id;
    follower = await viewer.socket();
    const sub = (await follower.emitWithAck('meeting:subscribe', { meetingId })) as Ack<MeetingSyncResult>;
    if (!sub.ok) throw new Error(JSON.stringify(sub.error));
    await organizer.post(api('/transitions'), { action: 'schedule' });
    await chair.post(api('/transitions'), { action: 'start' });
    await chair.post(api('/transitions'), { action: 'end' });
  });
  afterAll(async () => {
    follower?.close();
    await worker?.stop();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the report without PDF, with the reason as a code, and refuses the PDF download', async () => {
    const done = await reportReaches(0, 'done');
    expect(done.formats).toEqual(['json', 'docx']);
    expect(done.formatNotes).toEqual({ pdf: 'office_unavailable' });
    const pdf = await viewer.get<ApiError>(api('/summary.pdf'));
    expect([pdf.status, pdf.body.code]).toEqual([409, 'report_format_unavailable']);
  });

  it('refuses a regeneration to those the policy does not allow, changing nothing', async () => {
    const before = (await viewer.get<ReportState[]>(api('/reports'))).body;
    const refused = await viewer.post<ApiError>(api('/reports/retry'), { revision: 0 });
    expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);
    const bad = await organizer.post<ApiError>(api('/reports/retry'), { revision: -1 });
    expect([bad.status, bad.body.code]).toEqual([400, 'validation_failed']);
    expect((await viewer.get<ReportState[]>(api('/reports'))).body).toEqual(before);
  });

  it('makes the PDF when regenerated once LibreOffice is there, without restarting the worker', async () => {
    symlinkSync(SOFFICE, join(dir, 'soffice'));
    const queued = await organizer.post<ReportState>(api('/reports/retry'), { revision: 0 });
    expect(queued.status).toBe(202);
    expect(['queued', 'running']).toContain(queued.body.status);
    const done = await reportReaches(0, 'done', true);
    expect(done.formats).toEqual(['json', 'docx', 'pdf']);
    expect(done.formatNotes).toEqual({});
    const pdf = await viewer.get<unknown>(api('/summary.pdf'));
    expect(pdf.status).toBe(200);
    // a report that has its PDF is not made again
    const again = await organizer.post<ApiError>(api('/reports/retry'), { revision: 0 });
    expect([again.status, again.body.code]).toEqual([409, 'report_not_failed']);
  });
});
