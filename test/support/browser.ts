import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from './database';

const ROOT = resolve(__dirname, '../..');
export const BROWSER_ADMIN_PASSWORD = 'Mật-khẩu-trình-duyệt-2026';

export interface RunningApi {
  baseUrl: string;
  /** the api's own PostgreSQL database, for a worker process (or a test) to share */
  databaseUrl: string;
  /** the api's Redis key prefix, which a worker must use to consume the api's queues */
  redisPrefix: string;
  /** the process, e.g. to kill -9 it */
  child: ChildProcess;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });

/**
 * The built api (dist/) as its own process, serving the built web app, on a
 * fresh PostgreSQL database and Redis, as a user would run it.
 */
export async function startApiProcess(env: Record<string, string> = {}, options: { sameDataAs?: RunningApi; /** false: the api alone (no built web app needed) */ web?: boolean; /** 'pipe': its stdout readable on `child.stdout` */ stdout?: 'pipe' } = {}): Promise<RunningApi> {
  const shared = options.sameDataAs;
  const main = join(ROOT, 'dist/apps/api/apps/api/src/main.js');
  if (!existsSync(main)) throw new Error('build first: npx nest build api');
  if (options.web !== false && !existsSync(join(ROOT, 'dist/web/index.html'))) throw new Error('build first: npx nest build api && npx vite build --config apps/web/vite.config.mts');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'htt-browser-'));
  // a second api process shares the first one's database and Redis namespace, as behind a load balancer
  const db: TestDatabase | null = shared ? null : await createTestDatabase();
  const redisPrefix = env.REDIS_PREFIX ?? shared?.redisPrefix ?? `htt-b-${port}`;
  const databaseUrl = env.DATABASE_URL ?? shared?.databaseUrl ?? db!.url;
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      WEB_DIST: join(ROOT, 'dist/web'),
      ADMIN_PASSWORD: BROWSER_ADMIN_PASSWORD,
      DEMO_PASSWORD: BROWSER_ADMIN_PASSWORD,
      JWT_SECRET: 'browser-test-secret-browser-test-secret-0',
      ALLOWED_ORIGINS: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      // the 3,320 communes only where a test asks for them, as in test apps
      SEED_COMMUNES: 'false',
      ...env,
    },
    stdio: ['ignore', options.stdout ?? 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await untilHealthy(child, `${baseUrl}/api/health`, 'api', 60_000);
  return {
    baseUrl,
    databaseUrl,
    redisPrefix,
    child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await db?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface LaunchOptions {
  /** a fake camera and microphone, granted without asking (getUserMedia works headless), and media that plays without a gesture */
  fakeMedia?: boolean;
}

export function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const media = options.fakeMedia ? ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required'] : [];
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=vi-VN', ...media],
  });
}

/** The mediasoup worker binary: MEDIASOUP_WORKER_BIN, else the one scripts/media/build-mediasoup-worker.sh caches; undefined when neither exists. */
export function mediasoupWorkerBin(): string | undefined {
  const cached = join(homedir(), '.cache/hop-truc-tuyen/mediasoup-worker-3.12.16');
  return process.env.MEDIASOUP_WORKER_BIN || (existsSync(cached) ? cached : undefined);
}

export interface RunningMedia {
  /** MEDIA_URL for the api */
  url: string;
  secret: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The built media process (dist/), listening on a free port; RTP/ICE on the machine's first non-loopback address (Chromium offers no loopback candidates). */
export async function startMediaProcess(env: Record<string, string> = {}): Promise<RunningMedia> {
  const main = join(ROOT, 'dist/apps/media/apps/media/src/main.js');
  if (!existsSync(main)) throw new Error('build first: npx nest build media');
  const worker = mediasoupWorkerBin();
  if (!worker) throw new Error('no mediasoup worker: set MEDIASOUP_WORKER_BIN (scripts/media/build-mediasoup-worker.sh builds one)');
  const port = await freePort();
  const secret = `browser-media-secret-${port}-0123456789`;
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_ENV: 'test',
      MEDIA_HOST: '127.0.0.1',
      MEDIA_PORT: String(port),
      MEDIA_SECRET: secret,
      MEDIA_WORKERS: '1',
      MEDIASOUP_WORKER_BIN: worker,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await untilHealthy(child, `${url}/health`, 'media process', 30_000);
  return {
    url,
    secret,
    child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

export async function signIn(page: Page, baseUrl: string, username: string, password = BROWSER_ADMIN_PASSWORD) {
  await page.goto(baseUrl);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('socket-status').and(page.locator('[data-connected=true]')).waitFor();
}

export const artifact = (name: string) => {
  const dir = join(ROOT, 'test/.artifacts');
  return join(dir, name);
};

/**
 * Screenshots of a page as its users see it, kept as test artifacts: test/.artifacts/screens/<name>-1440x900.png
 * and -390x844.png (and any other sizes asked for). The viewport is put back afterwards. Returns, per size,
 * whether the page scrolls sideways (a phone must never have to).
 */
export async function keepShots(page: Page, name: string, sizes: Array<{ width: number; height: number }> = [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
  const before = page.viewportSize();
  const dir = artifact('screens');
  mkdirSync(dir, { recursive: true });
  const result: Record<string, { scrollsSideways: boolean; path: string }> = {};
  for (const size of sizes) {
    await page.setViewportSize(size);
    // the layout settles in the next frame after a resize
    await page.evaluate(() => {
      const raf = (globalThis as unknown as { requestAnimationFrame: (f: () => void) => void }).requestAnimationFrame;
      return new Promise<void>((r) => raf(() => raf(r)));
    });
    const path = join(dir, `${name}-${size.width}x${size.height}.png`);
    await page.screenshot({ path });
    const scrollsSideways = await page.evaluate(() => {
      const w = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
      return w.document.documentElement.scrollWidth > w.innerWidth;
    });
    result[`${size.width}x${size.height}`] = { scrollsSideways, path };
  }
  if (before) await page.setViewportSize(before);
  return result;
}

/** Polls a child server's health URL until it answers (a server that is starting sends no event to wait for). */
async function untilHealthy(child: ChildProcess, url: string, name: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not become healthy in ${timeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** keepShots, copied where the reviewers look too (/work/shots/...), failing when a phone would scroll sideways. */
export async function keepShotsIn(dir: string, page: Page, name: string) {
  const taken = await keepShots(page, name);
  mkdirSync(dir, { recursive: true });
  for (const shot of Object.values(taken)) {
    copyFileSync(shot.path, join(dir, basename(shot.path)));
    expect([name, shot.scrollsSideways]).toEqual([name, false]);
  }
}
