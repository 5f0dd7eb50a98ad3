import { io } from 'socket.io-client';
import type { AccountListItem, AccountView, ApiError, OrganizationPage, Page, SessionEndReason } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount, newOrganization, orgByCode } from '../support/factories';
import { UserSession, type TestSocket } from '../support/session';

/**
 * Issue 16, the server side: an administrator edits accounts, filters and sorts them, resets a
 * password (the account must change it at its next sign-in, its sessions end), passwords are
 * refused when common, and the organization search understands abbreviations and the pre-2025
 * provinces. Every refusal is a clear 4xx that changes nothing.
 */
describe('account administration over HTTP and Socket.IO', () => {
  let t: TestApp;
  let admin: UserSession;
  let vpcp: string;
  let langSon: string;
  let caoBang: string;

  const list = (query: string) => admin.get<Page<AccountListItem>>(`/api/accounts?${query}`);
  const get = async (id: string) => (await admin.call('accounts.list', { query: { limit: 100 } })).items.find((a) => a.id === id)!;
  const orgs = (q: string) => admin.get<OrganizationPage>(`/api/organizations?q=${encodeURIComponent(q)}&limit=50`);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await UserSession.signIn(t.baseUrl, 'admin');
    vpcp = (await orgByCode(admin, 'VPCP')).id;
    langSon = (await orgByCode(admin, 'LANG_SON')).id;
    caoBang = (await orgByCode(admin, 'CAO_BANG')).id;
  });
  afterAll(() => t.close());

  describe('editing an account', () => {
    it('changes name, organization, roles and disabled, and the list shows names, never ids', async () => {
      const { account } = await newAccount(admin, 'viewer', langSon, { fullName: 'Hoàng Thị Lan' });
      const res = await admin.patch<AccountView>(`/api/accounts/${account.id}`, {
        fullName: 'Hoàng Thị Lan Anh',
        organizationId: caoBang,
        roles: [
          { role: 'endpoint_operator', organizationId: caoBang },
          { role: 'secretary', organizationId: langSon },
        ],
      });
      expect(res.status).toBe(200);
      const row = await get(account.id);
      expect(row).toMatchObject({ fullName: 'Hoàng Thị Lan Anh', organizationId: caoBang, organizationName: 'Cao Bằng', disabled: false });
      expect(row.organizationNames).toEqual({ [caoBang]: 'Cao Bằng', [langSon]: 'Lạng Sơn' });
      expect(row.roles.map((r) => r.role).sort()).toEqual(['endpoint_operator', 'secretary']);
      expect((await admin.patch(`/api/accounts/${account.id}`, { disabled: true })).status).toBe(200);
      expect((await get(account.id)).disabled).toBe(true);
    });

    describe('refuses bad input with a clear 4xx and changes nothing', () => {
      let target: AccountView;
      beforeAll(async () => {
        target = (await newAccount(admin, 'viewer', langSon, { fullName: 'Đỗ Minh Châu' })).account;
      });
      it.each([
        ['an unknown field', { fullName: 'X Y', salary: 1 }, 400, 'validation_failed'],
        ['an empty name', { fullName: '   ' }, 400, 'validation_failed'],
        ['an unknown role', { roles: [{ role: 'king', organizationId: '00000000-0000-4000-8000-000000000000' }] }, 400, 'validation_failed'],
        ['a non-boolean disabled', { disabled: 'yes' }, 400, 'validation_failed'],
        ['an organization that does not exist', { organizationId: '00000000-0000-4000-8000-000000000000' }, 422, 'account_organization_not_found'],
        ['a role in an organization that does not exist', { roles: [{ role: 'chair', organizationId: '00000000-0000-4000-8000-000000000000' }] }, 422, 'account_organization_not_found'],
      ])('%s', async (_, body, status, code) => {
        const before = await get(target.id);
        const res = await admin.patch<ApiError>(`/api/accounts/${target.id}`, body);
        expect(res.status).toBe(status);
        expect(res.body.code).toBe(code);
        expect(await get(target.id)).toEqual(before);
      });

      it('an account that does not exist (404), and a non-administrator (403)', async () => {
        expect((await admin.patch<ApiError>('/api/accounts/00000000-0000-4000-8000-000000000000', { fullName: 'Ai Đó' })).body.code).toBe('account_not_found');
        const before = await get(target.id);
        const operator = await (await newAccount(admin, 'endpoint_operator', langSon)).session();
        const res = await operator.patch<ApiError>(`/api/accounts/${target.id}`, { fullName: 'Kẻ Lạ' });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('forbidden');
        const reset = await operator.post<ApiError>(`/api/accounts/${target.id}/password`, { password: 'Tạm-thời-Đổi-ngay-2026' });
        expect(reset.status).toBe(403);
        expect(await get(target.id)).toEqual(before);
      });

      it('the last active administrator cannot take away its own admin role (409)', async () => {
        const res = await admin.patch<ApiError>(`/api/accounts/${admin.account.id}`, { roles: [{ role: 'viewer', organizationId: vpcp }] });
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('account_last_admin');
        expect((await get(admin.account.id)).roles.some((r) => r.role === 'admin')).toBe(true);
      });
    });
  });

  describe('filtering and sorting the list', () => {
    let org: string;
    beforeAll(async () => {
      org = (await newOrganization(admin, { parentId: langSon, name: 'Sở Tài nguyên và Môi trường tỉnh Lạng Sơn', kind: 'department' })).id;
      await newAccount(admin, 'chair', org, { fullName: 'Trần Văn Bình' });
      await newAccount(admin, 'secretary', org, { fullName: 'Lê Thị An' });
      await newAccount(admin, 'endpoint_operator', org, { fullName: 'Phạm Quốc Cường' });
    });

    it('filters by organization and by role', async () => {
      const all = (await list(`organizationId=${org}`)).body;
      expect(all.items.map((a) => a.fullName)).toEqual(['Lê Thị An', 'Trần Văn Bình', 'Phạm Quốc Cường']);
      const chairs = (await list(`organizationId=${org}&role=chair`)).body;
      expect(chairs.items.map((a) => a.fullName)).toEqual(['Trần Văn Bình']);
      expect(chairs.total).toBe(1);
    });

    it('sorts by name (given name, Vietnamese order), by organization, and by last sign-in', async () => {
      const res = await list('sort=organization&limit=100');
      expect(res.status).toBe(200);
      const byOrg = res.body.items.map((a) => a.organizationName);
      expect(byOrg).toEqual([...byOrg].sort(new Intl.Collator('vi').compare));
      const { account, session } = await newAccount(admin, 'viewer', caoBang, { fullName: 'Vũ Đức Thắng' });
      await session();
      const recent = (await list('sort=lastSignIn&limit=100')).body.items;
      expect(recent[0].id).toBe(account.id);
      // newest first (which account signed in second depends on the tests before this one)
      const times = recent.filter((a) => a.lastSignInAt !== null).map((a) => new Date(a.lastSignInAt!).getTime());
      expect(times.length).toBeGreaterThanOrEqual(2);
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const never = recent.filter((a) => a.lastSignInAt === null);
      expect(recent.slice(-never.length)).toEqual(never);
    });

    it('refuses an unknown sort or role (400)', async () => {
      for (const q of ['sort=salary', 'role=king', 'organizationId=abc']) {
        const res = await list(q);
        expect(res.status).toBe(400);
        expect((res.body as unknown as ApiError).code).toBe('validation_failed');
      }
    });

    it('finds accounts by an organization-style abbreviation-free name, accent-insensitive', async () => {
      expect((await list('q=tran%20van%20binh')).body.items.map((a) => a.fullName)).toEqual(['Trần Văn Bình']);
      expect((await list(`q=${encodeURIComponent('BÌNH trần')}`)).body.items.map((a) => a.fullName)).toEqual(['Trần Văn Bình']);
    });
  });

  describe('resetting a password', () => {
    it('ends the sessions, the temporary password must be changed before anything else, then all works', async () => {
      const { account, password, session } = await newAccount(admin, 'endpoint_operator', langSon, { fullName: 'Ngô Thị Hạnh' });
      const before = await session();
      const socket: TestSocket = await before.socket();
      const ended = new Promise<SessionEndReason>((resolve) => socket.on('session:ended', (p) => resolve(p.reason)));
      const temporary = 'Tạm-thời-Đổi-ngay-2026';

      expect((await admin.post(`/api/accounts/${account.id}/password`, { password: temporary })).status).toBe(204);
      expect(await ended).toBe('password_changed');
      socket.close();
      expect((await before.get<ApiError>('/api/me')).status).toBe(401);
      await expect(UserSession.signIn(t.baseUrl, account.username, password)).rejects.toThrow(/401/);

      const next = await UserSession.signIn(t.baseUrl, account.username, temporary);
      expect(next.account.mustChangePassword).toBe(true);
      expect((await next.get<AccountView>('/api/me')).body.mustChangePassword).toBe(true);
      const blocked = await next.get<ApiError>('/api/meetings');
      expect(blocked.status).toBe(403);
      expect(blocked.body.code).toBe('password_change_required');
      await expect(next.socket()).rejects.toThrow();

      const weak = await next.post<ApiError>('/api/auth/password', { currentPassword: temporary, newPassword: 'matkhau123456' });
      expect(weak.status).toBe(400);
      expect(weak.body).toMatchObject({ code: 'password_too_weak', fields: [{ field: 'newPassword', code: 'too_weak' }] });
      expect((await next.get<ApiError>('/api/meetings')).body.code).toBe('password_change_required');

      expect((await next.post('/api/auth/password', { currentPassword: temporary, newPassword: 'Hạnh-đã-đổi-mật-khẩu-2026' })).status).toBe(204);
      expect((await next.get('/api/meetings')).status).toBe(200);
      expect((await next.get<AccountView>('/api/me')).body.mustChangePassword).toBe(false);
      (await next.socket()).close();
      const again = await UserSession.signIn(t.baseUrl, account.username, 'Hạnh-đã-đổi-mật-khẩu-2026');
      expect(again.account.mustChangePassword).toBe(false);
    });

    it('refuses a common, short or own-name temporary password (400) and keeps the old one', async () => {
      const { account, password, session } = await newAccount(admin, 'viewer', langSon, { fullName: 'Đinh Văn Toàn' });
      for (const [pw, code] of [
        ['password123456', 'password_too_weak'],
        ['1234567890', 'password_too_weak'],
        ['Đinh Văn Toàn 2026', 'password_too_weak'],
        ['ngắn', 'validation_failed'],
      ]) {
        const res = await admin.post<ApiError>(`/api/accounts/${account.id}/password`, { password: pw });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe(code);
        expect(res.body.fields?.[0]?.field).toBe('password');
      }
      const res = await admin.post<ApiError>(`/api/accounts/${account.id}/password`, { password: 'Tạm-thời-Đổi-ngay-2026', extra: 1 });
      expect(res.status).toBe(400);
      const still = await session();
      expect(still.account.mustChangePassword).toBe(false);
      expect(password).toBeTruthy();
    });

    it('refuses an account that does not exist (404)', async () => {
      const res = await admin.post<ApiError>('/api/accounts/00000000-0000-4000-8000-000000000000/password', { password: 'Tạm-thời-Đổi-ngay-2026' });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('account_not_found');
    });
  });

  describe('password rules on create and change', () => {
    it('refuses a common password when an administrator creates an account, and creates nothing', async () => {
      const count = async () => (await admin.call('accounts.list', { query: { limit: 1 } })).total;
      const before = await count();
      const res = await admin.post<ApiError>('/api/accounts', {
        username: 'nguoi.moi',
        fullName: 'Người Mới',
        password: 'qwertyuiop123',
        organizationId: langSon,
        roles: [],
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'password_too_weak', fields: [{ field: 'password', code: 'too_weak' }] });
      expect(await count()).toBe(before);
    });

    it('refuses a common new password on change, and the old one still signs in', async () => {
      const { account, password, session } = await newAccount(admin, 'viewer', langSon);
      const s = await session();
      const res = await s.post<ApiError>('/api/auth/password', { currentPassword: password, newPassword: 'Matkhau@123456' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('password_too_weak');
      await UserSession.signIn(t.baseUrl, account.username, password);
    });
  });

  describe('organization search', () => {
    beforeAll(async () => {
      await newOrganization(admin, { parentId: langSon, name: 'Sở TN&MT tỉnh Lạng Sơn (cũ)', kind: 'department' });
    });

    it('understands UBND, HĐND, TP and Sở TN&MT written either way', async () => {
      const names = async (q: string) => (await orgs(q)).body.items.map((o) => o.name);
      expect(await names('UBND Lạng Sơn')).toContain('Ủy ban nhân dân tỉnh Lạng Sơn');
      expect(await names('ubnd tinh lang son')).toContain('Ủy ban nhân dân tỉnh Lạng Sơn');
      expect(await names('UBND TP Đà Nẵng')).toEqual(['Ủy ban nhân dân thành phố Đà Nẵng']);
      expect(await names('TP.HCM')).toEqual(['Ủy ban nhân dân Thành phố Hồ Chí Minh']);
      expect(await names('ủy ban nhân dân lạng sơn')).toContain('Văn phòng UBND tỉnh Lạng Sơn');
      expect((await names('Sở TN&MT')).sort()).toEqual(['Sở TN&MT tỉnh Lạng Sơn (cũ)', 'Sở Tài nguyên và Môi trường tỉnh Lạng Sơn']);
      expect((await names('so tai nguyen va moi truong')).sort()).toEqual(['Sở TN&MT tỉnh Lạng Sơn (cũ)', 'Sở Tài nguyên và Môi trường tỉnh Lạng Sơn']);
      expect(await names('HĐND Lạng Sơn')).toEqual([]);
    });

    it('says that Hòa Bình is now part of Phú Thọ, and finds Phú Thọ', async () => {
      const phuTho = await orgByCode(admin, 'PHU_THO');
      for (const q of ['Hòa Bình', 'hoa binh', 'tỉnh Hoà Bình']) {
        const page = (await orgs(q)).body;
        expect(page.formerUnits).toEqual([{ name: 'Hòa Bình', now: 'Phú Thọ', organizationId: phuTho.id }]);
        expect(page.items.map((o) => o.shortName)).toContain('Phú Thọ');
      }
      expect((await orgs('Lạng Sơn')).body.formerUnits).toEqual([]);
    });
  });

  it('refuses a socket whose password must be changed before it joins anything', async () => {
    const { account } = await newAccount(admin, 'viewer', langSon);
    await admin.post(`/api/accounts/${account.id}/password`, { password: 'Tạm-thời-Đổi-ngay-2026' });
    const s = await UserSession.signIn(t.baseUrl, account.username, 'Tạm-thời-Đổi-ngay-2026');
    const socket = io(t.baseUrl, { auth: { token: s.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    const err = await new Promise<Error & { data?: ApiError }>((resolve) => socket.once('connect_error', resolve));
    socket.close();
    // the handshake answers every refusal as unauthenticated; the message says why
    expect(err.data).toMatchObject({ code: 'unauthenticated', message: expect.stringContaining('reset the password') });
  });
});
