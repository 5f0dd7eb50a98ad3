import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { AccountView, BulkInviteResult, MeetingWriteResult, Organization, OrganizationPage } from '@app/contracts';
import { UserSession } from '../support/session';
import { BROWSER_ADMIN_PASSWORD, keepShots, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { localDay } from '../support/time';

/** Where the coordinator looks at this branch's pages. */
const SHOTS = process.env.SHOTS_DIR ?? '';
async function shots(page: Page, name: string) {
  const result = await keepShots(page, name);
  for (const r of Object.values(result)) {
    expect(r.scrollsSideways).toBe(false);
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      copyFileSync(r.path, join(SHOTS, basename(r.path)));
    }
  }
}

describe('a national conference down to the communes in chromium', () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess({ SEED_COMMUNES: 'true', ROLLUP_EVERY_MS: '300' }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('the chair’s wall shows the provinces with their communes; the province enters a commune’s headcount by phone; the commune reports its own', async () => {
    const admin = await UserSession.signIn(api.baseUrl, 'admin', BROWSER_ADMIN_PASSWORD);
    const chair = await UserSession.signIn(api.baseUrl, 'chair', BROWSER_ADMIN_PASSWORD);
    const find = async (code: string) => (await admin.get<OrganizationPage>(`/api/organizations?q=${code}&limit=50`)).body.items.find((o) => o.code === code)!;
    const vpcp = await find('VPCP');
    const ls = await find('LANG_SON');
    const meeting = (
      await admin.post<MeetingWriteResult>('/api/meetings', {
        kind: 'conference',
        title: 'Hội nghị toàn quốc quán triệt Nghị quyết đến cấp xã',
        hostOrganizationId: vpcp.id,
        chairId: chair.account.id,
        scheduledStart: `${localDay(1)}T08:00`,
        scheduledEnd: `${localDay(1)}T11:00`,
      })
    ).body.meeting;
    const invited = (await admin.post<BulkInviteResult>(`/api/meetings/${meeting.id}/endpoints/bulk`, { mode: 'all_provinces_and_communes', overrideConflicts: true })).body.added;
    expect(invited.length).toBe(34 + 3320);
    // the Lạng Sơn operator (demo account "langson") runs the province's endpoint; a commune with its own operator
    const lsEndpoint = invited.find((e) => e.organizationId === ls.id)!;
    const communes = (await admin.get<OrganizationPage>(`/api/organizations?kind=commune&parentId=${ls.id}&limit=100`)).body.items;
    const tamThanh = communes.find((c) => c.shortName === 'Phường Tam Thanh')! as Organization;
    const tamThanhEndpoint = invited.find((e) => e.organizationId === tamThanh.id)!;
    const commonPassword = 'Mật khẩu cán bộ xã 2026';
    const op = (
      await admin.post<AccountView>('/api/accounts', { username: 'tamthanh', fullName: 'Hoàng Thị Lan', password: commonPassword, organizationId: tamThanh.id, roles: [{ role: 'endpoint_operator', organizationId: tamThanh.id }] })
    ).body;
    expect((await admin.put(`/api/meetings/${meeting.id}/endpoints/${tamThanhEndpoint.id}/operators`, { operatorIds: [op.id] })).status).toBe(200);
    expect((await admin.patch(`/api/meetings/${meeting.id}/endpoints/${tamThanhEndpoint.id}/site`, { capacity: 120 })).status).toBe(200);
    const lsOp = await UserSession.signIn(api.baseUrl, 'langson', BROWSER_ADMIN_PASSWORD);
    expect(lsEndpoint.operators.some((o) => o.id === lsOp.account.id)).toBe(true);

    // the commune's console: its headcount form
    const communePage = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(communePage, api.baseUrl, 'tamthanh', commonPassword);
    await communePage.goto(`${api.baseUrl}/meetings/${meeting.id}/console/${tamThanhEndpoint.id}`);
    await communePage.getByTestId('console-presence').getByText('Đã kết nối').waitFor();
    await communePage.getByTestId('headcount-leaders').fill('5');
    await communePage.getByTestId('headcount-officials').fill('18');
    await communePage.getByTestId('headcount-members').fill('97');
    await communePage.getByTestId('headcount-total').getByText('120').waitFor();
    await communePage.getByTestId('headcount-submit').click();
    await communePage.getByText('Đã ghi nhận 120 người').waitFor();
    // above its capacity: refused, in Vietnamese, by code
    await communePage.getByTestId('headcount-members').fill('98');
    await communePage.getByTestId('headcount-submit').click();
    await communePage.getByText('Số người (121) vượt quá sức chứa của điểm cầu (120).').waitFor();
    await shots(communePage, 'communes-console');

    // the chair's wall: 34 tiles, Lạng Sơn with 1 of its 65 communes connected and 120 people
    const chairPage = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(chairPage, api.baseUrl, 'chair');
    await chairPage.goto(`${api.baseUrl}/meetings/${meeting.id}/sites`);
    await chairPage.getByTestId('site-tile').nth(33).waitFor();
    expect(await chairPage.getByTestId('site-tile').count()).toBe(34);
    const lsTile = chairPage.locator('[data-testid=site-tile][data-name="Lạng Sơn"]');
    await lsTile.getByTestId('site-tile-children').getByText('1/65 xã đã kết nối').waitFor();
    await lsTile.getByTestId('site-tile-people').getByText('120 đại biểu').waitFor();
    await chairPage.getByTestId('national-totals').getByText('1/3.354 điểm cầu đã kết nối').waitFor();
    await chairPage.getByTestId('missing-toggle').click();
    await chairPage.getByTestId('missing-list').getByText('Phường Đông Kinh').first().waitFor();
    await shots(chairPage, 'communes-wall-missing');
    await chairPage.getByTestId('missing-toggle').click();
    await shots(chairPage, 'communes-wall');

    // the province operator: its communes, a commune reporting by phone
    const provincePage = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(provincePage, api.baseUrl, 'langson');
    await provincePage.goto(`${api.baseUrl}/meetings/${meeting.id}/sites/${lsEndpoint.id}`);
    await provincePage.getByTestId('commune-row').nth(64).waitFor();
    const row = provincePage.locator('[data-testid=commune-row][data-name="Xã Đình Lập"]');
    await row.getByTestId('phone-entry').click();
    const dialog = provincePage.getByTestId('phone-dialog');
    await dialog.getByTestId('headcount-leaders').fill('3');
    await dialog.getByTestId('headcount-officials').fill('12');
    await dialog.getByTestId('headcount-members').fill('45');
    await dialog.getByTestId('headcount-submit').click();
    await dialog.getByText('Đã ghi nhận 60 người').waitFor();
    await shots(provincePage, 'communes-phone-dialog');
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('3 · 12 · 45, qua điện thoại', { exact: false }).waitFor();
    await provincePage.getByTestId('province-summary').getByText('Lạng Sơn: 1/65 xã đã kết nối, 180 đại biểu').waitFor();
    await shots(provincePage, 'communes-province');

    // the wall follows through the roll-up events, and drills down to the communes
    await lsTile.getByTestId('site-tile-people').getByText('180 đại biểu').waitFor();
    await lsTile.click();
    await chairPage.getByTestId('commune-row').nth(64).waitFor();
    // the chair sees, but does not manage a province's communes: no join codes, no actions
    expect(await chairPage.getByTestId('phone-entry').count()).toBe(0);
    await shots(chairPage, 'communes-drilldown');
  });
});
