import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR_LOCK_FILE } from '@app/database';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from '../support/database';
import { BUILT, alive, freePort, spawnNode, type Spawned } from '../support/processes';

const base = { NODE_ENV: 'test', LOG_LEVEL: 'info', JWT_SECRET: 'test-secret-test-secret-test-secret-0123', ADMIN_PASSWORD: 'Mật-khẩu-quản-trị-2026', MEDIA_ENABLED: 'false' };
const LISTENING = /api listening on/;
/** three api starts on PGlite took 159 s on the loaded 2-core machine, near Jest's 180 s */
const SLOW = 600_000;

/**
 * The processes of the platform as a user starts them: the built api on the embedded database, `npm start`
 * (scripts/start.mjs) with its children, the worker against a database the api has not migrated yet.
 */
describe('processes that share data', () => {
  const dirs: string[] = [];
  const procs: Spawned[] = [];
  const dbs: TestDatabase[] = [];
  const dataDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'htt-proc-'));
    dirs.push(d);
    return d;
  };
  const start = (args: string[], env: Record<string, string>) => {
    const p = spawnNode(args, { ...base, ...env });
    procs.push(p);
    return p;
  };

  beforeAll(() => {
    for (const f of Object.values(BUILT)) if (!existsSync(f)) throw new Error(`build first: npx nest build api && npx nest build worker (${f})`);
  });
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.exited));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    for (const db of dbs) await db.drop();
  }, SLOW);

  it('refuses a second api on the same DATA_DIR, naming the process that has it, and takes over a dead one\'s lock', async () => {
    const dir = dataDir();
    const first = start([BUILT.api], { DATA_DIR: dir, PORT: String(await freePort()) });
    await first.waitFor(LISTENING);
    const lock = JSON.parse(readFileSync(join(dir, DATA_DIR_LOCK_FILE), 'utf8'));
    expect(lock.pid).toBe(first.child.pid);

    const second = start([BUILT.api], { DATA_DIR: dir, PORT: String(await freePort()) });
    expect(await second.exited).toEqual({ code: 1, signal: null });
    expect(second.output()).toContain(`DATA_DIR ${dir} is in use by process ${first.child.pid}`);
    expect(second.output()).toMatch(/stop that process first \(kill \d+\), or give this one another DATA_DIR/);
    expect(second.output()).not.toMatch(LISTENING);
    // the refused process left the lock as it was
    expect(JSON.parse(readFileSync(join(dir, DATA_DIR_LOCK_FILE), 'utf8'))).toEqual(lock);

    // kill -9 leaves the lock file behind; its pid is dead, so the next api takes the folder and says so
    first.child.kill('SIGKILL');
    await first.exited;
    expect(existsSync(join(dir, DATA_DIR_LOCK_FILE))).toBe(true);
    const third = start([BUILT.api], { DATA_DIR: dir, PORT: String(await freePort()) });
    await third.waitFor(LISTENING);
    expect(third.output()).toContain(`removing the stale lock of process ${first.child.pid}, which is no longer running`);
    expect(JSON.parse(readFileSync(join(dir, DATA_DIR_LOCK_FILE), 'utf8')).pid).toBe(third.child.pid);

    // a clean stop removes the lock
    third.child.kill('SIGTERM');
    await third.exited;
    expect(existsSync(join(dir, DATA_DIR_LOCK_FILE))).toBe(false);
  }, SLOW);

  it('npm start passes SIGTERM to the api and the worker and exits after them: no orphan', async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    const port = await freePort();
    const s = start(['scripts/start.mjs'], { DATA_DIR: dataDir(), PORT: String(port), DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: `htt-p-${port}` });
    const api = Number((await s.waitFor(/api: pid (\d+)/))[1]);
    const worker = Number((await s.waitFor(/worker: pid (\d+)/))[1]);
    await s.waitFor(LISTENING);
    await s.waitFor(/worker consuming queues/);
    expect([alive(api), alive(worker)]).toEqual([true, true]);

    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect([alive(api), alive(worker)]).toEqual([false, false]);
    expect(s.output()).not.toMatch(/exited \(.*\): stopping the others/); // it asked them; none died on its own
  }, SLOW);

  it('npm start killed with -9 takes its api along, and the next start gets DATA_DIR', async () => {
    const dir = dataDir();
    const s = start(['scripts/start.mjs'], { DATA_DIR: dir, PORT: String(await freePort()) });
    const api = Number((await s.waitFor(/api: pid (\d+)/))[1]);
    await s.waitFor(LISTENING);
    s.child.kill('SIGKILL');
    await s.exited;
    // the api shares start.mjs's stdout: the pipe closes when the api has gone too
    await s.outputClosed;
    expect(alive(api)).toBe(false);
    expect(existsSync(join(dir, DATA_DIR_LOCK_FILE))).toBe(false);

    const again = start(['scripts/start.mjs'], { DATA_DIR: dir, PORT: String(await freePort()) });
    await again.waitFor(LISTENING);
    again.child.kill('SIGTERM');
    expect(await again.exited).toEqual({ code: 0, signal: null });
  }, SLOW);

  it('a worker started before the api migrated waits, says so, and starts once the database is migrated', async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    const worker = start([BUILT.worker], { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: `htt-w-${db.name.slice(-8)}` });
    await worker.waitFor(/waiting for the api to migrate the database: \d+ migration\(s\) pending \(Foundation\d+, /);
    expect(worker.output()).not.toMatch(/worker consuming queues/);

    const migrate = start([BUILT.cli, 'migrate'], { DATABASE_URL: db.url });
    expect(await migrate.exited).toEqual({ code: 0, signal: null });
    await worker.waitFor(/worker consuming queues/);
    expect(worker.child.exitCode).toBeNull();
    worker.child.kill('SIGTERM');
    await worker.exited;
  }, SLOW);
});
