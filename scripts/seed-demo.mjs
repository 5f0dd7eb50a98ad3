#!/usr/bin/env node
// npm run seed:demo — fills a RUNNING platform with demo content, through its
// HTTP API and Socket.IO only (never the database), as the people would:
//   1. a finished national plenary hosted by the Ministry of Foreign Affairs:
//      host + 34 provinces + 5 ministries, an operator per endpoint, consoles
//      connected (3 never connect), rosters checked in, technical check, roll
//      call, 12 speeches, minutes with conclusions and tasks, ended, minutes
//      submitted -> approved -> published, and the summary report built;
//   2. an upcoming seminar next week with its agenda, a dozen endpoints,
//      rosters and registered contributions.
// Running it again does nothing once both meetings exist.
//
// Options (flag or environment variable):
//   --url=URL             API_URL          the api (default http://localhost:3000)
//   --admin=NAME          ADMIN_USERNAME   administrator (default admin)
//   --password=P          ADMIN_PASSWORD   its password; default: read from
//                                          <DATA_DIR>/initial-credentials.txt
//   --data-dir=DIR        DATA_DIR         where the api keeps that file (default .data)
//                         DEMO_PASSWORD    password of the demo accounts (organizer, chair,
//                                          secretary, langson), when not in that file
//                         SEED_PASSWORD    password of the accounts this script creates
//                                          (default: the demo password, else generated)
//   --realtime            SEED_REALTIME=1  run the plenary for ~12 real minutes, so speeches
//                                          last ~1 minute and three people arrive late
//                                          (the api stamps every time with its own clock)
//   --speech-seconds=N    SEED_SPEECH_SECONDS  average speech length otherwise (default 2)
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import { createRequire } from 'node:module';
import { PLENARY, SEMINAR, nameMaker, rng, rosterFor, unitOf } from './seed-demo-data.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------
// options
// ---------------------------------------------------------------------------

let flags;
try {
  ({ values: flags } = parseArgs({
    options: {
      url: { type: 'string' },
      admin: { type: 'string' },
      password: { type: 'string' },
      'data-dir': { type: 'string' },
      realtime: { type: 'boolean' },
      'speech-seconds': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (err) {
  console.error(`seed:demo: ${err.message} (see --help)`);
  process.exit(1);
}
if (flags.help) {
  const text = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
  console.log(text.slice(1, text.findIndex((l) => l.startsWith('import'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
const BASE = (flags.url ?? process.env.API_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const ADMIN = flags.admin ?? process.env.ADMIN_USERNAME ?? 'admin';
const REALTIME = flags.realtime ?? ['1', 'true', 'yes'].includes((process.env.SEED_REALTIME ?? '').toLowerCase());
const SPEECH_SECONDS = Number(flags['speech-seconds'] ?? process.env.SEED_SPEECH_SECONDS ?? 2);
if (!Number.isFinite(SPEECH_SECONDS) || SPEECH_SECONDS < 0 || SPEECH_SECONDS > 600) fail('--speech-seconds must be a number of seconds between 0 and 600');

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s`;
const log = (msg) => console.log(`[${elapsed()}] ${msg}`);
const warn = (msg) => console.warn(`[${elapsed()}] ! ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function fail(msg) {
  console.error(`seed:demo: ${msg}`);
  process.exit(1);
}

/** A Vietnam calendar day `offset` days from now (the platform's time zone, UTC+7). */
const localDay = (offset = 0) => new Date(Date.now() + offset * 86_400_000 + 7 * 3600_000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------
// credentials
// ---------------------------------------------------------------------------

/** The lines the api writes on its first start: "  role  username  password". */
function readCredentialsFile() {
  const candidates = [flags['data-dir'], process.env.DATA_DIR, '.data', join(ROOT, '.data')].filter(Boolean).map((d) => resolve(d, 'initial-credentials.txt'));
  for (const file of [...new Set(candidates)]) {
    if (!existsSync(file)) continue;
    const entries = {};
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^ {2}(\S+)\s+(\S+) (.+)$/.exec(line);
      if (m) entries[m[2]] = m[3].replace(/^ +/, '');
    }
    return { file, entries };
  }
  return { file: null, entries: {} };
}

// ---------------------------------------------------------------------------
// HTTP and Socket.IO
// ---------------------------------------------------------------------------

class ApiCallError extends Error {
  constructor(method, path, status, body) {
    const detail = body && typeof body === 'object' ? `${body.code ?? ''}: ${body.message ?? ''}${body.fields?.length ? ` (${body.fields.map((f) => `${f.field} ${f.reason}`).join('; ')})` : ''}` : String(body).slice(0, 300);
    super(`${method} ${path} answered ${status} ${detail}`);
    this.status = status;
    this.body = body;
  }
}

async function http(method, path, { token, body } = {}) {
  let res;
  try {
    res = await fetch(BASE + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (err) {
    const cause = err.cause?.code ?? err.cause?.message ?? err.message;
    throw Object.assign(new Error(`the api is not reachable at ${BASE} (${cause}). Start it (npm start) or point API_URL / --url at it.`), { unreachable: true });
  }
  const text = await res.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed };
}

/**
 * The one typed client of the route map (libs/contracts/src/routes.ts), compiled with the api
 * (npm start and npm run build:api build it): `session.call('meetings.transition', { params: { id }, body })`.
 */
const CLIENT = join(ROOT, 'dist/apps/api/libs/contracts/src/client.js');
if (!existsSync(CLIENT)) {
  console.error(`seed-demo: ${CLIENT} is missing: build the api first (npm run build:api, or npm start).`);
  process.exit(1);
}
const { createApiClient } = createRequire(import.meta.url)(CLIENT);

/** One signed-in account: REST calls with its token (signed in again when the 15-minute token expires) and its sockets. */
class Session {
  constructor(username, password, login) {
    this.username = username;
    this.password = password;
    this.token = login.accessToken;
    this.account = login.account;
    this.sockets = [];
    this.client = createApiClient({
      baseUrl: BASE,
      fetch: (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(60_000) }),
      token: () => this.token,
      refreshToken: async () => (this.token = (await Session.signIn(this.username, this.password)).token),
    });
  }

  /** A route of the map by name, typed by the contract; throws the server's error as ApiCallError. */
  async call(name, input) {
    try {
      return await this.client.call(name, input);
    } catch (err) {
      if (err?.body && err.status) throw new ApiCallError(name, JSON.stringify(input?.params ?? {}), err.status, err.body);
      const cause = err.cause?.code ?? err.cause?.message ?? err.message;
      throw Object.assign(new Error(`the api is not reachable at ${BASE} (${cause}). Start it (npm start) or point API_URL / --url at it.`), { unreachable: true });
    }
  }

  static async signIn(username, password) {
    const res = await http('POST', '/api/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new ApiCallError('POST', `/api/auth/login (${username})`, res.status, res.body);
    return new Session(username, password, res.body);
  }

  async request(method, path, body) {
    let res = await http(method, path, { token: this.token, body });
    if (res.status === 401) {
      const again = await Session.signIn(this.username, this.password);
      this.token = again.token;
      res = await http(method, path, { token: this.token, body });
    }
    if (res.status >= 400) throw new ApiCallError(method, path, res.status, res.body);
    return res.body;
  }
  get(path) {
    return this.request('GET', path);
  }
  post(path, body) {
    return this.request('POST', path, body);
  }
  put(path, body) {
    return this.request('PUT', path, body);
  }
  patch(path, body) {
    return this.request('PATCH', path, body);
  }

  /** A connected socket (resolves on session:ready, like the web app). */
  async socket() {
    const socket = io(BASE, { auth: { token: this.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise((ok, ko) => {
      const timer = setTimeout(() => ko(new Error(`socket of ${this.username}: no session:ready within 10 s`)), 10_000);
      socket.once('session:ready', () => (clearTimeout(timer), ok()));
      socket.once('connect_error', (err) => (clearTimeout(timer), ko(new Error(`socket of ${this.username}: ${err.message}`))));
    });
    this.sockets.push(socket);
    return socket;
  }
}

async function command(socket, event, payload) {
  const ack = await socket.timeout(10_000).emitWithAck(event, payload);
  if (!ack?.ok) throw new Error(`${event} refused: ${ack?.error?.code}: ${ack?.error?.message}`);
  return ack.data;
}

/** Runs `fn` over `items`, `width` at a time, keeping the order of the results. */
async function pool(items, width, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

const csvCell = (v) => (v == null ? '' : /[",\n]/.test(v) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const rosterCsv = (people) => ['Họ và tên,Chức vụ,Đơn vị,Vai trò,Ghi chú', ...people.map((p) => [p.fullName, p.position, p.unit, 'Đại biểu', p.note].map(csvCell).join(','))].join('\n');

// ---------------------------------------------------------------------------
// the run
// ---------------------------------------------------------------------------

const ctx = {
  admin: null,
  orgs: new Map(), // code -> organization
  people: {}, // organizer, chair, secretary, langson: Session
  operators: new Map(), // org code -> Session (null: the organizer acts for it)
  demoPassword: null,
  accountPassword: null,
  createdAccounts: [],
  rosters: new Map(), // org code -> the people of its delegation
};

async function main() {
  // 1. the api and the administrator
  const health = await http('GET', '/api/health');
  if (health.status !== 200 || health.body?.status !== 'ok') {
    fail(`${BASE}/api/health answered ${health.status} ${typeof health.body === 'string' ? health.body.slice(0, 200) : JSON.stringify(health.body)}: is this the platform's api, and is it healthy?`);
  }
  log(`api at ${BASE} is up (${health.body.database?.driver ?? '?'} database, ${health.body.queue?.driver ?? '?'} jobs)`);
  const creds = readCredentialsFile();
  const adminPassword = flags.password ?? process.env.ADMIN_PASSWORD ?? creds.entries[ADMIN];
  if (!adminPassword) {
    fail(
      `no password for "${ADMIN}": set ADMIN_PASSWORD (or --password), or run from the folder whose .data/initial-credentials.txt the api wrote on its first start (set DATA_DIR / --data-dir if the api used another folder).`,
    );
  }
  try {
    ctx.admin = await Session.signIn(ADMIN, adminPassword);
  } catch (err) {
    if (err.unreachable) throw err;
    const hint =
      err.status === 401
        ? `wrong username or password${creds.file && !process.env.ADMIN_PASSWORD && !flags.password ? ` (taken from ${creds.file}; was it changed since?)` : ''}`
        : err.status === 429
          ? 'too many failed sign-ins: wait for the rate-limit window (LOGIN_RATE_WINDOW_SECONDS, 5 minutes by default)'
          : err.message;
    fail(`sign-in of the administrator "${ADMIN}" failed: ${hint}`);
  }
  if (!ctx.admin.account.roles.some((r) => r.role === 'admin')) fail(`"${ADMIN}" signed in but is not an administrator`);
  log(`signed in as ${ADMIN}`);

  // 2. already seeded?
  const existing = {};
  for (const spec of [PLENARY, SEMINAR]) {
    const page = await ctx.admin.get(`/api/meetings?q=${encodeURIComponent(spec.title)}&limit=50`);
    existing[spec.title] = page.items.find((m) => m.title === spec.title && m.status !== 'cancelled') ?? null;
  }
  const plenaryDone = existing[PLENARY.title];
  const seminarDone = existing[SEMINAR.title];
  if (plenaryDone && seminarDone) {
    console.log(`\nThe demo content is already there; nothing to do.`);
    console.log(`  plenary (${plenaryDone.status}): ${BASE}/meetings/${plenaryDone.id}`);
    console.log(`  seminar (${seminarDone.status}): ${BASE}/meetings/${seminarDone.id}`);
    return;
  }

  // 3. organizations and the people who act
  const orgs = await ctx.admin.get('/api/organizations?limit=500');
  for (const o of orgs.items) if (o.code) ctx.orgs.set(o.code, o);
  const needed = ['BNG', 'LANG_SON', ...PLENARY.ministries, ...SEMINAR.endpoints, ...PLENARY.minutes.tasks.flatMap((t) => [t.lead, ...t.co])];
  const missing = [...new Set(needed)].filter((c) => !ctx.orgs.has(c));
  const provinces = orgs.items.filter((o) => o.kind === 'province');
  if (missing.length || provinces.length < 34) {
    fail(`the reference organizations are not all there (missing ${missing.join(', ') || `provinces: ${provinces.length}/34`}); was the api started with SEED_ORGANIZATIONS=false?`);
  }
  const r = rng(22);
  const nextName = nameMaker(2013);
  for (const o of [...ctx.orgs.values()].sort((a, b) => a.code.localeCompare(b.code))) {
    if (o.kind === 'province' || PLENARY.ministries.includes(o.code) || o.code === 'BNG') ctx.rosters.set(o.code, rosterFor(o, nextName, r));
  }
  await signInActors(creds);

  let plenary = plenaryDone;
  if (plenaryDone) {
    if (plenaryDone.status === 'minutes_published') log('the plenary exists already: left as it is');
    else warn(`the plenary exists already but is ${plenaryDone.status}, not finished (an earlier run stopped half-way?): left as it is; start from an empty database (npm run db:reset) for a clean demo`);
  }
  else plenary = await seedPlenary();
  let seminar = seminarDone;
  if (seminarDone) log(`the seminar exists already (${seminarDone.status}): left as it is`);
  else seminar = await seedSeminar();

  summary(plenary, seminar, !plenaryDone);
}

/** organizer, chair, secretary and the Lạng Sơn operator: the demo accounts when their password is known, else accounts made for the demo. */
async function signInActors(creds) {
  const candidates = [...new Set([process.env.DEMO_PASSWORD, creds.entries.organizer, creds.entries.chair, process.env.ADMIN_PASSWORD ?? flags.password ?? creds.entries[ADMIN]].filter(Boolean))];
  for (const password of candidates) {
    try {
      ctx.people.organizer = await Session.signIn('organizer', password);
      ctx.demoPassword = password;
      break;
    } catch (err) {
      if (err.unreachable) throw err;
    }
  }
  ctx.accountPassword = process.env.SEED_PASSWORD ?? ctx.demoPassword ?? `Demo-${randomBytes(6).toString('base64url')}`;
  const bng = ctx.orgs.get('BNG');
  const fallback = {
    organizer: { username: 'demo.organizer', fullName: 'Nguyễn Thị Thu Hằng', position: 'Chuyên viên Văn phòng Bộ', org: bng, role: 'organizer' },
    chair: { username: 'demo.chair', fullName: 'Nguyễn Minh Vũ', position: 'Thứ trưởng Thường trực', org: bng, role: 'chair' },
    secretary: { username: 'demo.secretary', fullName: 'Lê Thị Hương Trang', position: 'Thư ký', org: bng, role: 'secretary' },
    langson: { username: 'dc.lang-son', fullName: 'Hoàng Văn Đức', position: 'Cán bộ kỹ thuật điểm cầu', org: ctx.orgs.get('LANG_SON'), role: 'endpoint_operator' },
  };
  for (const who of ['organizer', 'chair', 'secretary', 'langson']) {
    if (ctx.demoPassword && !ctx.people[who]) {
      try {
        ctx.people[who] = await Session.signIn(who, ctx.demoPassword);
      } catch (err) {
        if (err.unreachable) throw err;
      }
    }
    if (!ctx.people[who]) {
      const f = fallback[who];
      ctx.people[who] = await ensureAccount(f.username, f.fullName, f.position, f.org, f.role);
      if (!ctx.people[who]) fail(`account ${f.username} exists but its password is unknown: set SEED_PASSWORD to the password printed when it was created`);
    }
  }
  const chairAcc = ctx.people.chair.account;
  if (!ctx.demoPassword) warn(`the demo accounts' password is unknown (set DEMO_PASSWORD): the meetings are run by ${Object.values(ctx.people).map((s) => s.username).join(', ')}`);
  log(`acting as ${Object.values(ctx.people).map((s) => s.username).join(', ')} (chair: ${chairAcc.fullName}, ${chairAcc.position ?? ''})`);
  ctx.operators.set('LANG_SON', ctx.people.langson);
}

/** Creates an account (or signs in to the one left by an earlier run); null when it exists with another password. */
async function ensureAccount(username, fullName, position, org, role) {
  try {
    await ctx.admin.post('/api/accounts', { username, fullName, position, password: ctx.accountPassword, organizationId: org.id, locale: 'vi', roles: [{ role, organizationId: org.id }] });
    ctx.createdAccounts.push({ username, fullName, role, org: org.shortName ?? org.name });
  } catch (err) {
    if (err.status !== 409) throw err;
  }
  try {
    return await Session.signIn(username, ctx.accountPassword);
  } catch (err) {
    if (err.unreachable || err.status !== 401) throw err;
    return null;
  }
}

/** An endpoint operator per organization (role endpoint_operator there), so inviting the organization makes them its operators. */
async function ensureOperators(codes) {
  const todo = codes.filter((c) => !ctx.operators.has(c));
  if (!todo.length) return;
  const nextName = nameMaker(77);
  const names = new Map(todo.map((c) => [c, nextName()]));
  await pool(todo, 4, async (code) => {
    const org = ctx.orgs.get(code);
    const position = org.kind === 'province' ? `Cán bộ kỹ thuật điểm cầu, Văn phòng UBND ${unitOf(org)}` : `Chuyên viên phụ trách điểm cầu, Văn phòng ${org.name}`;
    const session = await ensureAccount(`dc.${code.toLowerCase().replace(/_/g, '-')}`, names.get(code), position, org, 'endpoint_operator');
    if (!session) warn(`dc.${code.toLowerCase().replace(/_/g, '-')} exists with another password (set SEED_PASSWORD): the organizer acts for ${org.shortName}`);
    ctx.operators.set(code, session);
  });
}

const operatorOf = (code) => ctx.operators.get(code) ?? ctx.people.organizer;
/** The host hall's operator, named on the host endpoint (none when that account could not be signed in). */
const hostOperatorIds = () => (ctx.operators.get('BNG') ? [ctx.operators.get('BNG').account.id] : []);

/** PUT agenda; returns key -> agenda item id. */
async function putAgenda(meetingId, sessions) {
  const agenda = await ctx.people.organizer.put(`/api/meetings/${meetingId}/agenda`, {
    version: 0,
    sessions: sessions.map((s) => ({
      title: s.title,
      items: s.items.map((i) => ({ title: i.title, durationMinutes: i.durationMinutes, presenter: i.presenter ?? null, responsibleOrganizationId: i.org ? ctx.orgs.get(i.org).id : null })),
    })),
  });
  const ids = {};
  sessions.forEach((s, si) => s.items.forEach((i, ii) => (ids[i.key] = agenda.sessions[si].items[ii].id)));
  return ids;
}

// ---------------------------------------------------------------------------
// the finished plenary
// ---------------------------------------------------------------------------

async function seedPlenary() {
  const { organizer, chair, secretary } = ctx.people;
  const provinceCodes = [...ctx.orgs.values()].filter((o) => o.kind === 'province').map((o) => o.code);
  log(`plenary: operator accounts for ${provinceCodes.length} provinces and ${PLENARY.ministries.length} ministries`);
  // the host hall has its own operator too: without one the host could never connect and shows "not connected"
  await ensureOperators(['BNG', ...provinceCodes, ...PLENARY.ministries]);

  // Scheduled to start at the next quarter of an hour at least 3 minutes ahead (the api refuses a start in the past); started at once.
  const quarter = 15 * 60_000;
  const start = new Date(Math.ceil((Date.now() + 3 * 60_000) / quarter) * quarter);
  const end = new Date(start.getTime() + PLENARY.durationMinutes * 60_000);
  const { meeting } = await organizer.post('/api/meetings', {
    kind: 'plenary',
    title: PLENARY.title,
    description: PLENARY.description,
    hostOrganizationId: ctx.orgs.get('BNG').id,
    chairId: chair.account.id,
    secretaryIds: [secretary.account.id],
    visibility: 'public',
    scheduledStart: start.toISOString(),
    scheduledEnd: end.toISOString(),
    overrideConflicts: true,
  });
  const id = meeting.id;
  const api = (p = '') => `/api/meetings/${id}${p}`;
  log(`plenary: created ${id}`);
  const items = await putAgenda(id, PLENARY.agenda);

  // endpoints: the host, every province (their operators come with them), five ministries
  const endpoints = new Map(); // code -> endpoint
  const orgCode = new Map([...ctx.orgs.values()].map((o) => [o.id, o.code]));
  const host = await organizer.post(api('/endpoints'), {
    organizationId: ctx.orgs.get('BNG').id,
    isHost: true,
    locationName: PLENARY.hostLocation,
    contactName: organizer.account.fullName,
    contactPhone: '024 3799 3000',
    operatorIds: hostOperatorIds(),
    overrideConflicts: true,
  });
  endpoints.set('BNG', host);
  const bulk = [
    await organizer.call('endpoints.bulkInvite', { params: { id }, body: { mode: 'all_provinces', overrideConflicts: true } }),
    await organizer.call('endpoints.bulkInvite', { params: { id }, body: { mode: 'organizations', organizationIds: PLENARY.ministries.map((c) => ctx.orgs.get(c).id), overrideConflicts: true } }),
  ];
  for (const b of bulk) for (const e of b.added) endpoints.set(orgCode.get(e.organizationId), e);
  await organizer.call('meetings.transition', { params: { id }, body: { action: 'schedule', overrideConflicts: true } });
  log(`plenary: agenda of ${Object.keys(items).length} items, ${endpoints.size} endpoints invited, scheduled ${start.toISOString()}`);

  // rosters, sent in by each endpoint's operator (the host's by the organizer), before the meeting
  const codes = [...endpoints.keys()];
  const attendees = new Map(); // code -> Attendee[] in roster order
  const notes = new Map(PLENARY.excused.map(([c, i, note]) => [`${c}#${i}`, note]));
  await pool(codes, 4, async (code) => {
    const people = ctx.rosters.get(code).map((p, i) => ({ ...p, note: notes.get(`${code}#${i}`) ?? null }));
    const created = (await operatorOf(code).call('attendees.import', { params: { id, endpointId: endpoints.get(code).id }, body: { csv: rosterCsv(people) } })).created;
    attendees.set(code, people.map((p) => created.find((a) => a.fullName === p.fullName)));
  });
  log(`plenary: rosters of ${attendees.size} endpoints, ${[...attendees.values()].reduce((s, a) => s + a.length, 0)} people`);

  // prepared contributions are registered ahead, with their agenda item
  const requests = [];
  for (const s of PLENARY.speeches) {
    if (s.kind !== 'prepared') continue;
    const who = attendees.get(s.code)[s.who];
    const req = await operatorOf(s.code).post(api('/speech-requests'), {
      endpointId: endpoints.get(s.code).id,
      attendeeId: who.id,
      kind: 'prepared',
      agendaItemId: items[s.item],
      topic: s.topic,
      abstract: s.abstract ?? null,
      requestedMinutes: s.minutes,
    });
    requests.push([s, req]);
  }

  // technical check: consoles connect and confirm (three never do)
  await organizer.call('attendance.techCheck', { params: { id }, body: { open: true } });
  const connected = codes.filter((c) => !PLENARY.neverConnect.includes(c));
  await pool(connected, 6, async (code, i) => {
    const session = operatorOf(code);
    const org = ctx.orgs.get(code);
    const socket = await session.socket();
    const device = code === 'BNG' ? 'Phòng điều hành, Trụ sở Bộ Ngoại giao' : org.kind === 'province' ? `Phòng họp trực tuyến UBND ${unitOf(org)}` : `Phòng họp trực tuyến ${org.name}`;
    await command(socket, 'endpoint:join', { meetingId: id, endpointId: endpoints.get(code).id, device: device.slice(0, 100) });
    const shaky = i % 11 === 5;
    await session.post(api(`/endpoints/${endpoints.get(code).id}/ready`), { ready: true, mediaTested: !shaky, note: shaky ? 'Âm thanh micro phụ chưa ổn định, đang khắc phục' : null });
  });
  await organizer.call('attendance.techCheck', { params: { id }, body: { open: false } });
  log(`plenary: ${connected.length}/${codes.length} consoles connected and ready (${PLENARY.neverConnect.map((c) => ctx.orgs.get(c).shortName).join(', ')} never connect)`);

  // the meeting starts; people are checked in
  await chair.call('meetings.transition', { params: { id }, body: { action: 'start' } });
  const startedAt = Date.now();
  log('plenary: started');
  const excused = new Set(PLENARY.excused.map(([c, i]) => `${c}#${i}`));
  const absent = new Set(PLENARY.absent.map(([c, i]) => `${c}#${i}`));
  const late = new Set(PLENARY.late.map(([c, i]) => `${c}#${i}`));
  const act = (code, attendee, action) => operatorOf(code).post(api(`/endpoints/${endpoints.get(code).id}/attendees/${attendee.id}/attendance`), { action });
  await pool(connected, 4, async (code) => {
    for (const [i, a] of attendees.get(code).entries()) {
      const key = `${code}#${i}`;
      if (excused.has(key)) await act(code, a, 'excuse');
      else if (absent.has(key)) await act(code, a, 'mark_absent');
      else if (!(REALTIME && late.has(key))) await act(code, a, 'check_in');
    }
  });
  const lateArrivals = async () => {
    for (const key of late) {
      const [code, i] = key.split('#');
      await act(code, attendees.get(code)[Number(i)], 'check_in');
    }
    log(`plenary: ${late.size} latecomers checked in ${Math.round((Date.now() - startedAt) / 60_000)} minutes after the start`);
  };

  // roll call
  await chair.call('rollCalls.start', { params: { id } });
  await pool(connected, 4, async (code) => {
    const present = attendees.get(code).filter((_, i) => !excused.has(`${code}#${i}`) && !absent.has(`${code}#${i}`) && !(REALTIME && late.has(`${code}#${i}`))).length;
    await operatorOf(code).post(api('/roll-calls/current/responses'), { endpointId: endpoints.get(code).id, presentCount: present });
  });
  await chair.call('rollCalls.close', { params: { id } });
  log('plenary: people checked in, roll call answered');

  // speeches: live requests, the chair approves and gives the floor; the secretary writes the minutes alongside
  const minutesFacts = { invited: codes.length, connected: connected.length, provinces: provinceCodes.length, ministries: PLENARY.ministries.length };
  const entry = (e) =>
    secretary.post(api('/minutes/entries'), { kind: e.kind, text: typeof e.text === 'function' ? e.text(minutesFacts) : e.text, agendaItemId: e.item ? items[e.item] : null });
  for (const e of PLENARY.minutes.opening) await entry(e);

  const askLive = async (spec) =>
    operatorOf(spec.code).post(api('/speech-requests'), {
      endpointId: endpoints.get(spec.code).id,
      attendeeId: attendees.get(spec.code)[spec.who].id,
      kind: spec.kind,
      agendaItemId: items[spec.item],
      topic: spec.topic,
      requestedMinutes: spec.minutes ?? 5,
    });
  const rejected = await askLive(PLENARY.rejected);
  const withdrawn = await askLive(PLENARY.withdrawn);

  // how long each speech lasts: proportional to its weight
  const weights = PLENARY.speeches.map((s) => s.weight);
  const mean = weights.reduce((a, b) => a + b, 0) / weights.length;
  const avgSeconds = REALTIME ? 56 : SPEECH_SECONDS;
  const lateAfterMs = 10 * 60_000 + 20_000; // the api counts an arrival more than 10 minutes after the start as late
  let latecomersIn = !REALTIME;
  const turns = [];
  for (const [n, s] of PLENARY.speeches.entries()) {
    if (n === 2) await entry(PLENARY.minutes.discussion[0]);
    if (s.item === 'close') for (const e of PLENARY.minutes.afterDiscussion) await entry(e);
    if (n === 6) await operatorOf(PLENARY.withdrawn.code).post(api(`/speech-requests/${withdrawn.id}/withdraw`));
    if (n === 8) await chair.post(api(`/speech-requests/${rejected.id}/reject`), { reason: PLENARY.rejected.reason });
    if (!latecomersIn && (Date.now() - startedAt > lateAfterMs || s.item === 'close')) {
      const wait = startedAt + lateAfterMs - Date.now();
      if (wait > 0) {
        log(`plenary: waiting ${Math.ceil(wait / 1000)} s for the latecomers (more than 10 minutes after the start)`);
        await sleep(wait);
      }
      await lateArrivals();
      latecomersIn = true;
    }
    const req = s.kind === 'prepared' ? requests.find(([spec]) => spec === s)[1] : await askLive(s);
    await chair.call('speakers.approve', { params: { id, requestId: req.id } });
    const turn = await chair.call('speakers.giveFloor', { params: { id }, body: { requestId: req.id } });
    const hold = Math.round(((avgSeconds * s.weight) / mean) * 1000);
    if (s.extendSeconds) {
      await sleep(hold / 2);
      await chair.call('speakers.extend', { params: { id }, body: { seconds: s.extendSeconds } });
      await sleep(hold / 2);
    } else await sleep(hold);
    const ended = await chair.call('speakers.endSpeech', { params: { id } });
    turns.push(ended);
    // the speech record appears in the minutes when the speech ends; the secretary writes what was said
    const state = await secretary.call('minutes.state', { params: { id } });
    const record = state.entries.find((e) => e.speech?.turnId === turn.id);
    if (record) {
      const who = attendees.get(s.code)[s.who];
      await secretary.patch(api(`/minutes/entries/${record.id}`), { version: record.version, text: s.summary({ fullName: who.fullName, position: who.position }) });
    } else warn(`no speech record in the minutes for the turn of ${s.code}`);
    log(`plenary: speech ${n + 1}/${PLENARY.speeches.length} (${ctx.orgs.get(s.code).shortName ?? s.code}) ${ended.durationSeconds} s`);
  }

  // conclusions and tasks
  for (const text of PLENARY.minutes.conclusions) await secretary.post(api('/minutes/entries'), { kind: 'conclusion', text, agendaItemId: items.close });
  for (const t of PLENARY.minutes.tasks) {
    await secretary.post(api('/minutes/entries'), {
      kind: 'task',
      text: t.text,
      agendaItemId: items.close,
      leadOrganizationId: ctx.orgs.get(t.lead).id,
      coOrganizationIds: t.co.map((c) => ctx.orgs.get(c).id),
      deadline: localDay(t.inDays),
    });
  }
  log(`plenary: minutes with ${PLENARY.minutes.conclusions.length} conclusions and ${PLENARY.minutes.tasks.length} tasks`);

  await seedPlenaryVote(id, items.close, connected);

  // the end: the meeting ends, the consoles leave, the minutes go through review and are published
  await chair.call('meetings.transition', { params: { id }, body: { action: 'end' } });
  await pool(connected, 8, async (code) => {
    const session = operatorOf(code);
    for (const socket of session.sockets.splice(0)) {
      await command(socket, 'endpoint:leave', { endpointId: endpoints.get(code).id }).catch(() => undefined);
      socket.close();
    }
  });
  await secretary.call('minutes.transition', { params: { id }, body: { action: 'submit' } });
  await chair.call('minutes.transition', { params: { id }, body: { action: 'approve' } });
  await secretary.call('minutes.transition', { params: { id }, body: { action: 'publish' } });
  log(`plenary: ended after ${Math.round((Date.now() - startedAt) / 1000)} s; minutes submitted, approved by the chair, published`);

  // a province has started on its task
  const lsTasks = await ctx.people.langson.call('tasks.list', { query: { organizationId: ctx.orgs.get('LANG_SON').id } });
  const lsTask = lsTasks.items.find((t) => t.meetingId === id && t.leadOrganizationId === ctx.orgs.get('LANG_SON').id);
  if (lsTask) await ctx.people.langson.call('tasks.update', { params: { taskId: lsTask.id }, body: { status: 'in_progress' } });

  // the report jobs: one when the meeting ended (revision 0), one for the published minutes (revision 1)
  log('plenary: waiting for the summary reports (at most 120 s)');
  const deadline = Date.now() + 120_000;
  let reports = [];
  for (;;) {
    reports = await organizer.get(api('/reports'));
    const settled = reports.length >= 2 && reports.every((x) => x.status === 'done' || x.status === 'failed');
    if (settled || Date.now() > deadline) break;
    await sleep(1000);
  }
  for (const rep of reports) {
    const notes = Object.entries(rep.formatNotes ?? {}).map(([f, why]) => `${f}: ${why}`).join('; ');
    log(`plenary: report of revision ${rep.revision}: ${rep.status}${rep.status === 'done' ? ` (${rep.formats.join(', ')})` : rep.error ? ` (${rep.error})` : ` ${rep.progress}% ${rep.phase ?? ''}`}${notes ? ` — ${notes}` : ''}`);
  }
  const newest = reports.find((x) => x.revision === 1);
  if (newest?.status !== 'done') warn('the report of the published minutes is not done yet; see GET /api/meetings/<id>/reports (an organizer can POST /reports/retry when one failed)');
  return { ...meeting, status: 'minutes_published', report: newest ?? null, turns };
}

// ---------------------------------------------------------------------------
// the upcoming seminar
/**
 * A vote at the end of the plenary, by show of hands at every connected site: the chair puts the draft
 * resolution's report to the vote, each site's operator enters its room's counts (never more than its
 * voting members checked in), the chair closes and publishes: the result goes into the minutes and the report.
 */
async function seedPlenaryVote(id, agendaItemId, connected) {
  const { chair } = ctx.people;
  const api = (p = '') => `/api/meetings/${id}${p}`;
  const poll = await chair.call('polls.create', {
    params: { id },
    body: { question: PLENARY.vote.question, agendaItemId, mode: 'site', rule: { preset: 'majority_members' } },
  });
  await chair.call('polls.transition', { params: { id, pollId: poll.id }, body: { action: 'open' } });
  const everyone = await chair.get(api('/attendees'));
  const endpointOf = new Map([...ctx.orgs.values()].map((o) => [o.id, o.code]));
  const endpoints = await chair.get(api('/endpoints'));
  await pool(connected, 6, async (code, i) => {
    const endpoint = endpoints.find((e) => endpointOf.get(e.organizationId) === code);
    const present = everyone.filter((a) => a.endpointId === endpoint.id && a.votingMember && (a.status === 'present' || a.status === 'late')).length;
    if (!present) return;
    // nearly every room in favour; a few abstain, one votes against
    const abstain = i % 7 === 3 ? 1 : 0;
    const no = i === 11 && present - abstain > 1 ? 1 : 0;
    await operatorOf(code).call('polls.siteCount', { params: { id, pollId: poll.id }, body: { endpointId: endpoint.id, counts: { yes: present - abstain - no, no, abstain } } });
  });
  const closed = await chair.call('polls.transition', { params: { id, pollId: poll.id }, body: { action: 'close' } });
  await chair.call('polls.transition', { params: { id, pollId: poll.id }, body: { action: 'publish' } });
  const yes = closed.result.options.find((o) => o.optionId === 'yes');
  log(`plenary: vote "${PLENARY.vote.question.slice(0, 40)}…": ${yes.count} of ${closed.result.members} in favour, ${closed.result.passed ? 'passed' : 'not passed'}`);
}

// ---------------------------------------------------------------------------

async function seedSeminar() {
  const { organizer, chair, secretary } = ctx.people;
  await ensureOperators(['BNG', ...SEMINAR.endpoints]);
  const day = localDay(SEMINAR.inDays);
  const { meeting } = await organizer.post('/api/meetings', {
    kind: 'seminar',
    title: SEMINAR.title,
    description: SEMINAR.description,
    hostOrganizationId: ctx.orgs.get('BNG').id,
    chairId: chair.account.id,
    secretaryIds: [secretary.account.id],
    visibility: 'public',
    scheduledStart: `${day}T${SEMINAR.start}`,
    scheduledEnd: `${day}T${SEMINAR.end}`,
    overrideConflicts: true,
  });
  const id = meeting.id;
  const api = (p = '') => `/api/meetings/${id}${p}`;
  const items = await putAgenda(id, SEMINAR.agenda);
  const endpoints = new Map();
  endpoints.set('BNG', await organizer.post(api('/endpoints'), { organizationId: ctx.orgs.get('BNG').id, isHost: true, locationName: SEMINAR.hostLocation, operatorIds: hostOperatorIds(), overrideConflicts: true }));
  const orgCode = new Map([...ctx.orgs.values()].map((o) => [o.id, o.code]));
  const bulk = await organizer.post(api('/endpoints/bulk'), { mode: 'organizations', organizationIds: SEMINAR.endpoints.map((c) => ctx.orgs.get(c).id), overrideConflicts: true });
  for (const e of bulk.added) endpoints.set(orgCode.get(e.organizationId), e);
  await organizer.call('meetings.transition', { params: { id }, body: { action: 'schedule', overrideConflicts: true } });

  const attendees = new Map();
  for (const code of SEMINAR.rosters) {
    const people = ctx.rosters.get(code);
    const created = (await operatorOf(code).call('attendees.import', { params: { id, endpointId: endpoints.get(code).id }, body: { csv: rosterCsv(people) } })).created;
    attendees.set(code, people.map((p) => created.find((a) => a.fullName === p.fullName)));
  }
  for (const q of SEMINAR.requests) {
    const req = await operatorOf(q.code).post(api('/speech-requests'), {
      endpointId: endpoints.get(q.code).id,
      attendeeId: attendees.get(q.code)[q.who].id,
      kind: 'prepared',
      agendaItemId: items[q.item],
      topic: q.topic,
      abstract: q.abstract ?? null,
      requestedMinutes: q.minutes,
    });
    if (q.approve) await secretary.post(api(`/speech-requests/${req.id}/approve`));
  }
  log(`seminar: created ${id} for ${day} ${SEMINAR.start}–${SEMINAR.end}: ${Object.keys(items).length} agenda items, ${endpoints.size} endpoints, ${SEMINAR.rosters.length} rosters, ${SEMINAR.requests.length} registered contributions`);
  return { ...meeting, status: 'scheduled' };
}

// ---------------------------------------------------------------------------
// summary
// ---------------------------------------------------------------------------

function summary(plenary, seminar, plenaryNew) {
  const out = [];
  out.push('', `Demo content ready in ${elapsed().trim()}.`, '');
  out.push(`Finished plenary  ${plenary.id}  (${plenary.status})`, `  ${plenary.title}`);
  out.push(`  meeting   ${BASE}/meetings/${plenary.id}`);
  out.push(`  wall      ${BASE}/meetings/${plenary.id}/wall`);
  out.push(`  floor     ${BASE}/meetings/${plenary.id}/floor`);
  out.push(`  minutes   ${BASE}/meetings/${plenary.id}/minutes  (published: ${BASE}/meetings/${plenary.id}/minutes/revisions/1)`);
  out.push(`  tasks     ${BASE}/tasks`);
  out.push(`  report    ${BASE}/meetings/${plenary.id}/report  (API: ${BASE}/api/meetings/${plenary.id}/summary, .docx, .pdf)`);
  if (plenaryNew && plenary.report) out.push(`            report of the published minutes: ${plenary.report.status}${plenary.report.formats?.length ? `, ${plenary.report.formats.join('/')}` : ''}`);
  out.push('', `Upcoming seminar  ${seminar.id}  (${seminar.status})`, `  ${seminar.title}`);
  out.push(`  meeting   ${BASE}/meetings/${seminar.id}`, `  floor     ${BASE}/meetings/${seminar.id}/floor`);
  out.push('', 'Accounts:');
  for (const [who, s] of Object.entries(ctx.people)) out.push(`  ${who.padEnd(10)} ${s.username.padEnd(16)} ${s.account.fullName}${s.account.position ? `, ${s.account.position}` : ''}`);
  if (ctx.createdAccounts.length) {
    const ops = ctx.createdAccounts.filter((a) => a.role === 'endpoint_operator');
    out.push(`  created ${ctx.createdAccounts.length} accounts${ops.length ? `, among them ${ops.length} endpoint operators dc.<province or ministry> (e.g. dc.ha-noi, dc.thanh-pho-ho-chi-minh, dc.bca)` : ''}`);
    out.push(`  password of the created accounts: ${ctx.accountPassword === ctx.demoPassword ? 'the same as the demo accounts' : ctx.accountPassword}`);
  }
  console.log(out.join('\n'));
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(`\nseed:demo failed after ${elapsed().trim()}: ${err.message}`);
    if (!err.unreachable && !(err instanceof ApiCallError)) console.error(err.stack);
    process.exit(1);
  });
