import fc from 'fast-check';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { z } from 'zod';
import { ROUTES, ROUTE_NAMES, type Attendee, type MeetingEndpoint, type MeetingWriteResult, type MinutesEntry, type RouteDef, type RouteName, type SpeechRequest, type Agenda } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount, newOrganization, orgByCode } from '../support/factories';
import { UserSession } from '../support/session';
import { day } from '../support/time';

/**
 * Walks every route of the route map with generated bad input and fails on any 5xx (issue 15: "no input
 * makes a 500"). Inputs follow each route's own schemas (so most get past the first check and reach the
 * service, where the foreign-key 500s lived), with bad values mixed in: NUL, lone surrogates, impossible
 * dates, huge and deeply nested values, wrong types, unknown and foreign ids, broken JSON, unsupported
 * charsets and content-encodings. Signed in as the admin (chair and secretary of a live meeting, so the
 * meeting's routes run their logic) and without a token. Fixed seed and runs: the same requests every time.
 *
 * Measured: 16 runs a route (1,312 requests) took 51 s on the shared 2-core machine at load ~10 and 73 s
 * at load ~23, plus about a minute to start the api and build the meeting.
 */
const SEED = 20_261_201;
const RUNS_PER_ROUTE = 16;
/** the api's JSON body limit (main.ts) */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** The parts of a zod schema's definition the generator reads (zod 4 keeps them on `_zod.def`). */
interface SchemaDef {
  type: string;
  format?: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
}
const defOf = (schema: z.ZodType): SchemaDef => schema._zod.def as unknown as SchemaDef;

// ---------- the bad values ----------

const deep = (n: number): unknown => (n === 0 ? 'đáy' : { a: [deep(n - 1)] });
const NASTY_STRINGS = [
  '', ' ', '\u0000', 'Hà\u0000Nội', '\ud800', 'x\udc00', '\ud83d', '\uFEFF', '\u202Eabc', '=HYPERLINK("x")',
  '2026-02-30', '2026-13-45', '0000-01-01', '2026-02-30T08:00', '2027-02-30T08:00', '0000-01-01T00:00', '9999-12-31T23:59:59-14:00', '2026-12-01T24:00', '2026-12-01T08:00+99:00',
  '-1', '1e309', 'NaN', 'Infinity', '99999999999999999999', '0x10', '1.5', '__proto__', 'constructor', '../../etc/passwd', "' OR 1=1 --", '%00', '%', 'null', 'true', '[]', '{}',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '00000000-0000-0000-0000-00000000000G', '0000000000000000000000000000000000000.ics',
  'https://vpcp.gov.vn/\u0000.pdf', 'https://vpcp.gov.vn/\ud800', 'javascript:alert(1)', 'Đ'.repeat(5001), 'x'.repeat(70_000),
];
const badString = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) });
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: badString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(null, true, false, -1, 0, 2 ** 53 + 1, 1e308, -1e308, [], {}, [[[]]], JSON.parse('{"__proto__":{"admin":true}}'), deep(500), Array.from({ length: 5000 }, (_, i) => i), 'ư'.repeat(2_000_000)),
  },
);

/** Values that pass the usual checks, so a request gets past validation to the service. */
const plausibleText = fc.constantFrom('Hội nghị trực tuyến toàn quốc', 'Đoàn Thu Hà', 'Lạng Sơn', 'Phó Chủ tịch UBND tỉnh', 'note', 'draft', 'vi', 'lang son', 'a', day(3, '08:00'), day(3, '11:00'), day(-3, '08:00'), '2027-01-15', '2027-01-15T08:00:00+07:00', 'https://vpcp.gov.vn/tai-lieu.pdf');

// ---------- the request ----------

type Auth = 'admin' | 'none' | 'garbage';
type BodyCase =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string; contentType: string }
  | { kind: 'encoded'; value: unknown; encoding: 'gzip' | 'deflate' | 'br' | 'x-klingon' | 'gzip-broken'; contentType: string };

interface FuzzCase {
  auth: Auth;
  params: Record<string, string>;
  query: [string, string][];
  /** bytes URLSearchParams would not send: a lone surrogate's UTF-8 (%ED%A0%80), a broken escape */
  rawQuery: string;
  body: BodyCase;
}

describe('fuzzing every route of the route map', () => {
  let t: TestApp;
  let admin: UserSession;
  let ids: string[];

  /** The body of a set-up call that must succeed. */
  const must = async <T>(res: Promise<{ status: number; body: T }>): Promise<T> => {
    const r = await res;
    if (r.status >= 300) throw new Error(`set-up failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  beforeAll(async () => {
    t = await startTestApp({ redis: false });
    admin = await UserSession.signIn(t.baseUrl, 'admin');
    const bng = await orgByCode(admin, 'BNG');
    const langSon = await orgByCode(admin, 'LANG_SON');
    const org = await newOrganization(admin);
    const account = await newAccount(admin, 'viewer', org.id);
    // the admin chairs and keeps the minutes of a live meeting, so the meeting's commands run their logic
    const { meeting } = await must(
      admin.post<MeetingWriteResult>('/api/meetings', {
        kind: 'plenary',
        title: 'Hội nghị thử nghiệm đầu vào',
        hostOrganizationId: bng.id,
        chairId: admin.account.id,
        secretaryIds: [admin.account.id],
        scheduledStart: day(1, '08:00'),
        scheduledEnd: day(1, '11:00'),
      }),
    );
    const agenda = await must(admin.request<Agenda>('PUT', `/api/meetings/${meeting.id}/agenda`, { version: 0, sessions: [{ title: 'Phiên toàn thể', items: [{ title: 'Báo cáo', durationMinutes: 30 }] }] }));
    const endpoint = await must(admin.post<MeetingEndpoint>(`/api/meetings/${meeting.id}/endpoints`, { organizationId: langSon.id }));
    const operator = await UserSession.signIn(t.baseUrl, 'langson');
    const attendee = await must(operator.post<Attendee>(`/api/meetings/${meeting.id}/endpoints/${endpoint.id}/attendees`, { fullName: 'Đoàn Thu Hà', walkIn: true }));
    await must(admin.post(`/api/meetings/${meeting.id}/transitions`, { action: 'schedule' }));
    await must(admin.post(`/api/meetings/${meeting.id}/transitions`, { action: 'start' }));
    await must(admin.patch(`/api/meetings/${meeting.id}/speakers/settings`, { open: true }));
    const request = await must(operator.post<SpeechRequest>(`/api/meetings/${meeting.id}/speech-requests`, { endpointId: endpoint.id, attendeeId: attendee.id, kind: 'contribution' }));
    const entry = await must(admin.post<MinutesEntry>(`/api/meetings/${meeting.id}/minutes/entries`, { kind: 'note', text: 'Ghi chú' }));
    ids = [meeting.id, agenda.sessions[0].items[0].id, agenda.sessions[0].id, endpoint.id, attendee.id, request.id, entry.id, org.id, account.account.id, langSon.id];
  });
  afterAll(() => t.close());

  /** A value for a schema: mostly one it could accept (ids of real records included), sometimes a bad one. */
  const valueFor = (schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> => {
    const def = defOf(schema);
    if (depth > 6) return badValue;
    const orBad = (good: fc.Arbitrary<unknown>, weight = 4) => fc.oneof({ weight, arbitrary: good }, { weight: 1, arbitrary: badValue });
    switch (def.type) {
      case 'object':
        return orBad(fc.record(Object.fromEntries(Object.entries(def.shape ?? {}).map(([k, v]) => [k, valueFor(v, depth + 1)])), { requiredKeys: [] }));
      case 'string':
        if (def.format === 'uuid') return orBad(fc.oneof(fc.constantFrom(...ids), fc.uuid()), 5);
        return orBad(plausibleText, 3);
      case 'enum':
        return orBad(fc.constantFrom(...Object.values(def.entries ?? {})));
      case 'literal':
        return orBad(fc.constantFrom(...(def.values ?? [null])), 8);
      case 'number':
        return orBad(fc.integer({ min: -5, max: 700 }), 3);
      case 'boolean':
        return orBad(fc.boolean());
      case 'array':
        return orBad(fc.array(def.element ? valueFor(def.element, depth + 1) : badValue, { maxLength: 4 }), 3);
      case 'optional':
      case 'nullable':
      case 'default':
        return fc.oneof({ weight: 4, arbitrary: def.innerType ? valueFor(def.innerType, depth + 1) : badValue }, { weight: 1, arbitrary: fc.constant(null) });
      case 'pipe':
        return def.in ? valueFor(def.in, depth + 1) : badValue;
      case 'union':
        return fc.oneof(...(def.options ?? []).map((o) => valueFor(o, depth + 1)));
      default:
        return badValue;
    }
  };

  /** Query values arrive as strings: a repeated key is an array, anything else its text. */
  const queryPairs = (value: unknown): [string, string][] => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return [['q', String(value)]];
    return Object.entries(value).flatMap(([k, v]): [string, string][] =>
      Array.isArray(v) ? v.map((x): [string, string] => [k, String(x)]) : [[k, v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)]],
    );
  };

  const caseFor = (def: RouteDef): fc.Arbitrary<FuzzCase> => {
    const paramKeys = Object.keys(def.params?.shape ?? {});
    const param = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.nat({ max: 5 }).map(String) }, { weight: 2, arbitrary: badString });
    const params = fc.record(Object.fromEntries(paramKeys.map((k) => [k, param])));
    const query = def.query
      ? fc.oneof({ weight: 4, arbitrary: valueFor(def.query).map(queryPairs) }, { weight: 1, arbitrary: fc.array(fc.tuple(badString, badString), { maxLength: 3 }) })
      : fc.oneof({ weight: 4, arbitrary: fc.constant<[string, string][]>([]) }, { weight: 1, arbitrary: fc.array(fc.tuple(badString, badString), { maxLength: 2 }) });
    const value = def.body ? valueFor(def.body) : badValue;
    const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16le', 'application/json; charset=latin1', 'application/json; charset=klingon', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '*/*');
    const body: fc.Arbitrary<BodyCase> = fc.oneof(
      { weight: def.body ? 8 : 2, arbitrary: value.map((v): BodyCase => ({ kind: 'json', value: v })) },
      { weight: 2, arbitrary: fc.constant<BodyCase>({ kind: 'none' }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), text: fc.constantFrom('{', '{"a":', '[1,]', 'null', '"x"', '1e99999', '\u0000', '{"a":"\\ud800"}', '{"__proto__":{"x":1}}', '\ufeff{}'), contentType }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('encoded' as const), value, encoding: fc.constantFrom('gzip' as const, 'deflate' as const, 'br' as const, 'x-klingon' as const, 'gzip-broken' as const), contentType }) },
    );
    const queryKey = Object.keys(def.query?.shape ?? { q: null })[0];
    const rawQuery = fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('%ED%A0%80', '%00', '%', '%zz', '%C0%AF').map((v) => `${queryKey}=${v}`) });
    return fc.record({ auth: fc.constantFrom<Auth>('admin', 'admin', 'admin', 'none', 'garbage'), params, query, rawQuery, body });
  };

  const pathOf = (def: RouteDef, params: Record<string, string>) =>
    def.path.replace(/:([A-Za-z]+)/g, (_, key: string) => {
      const value = params[key] ?? '';
      try {
        return encodeURIComponent(value);
      } catch {
        return '%ED%A0%80'; // a lone surrogate has no UTF-8: send the bytes a broken client would
      }
    });

  const bodyBytes = (body: BodyCase): { bytes?: Buffer; headers: Record<string, string> } => {
    switch (body.kind) {
      case 'none':
        return { headers: {} };
      case 'json':
        return { bytes: Buffer.from(JSON.stringify(body.value) ?? 'null'), headers: { 'content-type': 'application/json' } };
      case 'raw':
        return { bytes: Buffer.from(body.text), headers: { 'content-type': body.contentType } };
      case 'encoded': {
        const json = Buffer.from(JSON.stringify(body.value) ?? 'null');
        const bytes =
          body.encoding === 'gzip' ? gzipSync(json) : body.encoding === 'deflate' ? deflateSync(json) : body.encoding === 'br' ? brotliCompressSync(json) : body.encoding === 'gzip-broken' ? gzipSync(json).subarray(0, 12) : json;
        return { bytes, headers: { 'content-type': body.contentType, 'content-encoding': body.encoding === 'gzip-broken' ? 'gzip' : body.encoding } };
      }
    }
  };

  /** A short, readable account of a request for the failure list (long values cut). */
  const describeCase = (name: RouteName, path: string, c: FuzzCase) =>
    JSON.stringify({ route: name, path, auth: c.auth, query: c.query, rawQuery: c.rawQuery, body: c.body }, (_, v: unknown) => (typeof v === 'string' && v.length > 120 ? `${v.slice(0, 120)}…(${v.length})` : v)).slice(0, 1500);

  it('answers no route with a 5xx, and every refusal with a coded error body', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const name of ROUTE_NAMES) {
      const def = ROUTES[name] as RouteDef;
      // Signing the admin out would leave the rest unsigned-in: logout is fuzzed without the admin's token.
      const allowAdmin = name !== 'auth.logout';
      const property = fc.asyncProperty(caseFor(def), async (c) => {
        const auth = c.auth === 'admin' && !allowAdmin ? 'garbage' : c.auth;
        const path = pathOf(def, c.params);
        const search = [new URLSearchParams(c.query).toString(), c.rawQuery].filter(Boolean).join('&');
        const { bytes, headers } = bodyBytes(c.body);
        let res: Response;
        try {
          res = await fetch(`${t.baseUrl}${path}${search ? `?${search}` : ''}`, {
            method: def.method,
            headers: { ...headers, ...(auth === 'admin' ? { authorization: `Bearer ${admin.token}` } : auth === 'garbage' ? { authorization: 'Bearer x.y.z' } : {}) },
            body: def.method === 'GET' ? undefined : bytes,
          });
        } catch (err) {
          // Over the 1 MB limit the server answers 413 from Content-Length and may close the socket while
          // the client is still uploading: the client then sees a reset, not the answer. That is a refusal.
          if (bytes && bytes.length > BODY_LIMIT_BYTES) {
            sent += 1;
            return true;
          }
          throw err;
        }
        sent += 1;
        const text = await res.text();
        if (res.status >= 500 && !def.alsoAnswers?.includes(res.status)) {
          failures.push(`${res.status} ${text.slice(0, 200)} <- ${describeCase(name, path, c)}`);
          return false;
        }
        // 431: Node's HTTP parser refuses an over-long URL before Express or the app see it
        if (res.status >= 400 && res.status < 500 && res.status !== 431) {
          let code: unknown;
          try {
            code = (JSON.parse(text) as { code?: unknown }).code;
          } catch {
            code = undefined;
          }
          if (typeof code !== 'string') {
            failures.push(`${res.status} without an error code: ${text.slice(0, 200)} <- ${describeCase(name, path, c)}`);
            return false;
          }
        }
        return true;
      });
      // endOnFailure: one failing input per route is enough to list, and shrinking would cost minutes
      const run = await fc.check(property, { seed: SEED, numRuns: RUNS_PER_ROUTE, endOnFailure: true });
      // a request that could not be made at all (the connection reset, a header refused) is a failure too
      if (run.failed && run.errorInstance) failures.push(`${name}: ${String(run.errorInstance)} <- ${JSON.stringify(run.counterexample)?.slice(0, 800)}`);
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(ROUTE_NAMES.length * RUNS_PER_ROUTE);
    // and the admin's session survived the walk, so the signed-in runs were signed in
    expect((await admin.get('/api/me')).status).toBe(200);
  });
});
