import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEST_REDIS_URL } from './database';
import type { TestApp } from './app';

const WORKER = join(resolve(__dirname, '../..'), 'dist/apps/worker/apps/worker/src/main.js');

/** The built worker as its own process on the test app's database and Redis namespace; `stop()` waits for it to exit. */
export function startWorker(t: Pick<TestApp, 'databaseUrl' | 'redisPrefix'>, extraEnv: Record<string, string> = {}): { stop(): Promise<void>; kill(): Promise<void> } {
  if (!existsSync(WORKER)) throw new Error('build the worker first: npx nest build worker');
  const worker = spawn(process.execPath, [WORKER], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: t.databaseUrl!, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: t.redisPrefix, LOG_LEVEL: 'warn', ...extraEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    async stop() {
      if (worker.exitCode !== null) return;
      const exited = new Promise((r) => worker.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    },
    /** SIGKILL: dies at once, its running jobs left locked until they stall */
    async kill() {
      if (worker.exitCode !== null || worker.signalCode !== null) return;
      const exited = new Promise((r) => worker.once('exit', r));
      worker.kill('SIGKILL');
      await exited;
    },
  };
}
