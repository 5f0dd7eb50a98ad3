import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from '@app/config';
import { createApp } from '../../apps/api/src/main';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from './database';

export const TEST_ADMIN_PASSWORD = 'Mật-khẩu-quản-trị-2026';

export interface TestApp {
  app: NestExpressApplication;
  baseUrl: string;
  db?: TestDatabase;
  databaseUrl?: string;
  redisPrefix: string;
  /** this api's DATA_DIR (initial-credentials.txt, the generated JWT secret, PGlite's files) */
  dataDir: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** 'postgres' (default): a fresh database on the real server; 'pglite': embedded, in a temp folder */
  database?: 'postgres' | 'pglite';
  redis?: boolean;
  env?: Record<string, string>;
  /** a second api process on the database (and Redis namespace) of another test app */
  sameDataAs?: TestApp;
  /** an existing database or DATA_DIR (e.g. a restored backup), left in place by close() */
  existing?: { databaseUrl: string } | { dataDir: string };
}

/**
 * The whole api, in this process, on a free port: real PostgreSQL (a fresh
 * database per call) and real Redis unless told otherwise.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const shared = options.sameDataAs;
  const existing = options.existing;
  const db = shared || existing ? undefined : options.database === 'pglite' ? undefined : await createTestDatabase();
  const dataDir = existing && 'dataDir' in existing ? existing.dataDir : mkdtempSync(join(tmpdir(), 'htt-test-'));
  const env = parseEnv({
    NODE_ENV: 'test',
    PORT: '3000',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOG_FORMAT: 'json', // no pino-pretty worker thread per test app, even when jest runs on a terminal
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    // the tests sign the demo accounts in with the admin's password; an empty value leaves it generated
    DEMO_PASSWORD: TEST_ADMIN_PASSWORD,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOGIN_RATE_LIMIT: '5',
    // the 3,320 communes only where a test asks for them (SEED_COMMUNES: 'true'): the other tests' lists stay as they were
    SEED_COMMUNES: 'false',
    REDIS_PREFIX: shared ? shared.redisPrefix : `htt-t-${randomBytes(4).toString('hex')}`,
    ...(db ? { DATABASE_URL: db.url } : {}),
    ...(shared ? { DATABASE_URL: shared.databaseUrl! } : {}),
    ...(existing && 'databaseUrl' in existing ? { DATABASE_URL: existing.databaseUrl } : {}),
    ...(options.redis === false ? {} : { REDIS_URL: TEST_REDIS_URL }),
    ...options.env,
  });
  const app = await createApp(env);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    databaseUrl: env.DATABASE_URL,
    redisPrefix: env.REDIS_PREFIX,
    dataDir,
    close: async () => {
      await app.close();
      await db?.drop();
      if (!existing) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
