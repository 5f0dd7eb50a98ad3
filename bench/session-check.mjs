#!/usr/bin/env node
// What the authoritative session costs per request: `node bench/session-check.mjs [iterations]`.
// Needs the built api (npx nest build api); no database or Redis: the registry is warmed with
// one row, so this measures the cached path every request takes after the first.
//   jwt only       the old AuthGuard: verify the access token, trust its claims
//   jwt + registry the new AuthGuard: verify, then SessionRegistry.user() (map lookup, promise)
//   packet check   the socket step before every command: peek() + userFrom(), synchronous
// Prints one JSON line per path (ns per call, median of 7 rounds) and the added cost.
import { createRequire } from 'node:module';
import { createSecretKey, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'dist/apps/api/apps/api/src');
if (!existsSync(join(SRC, 'auth/session-registry.js'))) {
  console.error('build the api first: npx nest build api');
  process.exit(1);
}
const require = createRequire(import.meta.url);
require('reflect-metadata');
const { JwtService } = require('@nestjs/jwt');
const { SessionRegistry, userFrom } = require(join(SRC, 'auth/session-registry.js'));
const { TokenService } = require(join(SRC, 'auth/token.service.js'));

const N = Number(process.argv[2] ?? 200_000);
const ROUNDS = 7;

// The same JWT settings as AuthModule (a KeyObject, HS256, issuer).
const jwt = new JwtService({
  secret: createSecretKey(Buffer.from('bench-secret-bench-secret-bench-secret-01', 'utf8')),
  signOptions: { algorithm: 'HS256', issuer: 'htt' },
  verifyOptions: { algorithms: ['HS256'], issuer: 'htt' },
});
const tokens = new TokenService(jwt, { ACCESS_TOKEN_TTL_SECONDS: 900 });
const accountId = randomUUID();
const sessionId = randomUUID();
const roles = [{ role: 'chair', organizationId: randomUUID() }, { role: 'viewer', organizationId: randomUUID() }];
const token = tokens.signAccess(accountId, sessionId, roles);

// The one row the database would answer on the first request of the session.
const row = { account_id: accountId, revoked: false, expires_at: new Date(Date.now() + 86_400_000), disabled: false, roles };
let queries = 0;
const db = { query: async () => (queries++, [row]) };
const registry = new SessionRegistry(db, null, { REDIS_PREFIX: 'bench' });
await registry.user(accountId, sessionId);
// A realistic map: many sessions cached on a busy process.
for (let i = 0; i < 5_000; i++) await registry.state(randomUUID());

/** ns per call of each path, rounds interleaved (A B C D A B C D ...) so that the load of the machine hits all alike. */
async function measureAll(paths) {
  const samples = paths.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    for (const [k, { fn, sync }] of paths.entries()) {
      const t0 = process.hrtime.bigint();
      if (sync) for (let i = 0; i < N; i++) fn();
      else for (let i = 0; i < N; i++) await fn();
      samples[k].push(Number(process.hrtime.bigint() - t0) / N);
    }
  }
  return paths.map(({ name }, k) => {
    const sorted = samples[k].sort((x, y) => x - y);
    return { name, nsPerCall: Math.round(sorted[ROUNDS >> 1]), iterations: N, rounds: ROUNDS };
  });
}

const before = queries;
const [jwtOnly, withRegistry, registryOnly, packet] = await measureAll([
  { name: 'jwt only (old guard)', fn: () => tokens.verifyAccess(token) },
  {
    name: 'jwt + registry (new guard)',
    fn: async () => {
      const v = tokens.verifyAccess(token);
      return registry.user(v.accountId, v.sessionId);
    },
  },
  { name: 'registry.user alone (cached, awaited)', fn: () => registry.user(accountId, sessionId) },
  { name: 'packet check (socket, cached, sync)', fn: () => userFrom(accountId, sessionId, registry.peek(sessionId)), sync: true },
]);
const misses = queries - before; // entries older than MAX_AGE_MS are read again: one query a minute per session

for (const r of [jwtOnly, withRegistry, registryOnly, packet]) console.log(JSON.stringify(r));
console.log(JSON.stringify({ name: 'database reads during the run', misses }));
console.log(JSON.stringify({ name: 'added per REST request', ns: withRegistry.nsPerCall - jwtOnly.nsPerCall }));
