import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import type { MeetingEndpoint, Organization, Page as ApiPage, SpeechRequest } from '@app/contracts';
import { BROWSER_ADMIN_PASSWORD, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { UserSession } from '../support/session';
import { newPoll, newVotingMeeting, tokensOf, type VotingMeeting } from '../support/voting';

/**
 * axe-core over the main pages, each as the person who uses it, on a desktop and on a phone:
 * no serious or critical violation of WCAG 2.1 A/AA. Then what axe cannot see: the keyboard
 * focus is drawn, and an open dialog keeps Tab inside itself.
 */
describe('accessibility in chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  let v: VotingMeeting;
  let langSon: MeetingEndpoint;
  let ballotPath: string;

  const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

  /** The serious and critical violations on the page as it is now, one line each (rule, impact, where). */
  async function violations(page: Page, name: string): Promise<string[]> {
    const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}${process.env.A11Y_DETAIL ? ` ${n.html.slice(0, 160)} ${n.failureSummary}` : ''}`).join(' | ')}`);
  }

  /** Each page at 1440x900 and 390x844; the context bypasses the CSP because axe is injected with eval. */
  async function scan(username: string | null, path: string, ready: (page: Page) => Promise<unknown>, name: string) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    try {
      if (username) await signIn(page, api.baseUrl, username);
      await page.goto(`${api.baseUrl}${path}`);
      await ready(page);
      const found = await violations(page, `${name} 1440`);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.evaluate(() => new Promise<void>((r) => (globalThis as unknown as { requestAnimationFrame: (f: () => void) => void }).requestAnimationFrame(() => r())));
      found.push(...(await violations(page, `${name} 390`)));
      return found;
    } finally {
      await context.close();
    }
  }

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
    const secretary = await UserSession.signIn(api.baseUrl, 'secretary', BROWSER_ADMIN_PASSWORD);
    v = await newVotingMeeting(api.baseUrl, { sites: 1, delegates: 3, password: BROWSER_ADMIN_PASSWORD, meeting: { secretaryIds: [secretary.account.id] } });
    const admin = await UserSession.signIn(api.baseUrl, 'admin', BROWSER_ADMIN_PASSWORD);
    const lang = (await admin.get<ApiPage<Organization>>('/api/organizations?q=lang%20son&kind=province')).body.items[0];
    langSon = v.endpoints.find((e) => e.organizationId === lang.id) ?? (await v.organizer.post<MeetingEndpoint>(`${v.base}/endpoints`, { organizationId: lang.id, overrideConflicts: true })).body;
    const operator = await UserSession.signIn(api.baseUrl, 'langson', BROWSER_ADMIN_PASSWORD);
    const person = await operator.post<{ id: string }>(`${v.base}/endpoints/${langSon.id}/attendees`, { fullName: 'Đoàn Thu Hà', position: 'Phó Chủ tịch Ủy ban nhân dân tỉnh', walkIn: true });
    expect(person.status).toBe(201);
    const ask = await operator.post<SpeechRequest>(`${v.base}/speech-requests`, { endpointId: langSon.id, attendeeId: person.body.id, kind: 'prepared', topic: 'Phủ sóng 5G đến các xã biên giới' });
    expect(ask.status).toBe(201);
    // one request in the queue, one still to decide
    expect((await v.chair.post(`${v.base}/speech-requests/${ask.body.id}/approve`)).status).toBe(200);
    const second = await operator.post<{ id: string }>(`${v.base}/endpoints/${langSon.id}/attendees`, { fullName: 'Hoàng Văn Nam', position: 'Giám đốc Sở Khoa học và Công nghệ', walkIn: true });
    expect((await operator.post(`${v.base}/speech-requests`, { endpointId: langSon.id, attendeeId: second.body.id, kind: 'contribution' })).status).toBe(201);
    // the secretary writes for this meeting: a conclusion and a task led by Lạng Sơn
    expect((await secretary.post(`${v.base}/minutes/entries`, { kind: 'conclusion', text: 'Thống nhất đẩy nhanh phủ sóng 5G đến các xã biên giới.' })).status).toBe(201);
    expect((await secretary.post(`${v.base}/minutes/entries`, { kind: 'task', text: 'Giao Ủy ban nhân dân tỉnh Lạng Sơn rà soát các điểm lõm sóng.', leadOrganizationId: lang.id })).status).toBe(201);
    await newPoll(v, { question: 'Thông qua kế hoạch phủ sóng 5G năm 2027' });
    const host = v.endpoints[0];
    ballotPath = `/phieu#${[...(await tokensOf(v, host.id)).values()][0]}`;
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('finds no serious or critical violation on the main pages', async () => {
    const m = `/meetings/${v.meetingId}`;
    const pages: Array<[string | null, string, (p: Page) => Promise<unknown>, string]> = [
      [null, '/', (p) => p.getByTestId('login-username').waitFor(), 'sign-in'],
      [null, '/man-hinh', (p) => p.getByTestId('display-code').waitFor(), 'hall display pairing'],
      [null, ballotPath, (p) => p.getByRole('button', { name: /Tán thành/ }).first().waitFor(), 'phone ballot'],
      ['organizer', '/', (p) => p.locator('main').waitFor(), 'home'],
      ['organizer', '/meetings', (p) => p.getByText('Kỳ họp biểu quyết').first().waitFor(), 'meetings'],
      ['organizer', '/meetings/new', (p) => p.locator('form').first().waitFor(), 'new meeting'],
      ['organizer', m, (p) => p.getByTestId('displays-card').waitFor(), 'meeting'],
      ['organizer', `${m}/wall`, (p) => p.getByText('Lạng Sơn').first().waitFor(), 'wall'],
      ['chair', `${m}/floor`, (p) => Promise.all([p.getByTestId('queue-item').first().waitFor(), p.getByTestId('pending-item').first().waitFor()]), 'floor console'],
      ['chair', `${m}/voting`, (p) => p.getByText('Thông qua kế hoạch phủ sóng 5G năm 2027').first().waitFor(), 'voting'],
      ['viewer', `${m}/live`, (p) => p.getByText('Thông qua kế hoạch phủ sóng 5G năm 2027').first().waitFor(), 'live view'],
      ['langson', `${m}/console/${langSon.id}`, (p) => p.getByText('Đoàn Thu Hà').first().waitFor(), 'endpoint console'],
      ['secretary', `${m}/minutes`, (p) => p.getByTestId('minutes-entry').first().waitFor(), 'minutes'],
      ['organizer', `${m}/report`, (p) => p.locator('main').waitFor(), 'report'],
      // the register lists tasks of published minutes: here its filters and its empty state
      ['langson', '/tasks', (p) => p.locator('main h1').first().waitFor(), 'tasks'],
      ['admin', '/organizations', (p) => p.getByText('Lạng Sơn').first().waitFor(), 'organizations'],
      ['admin', '/accounts', (p) => p.getByText('langson').first().waitFor(), 'accounts'],
    ];
    const found: string[] = [];
    for (const [who, path, ready, name] of pages) found.push(...(await scan(who, path, ready, name)));
    expect(found).toEqual([]);
  });

  it('draws the keyboard focus, and an open dialog keeps Tab and Shift+Tab inside it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, api.baseUrl, 'organizer');
    await page.goto(`${api.baseUrl}/meetings/${v.meetingId}`);
    await page.getByTestId('action-end').waitFor();
    // focus reached from the keyboard is drawn: an outline or a ring, not the browser's nothing
    const drawn = () =>
      page.evaluate(() => {
        const d = (globalThis as unknown as { document: { activeElement: unknown } }).document;
        const el = d.activeElement as { tagName: string } | null;
        if (!el || el.tagName === 'BODY') return null;
        const s = (globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string; boxShadow: string } }).getComputedStyle(el);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
      });
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await drawn()).toBe(true);
    }

    await page.getByTestId('action-end').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await violations(page, 'end-meeting dialog')).toEqual([]);
    const inDialog = () => page.evaluate(() => !!(globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } | null } }).document.activeElement?.closest('[role=dialog]'));
    expect(await inDialog()).toBe(true);
    for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await inDialog()).toBe(true);
      expect(await drawn()).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // the meeting is still live: the dialog asked, nothing happened
    expect((await v.organizer.get<{ status: string }>(`/api/meetings/${v.meetingId}`)).body.status).toBe('live');
    await context.close();
  });
});
