import type { Browser, Page } from 'playwright-core';
import type { Agenda, Attendee, MeetingEndpoint, MeetingWriteResult, Organization, Page as ApiPage, Poll, SpeechRequest } from '@app/contracts';
import { UserSession } from '../support/session';
import { artifact, BROWSER_ADMIN_PASSWORD, keepShots, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { localDay } from '../support/time';

/** What the display's page must never have: a page wider than the screen, or the hall's panel scrolling sideways. */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number }; querySelector(s: string): { scrollWidth: number; clientWidth: number } | null } }).document;
    const w = (globalThis as unknown as { innerWidth: number }).innerWidth;
    const hall = d.querySelector('.hall');
    return d.documentElement.scrollWidth > w || (!!hall && hall.scrollWidth > hall.clientWidth);
  });

describe('the hall display in chromium', () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('pairs from the organizer’s meeting page, shows the speaker and countdown, the closed poll’s result, and stops when revoked', async () => {
    const organizer = await UserSession.signIn(api.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD);
    const chair = await UserSession.signIn(api.baseUrl, 'chair', BROWSER_ADMIN_PASSWORD);
    const operator = await UserSession.signIn(api.baseUrl, 'langson', BROWSER_ADMIN_PASSWORD);
    const orgs = (await organizer.get<ApiPage<Organization>>('/api/organizations?limit=100')).body.items;
    const bng = orgs.find((o) => o.code === 'BNG')!;
    const meeting = (
      await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'plenary',
        title: 'Hội nghị trực tuyến toàn quốc về chuyển đổi số',
        hostOrganizationId: bng.id,
        chairId: chair.account.id,
        visibility: 'public',
        scheduledStart: `${localDay(1)}T08:00`,
        scheduledEnd: `${localDay(1)}T11:30`,
      })
    ).body.meeting;
    const base = `/api/meetings/${meeting.id}`;
    await organizer.post<MeetingEndpoint>(`${base}/endpoints`, { organizationId: bng.id, isHost: true });
    const langSonOrg = (await organizer.get<ApiPage<Organization>>('/api/organizations?q=lang%20son&kind=province')).body.items[0];
    const langSon = (await organizer.post<MeetingEndpoint>(`${base}/endpoints`, { organizationId: langSonOrg.id })).body;
    const agenda = (await organizer.get<Agenda>(`${base}/agenda`)).body;
    const put = await organizer.request<Agenda>('PUT', `${base}/agenda`, { version: agenda.version, sessions: [{ title: 'Phiên toàn thể', items: [{ title: 'Thảo luận về hạ tầng số ở địa phương', durationMinutes: 60 }] }] });
    expect(put.status).toBe(200);
    const itemId = put.body.sessions[0].items[0].id;
    const delegates: Attendee[] = [];
    for (const [fullName, position] of [['Đoàn Thu Hà', 'Phó Chủ tịch Ủy ban nhân dân tỉnh'], ['Hoàng Văn Nam', 'Giám đốc Sở Khoa học và Công nghệ'], ['Lý Thị Mai', 'Đại biểu']]) {
      delegates.push((await operator.post<Attendee>(`${base}/endpoints/${langSon.id}/attendees`, { fullName, position, walkIn: true })).body);
    }
    expect((await organizer.post(`${base}/transitions`, { action: 'schedule' })).status).toBe(200);
    expect((await chair.post(`${base}/transitions`, { action: 'start' })).status).toBe(200);
    const speech = (await operator.post<SpeechRequest>(`${base}/speech-requests`, { endpointId: langSon.id, attendeeId: delegates[0].id, kind: 'prepared', topic: 'Phủ sóng 5G đến các xã biên giới', agendaItemId: itemId })).body;
    const next = (await operator.post<SpeechRequest>(`${base}/speech-requests`, { endpointId: langSon.id, attendeeId: delegates[1].id, kind: 'contribution', agendaItemId: itemId })).body;
    for (const r of [speech, next]) expect((await chair.post(`${base}/speech-requests/${r.id}/approve`)).status).toBe(200);
    expect((await chair.post(`${base}/floor`, { requestId: speech.id, minutes: 5 })).status).toBe(200);

    // the hall PC: no account, a 1920x1080 TV
    const tv = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, bypassCSP: true })).newPage();
    await tv.goto(`${api.baseUrl}/man-hinh`);
    const code = (await tv.getByTestId('display-code').textContent())!.trim();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    await keepShots(tv, 'hall-display-pairing', [{ width: 1920, height: 1080 }, { width: 390, height: 844 }]);
    expect(await sideways(tv)).toBe(false);

    // the organizer pairs it on the meeting page
    const org = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(org, api.baseUrl, 'organizer');
    await org.goto(`${api.baseUrl}/meetings/${meeting.id}`);
    const card = org.getByTestId('displays-card');
    await card.waitFor();
    await card.getByTestId('display-code-input').fill(code.toLowerCase());
    await card.getByTestId('display-name-input').fill('Màn hình hội trường tầng 3');
    expect(await card.getByTestId('display-place').locator('option:checked').textContent()).toBe('Hội trường chính (điểm cầu chủ trì)');
    await card.getByTestId('display-pair-submit').click();
    await card.getByTestId('display-paired').getByText('Đã ghép «Màn hình hội trường tầng 3».').waitFor();
    const row = card.getByTestId('display-row').first();
    await row.getByText(`Ghép bởi ${organizer.account.fullName} lúc`).waitFor();
    expect(await row.textContent()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    // a wrong code answers in Vietnamese and pairs nothing
    await card.getByTestId('display-code-input').fill('ZZZZZZ');
    await card.getByTestId('display-name-input').fill('Màn hình thử');
    await card.getByTestId('display-pair-submit').click();
    await card.getByText('Mã ghép không đúng').waitFor();
    expect(await card.getByTestId('display-row').count()).toBe(1);
    await card.scrollIntoViewIfNeeded();
    const cardShots = await keepShots(org, 'display-pairing-card');
    expect(cardShots['390x844'].scrollsSideways).toBe(false);
    // the card itself on a phone: one column
    await org.setViewportSize({ width: 390, height: 844 });
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: artifact('screens/display-pairing-card-phone.png') });
    await org.setViewportSize({ width: 1440, height: 900 });

    // the TV shows the meeting: agenda item, speaker, position, site, topic, countdown, next speaker, connections
    const hall = tv.getByTestId('hall-display');
    await hall.waitFor();
    expect(await tv.getByTestId('hall-speaker-name').textContent()).toBe('Đoàn Thu Hà');
    expect(await tv.getByTestId('hall-speaker-role').textContent()).toMatch(/^Phó Chủ tịch Ủy ban nhân dân tỉnh — .*Lạng Sơn$/);
    expect(await tv.getByTestId('hall-topic').textContent()).toBe('“Phủ sóng 5G đến các xã biên giới”');
    expect(await tv.getByTestId('hall-agenda-item').textContent()).toContain('Thảo luận về hạ tầng số ở địa phương');
    expect(await tv.getByTestId('hall-next').textContent()).toContain('Hoàng Văn Nam');
    expect(await tv.getByTestId('hall-connected').textContent()).toMatch(/^\d+\/2 điểm cầu đã kết nối$/);
    const seconds = Number(await tv.getByTestId('hall-countdown').getAttribute('data-seconds'));
    expect(seconds).toBeGreaterThan(200);
    expect(seconds).toBeLessThanOrEqual(300);
    expect(await tv.getByTestId('hall-countdown').textContent()).toMatch(/^[0-5]:\d{2}$/);
    const look = await tv.getByTestId('hall-speaker-name').evaluate((el) => {
      const g = globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string; cursor: string; color: string; backgroundColor: string } };
      return { size: parseFloat(g.getComputedStyle(el).fontSize), cursor: g.getComputedStyle(el).cursor };
    });
    expect(look.size).toBeGreaterThanOrEqual(64);
    expect(look.cursor).toBe('none');
    expect(await tv.locator('[data-testid=hall-display] button, [data-testid=hall-display] input, [data-testid=hall-display] a').count()).toBe(0);

    // a poll: open shows the question and turnout, closed the counts, shares and outcome;
    // the live view (a viewer at a desk) shows the same vote beside the speaker
    const live = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(live, api.baseUrl, 'viewer');
    await live.goto(`${api.baseUrl}/meetings/${meeting.id}/live`);
    const poll = (await chair.post<Poll>(`${base}/polls`, { question: 'Thông qua Kế hoạch chuyển đổi số năm 2027', agendaItemId: itemId })).body;
    expect((await chair.post(`${base}/polls/${poll.id}/transitions`, { action: 'open' })).status).toBe(200);
    await tv.getByTestId('hall-poll').and(tv.locator('[data-status=open]')).waitFor();
    expect(await tv.getByTestId('hall-poll-question').textContent()).toBe('Thông qua Kế hoạch chuyển đổi số năm 2027');
    for (const [i, choice] of (['yes', 'yes', 'no'] as const).entries()) {
      expect((await operator.post(`${base}/polls/${poll.id}/votes`, { endpointId: langSon.id, attendeeId: delegates[i].id, optionIds: [choice] })).status).toBe(200);
    }
    await tv.getByTestId('hall-turnout').getByText('Đã biểu quyết: 3/3 đại biểu có mặt').waitFor();
    await live.getByTestId('live-poll').and(live.locator('[data-status=open]')).waitFor();
    expect(await live.getByTestId('live-poll-question').textContent()).toBe('Thông qua Kế hoạch chuyển đổi số năm 2027');
    await live.getByTestId('live-poll-turnout').getByText('Đã biểu quyết: 3 đại biểu').waitFor();
    expect((await chair.post(`${base}/polls/${poll.id}/transitions`, { action: 'close' })).status).toBe(200);
    await tv.getByTestId('hall-outcome').waitFor();
    expect(await tv.getByTestId('hall-outcome').textContent()).toBe('THÔNG QUA');
    expect(await tv.getByTestId('hall-result-yes').textContent()).toMatch(/Tán thành.*2 phiếu.*66,67%/);
    expect(await tv.getByTestId('hall-result-no').textContent()).toMatch(/Không tán thành.*1 phiếu.*33,33%/);
    await live.getByTestId('live-poll').and(live.locator('[data-status=closed]')).getByTestId('poll-outcome').waitFor();
    expect(await live.getByTestId('poll-outcome').textContent()).toBe('Được thông qua');
    expect(await live.getByTestId('result-yes').textContent()).toContain('66,67%');
    // the viewer's live view has no export or control of the vote
    expect(await live.getByTestId('live-poll').locator('button').count()).toBe(0);
    const liveShots = await keepShots(live, 'live-view-poll');
    expect(liveShots['390x844'].scrollsSideways).toBe(false);
    // names never on the hall screen, not even of a named poll
    expect(await hall.textContent()).not.toContain('Lý Thị Mai');
    const nameWithPoll = await tv.getByTestId('hall-speaker-name').evaluate((el) => parseFloat((globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(el).fontSize));
    expect(nameWithPoll).toBeGreaterThanOrEqual(64);
    const shots = await keepShots(tv, 'hall-display', [{ width: 1440, height: 900 }, { width: 390, height: 844 }, { width: 1920, height: 1080 }]);
    expect(shots['390x844'].scrollsSideways).toBe(false);
    await tv.setViewportSize({ width: 390, height: 844 });
    expect(await sideways(tv)).toBe(false);
    await tv.setViewportSize({ width: 1920, height: 1080 });

    // survives a reconnect: the page reloads and comes back to the same state
    await tv.reload();
    await tv.getByTestId('hall-outcome').waitFor();
    expect(await tv.getByTestId('hall-speaker-name').textContent()).toBe('Đoàn Thu Hà');

    // revoked from the meeting page, after a dialog naming it: the TV says so at once
    await org.getByTestId('display-revoke').click();
    await org.getByTestId('confirm-message').getByText('Thu hồi «Màn hình hội trường tầng 3»? Màn hình sẽ ngừng hiển thị cuộc họp ngay lập tức').waitFor();
    await org.getByTestId('confirm-submit').click();
    await tv.getByTestId('display-revoked').getByText('Màn hình đã bị thu hồi').waitFor();
    await org.getByTestId('display-row').first().getByText('Đã thu hồi').waitFor();
    await org.getByTestId('display-row').first().getByText(`Thu hồi bởi ${organizer.account.fullName} lúc`).waitFor();
    await keepShots(tv, 'hall-display-revoked', [{ width: 1920, height: 1080 }, { width: 390, height: 844 }]);
    // and stays revoked after a reload
    await tv.reload();
    await tv.getByTestId('display-revoked').waitFor();
  });
});
