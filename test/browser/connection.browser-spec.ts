import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import type { LoginResponse, MeetingEndpoint, MeetingWriteResult, Organization, Page as ApiPage } from '@app/contracts';
import { BROWSER_ADMIN_PASSWORD, keepShots, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { localDay } from '../support/time';

/**
 * Issue 16: a network drop of any length never signs an operator out. The page's network is cut
 * with context.setOffline and, so that the socket really drops (Chromium may keep an open
 * WebSocket "open" on an emulated offline network), every Socket.IO WebSocket goes through a
 * route that this test closes, and refuses, while the network is cut. The api issues 60 s access
 * tokens (the smallest ACCESS_TOKEN_TTL_SECONDS), so the 3-minute outage outlives the token and
 * the refresh on reconnect is what brings the page back.
 */
const TTL_SECONDS = 60;
const MEETING_TITLE = 'Hội nghị trực tuyến về chuyển đổi số các địa phương';

/**
 * A signed-in account over plain HTTP. (test/support/session.ts pulls in the Nest app through
 * test/support/app.ts, which this jest runtime cannot load in the browser tier today.)
 */
class Caller {
  private constructor(
    private readonly baseUrl: string,
    readonly login: LoginResponse,
  ) {}
  static async signIn(baseUrl: string, username: string) {
    const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BROWSER_ADMIN_PASSWORD }) });
    if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status}`);
    return new Caller(baseUrl, (await res.json()) as LoginResponse);
  }
  get account() {
    return this.login.account;
  }
  private async send<T>(method: string, path: string, body?: unknown) {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.login.accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }
  get<T>(path: string) {
    return this.send<T>('GET', path);
  }
  post<T = unknown>(path: string, body?: unknown) {
    return this.send<T>('POST', path, body);
  }
}

interface Frame {
  dir: 'sent' | 'received';
  text: string;
  at: number;
}

describe('the connection in chromium: drops never sign anybody out', () => {
  let api: RunningApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let operator: Caller;
  let meetingId: string;
  let endpointId: string;
  const frames: Frame[] = [];
  const frameWaiters = new Set<() => void>();
  const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
  let cut = false;
  const refreshes: number[] = [];

  /** Resolves with the first frame (from index `from`) that matches. */
  const frame = (match: (f: Frame) => boolean, from = 0, timeoutMs = 60_000) =>
    new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(() => (frameWaiters.delete(check), reject(new Error('no such socket frame in time'))), timeoutMs);
      const check = () => {
        const f = frames.slice(from).find(match);
        if (!f) return;
        clearTimeout(timer);
        frameWaiters.delete(check);
        resolve(f);
      };
      frameWaiters.add(check);
      check();
    });
  const record = (dir: Frame['dir'], message: string | Buffer) => {
    frames.push({ dir, text: typeof message === 'string' ? message : message.toString('utf8'), at: Date.now() });
    frameWaiters.forEach((fn) => fn());
  };

  async function cutNetwork() {
    cut = true;
    await context.setOffline(true);
    for (const c of open) {
      await c.page.close({ code: 4000, reason: 'network cut by the test' }).catch(() => undefined);
      await c.server.close().catch(() => undefined);
    }
    open.clear();
  }
  async function restoreNetwork() {
    cut = false;
    await context.setOffline(false);
  }
  const status = () => page.getByTestId('socket-status');

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess({ ACCESS_TOKEN_TTL_SECONDS: String(TTL_SECONDS) }), launchBrowser()]);
    const organizer = await Caller.signIn(api.baseUrl, 'organizer');
    const chair = await Caller.signIn(api.baseUrl, 'chair');
    operator = await Caller.signIn(api.baseUrl, 'langson');
    const bng = (await organizer.get<ApiPage<Organization>>('/api/organizations?q=BNG')).body.items.find((o) => o.code === 'BNG')!;
    const meeting = (
      await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'conference',
        title: MEETING_TITLE,
        hostOrganizationId: bng.id,
        chairId: chair.account.id,
        scheduledStart: `${localDay(1)}T08:00`,
        scheduledEnd: `${localDay(1)}T11:00`,
      })
    ).body.meeting;
    meetingId = meeting.id;
    const langSonOrg = (await organizer.get<ApiPage<Organization>>('/api/organizations?q=lang%20son&kind=province')).body.items[0];
    const endpoint = await organizer.post<MeetingEndpoint>(`/api/meetings/${meetingId}/endpoints`, { organizationId: langSonOrg.id });
    expect(endpoint.status).toBe(201);
    endpointId = endpoint.body.id;

    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    // Every Socket.IO WebSocket of the page goes through here: forwarded and recorded, closed and refused while cut.
    await context.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (cut) return void ws.close({ code: 4000, reason: 'network cut by the test' });
      const server = ws.connectToServer();
      const pair = { page: ws, server };
      open.add(pair);
      ws.onMessage((m) => (record('sent', m), server.send(m)));
      server.onMessage((m) => (record('received', m), ws.send(m)));
      ws.onClose(() => (open.delete(pair), void server.close().catch(() => undefined)));
      server.onClose(() => (open.delete(pair), void ws.close().catch(() => undefined)));
    });
    page = await context.newPage();
    page.on('request', (r) => {
      if (r.url().endsWith('/api/auth/refresh')) refreshes.push(Date.now());
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('hands the socket a fresh token before it runs out (session:expiring → auth:refresh), silently', async () => {
    await signIn(page, api.baseUrl, 'langson');
    await page.goto(`${api.baseUrl}/meetings/${meetingId}/console/${endpointId}`);
    await page.getByTestId('console-heading').getByText('Lạng Sơn').waitFor();
    await status().and(page.locator('[data-state=online]')).waitFor();
    const from = frames.length;
    // the server warns 30 s before the 60 s token runs out
    const expiring = await frame((f) => f.dir === 'received' && f.text.includes('"session:expiring"'), from, 45_000);
    const oldExpiry = Number(/"expiresAt":(\d+)/.exec(expiring.text)![1]);
    const refresh = await frame((f) => f.dir === 'sent' && f.text.includes('"auth:refresh"'), from, 15_000);
    const ackId = /^42(\d+)\[/.exec(refresh.text)![1];
    const ack = await frame((f) => f.dir === 'received' && f.text.startsWith(`43${ackId}[`), from, 15_000);
    expect(ack.text).toContain('"ok":true');
    expect(Number(/"expiresAt":(\d+)/.exec(ack.text)![1])).toBeGreaterThan(oldExpiry);
    // still the same page, connected, and the server never ended the socket
    expect(frames.slice(from).some((f) => f.text.includes('"session:ended"'))).toBe(false);
    expect(await status().getAttribute('data-state')).toBe('online');
    expect(await page.title()).toMatch(new RegExp(`^Điểm cầu · [^·]*Lạng Sơn · ${MEETING_TITLE} · Hệ thống họp trực tuyến$`));
  }, 90_000);

  it('a 20 s drop: the header says so at once, actions are refused with a clear message, and it comes back with what happened meanwhile', async () => {
    await cutNetwork();
    await status().and(page.locator('[data-state=offline]')).waitFor({ timeout: 5_000 });
    expect(await status().textContent()).toBe('Mất kết nối · đang kết nối lại…');
    await page.getByTestId('connection-banner').getByText('bạn vẫn đang đăng nhập').waitFor();
    // the console's own badge does not go on saying "Đã kết nối" from the last state it heard
    expect(await page.getByTestId('console-presence').getAttribute('data-state')).toBe('offline');
    expect(await page.getByTestId('console-presence').textContent()).toBe('Mất kết nối · đang kết nối lại…');

    // an action while offline: refused, translated, the pasted text kept for a retry
    await page.getByTestId('roster-csv').fill('Họ và tên,Chức vụ,Vai trò\nPhạm Thị Dung,Chánh Văn phòng UBND tỉnh,Đại biểu\n');
    await page.getByTestId('roster-import').click();
    await page.getByTestId('error').getByText('Đang mất kết nối mạng nên thao tác chưa được gửi').waitFor();
    expect(await page.locator('body').textContent()).not.toMatch(/Failed to fetch|NetworkError|TypeError/);
    expect(await page.getByTestId('roster-row').count()).toBe(0);

    // the header as it is offline, at the desk and on a phone (folded behind the menu button, the state still shown)
    await page.evaluate(() => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0));
    const shots = await keepShots(page, 'connection-offline');
    expect(shots['390x844'].scrollsSideways).toBe(false);

    // meanwhile the operator's colleague adds someone from another device
    operator = await Caller.signIn(api.baseUrl, 'langson');
    const added = await operator.post(`/api/meetings/${meetingId}/endpoints/${endpointId}/attendees`, { fullName: 'Hoàng Văn Đức', position: 'Phó Giám đốc Sở Thông tin và Truyền thông' });
    expect(added.status).toBe(201);

    // the outage itself lasts 20 s: this wait is the scenario, not a guess at how long something takes
    await page.waitForTimeout(20_000);
    expect(await status().getAttribute('data-state')).toBe('offline');
    await restoreNetwork();

    await status().and(page.locator('[data-state=restored]')).waitFor({ timeout: 20_000 });
    expect(await status().textContent()).toBe('Đã kết nối lại');
    await page.getByTestId('console-presence').and(page.locator('[data-state=connected]')).waitFor({ timeout: 10_000 });
    await page.locator('[data-testid=roster-row][data-name="Hoàng Văn Đức"]').waitFor({ timeout: 10_000 });
    expect(page.url()).toBe(`${api.baseUrl}/meetings/${meetingId}/console/${endpointId}`);
    expect(await page.getByTestId('login-submit').count()).toBe(0);
    await page.evaluate(() => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0));
    const restored = await keepShots(page, 'connection-restored');
    expect(restored['390x844'].scrollsSideways).toBe(false);
    // the retry now goes through
    await page.getByTestId('roster-import').click();
    await page.locator('[data-testid=roster-row][data-name="Phạm Thị Dung"]').waitFor();
  }, 90_000);

  it('the shell header on a phone: a menu button with a name, the connection state beside it, no sideways scroll', async () => {
    await status().and(page.locator('[data-state=online]')).waitFor({ timeout: 15_000 });
    await page.evaluate(() => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0));
    await keepShots(page, 'connection-online');
    await page.setViewportSize({ width: 390, height: 844 });
    const menu = page.getByRole('button', { name: 'Mở trình đơn' });
    await menu.waitFor();
    expect(await status().isVisible()).toBe(true);
    expect(await page.getByTestId('nav-meetings').isVisible()).toBe(false);
    await menu.click();
    await page.getByTestId('nav-meetings').waitFor();
    expect(await page.getByRole('button', { name: 'Đóng trình đơn' }).getAttribute('aria-expanded')).toBe('true');
    await keepShots(page, 'connection-menu-open', [{ width: 390, height: 844 }]);
    expect(await page.evaluate(() => { const w = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number }; return w.document.documentElement.scrollWidth > w.innerWidth; })).toBe(false);
    await page.getByRole('button', { name: 'Đóng trình đơn' }).click();
    await page.setViewportSize({ width: 1440, height: 900 });
  }, 30_000);

  it('a 3-minute drop outlives the access token: the page refreshes on reconnect, stays signed in and catches up', async () => {
    const cutAt = Date.now();
    await cutNetwork();
    await status().and(page.locator('[data-state=offline]')).waitFor({ timeout: 5_000 });
    operator = await Caller.signIn(api.baseUrl, 'langson'); // its 60 s token ran out meanwhile
    const added = await operator.post(`/api/meetings/${meetingId}/endpoints/${endpointId}/attendees`, { fullName: 'Lê Thị Ngọc Ánh', position: 'Chuyên viên Văn phòng UBND tỉnh' });
    expect(added.status).toBe(201);
    // three minutes without network: the 60 s token the page holds runs out meanwhile
    await page.waitForTimeout(180_000);
    expect(await page.getByTestId('login-submit').count()).toBe(0);
    expect(await status().getAttribute('data-state')).toBe('offline');
    const restoreAt = Date.now();
    expect(restoreAt - cutAt).toBeGreaterThan(TTL_SECONDS * 1000 * 2);
    const from = frames.length;
    await restoreNetwork();

    await status().and(page.locator('[data-state=restored]')).waitFor({ timeout: 30_000 });
    // the token was refreshed after the network came back, and the socket came back on it
    expect(refreshes.some((t) => t >= restoreAt)).toBe(true);
    await frame((f) => f.dir === 'received' && f.text.includes('"session:ready"'), from, 5_000);
    await page.locator('[data-testid=roster-row][data-name="Lê Thị Ngọc Ánh"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid=roster-row][data-name="Hoàng Văn Đức"]').waitFor();
    expect(page.url()).toBe(`${api.baseUrl}/meetings/${meetingId}/console/${endpointId}`);
    expect(await page.getByTestId('login-submit').count()).toBe(0);
    expect(await page.getByTestId('current-user').isVisible()).toBe(true);
  }, 240_000);

  it('a revoked session signs out, and the sign-in page says why', async () => {
    // the same account changes its password elsewhere: every other session ends
    operator = await Caller.signIn(api.baseUrl, 'langson');
    const res = await operator.post('/api/auth/password', { currentPassword: BROWSER_ADMIN_PASSWORD, newPassword: 'Mật-khẩu-mới-của-Lạng-Sơn-2026' });
    expect(res.status).toBe(204);
    await page.getByTestId('signed-out-reason').and(page.locator('[data-reason=password_changed]')).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('signed-out-reason').textContent()).toBe('Mật khẩu của tài khoản vừa được đổi nên phiên đăng nhập này đã kết thúc. Vui lòng đăng nhập bằng mật khẩu mới.');
    expect(await page.title()).toBe('Đăng nhập · Hệ thống họp trực tuyến');
    // an explicit sign-out says so too
    await signIn(page, api.baseUrl, 'langson', 'Mật-khẩu-mới-của-Lạng-Sơn-2026');
    await page.getByTestId('logout').click();
    await page.getByTestId('signed-out-reason').and(page.locator('[data-reason=logout]')).getByText('Bạn đã đăng xuất.').waitFor();
  }, 60_000);
});
