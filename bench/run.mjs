#!/usr/bin/env node
// Benchmark runner: `node bench/run.mjs [name ...] [--size small|full] [--smoke]`.
// Prints one JSON line per result on stdout, then a table; progress goes to stderr.
// Needs the built api (npx nest build api), PostgreSQL and Redis like `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { API_MAIN, cleanupAll, log } from './lib/infra.mjs';
import { ensureNode24 } from '../scripts/runtime.mjs';

ensureNode24(); // the figures are of the platform's runtime, Node 24

/** What each size runs. `smoke` keeps CI honest in well under two minutes; `full` is the scale. */
export const PROFILES = {
  smoke: {
    fanout: { sizes: [{ n: 20, procs: 1 }], reps: 3, warmup: 1, queue: 5 },
    burst: { endpoints: 4, rounds: 2 },
    minutes: { secretaries: 2, rate: 5, seconds: 2, viewers: 20, blocks: 1 },
    summary: { reps: 2 },
    memory: { sockets: 20, idleMs: 300, afterMs: 500, settleMs: 200 },
    failover: { clients: 20, rate: 10, beforeS: 1.5, afterS: 2 },
    media: { step: 10, target: 20, windowMs: 500 },
    adapters: { clients: 20, reps: 3 },
    signin: { operators: 20 },
    voting: { delegates: 20, delegateSites: 2, countSites: 2, viewers: 10, waves: 2, spreadMs: 1000 },
    broadcast: { players: [10], seconds: 2, lagSegments: 3 },
  },
  small: {
    fanout: { sizes: [{ n: 200, procs: 1 }, { n: 1000, procs: 2 }], reps: 20, warmup: 3, queue: 10 },
    burst: { endpoints: 50, rounds: 5 },
    minutes: { secretaries: 10, rate: 5, seconds: 15, viewers: 100, blocks: 3 },
    summary: { reps: 8 },
    memory: { sockets: 1000, idleMs: 3000, afterMs: 5000 },
    failover: { clients: 200, rate: 10, beforeS: 3, afterS: 8 },
    media: { step: 50, target: 500 },
    adapters: { clients: 200, reps: 30 },
    signin: { operators: 400 },
    voting: { delegates: 500, delegateSites: 10, countSites: 20, viewers: 200, waves: 5, spreadMs: 4000 },
    broadcast: { players: [50], seconds: 5, lagSegments: 8 },
  },
  full: {
    // issue 17: 1,000 / 5,000 / 10,000 viewers on two api processes, and 10,000 on one (the loop stall, the chair's answer)
    fanout: { sizes: [{ n: 1000, procs: 2 }, { n: 5000, procs: 2 }, { n: 10000, procs: 2 }, { n: 10000, procs: 1 }], reps: 100, warmup: 3, queue: 10 },
    burst: { endpoints: 100, rounds: 5 },
    minutes: { secretaries: 10, rate: 5, seconds: 60, viewers: 500, blocks: 6 },
    summary: { reps: 8 },
    memory: { sockets: 5000, idleMs: 5000, afterMs: 10000 },
    failover: { clients: 1000, rate: 10, beforeS: 5, afterS: 15 },
    media: { step: 100, target: 3000 },
    adapters: { clients: 1000, reps: 100 },
    signin: { operators: 3400, budgetS: 180 },
    voting: { delegates: 2000, delegateSites: 34, countSites: 100, viewers: 1000, waves: 10, spreadMs: 8000 },
    broadcast: { players: [50, 200, 500], seconds: 8, lagSegments: 15 },
  },
};

/** The suite, in the numbering. Each module exports `run(ctx)`. */
export const REGISTRY = {
  fanout: () => import('./benches/fanout.mjs'), // 1
  burst: () => import('./benches/burst.mjs'), // 2
  minutes: () => import('./benches/minutes.mjs'), // 3
  summary: () => import('./benches/summary.mjs'), // 4
  memory: () => import('./benches/memory.mjs'), // 5
  failover: () => import('./benches/failover.mjs'), // 6
  media: () => import('./benches/media.mjs'), // consumers per mediasoup worker (issue 9)
  adapters: () => import('./benches/adapters.mjs'), // sharded pub/sub vs Streams adapter between two processes
  signin: () => import('./benches/signin.mjs'), // 3,400 operators signing in at once on two api processes (issue 15)
  voting: () => import('./benches/voting.mjs'), // issue 18: 2,000 delegates on two api processes, 100 sites counting, close to the last viewer
  broadcast: () => import('./benches/broadcast.mjs'), // issue 21: HLS segment lag, players on the api vs nginx
};

function parseArgs(argv) {
  const names = [];
  let size = process.env.BENCH_SIZE ?? 'full';
  let smoke = process.env.BENCH_SMOKE === '1' || process.env.BENCH_SMOKE === 'true';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--smoke') smoke = true;
    else if (a === '--size') size = argv[++i];
    else if (a.startsWith('--size=')) size = a.slice(7);
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`usage: node bench/run.mjs [${Object.keys(REGISTRY).join('|')} ...] [--size ${Object.keys(PROFILES).join('|')}] [--smoke]\n`);
      process.exit(0);
    } else names.push(a);
  }
  if (smoke) size = 'smoke';
  if (!PROFILES[size]) throw new Error(`unknown size "${size}" (${Object.keys(PROFILES).join(', ')})`);
  for (const n of names) if (!REGISTRY[n]) throw new Error(`unknown benchmark "${n}" (${Object.keys(REGISTRY).join(', ')})`);
  return { names: names.length ? names : Object.keys(REGISTRY), size };
}

/** Thousands of sockets need file descriptors: re-run under the hard limit when the soft one is low. */
function ensureFileLimit() {
  if (process.env.BENCH_ULIMIT_DONE) return;
  let soft = Infinity;
  let hard = Infinity;
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const [, s, h] = /Max open files\s+(\S+)\s+(\S+)/.exec(line);
    soft = s === 'unlimited' ? Infinity : Number(s);
    hard = h === 'unlimited' ? Infinity : Number(h);
  } catch {
    return;
  }
  if (soft >= 16384 || soft >= hard) return;
  const script = fileURLToPath(import.meta.url);
  const quoted = [process.execPath, script, ...process.argv.slice(2)].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const r = spawnSync('/bin/sh', ['-c', `ulimit -n ${hard === Infinity ? 65536 : hard} 2>/dev/null || ulimit -n 16384 2>/dev/null; exec ${quoted}`], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_ULIMIT_DONE: '1' },
  });
  process.exit(r.status ?? 1);
}

const fmt = (v) => (v === null || v === undefined ? '-' : typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v));

function table(results) {
  const cols = [
    ['bench', (r) => r.bench],
    ['size', (r) => r.size],
    ['p50 ms', (r) => r.p50_ms],
    ['p99 ms', (r) => r.p99_ms],
    ['floor p50', (r) => r.floor_p50_ms],
    ['floor p99', (r) => r.floor_p99_ms],
    ['ratio p99', (r) => r.ratio_p99],
    ['lost', (r) => r.lost],
    ['ok', (r) => (r.ok ? 'yes' : 'NO')],
    ['notes', (r) => r.note ?? r.error ?? ''],
  ];
  const rows = results.map((r) => cols.map(([, f]) => fmt(f(r))));
  const widths = cols.map(([h], i) => Math.max(h.length, ...rows.map((row) => (i === cols.length - 1 ? 0 : row[i].length))));
  const line = (cells) => `| ${cells.map((c, i) => (i === cols.length - 1 ? c : c.padEnd(widths[i]))).join(' | ')} |`;
  return [line(cols.map(([h]) => h)), line(widths.map((w, i) => (i === cols.length - 1 ? '---' : '-'.repeat(w)))), ...rows.map(line)].join('\n');
}

async function main() {
  ensureFileLimit();
  const { names, size } = parseArgs(process.argv.slice(2));
  if (!existsSync(API_MAIN)) {
    process.stderr.write(`The built api is missing (${API_MAIN}): run "npx nest build api" first.\n`);
    process.exit(1);
  }
  const results = [];
  let stopping = false;
  const stop = async (sig) => {
    if (stopping) return;
    stopping = true;
    log(`${sig}: cleaning up`);
    await cleanupAll();
    process.exit(130);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const started = Date.now();
  log(`api build: ${API_MAIN}`);
  for (const name of names) {
    const t0 = Date.now();
    const load = Math.round(loadavg()[0] * 100) / 100;
    log(`${name} (${size}), load average ${load}`);
    const emit = (r) => {
      const line = { bench: name, profile: size, ...r, load_avg_at_start: load, seconds: Math.round((Date.now() - t0) / 1000) };
      results.push(line);
      process.stdout.write(`${JSON.stringify(line)}\n`);
    };
    try {
      const mod = await REGISTRY[name]();
      // BENCH_CONFIG='{"reps":30}': settings laid over the profile's (a shorter run of the full sizes, say)
      const config = { ...PROFILES[size][name], ...(process.env.BENCH_CONFIG ? JSON.parse(process.env.BENCH_CONFIG) : {}) };
      await mod.run({ size, config, emit, log: (...a) => log(`${name}:`, ...a) });
    } catch (err) {
      log(`${name} failed: ${err?.stack ?? err}`);
      emit({ size: '-', p50_ms: null, p99_ms: null, lost: null, ok: false, error: String(err?.message ?? err).split('\n')[0].slice(0, 200) });
    } finally {
      await cleanupAll();
    }
    log(`${name} done in ${Math.round((Date.now() - t0) / 1000)} s`);
  }
  process.stdout.write(`\n${table(results)}\n\n${results.length} results in ${Math.round((Date.now() - started) / 1000)} s (${size})\n`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

main().catch(async (err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  await cleanupAll();
  process.exit(1);
});
