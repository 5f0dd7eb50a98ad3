import type { Browser } from 'playwright-core';
import type { Agenda, Attendee, MeetingEndpoint, MeetingWriteResult, Organization, Page as ApiPage, SpeechRequest } from '@app/contracts';
import { UserSession } from '../support/session';
import { samplePdf } from '../support/documents';
import { BROWSER_ADMIN_PASSWORD, keepShots, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { localDay } from '../support/time';

describe('meeting documents in chromium', () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  /** A meeting of BNG (the host site) with Lạng Sơn invited, on day `offset`, as the organizer made it. */
  const newMeeting = async (kind: 'plenary' | 'seminar', title: string, offset: number) => {
    const organizer = await UserSession.signIn(api.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD);
    const chair = await UserSession.signIn(api.baseUrl, 'chair', BROWSER_ADMIN_PASSWORD);
    const orgs = (await organizer.get<ApiPage<Organization>>('/api/organizations?limit=100')).body.items;
    const bng = orgs.find((o) => o.code === 'BNG')!;
    const meeting = (
      await organizer.post<MeetingWriteResult>('/api/meetings', { kind, title, hostOrganizationId: bng.id, chairId: chair.account.id, visibility: 'public', scheduledStart: `${localDay(offset)}T08:00`, scheduledEnd: `${localDay(offset)}T11:30` })
    ).body.meeting;
    const base = `/api/meetings/${meeting.id}`;
    await organizer.post<MeetingEndpoint>(`${base}/endpoints`, { organizationId: bng.id, isHost: true });
    const langSonOrg = (await organizer.get<ApiPage<Organization>>('/api/organizations?q=lang%20son&kind=province')).body.items[0];
    const langSon = (await organizer.post<MeetingEndpoint>(`${base}/endpoints`, { organizationId: langSonOrg.id })).body;
    return { organizer, chair, meeting, base, langSon };
  };

  it('the organizer uploads a document; a site sees it appear live; the chair reads it in the viewer and searches it', async () => {
    const { organizer, chair, meeting, base } = await newMeeting('plenary', 'Hội nghị về dự toán ngân sách nhà nước năm 2026', 1);
    const agenda = (await organizer.get<Agenda>(`${base}/agenda`)).body;
    await organizer.request<Agenda>('PUT', `${base}/agenda`, { version: agenda.version, sessions: [{ title: 'Phiên toàn thể', items: [{ title: 'Thảo luận dự toán ngân sách', durationMinutes: 60 }] }] });

    const context = () => browser.newContext({ viewport: { width: 1440, height: 900 } });
    const site = await (await context()).newPage();
    await signIn(site, api.baseUrl, 'langson');
    await site.goto(`${api.baseUrl}/meetings/${meeting.id}`);
    await site.getByTestId('documents-card').waitFor();
    await site.getByText('Chưa có tài liệu nào.').waitFor();

    const org = await (await context()).newPage();
    await signIn(org, api.baseUrl, 'organizer');
    await org.goto(`${api.baseUrl}/meetings/${meeting.id}`);
    const form = org.getByTestId('document-upload-form');
    await form.waitFor();
    await org.getByTestId('document-kind').selectOption('bao_cao');
    await org.getByTestId('document-title-input').fill('Báo cáo dự toán ngân sách năm 2026');
    await org.getByTestId('document-item').selectOption({ label: 'Thảo luận dự toán ngân sách' });
    await org.getByTestId('document-marking-input').selectOption('noi_bo');
    await org.getByTestId('document-file').setInputFiles({ name: 'bao-cao-ngan-sach.pdf', mimeType: 'application/pdf', buffer: await samplePdf('Ngan sach nha nuoc nam 2026, trang', 3) });
    await org.getByTestId('document-submit').click();
    await org.getByTestId('document-uploaded').waitFor();
    await keepShots(org, 'documents-organizer');

    // the site's page lists it without a reload
    const row = site.getByTestId('document-row').filter({ hasText: 'Báo cáo dự toán ngân sách năm 2026' });
    await row.waitFor();
    expect(await row.getByTestId('document-marking').textContent()).toBe('Lưu hành nội bộ');
    expect(await site.getByTestId('document-upload-form').count()).toBe(0);
    await keepShots(site, 'documents-site');

    const reader = await (await context()).newPage();
    await signIn(reader, api.baseUrl, 'chair');
    await reader.goto(`${api.baseUrl}/meetings/${meeting.id}`);
    await reader.getByTestId('document-open').click();
    await reader.getByTestId('viewer-page').and(reader.getByText('Trang 1/3')).waitFor();
    expect(await reader.getByTestId('viewer-title').textContent()).toBe('Báo cáo dự toán ngân sách năm 2026');
    await reader.getByTestId('viewer-next').click();
    await reader.getByText('Trang 2/3').waitFor();
    await reader.getByTestId('viewer-search').fill('ngân sách nhà nước năm 2026, trang 3');
    await reader.getByTestId('viewer-find').click();
    await reader.getByTestId('viewer-hits').and(reader.getByText('Có ở 1 trang: 3')).waitFor();
    await reader.getByText('Trang 3/3').waitFor();
    // the canvas was painted (not blank white)
    const painted = await reader.getByTestId('viewer-canvas').evaluate((c) => {
      const canvas = c as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 128) dark++;
      return dark;
    });
    expect(painted).toBeGreaterThan(50);
    await keepShots(reader, 'documents-viewer');
    // the viewing is audited as a viewing, from the chair's account
    const reads = (await organizer.get<{ account: { id: string }; action: string }[]>(`${base}/document-reads`)).body;
    expect(reads).toEqual(expect.arrayContaining([expect.objectContaining({ account: expect.objectContaining({ id: chair.account.id }), action: 'view' })]));
  });

  it('a site sends its tham luận with the request; the chair opens it from the queue in the viewer', async () => {
    const { organizer, chair, meeting, base, langSon } = await newMeeting('seminar', 'Tọa đàm hội nhập kinh tế vùng biên giới', 2);
    const operator = await UserSession.signIn(api.baseUrl, 'langson', BROWSER_ADMIN_PASSWORD);
    await operator.post<Attendee>(`${base}/endpoints/${langSon.id}/attendees`, { fullName: 'Đoàn Thu Hà', position: 'Phó Chủ tịch UBND tỉnh' });

    const context = () => browser.newContext({ viewport: { width: 1440, height: 900 } });
    const site = await (await context()).newPage();
    await signIn(site, api.baseUrl, 'langson');
    await site.goto(`${api.baseUrl}/meetings/${meeting.id}/console/${langSon.id}`);
    await site.getByTestId('speech-kind').selectOption('prepared');
    await site.getByTestId('speech-topic').fill('Hội nhập kinh tế vùng biên giới');
    await site.getByTestId('speech-document-input').setInputFiles({ name: 'Tham luận Lạng Sơn.pdf', mimeType: 'application/pdf', buffer: await samplePdf('Tham luan cua tinh Lang Son, trang', 2) });
    await site.getByTestId('speech-submit').click();
    // the request shows its document as sent once the upload is in
    const mine = site.getByTestId('my-request').and(site.locator('[data-status=pending]'));
    await mine.getByTestId('speech-document-state').and(site.getByText('Đã gửi tài liệu tham luận')).waitFor();
    await keepShots(site, 'tham-luan-site');

    const chairPage = await (await context()).newPage();
    await signIn(chairPage, api.baseUrl, 'chair');
    await chairPage.goto(`${api.baseUrl}/meetings/${meeting.id}/floor`);
    const pending = chairPage.locator('[data-testid=pending-item][data-name="Đoàn Thu Hà"]');
    await pending.getByTestId('speech-document').waitFor();
    await keepShots(chairPage, 'tham-luan-pending');
    await pending.getByTestId('approve').click();
    const queued = chairPage.locator('[data-testid=queue-item][data-name="Đoàn Thu Hà"]');
    await queued.getByTestId('speech-document').click();
    await chairPage.getByTestId('viewer-page').and(chairPage.getByText('Trang 1/2')).waitFor();
    expect(await chairPage.getByTestId('viewer-title').textContent()).toBe('Hội nhập kinh tế vùng biên giới');
    await keepShots(chairPage, 'tham-luan-viewer');
    // the organizer of the host reads it too (it manages the meeting's documents)
    const request = (await chair.get<{ requests: SpeechRequest[] }>(`${base}/speakers`)).body.requests[0];
    expect((await organizer.get(`${base}/documents/${request.documentId}`)).status).toBe(200);
  });
});
