import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { DATA_DIR_LOCK_FILE, DataDirLockedError, lockDataDir } from './data-dir-lock';

describe('the DATA_DIR lock', () => {
  let dir: string;
  const file = () => join(dir, DATA_DIR_LOCK_FILE);
  const owner = () => JSON.parse(readFileSync(file(), 'utf8'));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'htt-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the pid while taken, is re-entrant in one process, and goes with the last release', () => {
    const a = lockDataDir(dir);
    expect(owner()).toMatchObject({ pid: process.pid, host: hostname() });
    const b = lockDataDir(dir);
    a.release();
    a.release(); // twice is once
    expect(existsSync(file())).toBe(true);
    b.release();
    expect(existsSync(file())).toBe(false);
  });

  it('refuses while a live process has it, naming the pid', () => {
    writeFileSync(file(), JSON.stringify({ pid: process.ppid, host: hostname(), startTicks: null, startedAt: '2026-12-01T08:00:00.000Z' }));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(`is in use by process ${process.ppid} (since 2026-12-01T08:00:00.000Z)`);
    expect(owner().pid).toBe(process.ppid);
  });

  it('takes over the lock of a process that has died', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(file(), JSON.stringify({ pid: Number(dead.stdout), host: hostname(), startTicks: null, startedAt: '2026-12-01T08:00:00.000Z' }));
    const lock = lockDataDir(dir);
    expect(owner().pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock whose pid was reused by another process (start time differs) and a half-written one', () => {
    writeFileSync(file(), JSON.stringify({ pid: process.ppid, host: hostname(), startTicks: '1', startedAt: '2026-12-01T08:00:00.000Z' }));
    lockDataDir(dir).release();
    writeFileSync(file(), '');
    lockDataDir(dir).release();
    expect(existsSync(file())).toBe(false);
  });

  it('refuses a lock taken on another machine (a shared folder), saying which file to delete', () => {
    writeFileSync(file(), JSON.stringify({ pid: 1, host: 'other-host', startTicks: null, startedAt: '2026-12-01T08:00:00.000Z' }));
    expect(() => lockDataDir(dir)).toThrow(`on other-host (since 2026-12-01T08:00:00.000Z). The embedded database can be opened by one process only. If that machine no longer runs it, delete ${file()}`);
  });
});
