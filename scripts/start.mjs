#!/usr/bin/env node
// npm start: the whole platform on this machine. Builds what is missing, then
// runs the api (which serves the web app on http://localhost:$PORT). With no
// DATABASE_URL it uses embedded PGlite under DATA_DIR and runs jobs in-process;
// with DATABASE_URL and REDIS_URL it also starts the BullMQ worker.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const newest = (dir) => {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};
const stale = (output, ...sources) => !existsSync(output) || sources.some((s) => newest(s) > statSync(output).mtimeMs);
const build = (label, args) => {
  process.stdout.write(`building ${label} ...\n`);
  const r = spawnSync('npx', args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const API = 'dist/apps/api/apps/api/src/main.js';
const WORKER = 'dist/apps/worker/apps/worker/src/main.js';
if (stale(API, 'apps/api/src', 'libs')) build('api', ['nest', 'build', 'api']);
if (stale('dist/web/index.html', 'apps/web/src', 'libs/contracts/src')) build('web', ['vite', 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn']);

const children = [spawn(process.execPath, [API], { stdio: 'inherit' })];
if (process.env.DATABASE_URL && process.env.REDIS_URL) {
  if (stale(WORKER, 'apps/worker/src', 'libs')) build('worker', ['nest', 'build', 'worker']);
  children.push(spawn(process.execPath, [WORKER], { stdio: 'inherit' }));
}
const stop = (signal) => children.forEach((c) => c.exitCode === null && c.kill(signal));
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
children.forEach((c) =>
  c.on('exit', (code) => {
    stop('SIGTERM');
    process.exitCode = code ?? 0;
  }),
);
