import type { Browser, Page } from 'playwright-core';
import type { NotificationPage } from '@app/contracts';
import { UserSession } from '../support/session';
import { newAccount, newPublishedMeeting, orgByCode } from '../support/factories';
import { BROWSER_ADMIN_PASSWORD, keepShotsIn, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { startWorker } from '../support/worker';
import { localDay } from '../support/time';

const SHOTS = '/work/shots/h/followup';

const shots = (page: Page, name: string) => keepShotsIn(SHOTS, page, name);

/**
 * Issue 20 in Chromium: the secretary finds the generated conclusion notice on the report page, rewords a
 * conclusion, issues it after the confirmation, and the lead agency's official is notified.
 */
describe('conclusion notice in chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  let worker: ReturnType<typeof startWorker>;
  let meetingId: string;
  let secretary: { username: string; password: string };
  let lead: UserSession;
  let leadLogin: { username: string; password: string };

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
    worker = startWorker(api);
    const admin = await UserSession.signIn(api.baseUrl, 'admin', BROWSER_ADMIN_PASSWORD);
    const chair = await UserSession.signIn(api.baseUrl, 'chair', BROWSER_ADMIN_PASSWORD);
    const [vpcp, bng, bca, langSon] = [await orgByCode(admin, 'VPCP'), await orgByCode(admin, 'BNG'), await orgByCode(admin, 'BCA'), await orgByCode(admin, 'LANG_SON')];
    const sec = await newAccount(admin, 'secretary', vpcp.id, { fullName: 'Trần Thị Thư' });
    secretary = { username: sec.account.username, password: sec.password };
    const official = await newAccount(admin, 'viewer', bng.id, { fullName: 'Phạm Thu Hằng' });
    leadLogin = { username: official.account.username, password: official.password };
    lead = await official.session();
    meetingId = await newPublishedMeeting(
      { organizer: admin, chair, secretary: await sec.session() },
      {
        title: 'Hội nghị tổng kết 10 năm thực hiện Nghị quyết 22 về hội nhập quốc tế',
        hostOrganizationId: vpcp.id,
        start: `${localDay(1)}T08:00`,
        end: `${localDay(1)}T11:00`,
        conclusions: ['Đánh giá cao kết quả hội nhập quốc tế của các bộ, ngành, địa phương', 'Yêu cầu tiếp tục đẩy mạnh ngoại giao kinh tế'],
        tasks: [
          { text: 'Xây dựng báo cáo tổng kết để trình Chính phủ', leadOrganizationId: bng.id, coOrganizationIds: [bca.id, langSon.id], deadline: `${localDay(30)}` },
          { text: 'Rà soát an ninh khu vực biên giới phía Bắc', leadOrganizationId: bca.id },
        ],
      },
    );
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
    await api?.stop();
  });

  it('previews, rewords and issues the notice; the agencies are notified', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, api.baseUrl, secretary.username, secretary.password);
    await page.goto(`${api.baseUrl}/meetings/${meetingId}/report`);
    const card = page.getByTestId('notice-card');
    await card.and(page.locator('[data-status=done]')).waitFor();
    expect(await page.getByTestId('notice-text').innerText()).toContain('Đánh giá cao kết quả hội nhập quốc tế của các bộ, ngành, địa phương.');
    await card.scrollIntoViewIfNeeded();
    await shots(page, 'notice-draft');

    await page.getByTestId('notice-edit').click();
    await page.getByTestId('notice-conclusions').fill('Ghi nhận kết quả 10 năm hội nhập quốc tế\nGiao các cơ quan đẩy mạnh ngoại giao kinh tế');
    await shots(page, 'notice-editor');
    await page.getByTestId('notice-save').click();
    await page.getByTestId('notice-text').filter({ hasText: 'Ghi nhận kết quả 10 năm hội nhập quốc tế' }).waitFor();
    await card.and(page.locator('[data-status=done]')).waitFor();

    await page.getByTestId('notice-issue').click();
    await page.getByTestId('notice-confirm').waitFor();
    expect(await page.getByTestId('notice-confirm').innerText()).toContain('Bộ Công an, Bộ Ngoại giao');
    await shots(page, 'notice-confirm');
    await page.getByTestId('notice-confirm').getByRole('button', { name: 'Ban hành thông báo' }).click();
    await page.getByTestId('notice-issued').waitFor();
    expect(await page.getByTestId('notice-issue').count()).toBe(0);
    await card.scrollIntoViewIfNeeded();
    await shots(page, 'notice-issued');
    const mine = (await lead.get<NotificationPage>('/api/notifications?unread=true')).body;
    expect(mine.items.map((n) => n.kind)).toContain('notice_issued');

    // the lead agency's official, who does not see the meeting, follows the notification to the issued notice
    const other = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(other, api.baseUrl, leadLogin.username, leadLogin.password);
    await other.getByTestId('notification-bell').click();
    await other.getByTestId('notification-item').filter({ hasText: 'Thông báo kết luận' }).first().click();
    await other.waitForURL(`**/notices/${meetingId}`);
    await other.getByTestId('notice-issued').waitFor();
    expect(await other.getByTestId('notice-text').innerText()).toContain('Ghi nhận kết quả 10 năm hội nhập quốc tế');
    expect(await other.getByTestId('notice-edit').count()).toBe(0);
    await shots(other, 'notice-agency');
  });
});
