import type { Browser, Page } from 'playwright-core';
import type { AssignedTask, Organization, Page as ApiPage } from '@app/contracts';
import { localDateOf } from '@app/contracts';
import { UserSession } from '../support/session';
import { newAccount, newPublishedMeeting, orgByCode } from '../support/factories';
import { BROWSER_ADMIN_PASSWORD, keepShotsIn, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { localDay } from '../support/time';

const inDays = (n: number) => localDateOf(new Date(Date.now() + n * 86_400_000));
const SHOTS = '/work/shots/h/followup';

const shots = (page: Page, name: string) => keepShotsIn(SHOTS, page, name);

/**
 * Issue 20 in Chromium: the lead agency's official finds the task in the register, reports progress and asks
 * for an extension on the task page; the Government Office's secretary grants it and sees the whole timeline.
 */
describe('task follow-up in chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  let task: AssignedTask;
  let lead: { username: string; password: string };
  let secretary: { username: string; password: string };
  let publish: () => Promise<void>;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
    const admin = await UserSession.signIn(api.baseUrl, 'admin', BROWSER_ADMIN_PASSWORD);
    const chair = await UserSession.signIn(api.baseUrl, 'chair', BROWSER_ADMIN_PASSWORD);
    const [vpcp, bng, bca, langSon]: Organization[] = [await orgByCode(admin, 'VPCP'), await orgByCode(admin, 'BNG'), await orgByCode(admin, 'BCA'), await orgByCode(admin, 'LANG_SON')];
    const sec = await newAccount(admin, 'secretary', vpcp.id, { fullName: 'Trần Thị Thư' });
    const official = await newAccount(admin, 'viewer', bng.id, { fullName: 'Phạm Thu Hằng' });
    secretary = { username: sec.account.username, password: sec.password };
    lead = { username: official.account.username, password: official.password };
    const secSession = await sec.session();
    publish = async () => {
      const meetingId = await newPublishedMeeting(
        { organizer: admin, chair, secretary: secSession },
        {
          title: 'Hội nghị tổng kết 10 năm thực hiện Nghị quyết 22',
          hostOrganizationId: vpcp.id,
          start: `${localDay(1)}T08:00`,
          end: `${localDay(1)}T11:00`,
          tasks: [
            { text: 'Giao Bộ Ngoại giao chủ trì, phối hợp với các bộ, ngành, địa phương xây dựng báo cáo trình Chính phủ', leadOrganizationId: bng.id, coOrganizationIds: [bca.id, langSon.id], deadline: inDays(30) },
            { text: 'Giao Bộ Công an rà soát an ninh biên giới', leadOrganizationId: bca.id, deadline: inDays(10) },
          ],
        },
      );
      task = (await admin.get<ApiPage<AssignedTask>>(`/api/tasks?meetingId=${meetingId}&leadOrganizationId=${bng.id}`)).body.items[0];
    };
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('tells the lead agency live of its new task; it reports progress and asks for an extension, and the secretariat grants it', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, api.baseUrl, lead.username, lead.password);
    expect(await page.getByTestId('notification-count').count()).toBe(0);
    // the minutes are published while the official looks at the page: the bell counts it at once
    await publish();
    await page.getByTestId('notification-count').filter({ hasText: '1' }).waitFor();
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-panel').waitFor();
    await shots(page, 'notification-bell');
    expect(await page.getByTestId('notification-item').innerText()).toMatch(/^Nhiệm vụ mới: Giao Bộ Ngoại giao chủ trì/);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('notification-item').click();
    await page.waitForURL(`**/tasks/${task.id}`);
    expect(await page.getByTestId('notification-count').count()).toBe(0);
    await page.getByTestId('progress-form').waitFor();
    await page.getByTestId('progress-form').locator('textarea').fill('Đã hoàn thành dự thảo đề cương, đang lấy ý kiến các bộ, ngành');
    await page.getByTestId('progress-form').getByRole('button').click();
    await page.getByTestId('timeline-item').filter({ hasText: 'Đã hoàn thành dự thảo đề cương' }).waitFor();
    expect(await page.getByTestId('task-status').innerText()).toBe('Đang thực hiện');
    const form = page.getByTestId('extension-form');
    await form.locator('input[type=date]').fill(inDays(45));
    await form.locator('textarea').fill('Chờ số liệu của các địa phương');
    await form.getByRole('button').click();
    await page.getByTestId('extension-pending').waitFor();
    await shots(page, 'task-page-lead');
    await page.close();

    const sec = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(sec, api.baseUrl, secretary.username, secretary.password);
    await sec.goto(`${api.baseUrl}/tasks`);
    await sec.getByTestId('task-dashboard').waitFor();
    await shots(sec, 'task-register');
    await sec.goto(`${api.baseUrl}/tasks/${task.id}`);
    await sec.getByRole('button', { name: 'Đồng ý gia hạn', exact: true }).click();
    await sec.getByTestId('task-status').filter({ hasText: 'Đã gia hạn' }).waitFor();
    const [day, month, year] = [inDays(45).slice(8), inDays(45).slice(5, 7), inDays(45).slice(0, 4)];
    expect(await sec.getByTestId('task-deadline').innerText()).toBe(`${day}/${month}/${year}`);
    const timeline = await sec.getByTestId('timeline-item').allInnerTexts();
    expect(timeline.map((x) => x.split('\n')[0].replace(/\s+\d.*$/, ''))).toEqual(['Đồng ý gia hạn', 'Đề nghị gia hạn', 'Báo cáo tiến độ', 'Giao nhiệm vụ']);
    expect(timeline[2]).toContain('Phạm Thu Hằng (Bộ Ngoại giao)');
    await shots(sec, 'task-page-secretariat');
    await sec.goto(`${api.baseUrl}/notifications/preferences`);
    await sec.getByTestId('notification-email').fill('thu.tt@chinhphu.test');
    await sec.getByLabel('Nhắc việc trước hạn').check();
    await sec.getByRole('button', { name: 'Lưu' }).click();
    await sec.getByRole('status').filter({ hasText: 'Đã lưu' }).waitFor();
    await shots(sec, 'notification-preferences');
    await sec.close();
  });
});
