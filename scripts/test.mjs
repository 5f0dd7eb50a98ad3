#!/usr/bin/env node
// The one test command (npm test): type-check, build what the end-to-end and
// browser tests run, then every tier in turn, and a closing count.
//   npm test                 everything
//   npm test -- unit e2e     only those tiers (unit, int, e2e, browser, bench)
// The bench tier is the benchmark suite at tiny sizes (node bench/run.mjs --smoke): it
// keeps the benchmarks working and fails on lost or out-of-order events, not on timings.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, ensureNode24 } from './runtime.mjs';

ensureNode24();

const TIERS = ['unit', 'int', 'e2e', 'browser', 'bench'];
const asked = process.argv.slice(2).filter((a) => TIERS.includes(a));
const tiers = asked.length ? asked : TIERS;
const env = {
  ...process.env,
  TZ: 'Asia/Ho_Chi_Minh',
  // PGlite loads its WebAssembly with import(), which Jest's CommonJS sandbox only allows with this flag.
  NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules', '--no-warnings'].filter(Boolean).join(' '),
};

process.stdout.write(`Node.js ${process.version}\n`);
const run = (label, cmd, args) => {
  process.stdout.write(`\n▶ ${label}: ${[cmd, ...args].join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  return r.status ?? 1;
};

const steps = [];
if (!process.env.SKIP_BUILD) {
  steps.push(['type-check', ...bin('tsc', ['-p', 'tsconfig.json', '--noEmit'])]);
  steps.push(['type-check web', ...bin('tsc', ['-p', 'apps/web/tsconfig.json', '--noEmit'])]);
  if (tiers.some((t) => t === 'browser' || t === 'e2e' || t === 'bench')) {
    steps.push(['build api', ...bin('nest', ['build', 'api'])]);
    steps.push(['build worker', ...bin('nest', ['build', 'worker'])]);
    steps.push(['build media', ...bin('nest', ['build', 'media'])]);
  }
  if (tiers.includes('browser')) steps.push(['build web', ...bin('vite', ['build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'])]);
}
for (const [label, cmd, args] of steps) {
  if (run(label, cmd, args) !== 0) {
    process.stdout.write(`\n${label} failed\n0 passed, 1 failed\n`);
    process.exit(1);
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let failedTiers = [];
const out = mkdtempSync(join(tmpdir(), 'htt-jest-'));
for (const tier of tiers) {
  if (tier === 'bench') {
    const smoke = benchSmoke();
    totals.passed += smoke.passed;
    totals.failed += smoke.failed;
    if (smoke.failed || !smoke.passed) failedTiers.push(tier);
    continue;
  }
  const file = join(out, `${tier}.json`);
  const status = run(`${tier} tests`, ...bin('jest', ['--selectProjects', tier, ...(tier === 'unit' ? [] : ['--runInBand']), '--json', `--outputFile=${file}`]));
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
    totals.skipped += r.numPendingTests + r.numTodoTests;
    if (r.numTotalTests === 0) {
      failedTiers.push(`${tier} (no tests ran)`);
      totals.failed += 1;
    }
  } catch {
    totals.failed += 1;
  }
  if (status !== 0) failedTiers.push(tier);
}
rmSync(out, { recursive: true, force: true });
process.stdout.write(`\n${failedTiers.length ? `failed tiers: ${[...new Set(failedTiers)].join(', ')}` : 'all tiers passed'}\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(failedTiers.length || totals.failed ? 1 : 0);

/** Every benchmark once at tiny sizes: one result line per benchmark, each ok or not. */
function benchSmoke() {
  process.stdout.write('\n▶ bench smoke: node bench/run.mjs --smoke\n');
  const r = spawnSync(process.execPath, ['bench/run.mjs', '--smoke'], { stdio: ['ignore', 'pipe', 'inherit'], env, encoding: 'utf8' });
  process.stdout.write(r.stdout ?? '');
  const results = (r.stdout ?? '')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
  const passed = results.filter((x) => x.ok).length;
  return { passed, failed: results.length - passed + (r.status !== 0 && passed === results.length ? 1 : 0) };
}
