import type { ApiError, Organization, Page } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount, newOrganization, orgByCode } from '../support/factories';
import { UserSession } from '../support/session';

describe('organizations over HTTP', () => {
  let t: TestApp;
  let admin: UserSession;
  const list = (s: UserSession, query: string) => s.get<Page<Organization>>(`/api/organizations?${query}`);
  const count = async () => (await list(admin, 'limit=1')).body.total;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await UserSession.signIn(t.baseUrl, 'admin');
  });
  afterAll(() => t.close());

  it('is seeded with the Government Office, the ministries and the 34 provincial units', async () => {
    const provinces = await list(admin, 'kind=province&limit=100');
    expect(provinces.body.total).toBe(34);
    expect(provinces.body.items.find((o) => o.shortName === 'Tuyên Quang')).toMatchObject({
      name: 'Ủy ban nhân dân tỉnh Tuyên Quang',
      formedFrom: ['Tuyên Quang', 'Hà Giang'],
    });
    expect((await list(admin, 'kind=government_office')).body.items.map((o) => o.name)).toEqual(['Văn phòng Chính phủ']);
    expect((await list(admin, 'q=ngoai%20giao')).body.items.map((o) => o.name)).toContain('Bộ Ngoại giao');
  });

  it('sorts in Vietnamese order (Đ after D, tones after letters)', async () => {
    const names = (await list(admin, 'kind=province&limit=100')).body.items.map((o) => o.shortName!);
    expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
    expect(names.indexOf('Đắk Lắk')).toBeGreaterThan(names.indexOf('Đà Nẵng'));
    expect(names.indexOf('Đồng Tháp')).toBeGreaterThan(names.indexOf('Cần Thơ'));
  });

  it('finds "Lạng Sơn" from "lang son", and from "LẠNG SƠN"', async () => {
    for (const q of ['lang son', 'LẠNG SƠN', 'Lang  Son']) {
      const found = await list(admin, `q=${encodeURIComponent(q)}&kind=province`);
      expect(found.body.items.map((o) => o.shortName)).toEqual(['Lạng Sơn']);
    }
    expect((await list(admin, `q=${encodeURIComponent('100%_')}`)).body.total).toBe(0);
  });

  it('lets an admin create, rename and delete, keeping diacritics', async () => {
    const langSon = await orgByCode(admin, 'LANG_SON');
    const created = await newOrganization(admin, { parentId: langSon.id, name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Lạng Sơn', code: 'ls_svhttdl' });
    expect(created).toMatchObject({ name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Lạng Sơn', code: 'LS_SVHTTDL', parentId: langSon.id });
    const renamed = await admin.patch<Organization>(`/api/organizations/${created.id}`, { shortName: 'Sở VHTTDL' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.shortName).toBe('Sở VHTTDL');
    expect((await admin.get<Organization>(`/api/organizations/${langSon.id}`)).body.childCount).toBeGreaterThan(7);
    expect((await admin.delete(`/api/organizations/${created.id}`)).status).toBe(204);
    expect((await admin.get(`/api/organizations/${created.id}`)).status).toBe(404);
  });

  describe('refuses bad input with a clear 4xx and changes nothing', () => {
    it.each([
      ['an unknown field', { kind: 'ministry', name: 'Bộ X', budget: 1 }, 400, 'validation_failed'],
      ['a wrong type', { kind: 'ministry', name: 12 }, 400, 'validation_failed'],
      ['an unknown kind', { kind: 'tỉnh', name: 'X' }, 400, 'validation_failed'],
      ['an overlong name', { kind: 'ministry', name: 'B'.repeat(301) }, 400, 'validation_failed'],
      ['an empty name', { kind: 'ministry', name: '   ' }, 400, 'validation_failed'],
      ['a bad code', { kind: 'ministry', name: 'Bộ Y', code: 'có dấu' }, 400, 'validation_failed'],
      ['an unknown parent', { kind: 'department', name: 'Sở Z', parentId: '00000000-0000-4000-8000-000000000000' }, 422, 'organization_parent_not_found'],
      ['a taken code', { kind: 'ministry', name: 'Bộ Ngoại giao mới', code: 'BNG' }, 409, 'organization_code_taken'],
    ])('%s', async (_, body, status, code) => {
      const before = await count();
      const res = await admin.post<ApiError>('/api/organizations', body);
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(await count()).toBe(before);
    });

    it('a duplicate name under the same parent', async () => {
      const vpcp = await orgByCode(admin, 'VPCP');
      const before = await count();
      const res = await admin.post<ApiError>('/api/organizations', { kind: 'ministry', name: 'Bộ Ngoại giao', parentId: vpcp.id });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'organization_name_taken', fields: [{ field: 'name', reason: expect.any(String) }] });
      expect(await count()).toBe(before);
    });

    it('a move under its own descendant', async () => {
      const parent = await newOrganization(admin, { kind: 'department', name: 'Cục A' });
      const child = await newOrganization(admin, { kind: 'department', name: 'Phòng B', parentId: parent.id });
      const res = await admin.patch<ApiError>(`/api/organizations/${parent.id}`, { parentId: child.id });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('organization_cycle');
      expect((await admin.get<Organization>(`/api/organizations/${parent.id}`)).body.parentId).toBeNull();
      const del = await admin.delete<ApiError>(`/api/organizations/${parent.id}`);
      expect(del.status).toBe(409);
      expect(del.body.code).toBe('organization_has_children');
    });

    it('deleting an organization that still has accounts', async () => {
      const org = await newOrganization(admin, { kind: 'department', name: 'Vụ Hợp tác quốc tế' });
      await newAccount(admin, 'viewer', org.id);
      const res = await admin.delete<ApiError>(`/api/organizations/${org.id}`);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('organization_in_use');
      expect((await admin.get(`/api/organizations/${org.id}`)).status).toBe(200);
    });

    it('a malformed id', async () => {
      const res = await admin.get<ApiError>('/api/organizations/not-a-uuid');
      expect(res.status).toBe(400);
    });
  });

  describe('authorization', () => {
    it('lets every signed-in role read but only admins write', async () => {
      const viewer = await UserSession.signIn(t.baseUrl, 'viewer');
      expect((await list(viewer, 'q=lang')).status).toBe(200);
      const before = await count();
      const res = await viewer.post<ApiError>('/api/organizations', { kind: 'ministry', name: 'Bộ Mới' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('forbidden');
      expect(await count()).toBe(before);
    });

    it('scopes an admin to its organization and the bodies below it', async () => {
      const langSon = await orgByCode(admin, 'LANG_SON');
      const bng = await orgByCode(admin, 'BNG');
      const local = await newAccount(admin, 'admin', langSon.id);
      const localAdmin = await local.session();
      const ok = await localAdmin.post<Organization>('/api/organizations', { kind: 'department', name: 'Sở Nội vụ tỉnh Lạng Sơn', parentId: langSon.id });
      expect(ok.status).toBe(201);
      const before = await count();
      const outside = await localAdmin.post<ApiError>('/api/organizations', { kind: 'department', name: 'Vụ Lễ tân', parentId: bng.id });
      expect(outside.status).toBe(403);
      const root = await localAdmin.post<ApiError>('/api/organizations', { kind: 'ministry', name: 'Bộ Thứ Mười Lăm' });
      expect(root.status).toBe(403);
      const rename = await localAdmin.patch<ApiError>(`/api/organizations/${bng.id}`, { shortName: 'X' });
      expect(rename.status).toBe(403);
      expect(await count()).toBe(before);
      expect((await admin.get<Organization>(`/api/organizations/${bng.id}`)).body.shortName).toBe('BNG');
    });
  });
});
