#!/usr/bin/env node
// npm start: the whole platform on this machine. Builds what is missing, then
// runs the api (which serves the web app on http://localhost:$PORT). With no
// DATABASE_URL it uses embedded PGlite under DATA_DIR and runs jobs in-process;
// with DATABASE_URL and REDIS_URL it also starts the BullMQ worker. When the
// mediasoup worker has been built (npm run media:setup) it also starts the
// media process and points the api at it: audio and video on; otherwise off.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { bin, ensureNode24 } from './runtime.mjs';

ensureNode24();

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
  const r = spawnSync(...bin(args[0], args.slice(1)), { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const API = 'dist/apps/api/apps/api/src/main.js';
const WORKER = 'dist/apps/worker/apps/worker/src/main.js';
if (stale(API, 'apps/api/src', 'libs')) build('api', ['nest', 'build', 'api']);
if (stale('dist/web/index.html', 'apps/web/src', 'libs/contracts/src')) build('web', ['vite', 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn']);

const MEDIA = 'dist/apps/media/apps/media/src/main.js';
const mediaWorker = process.env.MEDIASOUP_WORKER_BIN || join(homedir(), '.cache/hop-truc-tuyen/mediasoup-worker-3.12.16');
const mediaOff =
  process.env.MEDIA_ENABLED === 'false' ? 'MEDIA_ENABLED=false'
  : process.env.MEDIA_URL ? null // a media process of its own is configured
  : !existsSync(mediaWorker) ? 'no mediasoup worker (npm run media:setup builds it)'
  : !existsSync('node_modules/mediasoup') ? 'mediasoup is not installed (npm run media:setup)'
  : null;
const children = [];
// 'ipc' gives each child a channel that closes when this process ends in any way (kill -9 included); the api and the
// worker shut down when it does (stopWithParent in apps/api/src/main.ts), so nothing is left holding DATA_DIR or a port.
const run = (label, file, env) => {
  const child = spawn(process.execPath, [file], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env });
  child.label = label;
  process.stdout.write(`${label}: pid ${child.pid}\n`);
  children.push(child);
  return child;
};
const apiEnv = { ...process.env };
if (!mediaOff && !process.env.MEDIA_URL) {
  if (stale(MEDIA, 'apps/media/src', 'libs')) build('media', ['nest', 'build', 'media']);
  const port = process.env.MEDIA_PORT ?? '4000';
  const secret = process.env.MEDIA_SECRET ?? randomBytes(24).toString('hex');
  // the media process writes the broadcast's HLS where the api serves it from
  const broadcastDir = process.env.BROADCAST_DIR ?? join(process.env.DATA_DIR ?? '.data', 'broadcast');
  run('media', MEDIA, { ...process.env, MEDIA_PORT: port, MEDIA_SECRET: secret, MEDIASOUP_WORKER_BIN: mediaWorker, BROADCAST_DIR: broadcastDir });
  Object.assign(apiEnv, { MEDIA_URL: `http://127.0.0.1:${port}`, MEDIA_SECRET: secret });
}
process.stdout.write(`Node.js ${process.version}; audio and video: ${mediaOff ? `off (${mediaOff})` : 'on'}\n`);
run('api', API, apiEnv);
if (process.env.DATABASE_URL && process.env.REDIS_URL) {
  if (stale(WORKER, 'apps/worker/src', 'libs')) build('worker', ['nest', 'build', 'worker']);
  run('worker', WORKER, process.env);
}
// A signal to this process (Ctrl-C, systemd's or docker's SIGTERM, a closed terminal's SIGHUP) goes to every child;
// this process waits until they have all exited and then exits itself, with the code of the child that ended first.
// A child that has not exited STOP_GRACE_MS after the signal is killed.
const STOP_GRACE_MS = 15_000;
let stopping = false;
const running = () => children.filter((c) => c.exitCode === null && c.signalCode === null);
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  for (const c of running()) c.kill(signal);
  setTimeout(() => running().forEach((c) => c.kill('SIGKILL')), STOP_GRACE_MS).unref();
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));
let firstExit;
children.forEach((c) =>
  c.on('exit', (code, signal) => {
    firstExit ??= { code, asked: stopping };
    if (!stopping) process.stderr.write(`${c.label} exited (${signal ?? `code ${code}`}): stopping the others\n`);
    stop('SIGTERM');
    if (running().length === 0) process.exit(firstExit.code ?? (firstExit.asked ? 0 : 1));
  }),
);
