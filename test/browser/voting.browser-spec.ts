import type { Browser } from 'playwright-core';
import type { Attendee, MeetingEndpoint, MeetingWriteResult, Organization, Page as ApiPage } from '@app/contracts';
import { UserSession } from '../support/session';
import { artifact, BROWSER_ADMIN_PASSWORD, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { localDay } from '../support/time';

describe('voting in chromium', () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('the chair builds and opens a poll, the site prints slips, a delegate votes on a 390 px phone from the QR link, the chair sees the turnout and closes', async () => {
    const organizer = await UserSession.signIn(api.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD);
    const chair = await UserSession.signIn(api.baseUrl, 'chair', BROWSER_ADMIN_PASSWORD);
    const operator = await UserSession.signIn(api.baseUrl, 'langson', BROWSER_ADMIN_PASSWORD);
    const bng = (await organizer.get<ApiPage<Organization>>('/api/organizations?limit=100')).body.items.find((o) => o.code === 'BNG')!;
    const meeting = (
      await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'plenary',
        title: 'Kỳ họp Hội đồng nhân dân',
        hostOrganizationId: bng.id,
        chairId: chair.account.id,
        visibility: 'public',
        scheduledStart: `${localDay(1)}T14:00`,
        scheduledEnd: `${localDay(1)}T17:00`,
      })
    ).body.meeting;
    const langSon = (await organizer.post<MeetingEndpoint>(`/api/meetings/${meeting.id}/endpoints`, { organizationId: (await organizer.get<ApiPage<Organization>>('/api/organizations?q=lang%20son&kind=province')).body.items[0].id })).body;
    for (const fullName of ['Đoàn Thu Hà', 'Hoàng Văn Nam', 'Lý Thị Mai']) {
      await operator.post<Attendee>(`/api/meetings/${meeting.id}/endpoints/${langSon.id}/attendees`, { fullName, position: 'Đại biểu', walkIn: true });
    }
    await organizer.post(`/api/meetings/${meeting.id}/transitions`, { action: 'schedule' });
    await chair.post(`/api/meetings/${meeting.id}/transitions`, { action: 'start' });

    const chairPage = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await signIn(chairPage, api.baseUrl, 'chair');
    await chairPage.goto(`${api.baseUrl}/meetings/${meeting.id}/voting`);
    await chairPage.getByTestId('poll-question').fill('Thông qua Nghị quyết về kế hoạch đầu tư công');
    await chairPage.getByTestId('poll-create').click();
    await chairPage.getByTestId('poll-open').click();
    await chairPage.getByTestId('poll-turnout').getByText('Đã biểu quyết: 0 đại biểu').waitFor();

    const opPage = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    await signIn(opPage, api.baseUrl, 'langson');
    await opPage.goto(`${api.baseUrl}/meetings/${meeting.id}/voting`);
    await opPage.getByTestId('make-slips').click();
    await opPage.getByTestId('slip').first().waitFor();
    expect(await opPage.getByTestId('slip').count()).toBe(3);
    const link = (await opPage.getByTestId('slip-link').first().getAttribute('href'))!;
    expect(link).toMatch(/\/phieu#[A-Za-z0-9_-]{32}$/);
    await opPage.screenshot({ path: artifact('voting-slips.png') });

    // the delegate's phone: no account, the link from the QR code
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await phone.goto(link);
    await phone.getByTestId('choose-no').click();
    await phone.getByTestId('ballot-recorded').getByText('Đã ghi nhận: Không tán thành').waitFor();
    await phone.getByTestId('choose-yes').click();
    await phone.getByTestId('ballot-recorded').getByText('Đã ghi nhận: Tán thành').waitFor();
    // one big button per choice, nothing wider than the phone
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const box = (await phone.getByTestId('choose-yes').boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    expect(box.height).toBeGreaterThanOrEqual(48);
    await phone.screenshot({ path: artifact('voting-phone.png') });

    // the chair sees how many voted (not how), and closes
    await chairPage.getByTestId('poll-turnout').getByText('Đã biểu quyết: 1 đại biểu').waitFor();
    await chairPage.getByTestId('poll-close').click();
    await chairPage.getByTestId('confirm-submit').click();
    await chairPage.getByTestId('poll-result').waitFor();
    expect(await chairPage.getByTestId('result-yes').textContent()).toContain('1');
    expect(await chairPage.getByTestId('poll-outcome').textContent()).toBe('Không được thông qua');
    await chairPage.screenshot({ path: artifact('voting-result.png') });

    // the phone, left open as it was: the next poll comes to it over its socket, no reload and well
    // before its 15 s fallback read (a closed poll leaves no buttons behind)
    await phone.getByTestId('ballot-waiting').waitFor({ timeout: 5_000 });
    await chairPage.getByTestId('poll-question').fill('Thông qua Chương trình kỳ họp');
    await chairPage.getByTestId('poll-create').click();
    await chairPage.getByTestId('poll-open').click();
    await phone.getByText('Thông qua Chương trình kỳ họp').waitFor({ timeout: 5_000 });
    await phone.getByTestId('choose-yes').click();
    await phone.getByTestId('ballot-recorded').getByText('Đã ghi nhận: Tán thành').waitFor();
    await chairPage.getByTestId('poll-turnout').getByText('Đã biểu quyết: 1 đại biểu').waitFor();
  });
});
