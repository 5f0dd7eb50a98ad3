import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';

describe('the web shell in chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];
  const websockets: string[] = [];

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    // the Content-Security-Policy (apps/api/src/common/security-headers.ts) must not block anything the app does
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.addInitScript(
      "document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load: CSP ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`))",
    );
    page.on('websocket', (ws) => websockets.push(ws.url()));
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('shows the sign-in page in Vietnamese and refuses a wrong password', async () => {
    await page.goto(api.baseUrl);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('sai mật khẩu');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').getByText('Sai tên đăng nhập hoặc mật khẩu').waitFor();
  });

  it('signs in to the shell with the live connection and the server clock', async () => {
    await signIn(page, api.baseUrl, 'admin');
    await page.getByTestId('current-user').getByText('Quản trị hệ thống').waitFor();
    await page.getByTestId('current-user').getByText('VPCP').waitFor();
    expect(await page.getByTestId('server-clock').textContent()).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    await page.getByTestId('nav-accounts').waitFor(); // admins see accounts
    // Socket.IO upgraded to a WebSocket on the same origin, which connect-src 'self' allows
    expect(websockets.some((u) => u.startsWith(`${api.baseUrl.replace('http', 'ws')}/socket.io/`))).toBe(true);
  });

  it('finds "Lạng Sơn" when searching "lang son", in Vietnamese order', async () => {
    await page.getByTestId('nav-organizations').click();
    await page.getByTestId('org-kind').selectOption('province');
    await page.getByTestId('org-row').first().waitFor();
    await page.getByText('34 cơ quan, đơn vị').waitFor();
    const names = await page.getByTestId('org-row').locator('td:nth-child(2)').allTextContents();
    expect(names.slice(0, 6)).toEqual(['An Giang', 'Bắc Ninh', 'Cà Mau', 'Cao Bằng', 'Cần Thơ', 'Đà Nẵng']);
    await page.getByTestId('org-search').fill('lang son');
    await page.getByText('1 cơ quan, đơn vị').waitFor();
    expect(await page.getByTestId('org-row').allTextContents()).toEqual([expect.stringContaining('Ủy ban nhân dân tỉnh Lạng Sơn')]);
    mkdirSync(dirname(artifact('x')), { recursive: true });
    await page.screenshot({ path: artifact('organizations.png') });
  });

  it('switches to English and back, and signs out', async () => {
    await page.getByTestId('language').selectOption('en');
    await page.getByRole('heading', { name: 'Organizations' }).waitFor();
    await page.getByTestId('nav-meetings').getByText('Meetings').waitFor();
    await page.getByTestId('language').selectOption('vi');
    await page.getByRole('heading', { name: 'Cơ quan, đơn vị' }).waitFor();
    await page.reload();
    await page.getByTestId('current-user').waitFor(); // the refresh cookie restores the session
    await page.getByTestId('logout').click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(cspViolations).toEqual([]);
  });
});
