import type { Browser } from 'playwright-core';
import type { Attendee, MeetingEndpoint, MeetingWriteResult, Organization, Page as ApiPage } from '@app/contracts';
import { UserSession } from '../support/session';
import { artifact, BROWSER_ADMIN_PASSWORD, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { localDay } from '../support/time';


describe('floor control in chromium', () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('an endpoint asks to speak, the chair approves and gives the floor, a viewer sees the countdown', async () => {
    const organizer = await UserSession.signIn(api.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD);
    const chair = await UserSession.signIn(api.baseUrl, 'chair', BROWSER_ADMIN_PASSWORD);
    const operator = await UserSession.signIn(api.baseUrl, 'langson', BROWSER_ADMIN_PASSWORD);
    const orgs = (await organizer.get<ApiPage<Organization>>('/api/organizations?limit=100')).body.items;
    const bng = orgs.find((o) => o.code === 'BNG')!;
    const meeting = (
      await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'seminar',
        title: 'Tọa đàm với các địa phương',
        hostOrganizationId: bng.id,
        chairId: chair.account.id,
        visibility: 'public',
        scheduledStart: `${localDay(1)}T14:00`,
        scheduledEnd: `${localDay(1)}T17:00`,
      })
    ).body.meeting;
    const langSon = (await organizer.post<MeetingEndpoint>(`/api/meetings/${meeting.id}/endpoints`, { organizationId: (await organizer.get<ApiPage<Organization>>('/api/organizations?q=lang%20son&kind=province')).body.items[0].id })).body;
    await operator.post<Attendee>(`/api/meetings/${meeting.id}/endpoints/${langSon.id}/attendees`, { fullName: 'Đoàn Thu Hà', position: 'Phó Chủ tịch UBND tỉnh', walkIn: true });
    await organizer.post(`/api/meetings/${meeting.id}/transitions`, { action: 'schedule' });
    await chair.post(`/api/meetings/${meeting.id}/transitions`, { action: 'start' });

    // bypassCSP: waitForFunction's string predicates are evaluated by Playwright with eval, which the app's CSP
    // forbids; the app itself is held to its CSP in shell.browser-spec.ts.
    const opPage = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true })).newPage();
    await signIn(opPage, api.baseUrl, 'langson');
    await opPage.goto(`${api.baseUrl}/meetings/${meeting.id}/console/${langSon.id}`);
    await opPage.getByTestId('speech-kind').selectOption('prepared');
    await opPage.getByTestId('speech-topic').fill('Hội nhập quốc tế với nước láng giềng');
    await opPage.getByTestId('speech-submit').click();
    await opPage.getByTestId('my-request').and(opPage.locator('[data-status=pending]')).waitFor();

    const chairPage = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true })).newPage();
    await signIn(chairPage, api.baseUrl, 'chair');
    await chairPage.goto(`${api.baseUrl}/meetings/${meeting.id}/floor`);
    const pending = chairPage.locator('[data-testid=pending-item][data-name="Đoàn Thu Hà"]');
    await pending.getByTestId('approve').click();
    await chairPage.locator('[data-testid=queue-item][data-name="Đoàn Thu Hà"]').waitFor();
    await opPage.getByTestId('my-request').and(opPage.locator('[data-status=queued]')).getByText('#1').waitFor();

    const viewerPage = await (await browser.newContext({ viewport: { width: 1200, height: 800 }, bypassCSP: true })).newPage();
    await signIn(viewerPage, api.baseUrl, 'viewer');
    await viewerPage.goto(`${api.baseUrl}/meetings/${meeting.id}/live`);
    await viewerPage.getByTestId('next-speakers').getByText('Đoàn Thu Hà').waitFor();

    await chairPage.getByTestId('floor-next').click();
    await viewerPage.getByTestId('current-speaker-name').getByText('Đoàn Thu Hà').waitFor();
    await viewerPage.getByTestId('current-speaker').getByText('“Hội nhập quốc tế với nước láng giềng”').waitFor();
    const countdown = viewerPage.getByTestId('countdown');
    const first = Number(await countdown.getAttribute('data-seconds'));
    expect(first).toBeGreaterThan(280);
    expect(first).toBeLessThanOrEqual(300);
    // The countdown moves with the server clock.
    await viewerPage.waitForFunction(`Number(document.querySelector('[data-testid=countdown]')?.getAttribute('data-seconds')) < ${first}`);
    await opPage.getByTestId('my-request').and(opPage.locator('[data-status=speaking]')).waitFor();
    await viewerPage.screenshot({ path: artifact('live.png') });
    await chairPage.screenshot({ path: artifact('floor.png') });

    await chairPage.getByTestId('floor-end').click();
    await viewerPage.getByTestId('current-speaker').getByText('Chưa có ai phát biểu').waitFor();
    await opPage.getByTestId('my-request').and(opPage.locator('[data-status=done]')).waitFor();
  });
});
