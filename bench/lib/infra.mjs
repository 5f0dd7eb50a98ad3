// Processes and resources a benchmark owns: a fresh PostgreSQL database, a Redis
// namespace, the built api as child processes, the bare Socket.IO floor server.
// Everything registered here is torn down by cleanupAll(), also on Ctrl-C.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import Redis from 'ioredis';

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(BENCH_DIR, '..');
const MAIN_IN_TREE = 'dist/apps/api/apps/api/src/main.js';
/** The built api; BENCH_API_MAIN points at another build (e.g. a snapshot of a commit). */
export const API_MAIN = resolve(process.env.BENCH_API_MAIN ?? join(ROOT, MAIN_IN_TREE));
const API_ROOT = API_MAIN.endsWith(MAIN_IN_TREE) ? API_MAIN.slice(0, -MAIN_IN_TREE.length) : ROOT;
export const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const ADMIN_PASSWORD = 'Mật-khẩu-đo-tải-2026';
/** The api processes' JWT secret (bench/lib/api.mjs signs viewers' tokens with it). */
export const JWT_SECRET = `bench-${randomBytes(16).toString('hex')}`;
const PROBE = join(BENCH_DIR, 'lib/mem-probe.cjs');

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const log = (...a) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${a.join(' ')}\n`);

// ---------- cleanup ----------

const cleanups = [];
/** Registers an undo step; returns a function that runs it now (once) and unregisters it. */
export function onCleanup(fn) {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    const i = cleanups.indexOf(once);
    if (i >= 0) cleanups.splice(i, 1);
    await fn();
  };
  cleanups.push(once);
  return once;
}
export async function cleanupAll() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (err) {
      log(`cleanup failed: ${err?.message ?? err}`);
    }
  }
}

export const freePort = () =>
  new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });

let runDir;
/** One temporary folder per run for data dirs and server logs. */
export function benchTmp() {
  if (!runDir) {
    const dir = (runDir = mkdtempSync(join(tmpdir(), 'htt-bench-')));
    onCleanup(() => {
      if (runDir === dir) runDir = undefined;
      if (process.env.BENCH_KEEP_LOGS) log(`logs kept in ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    });
  }
  return runDir;
}

// ---------- PostgreSQL and Redis ----------

const withPg = async (fn) => {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
};

/** A new empty database, dropped at cleanup. */
export async function createDatabase() {
  const name = `htt_bench_${randomBytes(6).toString('hex')}`;
  await withPg((c) => c.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const drop = onCleanup(() => withPg((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  return { name, url: url.toString(), drop };
}

/** One query on a benchmark's own database (read-only checks the api cannot answer while it is stuck). */
const dbClients = new Map(); // url -> connected pg.Client (one per benchmark database, kept for the run)

/**
 * A query on the benchmark's own database, on one connection kept open per database: a driver
 * that connected anew for each look (a seq between rounds) paid a connection inside the measured
 * window and made the database fork a backend each time.
 */
export async function dbQuery(url, sql, params = []) {
  let client = dbClients.get(url);
  if (!client) {
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => dbClients.delete(url)); // the database dropped under it at clean-up
    client = c.connect().then(() => c);
    dbClients.set(url, client);
    onCleanup(async () => {
      dbClients.delete(url);
      await c.end().catch(() => undefined);
    });
  }
  return (await (await client).query(sql, params)).rows;
}

/** Transactions of a database left open and idle for more than `seconds`: a sign of a stuck api. */
export async function stuckTransactions(db, seconds = 5) {
  const rows = await withPg((c) =>
    c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state = 'idle in transaction' AND now() - state_change > make_interval(secs => $2)`, [db.name, seconds]),
  );
  return rows.rows[0].n;
}

/** A fresh Redis key prefix; its keys are deleted at cleanup. */
export function redisNamespace() {
  const prefix = `htt-bench-${randomBytes(4).toString('hex')}`;
  const drop = onCleanup(async () => {
    const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await r.connect();
      let cursor = '0';
      do {
        const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await r.del(...keys);
      } while (cursor !== '0');
    } finally {
      r.disconnect();
    }
  });
  return { prefix, drop };
}

// ---------- child server processes ----------

/** VmRSS and CPU time of a process we started, from /proc. */
export function procStats(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    return { rssBytes: rssKb * 1024, cpuSeconds: ticks / 100 };
  } catch {
    return { rssBytes: NaN, cpuSeconds: NaN };
  }
}

function wrapChild(child, name, logFile) {
  let probeSeq = 0;
  const waiting = new Map();
  child.on('message', (m) => {
    if (m && m.__probe && waiting.has(m.id)) {
      waiting.get(m.id)(m);
      waiting.delete(m.id);
    }
  });
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const handle = {
    name,
    pid: child.pid,
    child,
    logFile,
    exited,
    get alive() {
      return child.exitCode === null && child.signalCode === null;
    },
    /** process.memoryUsage() inside the server (after a full GC when gc is true), plus VmRSS from /proc. */
    async memory({ gc = false, snapshot = null, cpuProfile = null } = {}) {
      const id = ++probeSeq;
      const answer = new Promise((res, rej) => {
        waiting.set(id, res);
        setTimeout(() => (waiting.delete(id), rej(new Error(`${name}: no memory probe answer`))), snapshot ? 120_000 : 10_000).unref();
      });
      child.send({ __probe: 'mem', id, gc, snapshot, cpuProfile });
      const m = await answer;
      return { ...m, procRss: procStats(child.pid).rssBytes };
    },
    /** The event loop's largest delay (and p99, mean) since the last call, from monitorEventLoopDelay in the server (mem-probe.cjs). */
    async loopDelay() {
      const id = ++probeSeq;
      const answer = new Promise((res, rej) => {
        waiting.set(id, res);
        setTimeout(() => (waiting.delete(id), rej(new Error(`${name}: no loop probe answer`))), 30_000).unref();
      });
      child.send({ __probe: 'loop', id });
      return answer;
    },
    stats: () => procStats(child.pid),
    kill9() {
      if (handle.alive) child.kill('SIGKILL');
      return exited;
    },
    async stop() {
      if (!handle.alive) return exited;
      child.kill('SIGTERM');
      const t = setTimeout(() => handle.alive && child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
      return exited;
    },
    tailLog(n = 30) {
      try {
        return readFileSync(logFile, 'utf8').trim().split('\n').slice(-n).join('\n');
      } catch {
        return '';
      }
    },
  };
  return handle;
}

function spawnNode(name, args, env, cwd = ROOT) {
  const logFile = join(benchTmp(), `${name}.log`);
  const out = createWriteStream(logFile);
  // BENCH_NODE_ARGS: extra node flags for the servers, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where a run's CPU goes
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, ['--expose-gc', ...extra, '--require', PROBE, ...args], {
    cwd,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const handle = wrapChild(child, name, logFile);
  onCleanup(() => handle.stop());
  return handle;
}

async function waitHealthy(handle, url, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!handle.alive) throw new Error(`${handle.name} exited before it was healthy:\n${handle.tailLog()}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${handle.name} not healthy after ${timeoutMs} ms:\n${handle.tailLog()}`);
    await sleep(200); // polling a server that is starting
  }
}

let apiCount = 0;
/**
 * The built api as its own process, like test/support/browser.ts starts it.
 * Pass `shared` (another api's {db, redisPrefix}) for a second process on the same data.
 */
export async function startApi({ shared, env = {} } = {}) {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run "npx nest build api" first`);
  const db = shared?.db ?? (await createDatabase());
  const redisPrefix = shared?.redisPrefix ?? redisNamespace().prefix;
  const port = await freePort();
  const name = `api-${++apiCount}-${port}`;
  const dataDir = join(benchTmp(), name);
  mkdirSync(dataDir, { recursive: true });
  const handle = spawnNode(name, [API_MAIN], {
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: db.url,
    REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    WEB_DIST: join(dataDir, 'no-web'),
    ADMIN_PASSWORD,
    DEMO_PASSWORD: ADMIN_PASSWORD,
    JWT_SECRET,
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    ALLOWED_ORIGINS: `http://127.0.0.1:${port}`,
    LOG_LEVEL: process.env.BENCH_API_LOG_LEVEL ?? 'warn',
    // extra api settings for an experiment, e.g. BENCH_API_ENV='{"REDIS_URL":""}' (no Redis adapter)
    ...(process.env.BENCH_API_ENV ? JSON.parse(process.env.BENCH_API_ENV) : {}),
    ...env,
  }, API_ROOT);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitHealthy(handle, `${baseUrl}/api/health`);
  return Object.assign(handle, { baseUrl, db, redisPrefix, port });
}

/** The floor: a bare Socket.IO 4.8.3 server (no auth, no database, no Redis) in its own process. */
export async function startBare(env = {}) {
  const port = await freePort();
  const handle = spawnNode(`bare-${port}`, [join(BENCH_DIR, 'bare-server.mjs')], { PORT: String(port), ...env });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitHealthy(handle, `${baseUrl}/health`, 20_000);
  return Object.assign(handle, { baseUrl, port });
}

const WORKER_IN_TREE = 'dist/apps/worker/apps/worker/src/main.js';
/** The built worker (npx nest build worker); BENCH_WORKER_MAIN points at another build. */
export const WORKER_MAIN = resolve(process.env.BENCH_WORKER_MAIN ?? join(ROOT, WORKER_IN_TREE));
const WORKER_ROOT = WORKER_MAIN.endsWith(WORKER_IN_TREE) ? WORKER_MAIN.slice(0, -WORKER_IN_TREE.length) : ROOT;

let workerCount = 0;
/**
 * The built worker as its own process on an api's database and Redis namespace, as compose runs it: it
 * consumes the BullMQ queues and keeps a warm LibreOffice. Resolves once its log says it consumes.
 */
export async function startWorker(api, env = {}) {
  if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run "npx nest build worker" first`);
  const name = `worker-${++workerCount}`;
  const handle = spawnNode(name, [WORKER_MAIN], {
    NODE_ENV: 'test',
    DATABASE_URL: api.db.url,
    REDIS_URL,
    REDIS_PREFIX: api.redisPrefix,
    JWT_SECRET,
    // 'log' so that the line "worker consuming queues" tells the bench it is ready
    LOG_LEVEL: 'info',
    ...env,
  }, WORKER_ROOT);
  const deadline = Date.now() + 90_000;
  while (!/worker consuming queues/.test(handle.tailLog(200))) {
    if (!handle.alive) throw new Error(`${name} exited before it consumed:\n${handle.tailLog()}`);
    if (Date.now() > deadline) throw new Error(`${name} did not start consuming in 90 s:\n${handle.tailLog()}`);
    await sleep(200); // polling the log of a process that is starting
  }
  return handle;
}
