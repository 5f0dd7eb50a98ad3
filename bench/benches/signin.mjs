// signin: the start of a national conference. N operators (3,400 at full size: 34 provinces and
// 3,321 communes, plus central bodies), each at its own site (its own address, sent as
// X-Forwarded-For to two api processes with TRUST_PROXY, as behind infra/nginx), all press
// "Đăng nhập" in the same second; half reach each api process. Measured: time from the first
// request to the last operator signed in, and each sign-in's latency. Floor: the same number of
// token checks (GET /api/me with the tokens just issued), fired the same way at the same two
// processes: what answering N authenticated requests costs without argon2.
// Accounts are inserted straight into the database with one hash made with the api's own
// ARGON2_OPTIONS (creating 3,400 through the api would hash 3,400 times before the measurement).
import { createRequire } from 'node:module';
import nodeHttp from 'node:http';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dbQuery, log, now, startApi } from '../lib/infra.mjs';
import { pct, ratio, round } from '../lib/stats.mjs';

const require = createRequire(import.meta.url);
const PASSWORD_UTIL = fileURLToPath(new URL('../../dist/apps/api/apps/api/src/accounts/password.util.js', import.meta.url));
const PASSWORD = 'Mật khẩu điểm cầu 2026';

/**
 * Every operator's connection at once: no client-side queue in front of the servers'. A new agent per
 * storm: a connection left idle by the previous one may be closed by the server (keep-alive timeout, 5 s)
 * just as it is reused, which fails the request with "socket hang up".
 */
let agent = new nodeHttp.Agent({ keepAlive: true, maxSockets: Infinity });

function request(baseUrl, method, path, { body, headers = {} } = {}) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const t0 = now();
    const req = nodeHttp.request(
      `${baseUrl}${path}`,
      { method, agent, headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          let parsed = null;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode, body: parsed, ms: now() - t0, end: now() });
        });
      },
    );
    req.setTimeout(600_000, () => req.destroy(new Error('no answer in 600 s')));
    req.on('error', (err) => resolve({ status: 0, body: { error: err.message }, ms: now() - t0, end: now() }));
    if (payload) req.write(payload);
    req.end();
  });
}

/** 10.x.y.z, one per operator. */
const addressOf = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

async function storm(label, n, send) {
  agent.destroy();
  agent = new nodeHttp.Agent({ keepAlive: true, maxSockets: Infinity });
  const t0 = now();
  const results = await Promise.all(Array.from({ length: n }, (_, i) => send(i)));
  const allIn = Math.max(...results.map((r) => r.end)) - t0;
  const failed = results.filter((r) => r.status !== 200);
  log(`signin: ${label}: ${n - failed.length}/${n} in ${round(allIn / 1000)} s${failed.length ? ` (first failure: ${failed[0].status} ${JSON.stringify(failed[0].body).slice(0, 200)})` : ''}`);
  return { results, allIn, failed: failed.length };
}

export async function run({ config, emit }) {
  const n = config.operators;
  const { ARGON2_OPTIONS } = require(PASSWORD_UTIL);
  const argon2 = require('argon2');
  const env = { TRUST_PROXY: 'true', SEED_ORGANIZATIONS: 'true' };
  const a = await startApi({ env });
  const b = await startApi({ shared: a, env });
  const servers = [a, b];

  const hash = await argon2.hash(PASSWORD, ARGON2_OPTIONS);
  const [{ id: orgId }] = await dbQuery(a.db.url, `SELECT id FROM organizations ORDER BY code LIMIT 1`);
  await dbQuery(
    a.db.url,
    `INSERT INTO accounts (username, password_hash, full_name, organization_id, search_text, sort_key)
     SELECT 'diemcau' || i, $1, 'Cán bộ điểm cầu ' || i, $2, 'can bo diem cau ' || i, 'can bo diem cau ' || lpad(i::text, 5, '0')
     FROM generate_series(1, $3::int) i`,
    [hash, orgId, n],
  );
  await dbQuery(a.db.url, `INSERT INTO role_assignments (account_id, role, organization_id) SELECT id, 'endpoint_operator', organization_id FROM accounts WHERE username LIKE 'diemcau%'`);
  log(`signin: ${n} operators, argon2id m=${ARGON2_OPTIONS.memoryCost} KiB t=${ARGON2_OPTIONS.timeCost} p=${ARGON2_OPTIONS.parallelism}`);

  // one sign-in per process first, so the storm does not measure start-up (first query plans, the dummy hash)
  for (const [i, s] of servers.entries()) {
    const r = await request(s.baseUrl, 'POST', '/api/auth/login', { body: { username: `diemcau${i + 1}`, password: PASSWORD }, headers: { 'x-forwarded-for': '192.0.2.1' } });
    if (r.status !== 200) throw new Error(`warm-up sign-in -> ${r.status} ${JSON.stringify(r.body)}`);
  }

  const cpu = () => servers.reduce((sum, s) => sum + s.stats().cpuSeconds, 0);
  const cpu0 = cpu();
  const signIn = await storm('sign-ins', n, (i) =>
    request(servers[i % 2].baseUrl, 'POST', '/api/auth/login', {
      body: { username: `diemcau${i + 1}`, password: PASSWORD },
      headers: { 'x-forwarded-for': addressOf(i + 1) },
    }),
  );
  // CPU the two api processes spent per sign-in: what the storm costs on a machine of its own, whatever
  // else the machine runs (a loaded CI host stretches the wall time, not this)
  const cpuPerSignIn = ((cpu() - cpu0) * 1000) / n;
  const cores = availableParallelism();
  const projectedS = (cpuPerSignIn * n) / 1000 / Math.min(cores, 2 * (config.concurrency ?? cores));
  log(`signin: ${round(cpuPerSignIn)} ms of api CPU per sign-in; on ${cores} idle cores all ${n} would be in after about ${round(projectedS, 1)} s`);
  const tokens = signIn.results.map((r) => r.body?.accessToken);
  // a sign-in that was dropped (e.g. Node's 300 s request timeout on a loaded machine) has no token to check
  const cpu1 = cpu();
  const floor = await storm('token checks', n, (i) =>
    tokens[i] ? request(servers[i % 2].baseUrl, 'GET', '/api/me', { headers: { authorization: `Bearer ${tokens[i]}`, 'x-forwarded-for': addressOf(i + 1) } }) : Promise.resolve({ status: 200, ms: 0, end: now() }),
  );

  const cpuPerCheck = ((cpu() - cpu1) * 1000) / n;
  log(`signin: ${round(cpuPerCheck)} ms of api CPU per token check`);
  agent.destroy();
  const lat = signIn.results.map((r) => r.ms);
  const floorLat = floor.results.map((r) => r.ms);
  const budget = config.budgetS ?? null;
  emit({
    size: `${n} sign-ins on 2 api processes`,
    p50_ms: round(pct(lat, 50)),
    p99_ms: round(pct(lat, 99)),
    floor_p50_ms: round(pct(floorLat, 50)),
    floor_p99_ms: round(pct(floorLat, 99)),
    ratio_p99: ratio(pct(lat, 99), pct(floorLat, 99)),
    all_in_s: round(signIn.allIn / 1000),
    floor_all_in_s: round(floor.allIn / 1000),
    per_second: round(n / (signIn.allIn / 1000), 1),
    api_cpu_ms_per_signin: round(cpuPerSignIn),
    floor_api_cpu_ms_per_check: round(cpuPerCheck),
    projected_idle_all_in_s: round(projectedS, 1),
    budget_s: budget,
    failed: signIn.failed + floor.failed,
    lost: signIn.failed,
    ok: signIn.failed === 0 && floor.failed === 0 && (budget === null || signIn.allIn / 1000 <= budget),
    note: `${n - signIn.failed} of ${n} in after ${round(signIn.allIn / 1000, 1)} s${budget ? ` (budget ${budget} s)` : ''}; ${round(cpuPerSignIn)} ms api CPU each (idle ${cores} cores: ~${round(projectedS, 1)} s); floor: ${n} token checks in ${round(floor.allIn / 1000, 2)} s`,
  });
}
