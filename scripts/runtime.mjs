// The platform runs on Node.js 24 LTS (Node 20 reached its end of life on 2026-04-30). A fresh
// machine here has Node 20, so Node 24 comes as an npm dependency: the `node` package puts its
// binary in node_modules/.bin, which npm scripts put first on PATH, so `npm start` / `npm test`
// run on it. The scripts also run their children with process.execPath and the packages' own
// bin files (not `npx` or a bare `node`), so nothing falls back to the system's older node.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const MIN_NODE_MAJOR = 24;

const bundled = join(ROOT, 'node_modules', '.bin', 'node');

/**
 * Called first by each script: on an older node (run as `node scripts/x.mjs` outside npm),
 * runs the same script again on the bundled Node 24 and exits with its status.
 */
export function ensureNode24() {
  if (Number(process.versions.node.split('.')[0]) >= MIN_NODE_MAJOR) return;
  if (!existsSync(bundled)) {
    process.stderr.write(`Node.js ${process.version} is too old: the platform needs Node ${MIN_NODE_MAJOR}; run npm install first (it brings Node ${MIN_NODE_MAJOR}).\n`);
    process.exit(1);
  }
  const r = spawnSync(bundled, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

/** [command, args] running an installed package's bin (tsc, nest, jest, vite) on this very node. */
export function bin(name, args) {
  return [process.execPath, [join(ROOT, 'node_modules', '.bin', name), ...args]];
}
