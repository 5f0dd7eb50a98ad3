import type { Browser } from 'playwright-core';
import type { AccountView, MeetingWriteResult, Organization, Page as ApiPage } from '@app/contracts';
import { UserSession } from '../support/session';
import { artifact, BROWSER_ADMIN_PASSWORD, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { localDay } from '../support/time';


describe('live minutes in chromium', () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('two secretaries type into the same minutes and a viewer sees both', async () => {
    const admin = await UserSession.signIn(api.baseUrl, 'admin', BROWSER_ADMIN_PASSWORD);
    const organizer = await UserSession.signIn(api.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD);
    const bng = (await admin.get<ApiPage<Organization>>('/api/organizations?q=BNG')).body.items.find((o) => o.code === 'BNG')!;
    const second = (await admin.post<AccountView>('/api/accounts', {
      username: 'thuky2',
      fullName: 'Trần Thị Minh Thư',
      password: BROWSER_ADMIN_PASSWORD,
      organizationId: bng.id,
      roles: [{ role: 'secretary', organizationId: bng.id }],
    })).body;
    const first = (await UserSession.signIn(api.baseUrl, 'secretary', BROWSER_ADMIN_PASSWORD)).account;
    const meeting = (
      await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'plenary',
        title: 'Phiên họp Ban Chỉ đạo',
        hostOrganizationId: bng.id,
        visibility: 'public',
        secretaryIds: [first.id, second.id],
        scheduledStart: `${localDay(1)}T08:00`,
        scheduledEnd: `${localDay(1)}T11:00`,
      })
    ).body.meeting;
    const url = `${api.baseUrl}/meetings/${meeting.id}/minutes`;

    const open = async (username: string) => {
      // bypassCSP: waitForFunction's string predicates are evaluated by Playwright with eval, which the app's CSP
      // forbids; the app itself is held to its CSP in shell.browser-spec.ts.
      const page = await (await browser.newContext({ viewport: { width: 1300, height: 900 }, bypassCSP: true })).newPage();
      await signIn(page, api.baseUrl, username);
      await page.goto(url);
      await page.getByTestId('minutes').waitFor();
      return page;
    };
    const [s1, s2, viewer] = await Promise.all([open('secretary'), open('thuky2'), open('viewer')]);

    await s1.getByTestId('minutes-add-conclusion').click();
    await s2.getByTestId('minutes-entry').first().waitFor();
    await s2.getByTestId('minutes-add-note').click();
    await s1.getByTestId('minutes-entry').nth(1).waitFor();

    await s1.getByTestId('minutes-text').nth(0).pressSequentially('Thủ tướng Chính phủ kết luận: tiếp tục hội nhập quốc tế sâu rộng.', { delay: 5 });
    await s2.getByTestId('minutes-text').nth(1).pressSequentially('Đại diện tỉnh Lạng Sơn báo cáo tham luận.', { delay: 5 });

    await viewer.getByTestId('minutes').getByText('Thủ tướng Chính phủ kết luận: tiếp tục hội nhập quốc tế sâu rộng.').waitFor();
    await viewer.getByTestId('minutes').getByText('Đại diện tỉnh Lạng Sơn báo cáo tham luận.').waitFor();
    // Each secretary sees the other's text too, and the viewer cannot edit.
    await s2.waitForFunction(`document.querySelectorAll('[data-testid=minutes-text]')[0]?.value.includes('hội nhập quốc tế sâu rộng')`);
    await s1.waitForFunction(`document.querySelectorAll('[data-testid=minutes-text]')[1]?.value.includes('báo cáo tham luận')`);
    expect(await viewer.getByTestId('minutes-text').count()).toBe(0);
    await viewer.screenshot({ path: artifact('minutes.png') });
  });
});
