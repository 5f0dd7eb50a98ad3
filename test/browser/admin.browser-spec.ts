import type { Browser, Page } from 'playwright-core';
import { UserSession } from '../support/session';
import { BROWSER_ADMIN_PASSWORD, keepShots, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';

/** the page's document, typed without the DOM library (the test tsconfig has none) */
type Win = { document: { querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }>; querySelector(s: string): { getAttribute(n: string): string | null } | null } };

/** The administrator's pages, as an administrator uses them: find accounts, change one, reset a password, read the 2025 provinces notice. */
describe('administration in chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
    // the chair signed in once before; the administrator signs in last (the browser below)
    await UserSession.signIn(api.baseUrl, 'chair', BROWSER_ADMIN_PASSWORD);
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(page, api.baseUrl, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  const usernames = () => page.getByTestId('account-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-username')));
  /** waits until the table shows exactly these accounts, in this order */
  const rowsAre = async (expected: string[]) => {
    await page.waitForFunction(
      (want) => JSON.stringify(Array.from((globalThis as unknown as Win).document.querySelectorAll('[data-testid=account-row]')).map((r) => r.getAttribute('data-username'))) === JSON.stringify(want),
      expected,
    ).catch(async () => expect(await usernames()).toEqual(expected));
  };
  const row = (username: string) => page.locator(`[data-testid=account-row][data-username="${username}"]`);

  it('filters accounts by role and organization and sorts them', async () => {
    await page.goto(`${api.baseUrl}/accounts`);
    await page.getByRole('heading', { name: 'Tài khoản' }).waitFor();
    // by given name, in Vietnamese order: Bảo, Đức, Hằng, thống, Trang, Vũ
    await rowsAre(['viewer', 'langson', 'organizer', 'admin', 'secretary', 'chair']);
    await expect(row('langson').getByTestId('account-roles').textContent()).resolves.toBe('Cán bộ điểm cầu');
    await expect(row('viewer').getByTestId('account-last-sign-in').textContent()).resolves.toBe('Chưa đăng nhập');
    expect(await row('admin').getByTestId('account-last-sign-in').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

    await page.getByTestId('account-filter-role').selectOption({ label: 'Thư ký' });
    await rowsAre(['secretary']);
    await page.getByTestId('account-filter-role').selectOption({ label: 'Mọi vai trò' });

    await page.getByTestId('account-filter-org').fill('Lạng Sơn');
    await page.locator('.suggestions button').filter({ hasText: /^Ủy ban nhân dân tỉnh Lạng Sơn/ }).click();
    await rowsAre(['langson']);
    expect(await row('langson').getByTestId('account-org').textContent()).toContain('Lạng Sơn');
    await page.getByTestId('account-filter-org').getByRole('button').click();

    await page.getByTestId('account-filter-role').selectOption({ label: 'Quản trị' });
    await rowsAre(['admin']);
    await page.getByTestId('account-filter-role').selectOption({ label: 'Mọi vai trò' });
    // nobody matches: the page says so
    await page.getByTestId('account-search').fill('không có ai tên này');
    await page.getByTestId('account-empty').getByText('Không có tài khoản nào khớp với điều kiện lọc.').waitFor();
    await page.getByTestId('account-search').fill('');

    // most recent sign-in first (the administrator, then the chair), never signed in last
    await page.getByTestId('account-sort').selectOption({ label: 'Đăng nhập gần nhất trước' });
    await page.waitForFunction(() => (globalThis as unknown as Win).document.querySelector('[data-testid=account-row]')?.getAttribute('data-username') === 'admin');
    expect((await usernames()).slice(0, 2)).toEqual(['admin', 'chair']);

    await page.getByTestId('account-sort').selectOption({ label: 'Theo cơ quan' });
    await page.waitForFunction(() => (globalThis as unknown as Win).document.querySelector('[data-testid=account-row]')?.getAttribute('data-username') !== 'admin');
    const orgs = await page.getByTestId('account-org').allTextContents();
    // each organization's accounts together, organizations in order
    const order = [...new Set(orgs)];
    expect(orgs).toEqual(order.flatMap((o) => orgs.filter((x) => x === o)));
    expect(order).toEqual([...order].sort(new Intl.Collator('vi').compare));

    const shots = await keepShots(page, 'admin-accounts');
    expect(shots['390x844'].scrollsSideways).toBe(false);
    expect(shots['1440x900'].scrollsSideways).toBe(false);
  });

  it("edits an account's position; Escape closes the dialog; disabling names the person first", async () => {
    await page.goto(`${api.baseUrl}/accounts`);
    await row('secretary').getByTestId('account-edit').click();
    const dialog = page.getByRole('dialog', { name: 'Sửa tài khoản: Lê Thị Hương Trang' });
    await dialog.waitFor();
    expect(await dialog.evaluate((d) => d.contains(d.ownerDocument.activeElement))).toBe(true);
    await dialog.getByTestId('edit-org').getByText('BNG').waitFor();
    await keepShots(page, 'admin-edit');
    // a position too long: the field says why, in Vietnamese, and nothing is saved
    await dialog.getByTestId('edit-position').fill('Thư ký '.repeat(60));
    await dialog.getByTestId('edit-save').click();
    const tooLong = (await dialog.getByTestId('edit-position-error').textContent())!;
    expect(tooLong).toMatch(/ký tự/);
    expect(tooLong).not.toMatch(/must|characters/);
    await dialog.getByTestId('edit-position').fill('Thư ký Thứ trưởng');
    await dialog.getByTestId('edit-save').click();
    await dialog.getByTestId('edit-saved').waitFor();

    await dialog.getByTestId('edit-disable').click();
    const confirm = page.getByTestId('disable-confirm');
    await confirm.getByTestId('confirm-message').getByText('Khóa tài khoản Lê Thị Hương Trang?', { exact: false }).waitFor();
    await confirm.getByText('các phiên đăng nhập đang mở sẽ kết thúc', { exact: false }).waitFor();
    await keepShots(page, 'admin-disable-confirm');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    // the edit dialog stays, the account stays enabled
    await dialog.getByTestId('edit-disable').waitFor();
    await dialog.getByTestId('edit-position').focus();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.reload();
    await row('secretary').getByTestId('account-position').getByText('Thư ký Thứ trưởng').waitFor();
    await expect(UserSession.signIn(api.baseUrl, 'secretary', BROWSER_ADMIN_PASSWORD)).resolves.toBeDefined();
  });

  it('adds and removes a role in an organization; disabling after the confirmation ends the sessions', async () => {
    const admin = await UserSession.signIn(api.baseUrl, 'admin', BROWSER_ADMIN_PASSWORD);
    const before = await UserSession.signIn(api.baseUrl, 'langson', BROWSER_ADMIN_PASSWORD);
    const rolesOf = async () => (await admin.call('accounts.list', { query: { q: 'langson' } })).items.find((a) => a.username === 'langson')!.roles.map((r) => r.role).sort();
    await page.goto(`${api.baseUrl}/accounts`);
    await row('langson').getByTestId('account-edit').click();
    const dialog = page.getByRole('dialog', { name: 'Sửa tài khoản: Hoàng Văn Đức' });
    await dialog.getByTestId('edit-new-role').selectOption({ label: 'Thư ký' });
    await dialog.getByTestId('edit-new-role-org').fill('Lạng Sơn');
    await dialog.locator('.suggestions button').filter({ hasText: /^Ủy ban nhân dân tỉnh Lạng Sơn/ }).click();
    await dialog.getByTestId('edit-add-role').click();
    await dialog.getByTestId('edit-roles').getByText('Thư ký — Lạng Sơn').waitFor();
    await dialog.getByTestId('edit-save').click();
    await dialog.getByTestId('edit-saved').waitFor();
    expect(await rolesOf()).toEqual(['endpoint_operator', 'secretary']);
    await row('langson').getByTestId('account-roles').filter({ hasText: 'Cán bộ điểm cầu' }).filter({ hasText: 'Thư ký' }).waitFor();

    await dialog.getByRole('button', { name: 'Bỏ vai trò Thư ký tại Lạng Sơn' }).click();
    await dialog.getByTestId('edit-save').click();
    await row('langson').getByTestId('account-roles').getByText('Cán bộ điểm cầu', { exact: true }).waitFor(); // the list reloaded without Thư ký
    expect(await rolesOf()).toEqual(['endpoint_operator']);

    await dialog.getByTestId('edit-disable').click();
    await page.getByTestId('disable-confirm').getByTestId('confirm-submit').click();
    await page.getByTestId('disable-confirm').waitFor({ state: 'detached' });
    await dialog.getByTestId('edit-enable').waitFor();
    // focus came back into the edit dialog, on the button that now enables
    expect(await dialog.getByTestId('edit-enable').evaluate((b) => b === b.ownerDocument.activeElement)).toBe(true);
    await row('langson').getByText('Đã khóa').waitFor();
    // the session opened before is over
    expect((await before.request('GET', '/api/me')).status).toBe(401);
    await dialog.getByTestId('edit-enable').click();
    await dialog.getByTestId('edit-disable').waitFor();
    await row('langson').getByText('Đã khóa').waitFor({ state: 'detached' });
    await expect(UserSession.signIn(api.baseUrl, 'langson', BROWSER_ADMIN_PASSWORD)).resolves.toBeDefined();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('refuses a weak temporary password in Vietnamese, then resets with a generated one the user must change', async () => {
    await page.goto(`${api.baseUrl}/accounts`);
    await row('viewer').getByTestId('account-reset').click();
    const dialog = page.getByRole('dialog', { name: 'Đặt lại mật khẩu: Phạm Quốc Bảo' });
    await dialog.getByTestId('reset-password').fill('matkhau123');
    await dialog.getByTestId('reset-submit').click();
    await dialog.getByTestId('reset-error').getByText('Mật khẩu quá phổ biến hoặc dễ đoán', { exact: false }).waitFor();
    await keepShots(page, 'admin-reset-weak');
    // nothing changed: the old password still opens the account, with nothing to change
    const still = await UserSession.signIn(api.baseUrl, 'viewer', BROWSER_ADMIN_PASSWORD);
    expect(still.account.mustChangePassword).toBe(false);

    await dialog.getByTestId('reset-generate').click();
    const temporary = (await dialog.getByTestId('reset-generated').textContent())!;
    expect(temporary).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(await dialog.getByTestId('reset-password').inputValue()).toBe(temporary);
    await dialog.getByTestId('reset-submit').click();
    await dialog.getByTestId('reset-done').getByText('Đã đặt mật khẩu tạm cho Phạm Quốc Bảo; người dùng phải đổi khi đăng nhập.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Đóng' }).last().click();
    await dialog.waitFor({ state: 'detached' });
    await row('viewer').getByText('Chờ đổi mật khẩu').waitFor();

    // the old password no longer works; the temporary one leads only to changing it
    const old = await fetch(`${api.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'viewer', password: BROWSER_ADMIN_PASSWORD }) });
    expect(old.status).toBe(401);
    const user = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await user.goto(api.baseUrl);
    await user.getByTestId('login-username').fill('viewer');
    await user.getByTestId('login-password').fill(temporary);
    await user.getByTestId('login-submit').click();
    await user.getByRole('heading', { name: 'Đổi mật khẩu trước khi tiếp tục' }).waitFor();
    await user.context().close();
  });

  it('says that Hòa Bình is now part of Phú Thọ above the results', async () => {
    await page.goto(`${api.baseUrl}/organizations`);
    await page.getByTestId('org-search').fill('Hòa Bình');
    const notice = page.getByTestId('former-units');
    await notice.getByText('Tỉnh Hòa Bình (trước 01/07/2025) nay thuộc tỉnh Phú Thọ').waitFor();
    await page.getByTestId('org-row').filter({ hasText: 'Phú Thọ' }).first().waitFor();
    const [n, table] = await Promise.all([notice.boundingBox(), page.getByTestId('org-table').boundingBox()]);
    expect(n!.y + n!.height).toBeLessThanOrEqual(table!.y);
    const shots = await keepShots(page, 'admin-organizations');
    expect(shots['390x844'].scrollsSideways).toBe(false);
    expect(shots['1440x900'].scrollsSideways).toBe(false);
  });
});
