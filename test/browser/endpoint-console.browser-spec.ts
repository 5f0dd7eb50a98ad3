import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Attendee, MeetingEndpoint, MeetingWriteResult, Organization, Page as ApiPage, SpeechRequest } from '@app/contracts';
import { newAccount } from '../support/factories';
import { UserSession } from '../support/session';
import { BROWSER_ADMIN_PASSWORD, keepShots, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { localDay } from '../support/time';

/**
 * The endpoint console as the site's operator uses it: the site's turn on the floor (banner, chime, countdown,
 * overrun), the next site told "Sắp đến lượt", keeping the roster (import merges, edit, remove, bulk check-in,
 * the roll-call count), the phone width, and the wall after the meeting.
 */
describe('the endpoint console in chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  let organizer: UserSession;
  let chair: UserSession;
  let langSonOp: UserSession;
  let caoBangOp: UserSession;
  let caoBangLogin: { username: string; password: string };
  let meetingId: string;
  let langSon: MeetingEndpoint;
  let caoBang: MeetingEndpoint;
  const contexts: BrowserContext[] = [];

  const openPage = async (username: string, password: string | undefined, path: string, options: { width?: number; height?: number; clock?: boolean } = {}) => {
    // bypassCSP: waitForFunction's string predicates are evaluated by Playwright with eval, which the app's CSP forbids
    const context = await browser.newContext({ viewport: { width: options.width ?? 1440, height: options.height ?? 900 }, bypassCSP: true });
    contexts.push(context);
    if (options.clock) await context.clock.install();
    const page = await context.newPage();
    await signIn(page, api.baseUrl, username, password);
    await page.goto(`${api.baseUrl}${path}`);
    return page;
  };
  // the layout settles in the next frame after a resize
  const settle = (page: Page) => page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  const noSidewaysScroll = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= 390');

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
    const admin = await UserSession.signIn(api.baseUrl, 'admin', BROWSER_ADMIN_PASSWORD);
    organizer = await UserSession.signIn(api.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD);
    chair = await UserSession.signIn(api.baseUrl, 'chair', BROWSER_ADMIN_PASSWORD);
    langSonOp = await UserSession.signIn(api.baseUrl, 'langson', BROWSER_ADMIN_PASSWORD);
    const orgs = (await organizer.get<ApiPage<Organization>>('/api/organizations?limit=200')).body.items;
    const org = (code: string) => orgs.find((o) => o.code === code)!;
    const cb = await newAccount(admin, 'endpoint_operator', org('CAO_BANG').id, { fullName: 'Nông Thị Hoa' });
    caoBangLogin = { username: cb.account.username, password: cb.password };
    caoBangOp = await cb.session();
    const meeting = (
      await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'plenary',
        title: 'Hội nghị trực tuyến về phát triển kinh tế vùng biên giới',
        hostOrganizationId: org('BNG').id,
        chairId: chair.account.id,
        visibility: 'public',
        scheduledStart: `${localDay(1)}T08:00`,
        scheduledEnd: `${localDay(1)}T11:00`,
      })
    ).body.meeting;
    meetingId = meeting.id;
    await organizer.post(`/api/meetings/${meetingId}/endpoints`, { organizationId: org('BNG').id, isHost: true });
    langSon = (await organizer.post<MeetingEndpoint>(`/api/meetings/${meetingId}/endpoints`, { organizationId: org('LANG_SON').id })).body;
    caoBang = (await organizer.post<MeetingEndpoint>(`/api/meetings/${meetingId}/endpoints`, { organizationId: org('CAO_BANG').id })).body;
    expect(caoBang.operators.map((o) => o.id)).toContain(caoBangOp.account.id);
    await organizer.post(`/api/meetings/${meetingId}/transitions`, { action: 'schedule' });
    expect((await chair.post(`/api/meetings/${meetingId}/transitions`, { action: 'start' })).status).toBe(200);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await api?.stop();
  });

  it('keeps a roster: a re-import merges, no stale error, edit, remove in a dialog, bulk check-in, the roll-call count, cards on a phone', async () => {
    const page = await openPage('langson', undefined, `/meetings/${meetingId}/console/${langSon.id}`);
    await page.getByTestId('console-heading').getByText('Lạng Sơn').waitFor();

    // a bad list first: refused, with the line named
    await page.getByTestId('roster-csv').fill('Họ và tên,Chức vụ,Vai trò\nĐoàn Thu Hà,Phó Chủ tịch UBND tỉnh,Phóng viên\n');
    await page.getByTestId('roster-import').click();
    await page.getByTestId('roster-errors').getByText('Dòng 2').waitFor();
    const list = 'Họ và tên,Chức vụ,Đơn vị\nĐoàn Thu Hà,Phó Chủ tịch UBND tỉnh,UBND tỉnh Lạng Sơn\nNguyễn Văn Thắng,Giám đốc Sở Ngoại vụ,Sở Ngoại vụ\nHoàng Thị Mai,Chuyên viên,Sở Ngoại vụ\n';
    await page.getByTestId('roster-csv').fill(list);
    await page.getByTestId('roster-import').click();
    await page.getByTestId('roster-imported').getByText('Đã nhập 3 đại biểu.').waitFor();
    // the good import cleared the earlier error
    expect(await page.locator('.banner.error').count()).toBe(0);
    await page.getByTestId('roster-row').nth(2).waitFor();

    // the same list again with one more person: only the new one is added
    await page.getByTestId('roster-csv').fill(`${list}Lương Văn Tùng,Phó Giám đốc Sở Công Thương,Sở Công Thương\n`);
    await page.getByTestId('roster-import').click();
    await page.getByTestId('roster-imported').getByText('Đã nhập 1 đại biểu. 3 trùng, đã gộp.').waitFor();
    await page.getByTestId('roster-row').nth(3).waitFor();
    expect(await page.getByTestId('roster-row').count()).toBe(4);

    // edit a name and position
    const row = (name: string) => page.locator(`[data-testid=roster-row][data-name="${name}"]`);
    await row('Hoàng Thị Mai').getByTestId('attendee-edit').click();
    const edit = page.getByTestId('attendee-edit-dialog');
    await edit.getByTestId('edit-name').fill('Hoàng Thị Thanh Mai');
    await edit.getByTestId('edit-position').fill('Phó Trưởng phòng Lãnh sự');
    await edit.getByTestId('edit-save').click();
    await row('Hoàng Thị Thanh Mai').getByText('Phó Trưởng phòng Lãnh sự').waitFor();
    expect(await edit.count()).toBe(0);

    // remove asks first, naming the person and the site; going back keeps them
    await row('Lương Văn Tùng').getByTestId('attendee-remove').click();
    const dialog = page.getByTestId('confirm-dialog');
    expect(await dialog.getByTestId('confirm-message').textContent()).toBe('Xóa Lương Văn Tùng khỏi danh sách đại biểu của điểm cầu Lạng Sơn? Thông tin điểm danh của người này sẽ mất.');
    await dialog.getByTestId('confirm-cancel').click();
    expect(await row('Lương Văn Tùng').count()).toBe(1);
    await row('Lương Văn Tùng').getByTestId('attendee-remove').click();
    await dialog.getByTestId('confirm-submit').click();
    await row('Lương Văn Tùng').waitFor({ state: 'detached' });
    expect(await page.getByTestId('roster-row').count()).toBe(3);

    // one checked in by hand, then all selected and checked in with one action
    await row('Đoàn Thu Hà').getByTestId('check-in').click();
    await row('Đoàn Thu Hà').getByTestId('attendee-status').getByText('Có mặt').waitFor();
    await page.getByTestId('roster-select-all').check();
    await page.getByTestId('bulk-check-in').getByText('Điểm danh 3 người đã chọn').waitFor();
    await page.getByTestId('bulk-check-in').click();
    await page.getByTestId('bulk-done').getByText('Đã điểm danh 2 người. 1 người đã có mặt từ trước.').waitFor();
    for (const name of ['Đoàn Thu Hà', 'Nguyễn Văn Thắng', 'Hoàng Thị Thanh Mai']) await row(name).getByTestId('attendee-status').getByText('Có mặt').waitFor();
    await page.getByTestId('roster-present').getByText('3').waitFor();
    const stored = (await organizer.get<Attendee[]>(`/api/meetings/${meetingId}/attendees?endpointId=${langSon.id}`)).body;
    expect(stored.map((a) => [a.fullName, a.status]).sort()).toEqual([
      ['Hoàng Thị Thanh Mai', 'present'],
      ['Nguyễn Văn Thắng', 'present'],
      ['Đoàn Thu Hà', 'present'],
    ].sort());

    // the roll call starts from the number already checked in
    expect((await chair.post(`/api/meetings/${meetingId}/roll-calls`)).status).toBe(201);
    await page.getByTestId('roll-call-count').waitFor();
    expect(await page.getByTestId('roll-call-count').inputValue()).toBe('3');
    await page.getByTestId('roll-call-respond').click();
    expect((await chair.post(`/api/meetings/${meetingId}/roll-calls/current/close`)).status).toBe(200);

    // a phone: the roster is a list of cards, nothing scrolls sideways
    await page.setViewportSize({ width: 390, height: 844 });
    await settle(page);
    expect(await page.locator('[data-testid=roster] thead').isVisible()).toBe(false);
    expect(await page.evaluate<string>("getComputedStyle(document.querySelector('[data-testid=roster-row]')).display")).toBe('block');
    expect(await noSidewaysScroll(page)).toBe(true);
  });

  it("tells the site its speaker has the floor (banner, chime, countdown, overrun in red) and the next site that it is up next", async () => {
    const caoBangGuest = (await caoBangOp.post<Attendee>(`/api/meetings/${meetingId}/endpoints/${caoBang.id}/attendees`, { fullName: 'Nông Văn Bình', position: 'Phó Chủ tịch UBND tỉnh', walkIn: true })).body;
    const langSonPeople = (await langSonOp.get<Attendee[]>(`/api/meetings/${meetingId}/attendees?endpointId=${langSon.id}`)).body;
    const ha = langSonPeople.find((a) => a.fullName === 'Đoàn Thu Hà')!;

    const lsPage = await openPage('langson', undefined, `/meetings/${meetingId}/console/${langSon.id}`, { clock: true });
    const cbPage = await openPage(caoBangLogin.username, caoBangLogin.password, `/meetings/${meetingId}/console/${caoBang.id}`);
    await lsPage.getByTestId('console-presence').getByText('Đã kết nối').waitFor();
    await cbPage.getByTestId('console-presence').getByText('Đã kết nối').waitFor();

    const ask = async (op: UserSession, endpointId: string, attendeeId: string, topic: string) => {
      let r = (await op.post<SpeechRequest>(`/api/meetings/${meetingId}/speech-requests`, { endpointId, attendeeId, kind: 'contribution', topic, requestedMinutes: 5 })).body;
      if (r.status === 'pending') r = (await chair.post<SpeechRequest>(`/api/meetings/${meetingId}/speech-requests/${r.id}/approve`)).body;
      expect(r.status).toBe('queued');
      return r;
    };
    const lsRequest = await ask(langSonOp, langSon.id, ha.id, 'Phát triển kinh tế cửa khẩu Hữu Nghị');
    await ask(caoBangOp, caoBang.id, caoBangGuest.id, 'Hạ tầng giao thông vùng biên');
    // the queue positions, live on each console
    await lsPage.getByTestId('my-position').getByText('Vị trí #1/2 trong danh sách').waitFor();
    await cbPage.getByTestId('my-position').getByText('Vị trí #2/2 trong danh sách · còn 1 người trước').waitFor();
    await cbPage.getByTestId('turn-next').getByText('Sắp đến lượt').waitFor();

    // the chair gives the floor to Lạng Sơn
    expect((await chair.post(`/api/meetings/${meetingId}/floor`, { requestId: lsRequest.id })).status).toBe(200);
    const banner = lsPage.getByTestId('turn-banner');
    await banner.getByText('Đến lượt điểm cầu phát biểu').waitFor();
    await banner.getByTestId('turn-speaker').getByText('Đoàn Thu Hà đang phát biểu').waitFor();
    await lsPage.waitForFunction('Number(document.documentElement.dataset.turnChimes) >= 1');
    const left = Number(await banner.getByTestId('turn-clock').getAttribute('data-seconds'));
    expect(left).toBeGreaterThan(270);
    expect(left).toBeLessThanOrEqual(300);
    expect(await banner.getByTestId('turn-clock').textContent()).toMatch(/^Còn lại0[45]:\d\d$/);
    // Cao Bằng is next: one speaker (Lạng Sơn's) ahead of it
    await cbPage.getByTestId('turn-next').getByText('Nông Văn Bình phát biểu sau người đang phát biểu.').waitFor();
    await cbPage.getByTestId('my-position').getByText('Vị trí #1/1 trong danh sách · còn 1 người trước').waitFor();
    expect(await cbPage.getByTestId('turn-banner').count()).toBe(0);
    await keepShots(lsPage, 'endpoint-console');

    // six minutes on: the overrun shows as +mm:ss in red
    await lsPage.clock.setSystemTime(Date.now() + 6 * 60_000);
    await lsPage.locator('[data-testid=turn-clock].over').waitFor();
    expect(await banner.getByTestId('turn-clock').textContent()).toMatch(/^Quá giờ\+01:\d\d$/);
    expect(await lsPage.evaluate<string>("getComputedStyle(document.querySelector('[data-testid=turn-clock]')).color")).toBe('rgb(179, 38, 30)');
    await keepShots(lsPage, 'endpoint-console-overrun');

    // the phone width: the console with its banner, and the live view, do not scroll sideways
    const shots = await keepShots(cbPage, 'endpoint-console-next');
    expect(shots['390x844'].scrollsSideways).toBe(false);
    await lsPage.setViewportSize({ width: 390, height: 844 });
    await settle(lsPage);
    expect(await noSidewaysScroll(lsPage)).toBe(true);
    const live = await openPage('viewer', undefined, `/meetings/${meetingId}/live`);
    await live.getByTestId('current-speaker-name').getByText('Đoàn Thu Hà').waitFor();
    const liveShots = await keepShots(live, 'live-view');
    expect(liveShots['390x844'].scrollsSideways).toBe(false);
    await live.setViewportSize({ width: 390, height: 844 });
    await settle(live);
    expect(await noSidewaysScroll(live)).toBe(true);
    expect((await chair.post(`/api/meetings/${meetingId}/floor/end`)).status).toBe(200);
    await banner.waitFor({ state: 'detached' });
  });

  it('after the meeting, the wall shows the sites that left as "Đã rời / kết thúc", not as lost', async () => {
    const wall = await openPage('chair', undefined, `/meetings/${meetingId}/wall`);
    const tile = (name: string) => wall.locator(`[data-testid=wall-tile][data-name="${name}"]`);
    await tile('Lạng Sơn').and(wall.locator('[data-state=connected]')).waitFor();
    // Cao Bằng's console closes while the meeting runs: that is a lost connection
    for (const c of contexts.slice()) {
      const pages = c.pages();
      if (pages.some((p) => p.url().includes(`/console/${caoBang.id}`))) await c.close();
    }
    await tile('Cao Bằng').getByTestId('tile-state').getByText(/Mất kết nối|Đang kết nối lại/).waitFor();
    expect((await chair.post(`/api/meetings/${meetingId}/transitions`, { action: 'end' })).status).toBe(200);
    await tile('Cao Bằng').getByTestId('tile-state').getByText('Đã rời / kết thúc').waitFor();
    await tile('BNG').getByTestId('tile-state').getByText('Đã rời / kết thúc').waitFor();
    expect(await wall.getByTestId('wall-missing').count()).toBe(0);
    expect(await wall.getByText('Mất kết nối').count()).toBe(0);
    const shots = await keepShots(wall, 'wall');
    expect(shots['390x844'].scrollsSideways).toBe(false);
  });
});
