import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MeetingWriteResult } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { orgByCode } from '../support/factories';
import { http, UserSession } from '../support/session';
import { day } from '../support/time';

/** Security headers (apps/api/src/common/security-headers.ts) on the web app, the api, downloads and library pages. */
describe('security headers', () => {
  let t: TestApp;
  let organizer: UserSession;
  let web: string;
  beforeAll(async () => {
    web = mkdtempSync(join(tmpdir(), 'htt-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/index.js"></script>');
    writeFileSync(join(web, 'assets/index.js'), 'export {};');
    t = await startTestApp({ env: { WEB_DIST: web, TRUST_PROXY: 'true' } });
    organizer = await UserSession.signIn(t.baseUrl, 'organizer');
  });
  afterAll(async () => {
    await t.close();
    rmSync(web, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.baseUrl}${path}`, { headers: { accept: 'text/html', ...headers } });
  const directives = (res: Response) =>
    Object.fromEntries(
      (res.headers.get('content-security-policy') ?? '')
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([name, ...values]) => [name, values]),
    );
  const expectCommon = (res: Response) => {
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('permissions-policy')).toMatch(/(^|, )camera=\(self\)(,|$)/);
    expect(res.headers.get('permissions-policy')).toMatch(/(^|, )microphone=\(self\)(,|$)/);
    expect(res.headers.get('permissions-policy')).toMatch(/(^|, )geolocation=\(\)(,|$)/);
    expect(directives(res)['frame-ancestors']).toEqual(["'none'"]);
    expect(res.headers.get('strict-transport-security')).toBeNull(); // plain HTTP: HSTS would mean nothing
    expect(res.headers.get('x-powered-by')).toBeNull();
  };

  it('gives the web app (page, SPA routes, assets) a strict policy', async () => {
    for (const path of ['/', '/meetings/123', '/assets/index.js']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expectCommon(res);
      const csp = directives(res);
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['style-src']).toEqual(["'self'"]);
      expect(csp['connect-src']).toEqual(["'self'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['base-uri']).toEqual(["'self'"]);
    }
  });

  it('lets nothing load from api answers, errors included', async () => {
    for (const [path, status] of [
      ['/api/health', 200],
      ['/api/me', 401],
      ['/api/no-such-route', 404],
    ] as const) {
      const res = await get(path);
      expect(res.status).toBe(status);
      expectCommon(res);
      expect(directives(res)).toMatchObject({ 'default-src': ["'none'"], sandbox: [] });
    }
  });

  it('sandboxes downloads, so a file opened instead of saved runs nothing', async () => {
    const bng = await orgByCode(organizer, 'BNG');
    const created = await organizer.post<MeetingWriteResult>('/api/meetings', {
      kind: 'seminar',
      title: 'Tọa đàm về an toàn thông tin',
      hostOrganizationId: bng.id,
      scheduledStart: day(10, '14:00'),
      scheduledEnd: day(10, '17:00'),
    });
    expect(created.status).toBe(201);
    for (const path of [`/api/meetings/${created.body.meeting.id}/calendar.ics`, `/api/meetings/${created.body.meeting.id}/attendance/export.csv`]) {
      const full = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${organizer.token}` } });
      expect(full.status).toBe(200);
      expect(full.headers.get('content-disposition')).toMatch(/^attachment;/);
      expectCommon(full);
      expect(directives(full)).toMatchObject({ 'default-src': ["'none'"], sandbox: [] });
      expect(full.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    }
  });

  it('gives library pages (API docs) their own policy with inline styles only', async () => {
    const res = await get('/api/docs/');
    expect(res.status).toBe(200);
    expectCommon(res);
    const csp = directives(res);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('gives Socket.IO long-polling answers, which bypass Express, the same protections', async () => {
    const res = await fetch(`${t.baseUrl}/socket.io/?EIO=4&transport=polling`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(directives(res)).toMatchObject({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"], sandbox: [] });
  });

  it('adds HSTS when the request came over TLS (X-Forwarded-Proto behind a trusted proxy)', async () => {
    for (const path of ['/', '/api/health']) {
      const res = await get(path, { 'x-forwarded-proto': 'https' });
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    }
    const probe = await http(t.baseUrl, 'GET', '/api/health', undefined, { 'x-forwarded-proto': 'http' });
    expect(probe.headers.get('strict-transport-security')).toBeNull();
  });
});
