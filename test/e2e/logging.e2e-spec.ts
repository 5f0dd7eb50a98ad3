import type { Readable } from 'node:stream';
import { startApiProcess, type RunningApi } from '../support/browser';
import { http } from '../support/session';

/** The built api as `npm start` runs it; what it writes on stdout up to its first request log. */
async function startupOutput(env: Record<string, string>) {
  const api = await startApiProcess({ LOG_LEVEL: 'info', ...env }, { web: false, stdout: 'pipe' });
  const out = api.child.stdout as Readable;
  let text = '';
  // the request's own line, complete: "GET /api/meetings 401 ..." or {... "method":"GET","url":"/api/meetings" ...}
  const request = /(GET \/api\/meetings 401|"method":"GET","url":"\/api\/meetings").*\n/;
  const logged = new Promise<void>((resolve) => out.on('data', (chunk: Buffer) => ((text += chunk.toString()), request.test(text) && resolve())));
  await http(api.baseUrl, 'GET', '/api/meetings'); // one logged request (health is not logged)
  await logged;
  return { api, lines: text.split('\n').filter((l) => l.trim() !== '') };
}

describe('start-up logs', () => {
  const running: RunningApi[] = [];
  afterAll(() => Promise.all(running.map((a) => a.stop())));

  it('on a terminal (LOG_FORMAT auto there): a few readable lines, no wiring, no path-to-regexp legacy-route warning', async () => {
    const { api, lines } = await startupOutput({ LOG_FORMAT: 'pretty' });
    running.push(api);
    const plain = lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, '')); // eslint-disable-line no-control-regex
    expect(plain.some((l) => /INFO: .*Nest application successfully started/.test(l))).toBe(true);
    expect(plain.some((l) => /INFO: GET \/api\/meetings 401 \d+ms/.test(l))).toBe(true);
    expect(plain.filter((l) => /InstanceLoader|RouterExplorer|RoutesResolver|WebSocketsController/.test(l))).toEqual([]);
    expect(plain.filter((l) => /LegacyRouteConverter|Unsupported route path/.test(l))).toEqual([]);
    expect(plain.filter((l) => l.startsWith('{'))).toEqual([]);
    expect(lines.length).toBeLessThan(25); // was about 160 JSON lines
  });

  it('elsewhere (a pipe, here): one JSON object per line, every one of them, still without the legacy-route warning', async () => {
    const { api, lines } = await startupOutput({ LOG_FORMAT: 'auto' });
    running.push(api);
    // besides the first accounts' box, printed for a person whatever the format, every line is a JSON object
    expect(lines.filter((l) => !l.startsWith('{') && !/^=+$|^First accounts|^ {2}\S+ +\S+ +\S+$/.test(l))).toEqual([]);
    const entries = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { context?: string; msg: string; req?: { method: string } });
    expect(entries.filter((e) => e.context === 'RouterExplorer').length).toBeGreaterThan(50);
    expect(entries.filter((e) => e.context === 'LegacyRouteConverter' || /Unsupported route path/.test(e.msg))).toEqual([]);
    expect(entries.some((e) => e.req?.method === 'GET')).toBe(true);
  });
});
