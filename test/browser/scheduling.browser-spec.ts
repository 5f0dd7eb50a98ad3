import type { Browser, Page } from 'playwright-core';
import type { EndpointWall, Meeting, MeetingEndpoint, MeetingWriteResult, Organization, Page as ApiPage } from '@app/contracts';
import { UserSession } from '../support/session';
import { BROWSER_ADMIN_PASSWORD, keepShots, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { localDay } from '../support/time';

/** Scheduling as its users meet it: conflicts, the host's operators, join codes, my meetings, the calendar. */
describe('scheduling in chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  let admin: UserSession;
  let organizer: UserSession;
  let chair: UserSession;
  let bng: Organization;
  let langSon: Organization;
  const DAY = localDay(3);
  const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
    [admin, organizer, chair] = await Promise.all(['admin', 'organizer', 'chair'].map((u) => UserSession.signIn(api.baseUrl, u, BROWSER_ADMIN_PASSWORD)));
    const orgs = (await organizer.get<ApiPage<Organization>>('/api/organizations?limit=200')).body.items;
    bng = orgs.find((o) => o.code === 'BNG')!;
    langSon = (await organizer.get<ApiPage<Organization>>('/api/organizations?q=lang%20son&kind=province')).body.items[0];
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  const newMeeting = async (title: string, from: string, to: string, extra: Record<string, unknown> = {}) => {
    const res = await organizer.post<MeetingWriteResult>('/api/meetings', { kind: 'conference', title, hostOrganizationId: bng.id, visibility: 'public', scheduledStart: `${DAY}T${from}`, scheduledEnd: `${DAY}T${to}`, ...extra });
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body.meeting;
  };
  const pageFor = async (username: string, password = BROWSER_ADMIN_PASSWORD) => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(page, api.baseUrl, username, password);
    return page;
  };
  /** Waits for a condition the server reports (no fixed sleeps): polls `read` until `ok`. */
  const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await read();
      if (ok(v)) return v;
      if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(v).slice(0, 300)}`);
      await new Promise((r) => setImmediate(r));
    }
  };
  const endpointsOf = async (id: string) => (await organizer.get<MeetingEndpoint[]>(`/api/meetings/${id}/endpoints`)).body;

  it('lists a conflict by person and by site, goes back without a change, and schedules anyway on "Vẫn lên lịch"', async () => {
    const first = await newMeeting('Hội nghị tổng kết công tác đối ngoại', '14:00', '16:00', { chairId: chair.account.id });
    await organizer.post(`/api/meetings/${first.id}/endpoints`, { organizationId: langSon.id });
    const second = await newMeeting('Hội nghị trực tuyến toàn quốc về chuyển đổi số', '15:00', '17:00', { chairId: chair.account.id, overrideConflicts: true });

    const page = await pageFor('organizer');
    await page.goto(`${api.baseUrl}/meetings/${second.id}`);
    await page.getByTestId('meeting-heading').getByText('Hội nghị trực tuyến toàn quốc về chuyển đổi số').waitFor();
    expect(await keepShots(page, 'meeting-page')).toMatchObject({ '390x844': { scrollsSideways: false } });

    // scheduling: the chair is booked elsewhere
    await page.getByTestId('action-schedule').click();
    const dialog = page.getByRole('dialog', { name: 'Trùng lịch' });
    await dialog.getByTestId('conflict-people').getByText(`Nguyễn Minh Vũ (chủ trì): đã có Hội nghị tổng kết công tác đối ngoại ${dmy(DAY)} 14:00–16:00`).waitFor();
    await dialog.getByTestId('conflict-back').click();
    await dialog.waitFor({ state: 'detached' });
    expect((await organizer.get<Meeting>(`/api/meetings/${second.id}`)).body.status).toBe('draft');
    await page.getByTestId('action-schedule').click();
    await dialog.getByTestId('conflict-override').click();
    await dialog.waitFor({ state: 'detached' });
    await until(() => organizer.get<Meeting>(`/api/meetings/${second.id}`), (r) => r.body.status === 'scheduled');

    // inviting all 34 provinces: Lạng Sơn is in the other meeting
    await page.getByTestId('invite-all-provinces').click();
    const sites = dialog.getByTestId('conflict-sites');
    await sites.getByText(`Lạng Sơn: đã có Hội nghị tổng kết công tác đối ngoại ${dmy(DAY)} 14:00–16:00`).waitFor();
    await dialog.getByText('Thời gian này trùng với lịch họp khác của 1 điểm cầu:').waitFor();
    const shots = await keepShots(page, 'conflict-dialog');
    expect(shots['390x844'].scrollsSideways).toBe(false);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await endpointsOf(second.id)).toEqual([]);
    await page.getByTestId('invite-all-provinces').click();
    await dialog.getByTestId('conflict-override').click();
    await page.getByTestId('endpoint-count').getByText('(34)').waitFor();
    expect(await endpointsOf(second.id)).toHaveLength(34);
    await page.context().close();
  });

  it('the new-meeting form and the postpone dialog list a clash instead of an error, and save only on "Vẫn lên lịch"', async () => {
    const other = localDay(5);
    const booked = await newMeeting('Hội nghị giao ban ngành ngoại giao', '08:00', '10:00', { chairId: chair.account.id, scheduledStart: `${other}T08:00`, scheduledEnd: `${other}T10:00` });
    const page = await pageFor('organizer');
    await page.goto(`${api.baseUrl}/meetings/new`);
    await page.getByTestId('meeting-title').fill('Họp chuyên đề về công tác lãnh sự');
    await page.getByTestId('meeting-start').fill(`${other}T09:00`);
    await page.getByTestId('meeting-end').fill(`${other}T11:00`);
    await page.getByTestId('meeting-host').getByText('BNG').waitFor();
    await page.getByTestId('meeting-chair').fill('minh vu');
    await page.getByRole('button', { name: /Nguyễn Minh Vũ/ }).click();
    const before = (await organizer.get<ApiPage<Meeting>>('/api/meetings?limit=1')).body.total;
    await page.getByTestId('meeting-save').click();
    const dialog = page.getByRole('dialog', { name: 'Trùng lịch' });
    await dialog.getByText(`Nguyễn Minh Vũ (chủ trì): đã có Hội nghị giao ban ngành ngoại giao ${dmy(other)} 08:00–10:00`).waitFor();
    await dialog.getByTestId('conflict-back').click();
    await dialog.waitFor({ state: 'detached' });
    expect((await organizer.get<ApiPage<Meeting>>('/api/meetings?limit=1')).body.total).toBe(before);
    await page.getByTestId('meeting-save').click();
    await dialog.getByTestId('conflict-override').click();
    await page.getByTestId('meeting-heading').getByText('Họp chuyên đề về công tác lãnh sự').waitFor();
    const createdId = new URL(page.url()).pathname.split('/').pop()!;
    expect((await organizer.get<Meeting>(`/api/meetings/${createdId}`)).body).toMatchObject({ chair: { fullName: 'Nguyễn Minh Vũ' }, scheduledStart: new Date(`${other}T09:00:00+07:00`).toISOString() });

    // postponing the booked meeting onto another of the chair's: the list again, and nothing moves until overridden
    const target = await newMeeting('Làm việc với Đại sứ quán', '14:00', '15:00', { chairId: chair.account.id, scheduledStart: `${other}T14:00`, scheduledEnd: `${other}T15:00` });
    await organizer.post(`/api/meetings/${booked.id}/transitions`, { action: 'schedule', overrideConflicts: true });
    await page.goto(`${api.baseUrl}/meetings/${booked.id}`);
    await page.getByTestId('action-postpone').click();
    const postpone = page.getByTestId('postpone-dialog');
    await postpone.getByTestId('postpone-reason').fill('Trùng lịch công tác của lãnh đạo Bộ');
    await postpone.getByTestId('postpone-start').fill(`${other}T14:30`);
    await postpone.getByTestId('postpone-end').fill(`${other}T16:00`);
    await postpone.getByTestId('postpone-submit').click();
    await dialog.getByText(`Nguyễn Minh Vũ (chủ trì): đã có ${target.title} ${dmy(other)} 14:00–15:00`, { exact: false }).waitFor();
    expect((await organizer.get<Meeting>(`/api/meetings/${booked.id}`)).body.scheduledStart).toBe(booked.scheduledStart);
    await dialog.getByTestId('conflict-override').click();
    await dialog.waitFor({ state: 'detached' });
    await until(() => organizer.get<Meeting>(`/api/meetings/${booked.id}`), (r) => r.body.scheduledStart === new Date(`${other}T14:30:00+07:00`).toISOString());
    await page.context().close();
  });

  it('assigns an operator to the host endpoint from the meeting page; with the join code the operator reaches its console and connects it', async () => {
    const created = await admin.post<{ id: string; username: string }>('/api/accounts', {
      username: 'ky-thuat-hoi-truong',
      fullName: 'Trần Quốc Đạt',
      position: 'Kỹ thuật viên hội trường',
      password: 'Mật khẩu hội trường 2026',
      organizationId: bng.id,
      roles: [{ role: 'viewer', organizationId: bng.id }],
    });
    expect(created.status).toBe(201);
    const meeting = await newMeeting('Phiên họp toàn thể tháng mười hai', '08:00', '11:00');

    const page = await pageFor('organizer');
    await page.goto(`${api.baseUrl}/meetings/${meeting.id}`);
    await page.getByTestId('no-host').waitFor();
    await page.getByTestId('add-host').click();
    const hostRow = page.locator('[data-testid=endpoint-row]', { hasText: 'Điểm cầu chủ trì' });
    await hostRow.getByText('Chưa phân công').waitFor();
    await page.getByTestId('no-host').waitFor({ state: 'detached' });
    await hostRow.getByTestId('endpoint-assign').click();
    const dialog = page.getByRole('dialog', { name: /^Cán bộ điểm cầu — / });
    await dialog.getByTestId('operator-picker').fill('Trần Quốc');
    await dialog.getByRole('button', { name: /Trần Quốc Đạt/ }).click();
    await dialog.getByTestId('operator-chips').getByText('Trần Quốc Đạt').waitFor();
    await dialog.getByTestId('operators-save').click();
    await dialog.waitFor({ state: 'detached' });
    await hostRow.getByTestId('endpoint-operators').getByText('Trần Quốc Đạt').waitFor();
    const host = (await endpointsOf(meeting.id)).find((e) => e.isHost)!;
    expect(host.operators.map((o) => o.fullName)).toEqual(['Trần Quốc Đạt']);

    // the operator signs in and types the code from the invitation
    const op = await pageFor('ky-thuat-hoi-truong', 'Mật khẩu hội trường 2026');
    await op.getByTestId('join-code').fill('ZZZZ ZZZZ');
    await op.getByTestId('join-submit').click();
    await op.getByTestId('join-error').getByText('Mã tham gia không đúng, hoặc bạn chưa được phân công làm cán bộ của điểm cầu có mã này.').waitFor();
    expect(new URL(op.url()).pathname).toBe('/');
    await op.getByTestId('join-code').fill('ABC');
    await op.getByTestId('join-submit').click();
    await op.getByTestId('join-error').getByText('phải gồm 8 chữ cái và chữ số của mã tham gia', { exact: false }).waitFor();
    await keepShots(op, 'join-code');
    await op.getByTestId('join-code').fill(host.joinCode.toLowerCase());
    await op.getByTestId('join-submit').click();
    await op.waitForURL(`**/meetings/${meeting.id}/console/${host.id}`);
    const wall = await until(() => organizer.get<EndpointWall>(`/api/meetings/${meeting.id}/wall`), (r) => r.body.connected === 1);
    expect(wall.body).toMatchObject({ connected: 1, total: 1, missing: [] });
    await op.context().close();
    await page.context().close();
  });

  it('"Cuộc họp của tôi" lists a meeting once with all of one’s parts', async () => {
    const meeting = await newMeeting('Họp Ban Chỉ đạo liên ngành', '19:00', '20:00', { chairId: chair.account.id, secretaryIds: [chair.account.id] });
    const page = await pageFor('chair');
    const row = page.locator(`[data-testid=my-meeting][data-title="${meeting.title}"]`);
    await row.waitFor();
    expect(await row.count()).toBe(1);
    expect((await row.getByTestId('my-meeting-roles').innerText()).replace(/\s+/g, ' ').trim()).toBe('Chủ trì · Thư ký');
    expect(await row.getByTestId('my-meeting-time').innerText()).toBe(`${dmy(DAY)} 19:00–20:00`);
    const shots = await keepShots(page, 'my-meetings');
    expect(shots['390x844'].scrollsSideways).toBe(false);
    await page.context().close();
  });

  it('shows a month and a week calendar from Monday with Vietnamese day names, moves back and forth, opens a meeting; a list by day on a phone', async () => {
    const meeting = await newMeeting('Tọa đàm hợp tác kinh tế biên giới', '09:00', '11:30');
    const page = await pageFor('organizer');
    await page.goto(`${api.baseUrl}/meetings?view=month&date=${DAY}`);
    const month = page.getByTestId('cal-month');
    await month.waitFor();
    expect(await month.getByRole('columnheader').allInnerTexts()).toEqual(['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật']);
    const title = `Tháng ${Number(DAY.slice(5, 7))}/${DAY.slice(0, 4)}`;
    await page.getByTestId('cal-title').getByText(title, { exact: true }).waitFor();
    await month.locator(`[data-day="${DAY}"]`).getByText('Tọa đàm hợp tác kinh tế biên giới').waitFor();
    const firstCell = await month.getByRole('gridcell').first().getAttribute('data-day');
    expect(new Date(`${firstCell}T00:00:00Z`).getUTCDay()).toBe(1); // a Monday
    expect(await keepShots(page, 'calendar-month')).toMatchObject({ '390x844': { scrollsSideways: false } });

    await page.getByTestId('cal-next').click();
    await page.getByTestId('cal-title').getByText(title, { exact: true }).waitFor({ state: 'detached' });
    await month.locator(`[data-day="${DAY}"]`).getByText('Tọa đàm hợp tác kinh tế biên giới').waitFor({ state: 'detached' });
    await page.getByTestId('cal-prev').click();
    await page.getByTestId('cal-title').getByText(title, { exact: true }).waitFor();

    await page.getByTestId('view-week').click();
    const week = page.getByTestId('cal-week');
    await week.waitFor();
    await page.getByTestId('cal-title').getByText(/^Tuần \d{2}\/\d{2}\/\d{4} – \d{2}\/\d{2}\/\d{4}$/).waitFor();
    // the month's arrows keep the month's first day, so the week shown is the week of the 1st: step on to DAY's week
    // (DAY is three days from today, so how many weeks that is depends on the date of the run)
    const WEEK_MS = 7 * 86_400_000;
    const mondayOf = (day: string) => {
      const t = Date.parse(`${day}T00:00:00Z`);
      return t - ((new Date(t).getUTCDay() + 6) % 7) * 86_400_000;
    };
    const dmyOf = (t: number) => new Date(t).toISOString().slice(0, 10).split('-').reverse().join('/');
    const firstWeek = mondayOf(`${DAY.slice(0, 8)}01`);
    for (let w = 1; w <= Math.round((mondayOf(DAY) - firstWeek) / WEEK_MS); w++) {
      await page.getByTestId('cal-next').click();
      await page.getByTestId('cal-title').getByText(`Tuần ${dmyOf(firstWeek + w * WEEK_MS)} – ${dmyOf(firstWeek + w * WEEK_MS + 6 * 86_400_000)}`, { exact: true }).waitFor();
    }
    await week.locator(`[data-day="${DAY}"]`).getByText('Tọa đàm hợp tác kinh tế biên giới').waitFor();
    expect(await keepShots(page, 'calendar-week')).toMatchObject({ '390x844': { scrollsSideways: false } });
    await page.getByTestId('cal-next').click();
    await week.locator(`[data-day="${DAY}"]`).waitFor({ state: 'detached' });
    await page.getByTestId('cal-today').click();
    await page.getByTestId('cal-prev').click();
    await page.getByTestId('cal-next').click();
    await page.getByTestId('cal-today').waitFor();

    // a browser set to another zone still shows Vietnam's days and hours
    const abroad = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'America/Los_Angeles' })).newPage();
    await signIn(abroad, api.baseUrl, 'organizer');
    await abroad.goto(`${api.baseUrl}/meetings?view=week&date=${DAY}`);
    await abroad.getByTestId('cal-week').locator(`[data-day="${DAY}"]`).getByText('09:00–11:30').first().waitFor();
    await abroad.context().close();

    // the phone gets the days as a list
    await page.goto(`${api.baseUrl}/meetings?view=week&date=${DAY}`);
    await page.setViewportSize({ width: 390, height: 844 });
    const list = page.getByTestId('cal-daylist');
    await list.locator(`[data-day="${DAY}"]`).getByText('Tọa đàm hợp tác kinh tế biên giới').waitFor();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('cal-week').locator(`[data-day="${DAY}"]`).getByText('Tọa đàm hợp tác kinh tế biên giới').click();
    await page.waitForURL(`**/meetings/${meeting.id}`);
    await page.getByTestId('meeting-heading').getByText('Tọa đàm hợp tác kinh tế biên giới').waitFor();
    await page.context().close();
  });
});
