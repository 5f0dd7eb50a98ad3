import type { Browser, Page } from 'playwright-core';
import type { Agenda, MeetingEndpoint } from '@app/contracts';
import { UserSession } from '../support/session';
import { artifact, BROWSER_ADMIN_PASSWORD, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { localDay } from '../support/time';


describe('planning a meeting in chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('creates a seminar with an agenda of two sessions and the 34 provincial endpoints', async () => {
    await signIn(page, api.baseUrl, 'organizer');
    await page.getByTestId('nav-meetings').click();
    await page.getByTestId('meeting-create').click();
    await page.getByTestId('meeting-kind').selectOption('seminar');
    await page.getByTestId('meeting-title').fill('Tọa đàm “10 năm tích cực, chủ động hội nhập quốc tế của các địa phương”');
    await page.getByTestId('meeting-start').fill(`${localDay(14)}T14:00`);
    await page.getByTestId('meeting-end').fill(`${localDay(14)}T17:00`);
    await page.getByTestId('meeting-host').getByText('BNG').waitFor();
    await page.getByTestId('meeting-chair').fill('minh vu');
    await page.getByRole('button', { name: /Nguyễn Minh Vũ/ }).click();
    await page.getByTestId('meeting-save').click();
    await page.getByTestId('meeting-heading').getByText('Tọa đàm “10 năm').waitFor();
    const meetingId = page.url().split('/').pop()!;

    // Agenda: two sessions ("hai phiên tham luận"), each with items.
    const sessions = [
      ['Phiên 1: Những vấn đề đặt ra trong tiến trình hội nhập quốc tế 10 năm qua', ['Phát biểu khai mạc', 'Tham luận của tỉnh Lạng Sơn']],
      ['Phiên 2: Phương hướng nâng cao hiệu quả hội nhập quốc tế của các địa phương', ['Thảo luận', 'Phát biểu kết luận']],
    ] as const;
    for (const [si, [title, items]] of sessions.entries()) {
      await page.getByTestId('agenda-add-session').click();
      await page.getByTestId('agenda-session-title').nth(si).fill(title);
      for (const item of items) {
        await page.getByTestId('agenda-session').nth(si).getByTestId('agenda-add-item').click();
        await page.getByTestId('agenda-session').nth(si).getByTestId('agenda-item-title').last().fill(item);
      }
    }
    // Drag the second item of session 1 above the first.
    const firstSession = page.getByTestId('agenda-session').first();
    await firstSession.getByTestId('agenda-item').nth(1).dragTo(firstSession.getByTestId('agenda-item').nth(0));
    await page.getByTestId('agenda-save').click();
    await page.getByTestId('agenda-notice').waitFor();

    await page.getByTestId('invite-all-provinces').click();
    await page.getByTestId('endpoint-count').getByText('(34)').waitFor();
    await page.getByTestId('action-schedule').click();
    await page.getByText('Đã lên lịch').first().waitFor();
    await page.screenshot({ path: artifact('meeting.png'), fullPage: true });

    // What the server holds is what the page showed.
    const organizer = await UserSession.signIn(api.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD);
    const agenda = (await organizer.get<Agenda>(`/api/meetings/${meetingId}/agenda`)).body;
    expect(agenda.sessions.map((s) => s.title)).toEqual(sessions.map(([title]) => title));
    expect(agenda.sessions[0].items.map((i) => i.title)).toEqual(['Tham luận của tỉnh Lạng Sơn', 'Phát biểu khai mạc']);
    expect(agenda.sessions[1].items.map((i) => i.title)).toEqual(['Thảo luận', 'Phát biểu kết luận']);
    const endpoints = (await organizer.get<MeetingEndpoint[]>(`/api/meetings/${meetingId}/endpoints`)).body;
    expect(endpoints).toHaveLength(34);
    const ics = await organizer.get<string>(`/api/meetings/${meetingId}/calendar.ics`);
    expect(ics.body).toContain('SUMMARY:Tọa đàm “10 năm');
  });
});
