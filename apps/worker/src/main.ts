import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { InvalidEnvironmentError, parseEnv } from '@app/config';
import { WorkerModule, WorkerRunner } from './worker.module';

/** The worker shares PostgreSQL and Redis with the api; the embedded default runs jobs inside the api instead. */
export function workerEnvProblems(env: { DATABASE_URL?: string; REDIS_URL?: string }): string[] {
  return [
    ...(env.DATABASE_URL ? [] : ['DATABASE_URL: is required by the worker (PGlite cannot be shared between processes)']),
    ...(env.REDIS_URL ? [] : ['REDIS_URL: is required by the worker (it consumes BullMQ queues)']),
  ];
}

async function main() {
  try {
    parseEnv(process.env, workerEnvProblems);
  } catch (err) {
    if (err instanceof InvalidEnvironmentError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  // started by `npm start`: go when it goes, whatever way it ends (see stopWithParent in apps/api/src/main.ts)
  if (process.send) process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.enableShutdownHooks();
  await app.get(WorkerRunner).run();
}

if (require.main === module) void main();
