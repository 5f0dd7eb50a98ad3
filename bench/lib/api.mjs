// The api over HTTP, as a user would drive it: sign-in, accounts, a live meeting.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import nodeHttp from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD, JWT_SECRET, dbQuery } from './infra.mjs';

const agent = new nodeHttp.Agent({ keepAlive: true, maxSockets: 64 });

// The one typed client of the route map (libs/contracts/src/routes.ts), compiled with the api (npm run bench builds it first).
const CLIENT = fileURLToPath(new URL('../../dist/apps/api/libs/contracts/src/client.js', import.meta.url));
if (!existsSync(CLIENT)) throw new Error(`${CLIENT} is missing: build the api first (npx nest build api; npm run bench does)`);
const { createApiClient } = createRequire(import.meta.url)(CLIENT);
const jwt = createRequire(import.meta.url)('jsonwebtoken');

/** The client's transport: node:http on the keep-alive agent, answered as a fetch Response. */
function transport(url, init) {
  return new Promise((resolve, reject) => {
    const req = nodeHttp.request(url, { method: init.method, agent, headers: init.headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        const status = res.statusCode ?? 0;
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers }));
      });
      res.on('error', reject);
    });
    req.setTimeout(20_000, () => req.destroy(new Error('no answer in 20000 ms')));
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/** One HTTP request on a keep-alive connection (node:http: less overhead and jitter than fetch). */
export function http(baseUrl, method, path, { token, body, timeoutMs = 20_000 } = {}) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = nodeHttp.request(
      `${baseUrl}${path}`,
      {
        method,
        agent,
        headers: {
          ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode, body: parsed, bytes: Buffer.byteLength(text) });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on('error', (err) => resolve({ status: 0, body: { error: err.message }, bytes: 0 }));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Like http(), but throws unless the status is one of `ok`. */
export async function must(baseUrl, method, path, opts = {}, ok = [200, 201, 204]) {
  const r = await http(baseUrl, method, path, opts);
  if (!ok.includes(r.status)) throw new Error(`${method} ${path} -> ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
  return r.body;
}

export class Session {
  constructor(baseUrl, login) {
    this.baseUrl = baseUrl;
    this.token = login.accessToken;
    this.account = login.account;
    this.client = createApiClient({ baseUrl, fetch: transport, token: () => this.token, validateResponses: false });
  }
  static async signIn(baseUrl, username, password = ADMIN_PASSWORD) {
    return new Session(baseUrl, await createApiClient({ baseUrl, fetch: transport }).call('auth.login', { body: { username, password } }));
  }
  /** A route of the map by name: `s.call('meetings.get', { params: { id } })`; throws ApiCallError unless 2xx. */
  call(name, input) {
    return this.client.call(name, input);
  }
  /** The same session against another api process (same database and JWT secret). */
  on(baseUrl) {
    return new Session(baseUrl, { accessToken: this.token, account: this.account });
  }
  get(path) {
    return must(this.baseUrl, 'GET', path, { token: this.token });
  }
  post(path, body = {}) {
    return must(this.baseUrl, 'POST', path, { token: this.token, body });
  }
  patch(path, body) {
    return must(this.baseUrl, 'PATCH', path, { token: this.token, body });
  }
  raw(method, path, body, timeoutMs) {
    return http(this.baseUrl, method, path, { token: this.token, body, timeoutMs });
  }
}

const suffix = () => randomBytes(3).toString('hex');

/** A Vietnam wall-clock time `offset` days from now ("2026-12-01T08:00"), as the API takes it. */
export const day = (offset, time) => `${new Date(Date.now() + offset * 86_400_000 + 7 * 3600_000).toISOString().slice(0, 10)}T${time}`;

export async function orgByCode(s, code) {
  const page = await s.call('organizations.list', { query: { q: code, limit: 50 } });
  const org = page.items.find((o) => o.code === code);
  if (!org) throw new Error(`no organization ${code}`);
  return org;
}

export async function newAccount(admin, role, organizationId, fullName) {
  const password = `Mật khẩu ${suffix()} dài`;
  const account = await admin.call('accounts.create', {
    body: { username: `b${suffix()}${suffix()}`, fullName: fullName ?? `Nguyễn Văn ${suffix()}`, password, organizationId, roles: [{ role, organizationId }] },
  });
  return { account, password, signIn: () => Session.signIn(admin.baseUrl, account.username, password) };
}

/** Runs fn over items with at most `limit` in flight. */
export async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/**
 * The usual cast on a fresh platform, and a live meeting (public unless `visibility` says
 * otherwise) hosted by the Ministry of Foreign Affairs (BNG) chaired by the demo chair.
 */
export async function liveMeeting(baseUrl, { title = 'Hội nghị trực tuyến toàn quốc (đo tải)', secretaryIds = [], endpoints = [], inviteChildrenOf = null, visibility = 'public' } = {}) {
  const [admin, organizer, chair, viewer] = await Promise.all(['admin', 'organizer', 'chair', 'viewer'].map((u) => Session.signIn(baseUrl, u)));
  const bng = await orgByCode(admin, 'BNG');
  const { meeting } = await organizer.call('meetings.create', {
    body: { kind: 'plenary', title, hostOrganizationId: bng.id, chairId: chair.account.id, secretaryIds, visibility, scheduledStart: day(1, '08:00'), scheduledEnd: day(1, '17:00'), overrideConflicts: true },
  });
  const base = `/api/meetings/${meeting.id}`;
  const params = { id: meeting.id };
  let invited = [];
  if (inviteChildrenOf) invited = (await organizer.call('endpoints.bulkInvite', { params, body: { mode: 'children_of', parentId: inviteChildrenOf, overrideConflicts: true } })).added;
  for (const organizationId of endpoints) invited.push(await organizer.call('endpoints.add', { params, body: { organizationId } }));
  await organizer.call('meetings.transition', { params, body: { action: 'schedule', overrideConflicts: true } });
  await chair.call('meetings.transition', { params, body: { action: 'start' } });
  return { admin, organizer, chair, viewer, bng, meeting, meetingId: meeting.id, base, endpoints: invited };
}

export const currentSeq = async (s, meetingId) => (await s.call('meetings.get', { params: { id: meetingId } })).seq;

/** The meeting's newest seq read from the benchmark's own database: answers even when the api is stuck. */
export const dbSeq = async (api, meetingId) => Number((await dbQuery(api.db.url, 'SELECT seq FROM meetings WHERE id = $1', [meetingId]))[0].seq);

/**
 * A restricted meeting (the visibility rule, not the public shortcut) that the demo viewer
 * sees because its organization, the Government Office (VPCP), is invited; `endpoints` are
 * invited too.
 */
export async function restrictedMeeting(baseUrl, { endpoints = [], ...rest } = {}) {
  const admin = await Session.signIn(baseUrl, 'admin');
  const vpcp = await orgByCode(admin, 'VPCP');
  return liveMeeting(baseUrl, { ...rest, visibility: 'restricted', endpoints: [vpcp.id, ...endpoints] });
}

/**
 * `n` distinct live sessions of one account, each with its own access token, as `n` sign-ins
 * would leave them (a sessions row each; the token signed with the api's secret), without
 * `n` password hashes: thousands of viewers each with their own session, so the api looks
 * every one up as it would in a real audience.
 */
export async function sessionTokens(api, session, n) {
  const rows = await dbQuery(
    api.db.url,
    `INSERT INTO sessions (account_id, token_hash, last_used_at, expires_at, user_agent)
       SELECT $1, md5(random()::text || g), now(), now() + interval '1 day', 'bench'
         FROM generate_series(1, $2) g
     RETURNING id`,
    [session.account.id, n],
  );
  return rows.map((r) => jwt.sign({ sub: session.account.id, sid: r.id, roles: session.account.roles }, JWT_SECRET, { expiresIn: 3600, algorithm: 'HS256', issuer: 'htt' }));
}
