import { ROUTES, ROUTE_NAMES, isFileResponse, matchRoute, type RouteDef } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { http, UserSession } from '../support/session';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** Every route Express serves under /api, as 'METHOD /path', from its router stack. */
function servedRoutes(t: TestApp): string[] {
  const express = t.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  return express.router.stack.flatMap((layer) => {
    if (!layer.route) return [];
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    return paths.flatMap((path) =>
      Object.keys(layer.route!.methods)
        .filter((m) => m !== '_all' && m !== 'head' && layer.route!.methods[m])
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
}

describe('the route map', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ redis: false });
  });
  afterAll(() => t.close());

  it('is exactly what Nest serves: no route in one and not the other', () => {
    // the docs (/api/docs...) and the catch-all answering 404 (/api/{*path}) are Express routes of their own
    const served = servedRoutes(t).filter((r) => {
      const path = r.split(' ')[1];
      return path.startsWith('/api/') && !path.startsWith('/api/docs') && !path.includes('{*');
    });
    const declared = (Object.values(ROUTES) as RouteDef[]).map((r) => `${r.method} ${r.path}`);
    expect(served.filter((r) => !declared.includes(r))).toEqual([]);
    expect(declared.filter((r) => !served.includes(r))).toEqual([]);
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('names every path parameter in the params schema, and matches each path back to its route', () => {
    for (const name of ROUTE_NAMES) {
      const def = ROUTES[name] as RouteDef;
      const inPath = [...def.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]).sort();
      expect([name, Object.keys(def.params?.shape ?? {}).sort()]).toEqual([name, inPath]);
      const sample = def.path.replace(/:([A-Za-z]+)/g, (_, k: string) => (k === 'file' ? '00000000-0000-0000-0000-000000000000.ics' : k === 'number' || k === 'from' || k === 'to' ? '1' : '00000000-0000-0000-0000-000000000000'));
      expect([name, matchRoute(def.method, sample)]).toEqual([name, name]);
    }
  });

  it('is documented in OpenAPI at /api/docs/openapi.json and /api/docs-json, every route with its response', async () => {
    const { status, body } = await http<{ openapi: string; paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { schema?: object }> }>; parameters: { name: string; in: string }[]; requestBody?: object; security: object[] }>> }>(t.baseUrl, 'GET', '/api/docs/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    const nest = await http<typeof body>(t.baseUrl, 'GET', '/api/docs-json');
    expect(nest.body).toEqual(body);
    for (const name of ROUTE_NAMES) {
      const def = ROUTES[name] as RouteDef;
      const op = body.paths[def.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[def.method.toLowerCase()];
      expect([name, op?.operationId]).toEqual([name, name]);
      const ok = op.responses[String(def.status)];
      expect([name, !!ok]).toEqual([name, true]);
      if (def.response !== null) {
        const type = isFileResponse(def.response) ? def.response.file : 'application/json';
        expect([name, !!ok.content?.[type]?.schema]).toEqual([name, true]);
      }
      expect([name, op.responses['400']]).toEqual([name, expect.objectContaining({ content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } })]);
      const documented = op.parameters.map((p) => `${p.in}:${p.name}`);
      for (const key of Object.keys(def.params?.shape ?? {})) expect([name, documented]).toEqual([name, expect.arrayContaining([`path:${key}`])]);
      for (const key of Object.keys(def.query?.shape ?? {})) expect([name, documented]).toEqual([name, expect.arrayContaining([`query:${key}`])]);
      expect([name, !!op.requestBody]).toEqual([name, !!def.body]);
      expect([name, op.security]).toEqual([name, def.auth === 'public' ? [] : [{ bearer: [] }]]);
    }
  });

  it('answers through the typed client with the contract’s shapes, and the error body on refusal', async () => {
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    const me = await admin.call('accounts.me');
    expect(me.username).toBe('admin');
    const page = await admin.call('organizations.list', { query: { kind: 'province', limit: 2 } });
    expect(page).toMatchObject({ total: 34, limit: 2, offset: 0 });
    await expect(admin.call('meetings.get', { params: { id: '00000000-0000-4000-8000-000000000000' } })).rejects.toMatchObject({ status: 404, body: expect.objectContaining({ code: expect.any(String) }) });
    await expect(admin.call('organizations.get', { params: { id: 'not-a-uuid' } })).rejects.toMatchObject({ status: 400, body: expect.objectContaining({ code: 'validation_failed', fields: [expect.objectContaining({ field: 'id', reason: 'must be a UUID' })] }) });
  });
});
