import type { Browser, Page } from 'playwright-core';
import type { Attendee, Meeting, MeetingEndpoint, MeetingWriteResult, MinutesState, Organization, Page as ApiPage, SpeakersState } from '@app/contracts';
import { UserSession } from '../support/session';
import { BROWSER_ADMIN_PASSWORD, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { localDay } from '../support/time';

/** Every action that cannot be undone asks in a dialog first; the dialogs are shot on a desktop and a phone. */
describe('confirmations in chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/shots-dialogs/${name}.png` }).catch(() => undefined);

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  const newMeeting = async (organizer: UserSession, title: string, extra: Record<string, unknown> = {}) => {
    const bng = (await organizer.get<ApiPage<Organization>>('/api/organizations?limit=100')).body.items.find((o) => o.code === 'BNG')!;
    return (
      await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'seminar',
        title,
        hostOrganizationId: bng.id,
        visibility: 'public',
        scheduledStart: `${localDay(1)}T14:00`,
        scheduledEnd: `${localDay(1)}T17:00`,
        ...extra,
      })
    ).body.meeting;
  };
  const pageFor = async (username: string, width = 1440, height = 900) => {
    const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
    await signIn(page, api.baseUrl, username);
    return page;
  };

  it('the chair rejects a request with a reason; Escape closes the dialog without rejecting', async () => {
    const organizer = await UserSession.signIn(api.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD);
    const chair = await UserSession.signIn(api.baseUrl, 'chair', BROWSER_ADMIN_PASSWORD);
    const operator = await UserSession.signIn(api.baseUrl, 'langson', BROWSER_ADMIN_PASSWORD);
    const meeting = await newMeeting(organizer, 'Tọa đàm về hội nhập', { chairId: chair.account.id });
    const langSon = (await organizer.post<MeetingEndpoint>(`/api/meetings/${meeting.id}/endpoints`, { organizationId: (await organizer.get<ApiPage<Organization>>('/api/organizations?q=lang%20son&kind=province')).body.items[0].id })).body;
    const attendee = (await operator.post<Attendee>(`/api/meetings/${meeting.id}/endpoints/${langSon.id}/attendees`, { fullName: 'Đoàn Thu Hà', position: 'Phó Chủ tịch UBND tỉnh', walkIn: true })).body;
    await organizer.post(`/api/meetings/${meeting.id}/transitions`, { action: 'schedule' });
    await chair.post(`/api/meetings/${meeting.id}/transitions`, { action: 'start' });
    const request = (await operator.post<{ id: string }>(`/api/meetings/${meeting.id}/speech-requests`, { endpointId: langSon.id, attendeeId: attendee.id, kind: 'contribution', topic: 'Thu hút đầu tư vào khu kinh tế cửa khẩu' })).body;

    const page = await pageFor('chair');
    await page.goto(`${api.baseUrl}/meetings/${meeting.id}/floor`);
    const item = page.locator('[data-testid=pending-item][data-name="Đoàn Thu Hà"]');
    await item.getByTestId('reject').click();
    const dialog = page.getByRole('dialog', { name: 'Từ chối đăng ký phát biểu' });
    await dialog.getByText('Từ chối đăng ký phát biểu của Đoàn Thu Hà', { exact: false }).waitFor();
    await dialog.getByText('«Thu hút đầu tư vào khu kinh tế cửa khẩu»', { exact: false }).waitFor();
    expect(await dialog.getByTestId('confirm-reason').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const still = (await chair.get<SpeakersState>(`/api/meetings/${meeting.id}/speakers`)).body.requests.find((r) => r.id === request.id)!;
    expect(still.status).toBe('pending');

    await item.getByTestId('reject').click();
    // no reason: the dialog says so and stays
    await dialog.getByTestId('confirm-submit').click();
    await dialog.getByTestId('confirm-reason-error').getByText('Vui lòng nhập lý do.').waitFor();
    await dialog.getByTestId('confirm-reason').fill('Nội dung đã được Bộ Công Thương trình bày');
    await shot(page, 'reject-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'reject-390');
    await dialog.getByTestId('confirm-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await item.waitFor({ state: 'detached' });
    const rejected = (await chair.get<SpeakersState>(`/api/meetings/${meeting.id}/speakers`)).body.requests.find((r) => r.id === request.id)!;
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: 'Nội dung đã được Bộ Công Thương trình bày' });

    // ending asks first; going back changes nothing
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${api.baseUrl}/meetings/${meeting.id}`);
    await page.getByTestId('action-end').click();
    const end = page.getByRole('dialog', { name: 'Kết thúc cuộc họp' });
    await end.getByText('Kết thúc cuộc họp «Tọa đàm về hội nhập»? Các điểm cầu sẽ bị ngắt và báo cáo tổng hợp sẽ được lập.').waitFor();
    await shot(page, 'end-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'end-390');
    await end.getByTestId('confirm-cancel').click();
    await end.waitFor({ state: 'detached' });
    expect(await page.getByTestId('action-end').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect((await chair.get<Meeting>(`/api/meetings/${meeting.id}`)).body.status).toBe('live');
    await page.getByTestId('action-end').click();
    await end.getByTestId('confirm-submit').click();
    await end.waitFor({ state: 'detached' });
    await page.getByTestId('action-end').waitFor({ state: 'detached' });
    expect((await chair.get<Meeting>(`/api/meetings/${meeting.id}`)).body.status).toBe('ended');
  });

  it('the organizer postpones with date-time pickers; an end before the start is refused in the dialog', async () => {
    const organizer = await UserSession.signIn(api.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD);
    const meeting = await newMeeting(organizer, 'Hội nghị trực tuyến toàn quốc');
    await organizer.post(`/api/meetings/${meeting.id}/transitions`, { action: 'schedule' });
    const page = await pageFor('organizer');
    await page.goto(`${api.baseUrl}/meetings/${meeting.id}`);
    await page.getByTestId('action-postpone').click();
    const dialog = page.getByRole('dialog', { name: 'Dời lịch cuộc họp' });
    await dialog.getByTestId('postpone-reason').fill('Lãnh đạo Chính phủ bận công tác đột xuất');
    const day = localDay(3);
    await dialog.getByTestId('postpone-start').fill(`${day}T09:30`);
    await dialog.getByTestId('postpone-end').fill(`${day}T08:00`);
    await dialog.getByTestId('postpone-submit').click();
    await dialog.getByTestId('postpone-scheduledEnd-error').getByText('phải sau thời điểm bắt đầu').waitFor();
    await shot(page, 'postpone-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'postpone-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await dialog.getByTestId('postpone-end').fill(`${day}T11:45`);
    await dialog.getByTestId('postpone-submit').click();
    await dialog.waitFor({ state: 'detached' });
    const [y, m, d] = day.split('-');
    await page.getByTestId('meeting-times').getByText(`${d}/${m}/${y} 09:30 – ${d}/${m}/${y} 11:45`).waitFor();
    const after = (await organizer.get<Meeting>(`/api/meetings/${meeting.id}`)).body;
    expect(after.scheduledStart).toBe(new Date(`${day}T09:30:00+07:00`).toISOString());
    expect(after.scheduledEnd).toBe(new Date(`${day}T11:45:00+07:00`).toISOString());

    // cancelling needs a reason
    await page.getByTestId('action-cancel').click();
    const cancel = page.getByRole('dialog', { name: 'Hủy cuộc họp' });
    await shot(page, 'cancel-1440');
    await page.keyboard.press('Escape');
    await cancel.waitFor({ state: 'detached' });
  });

  it('deleting a minutes entry asks first', async () => {
    const organizer = await UserSession.signIn(api.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD);
    const secretary = await UserSession.signIn(api.baseUrl, 'secretary', BROWSER_ADMIN_PASSWORD);
    const meeting = await newMeeting(organizer, 'Phiên họp Ban Chỉ đạo', { secretaryIds: [secretary.account.id] });
    await secretary.post(`/api/meetings/${meeting.id}/minutes/entries`, { kind: 'conclusion', text: 'Thống nhất kế hoạch năm 2027.' });
    const page = await pageFor('secretary');
    await page.goto(`${api.baseUrl}/meetings/${meeting.id}/minutes`);
    await page.getByTestId('minutes-entry').first().waitFor();
    await page.getByTestId('minutes-delete').click();
    const dialog = page.getByRole('dialog', { name: 'Xóa mục biên bản' });
    await dialog.getByText('Xóa mục «Kết luận» khỏi dự thảo biên bản?', { exact: false }).waitFor();
    await shot(page, 'minutes-1440');
    await dialog.getByTestId('confirm-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect((await secretary.get<MinutesState>(`/api/meetings/${meeting.id}/minutes`)).body.entries).toHaveLength(1);
    await page.getByTestId('minutes-delete').click();
    await dialog.getByTestId('confirm-submit').click();
    await page.getByTestId('minutes-entry').waitFor({ state: 'detached' });
    expect((await secretary.get<MinutesState>(`/api/meetings/${meeting.id}/minutes`)).body.entries).toHaveLength(0);
  });
});
