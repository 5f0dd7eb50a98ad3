#!/usr/bin/env node
// Standalone: `node bench/media.mjs [--target N] [--step N] [--max-cpu 0.85] [--smoke]` prints one JSON line
// { bench: 'media', consumers, cpu, ... }. The benchmark itself is bench/benches/media.mjs (run(ctx) like the others),
// so bench/run.mjs can register it as `media: () => import('./benches/media.mjs')`.
import { cleanupAll, log } from './lib/infra.mjs';
import { run } from './benches/media.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : undefined;
};
const config = args.includes('--smoke') ? { step: 10, target: 20, windowMs: 1000 } : {};
if (opt('--target')) config.target = opt('--target');
if (opt('--step')) config.step = opt('--step');
if (opt('--max-cpu')) config.maxCpu = opt('--max-cpu');
let ok = false;
try {
  await run({ config, emit: (r) => { ok = r.ok; process.stdout.write(`${JSON.stringify({ bench: 'media', ...r })}\n`); }, log: (...a) => log('media:', ...a) });
} catch (err) {
  log(`media failed: ${err?.stack ?? err}`);
} finally {
  await cleanupAll();
}
process.exit(ok ? 0 : 1);
