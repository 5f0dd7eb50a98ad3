import { ApiCallError, ResponseDriftError, createApiClient } from './client';
import { matchRoute, routePath } from './routes';

const answer = (status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers });

describe('the typed client', () => {
  it('builds the path, query and body from the route map', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const client = createApiClient({ baseUrl: 'http://x', token: () => 't0k', validateResponses: false, fetch: async (url, init) => (seen.push({ url, init }), answer(200, { url: 'u' })) });
    await client.call('attendance.connectionLog', { params: { id: 'a b' }, query: { endpointId: undefined, limit: 5 } });
    await client.call('admin.queueSession');
    await client.call('speakers.reject', { params: { id: 'm', requestId: 'r' }, body: { reason: 'Lạc đề' } });
    expect(seen.map((s) => `${s.init.method} ${s.url}`)).toEqual([
      'GET http://x/api/meetings/a%20b/connection-log?limit=5',
      'POST http://x/api/admin/queues/session',
      'POST http://x/api/meetings/m/speech-requests/r/reject',
    ]);
    expect(seen[2].init.body).toBe(JSON.stringify({ reason: 'Lạc đề' }));
    expect((seen[0].init.headers as Record<string, string>).authorization).toBe('Bearer t0k');
  });

  it('throws the error body, refreshing the token once on a 401', async () => {
    let calls = 0;
    const client = createApiClient({
      token: () => 'old',
      refreshToken: () => 'new',
      fetch: async (_url, init) => {
        calls++;
        const auth = (init.headers as Record<string, string>).authorization;
        return auth === 'Bearer old' ? answer(401, { statusCode: 401, code: 'unauthenticated', message: 'x', correlationId: 'c' }) : answer(409, { statusCode: 409, code: 'agenda_stale', message: 'stale', correlationId: 'c' });
      },
    });
    const err = await client.call('agenda.get', { params: { id: 'm' } }).catch((e: unknown) => e);
    expect(calls).toBe(2);
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err).toMatchObject({ status: 409, code: 'agenda_stale', route: 'agenda.get' });
  });

  it('in test mode, fails an answer that drifts from the route’s response schema', async () => {
    const client = createApiClient({ validateResponses: true, fetch: async () => answer(201, [{ id: 'a' }]) });
    const input = { params: { id: 'm', endpointId: 'e' }, body: { csv: 'x' } };
    await expect(client.call('attendees.import', input)).rejects.toBeInstanceOf(ResponseDriftError);
    const ok = createApiClient({ validateResponses: true, fetch: async () => answer(201, { created: [], merged: 0 }) });
    await expect(ok.call('attendees.import', input)).resolves.toEqual({ created: [], merged: 0 });
  });

  it('answers 204 routes with nothing and file routes with the file', async () => {
    const client = createApiClient({ fetch: async (url) => (url.endsWith('.csv') ? answer(200, undefined, { 'content-type': 'text/csv', 'content-disposition': "attachment; filename=\"a.csv\"; filename*=UTF-8''Danh%20s%C3%A1ch.csv" }) : answer(204, undefined)) });
    await expect(client.call('auth.logout')).resolves.toBeUndefined();
    const file = await client.call('attendance.exportCsv', { params: { id: 'm' } });
    expect(file).toMatchObject({ contentType: 'text/csv', filename: 'Danh sách.csv' });
  });

  it('matches a request back to its route, literal segments first', () => {
    expect(matchRoute('GET', '/api/meetings/mine')).toBe('meetings.mine');
    expect(matchRoute('get', `/api/meetings/${'1'.repeat(8)}?after=3`)).toBe('meetings.get');
    expect(matchRoute('POST', '/api/meetings/x/roll-calls/current/close')).toBe('rollCalls.close');
    expect(matchRoute('GET', '/api/nowhere')).toBeUndefined();
    expect(() => routePath('meetings.get', {})).toThrow(/id/);
  });
});
