import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { MeetingWriteResult, Organization, Page as ApiPage } from '@app/contracts';
import { UserSession } from '../support/session';
import { BROWSER_ADMIN_PASSWORD, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { localDay } from '../support/time';

const ASSETS = resolve(__dirname, '../../dist/web/assets');

/** Every Socket.IO event this page sends, by name ('42["meeting:subscribe",…]', with or without an ack id). */
function sentEvents(page: Page) {
  const events: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      const match = /^42\d*\["([^"]+)"/.exec(String(payload));
      if (match) events.push(match[1]);
    });
  });
  return events;
}

async function newMeeting(organizer: UserSession, people: { chairId?: string; secretaryIds?: string[] } = {}) {
  const bng = (await organizer.get<ApiPage<Organization>>('/api/organizations?q=BNG')).body.items.find((o) => o.code === 'BNG')!;
  const written = await organizer.post<MeetingWriteResult>('/api/meetings', {
    kind: 'plenary',
    title: 'Phiên họp thường kỳ tháng',
    hostOrganizationId: bng.id,
    visibility: 'public',
    scheduledStart: `${localDay(1)}T08:00`,
    scheduledEnd: `${localDay(1)}T11:00`,
    ...people,
  });
  return written.body.meeting;
}

describe('the web app structure in chromium', () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it("follows a meeting once across its pages: chair's floor -> wall -> meeting -> minutes, still live", async () => {
    const organizer = await UserSession.signIn(api.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD);
    const chair = await UserSession.signIn(api.baseUrl, 'chair', BROWSER_ADMIN_PASSWORD);
    const secretary = await UserSession.signIn(api.baseUrl, 'secretary', BROWSER_ADMIN_PASSWORD);
    const meeting = await newMeeting(organizer, { chairId: chair.account.id, secretaryIds: [secretary.account.id] });

    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await signIn(page, api.baseUrl, 'chair');
    const events = sentEvents(page);
    await page.goto(`${api.baseUrl}/meetings/${meeting.id}/floor`);
    await page.getByTestId('current-speaker').waitFor();
    await page.locator(`a[href="/meetings/${meeting.id}/wall"]`).click();
    await page.getByTestId('wall-summary').waitFor();
    await page.locator('h1 a').click();
    await page.getByTestId('meeting-heading').getByText('Phiên họp thường kỳ tháng').waitFor();
    await page.getByTestId('open-minutes').click();
    await page.getByTestId('minutes').waitFor();

    // A change committed now reaches the page through the same subscription.
    await secretary.post(`/api/meetings/${meeting.id}/minutes/entries`, { kind: 'note', text: 'Thư ký ghi: đã điểm danh đủ các điểm cầu.' });
    await page.getByTestId('minutes-text-view').getByText('Thư ký ghi: đã điểm danh đủ các điểm cầu.').waitFor();
    expect(events.filter((e) => e === 'meeting:subscribe')).toHaveLength(1);
    expect(events).not.toContain('meeting:unsubscribe');
  });

  it('opens the sign-in page and the meeting list without the media or report code', async () => {
    const chunks = readdirSync(ASSETS);
    // the chunks are named, so that a request can tell them apart
    expect(chunks.some((f) => /^mediasoup-.*\.js$/.test(f))).toBe(true);
    expect(chunks.some((f) => /^report-.*\.js$/.test(f))).toBe(true);

    const meeting = await newMeeting(await UserSession.signIn(api.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD));
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url().split('/').pop()!);
    });
    await page.goto(api.baseUrl);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await signIn(page, api.baseUrl, 'organizer');
    await page.getByTestId('nav-meetings').click();
    await page.getByTestId('meeting-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => /mediasoup|media|report/.test(s))).toEqual([]);

    // ...which the pages that need it do load
    await page.goto(`${api.baseUrl}/meetings/${meeting.id}/report`);
    await page.locator('.report-page').waitFor();
    expect(scripts.some((s) => /^report-/.test(s))).toBe(true);
  });

  it('loads the app again when the chunk of the next page is gone (a release replaced it)', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await signIn(page, api.baseUrl, 'organizer');
    let requests = 0;
    await page.route(/\/assets\/tasks-page-[^/]*\.js$/, (route) => (requests++ ? route.continue() : route.fulfill({ status: 404, body: '' })));
    const reloaded = page.waitForEvent('load');
    await page.getByTestId('nav-tasks').click();
    await reloaded;
    await page.getByTestId('tasks').waitFor();
    expect(requests).toBe(2); // refused once, then fetched after the reload
    expect(new URL(page.url()).pathname).toBe('/tasks');
  });
});
