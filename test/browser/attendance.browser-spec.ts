import type { Browser } from 'playwright-core';
import type { MeetingWriteResult, Organization, Page as ApiPage } from '@app/contracts';
import { UserSession } from '../support/session';
import { artifact, BROWSER_ADMIN_PASSWORD, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { localDay } from '../support/time';


describe('checking in attendees in chromium', () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it("an operator checks in two attendees and the chair's wall updates live", async () => {
    const organizer = await UserSession.signIn(api.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD);
    const chair = await UserSession.signIn(api.baseUrl, 'chair', BROWSER_ADMIN_PASSWORD);
    const bng = (await organizer.get<ApiPage<Organization>>('/api/organizations?q=BNG')).body.items.find((o) => o.code === 'BNG')!;
    const meeting = (
      await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'plenary',
        title: 'Phiên họp lần thứ nhất của Ban Chỉ đạo',
        hostOrganizationId: bng.id,
        chairId: chair.account.id,
        scheduledStart: `${localDay(1)}T08:00`,
        scheduledEnd: `${localDay(1)}T11:00`,
      })
    ).body.meeting;
    await organizer.post(`/api/meetings/${meeting.id}/endpoints/bulk`, { mode: 'all_provinces' });

    const chairPage = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await signIn(chairPage, api.baseUrl, 'chair');
    await chairPage.goto(`${api.baseUrl}/meetings/${meeting.id}/wall`);
    await chairPage.getByTestId('wall-summary').getByText('0/34').waitFor();

    const opPage = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await signIn(opPage, api.baseUrl, 'langson');
    await opPage.goto(`${api.baseUrl}/meetings/${meeting.id}/console`);
    await opPage.getByTestId('console-heading').getByText('Lạng Sơn').waitFor();
    await opPage.getByTestId('console-presence').getByText('Đã kết nối').waitFor();
    await chairPage.getByTestId('wall-summary').getByText('1/34').waitFor();
    const langSonTile = chairPage.locator('[data-testid=wall-tile][data-name="Lạng Sơn"]');
    await langSonTile.and(chairPage.locator('[data-state=connected]')).waitFor();

    // A pasted roster with a bad line is refused whole, with the line named.
    await opPage.getByTestId('roster-csv').fill('Họ và tên,Chức vụ,Vai trò\nĐoàn Thu Hà,Phó Chủ tịch UBND tỉnh,Đại biểu\nNguyễn Văn Thắng,Giám đốc Sở Ngoại vụ,Phóng viên\n');
    await opPage.getByTestId('roster-import').click();
    await opPage.getByTestId('roster-errors').getByText('Dòng 3').waitFor();
    expect(await opPage.getByTestId('roster-row').count()).toBe(0);
    await opPage.getByTestId('roster-csv').fill('Họ và tên,Chức vụ,Vai trò\nĐoàn Thu Hà,Phó Chủ tịch UBND tỉnh,Đại biểu\nNguyễn Văn Thắng,Giám đốc Sở Ngoại vụ,Đại biểu\n');
    await opPage.getByTestId('roster-import').click();
    await opPage.getByTestId('roster-row').nth(1).waitFor();
    await langSonTile.getByTestId('tile-count').getByText('0/2').waitFor();

    for (const name of ['Đoàn Thu Hà', 'Nguyễn Văn Thắng']) {
      const row = opPage.locator(`[data-testid=roster-row][data-name="${name}"]`);
      await row.getByTestId('check-in').click();
      await row.getByTestId('attendee-status').getByText('Có mặt').waitFor();
    }
    await langSonTile.getByTestId('tile-count').getByText('2/2').waitFor();
    await chairPage.getByTestId('wall-present').getByText('2').waitFor();
    await chairPage.screenshot({ path: artifact('wall.png') });
    await opPage.screenshot({ path: artifact('console.png') });

    // The operator closes the console: the chair sees the site drop.
    await opPage.context().close();
    await chairPage.getByTestId('wall-summary').getByText('0/34').waitFor();
  });
});
