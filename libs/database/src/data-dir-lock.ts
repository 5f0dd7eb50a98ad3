import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/** The file that says which process has a DATA_DIR open. */
export const DATA_DIR_LOCK_FILE = 'in-use.lock';

interface LockOwner {
  pid: number;
  host: string;
  /** the process's start time in clock ticks since boot (/proc/<pid>/stat field 22), so a reused pid is not taken for the owner */
  startTicks: string | null;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    const elsewhere = owner.host !== hostname();
    super(
      elsewhere
        ? `DATA_DIR ${dataDir} is in use by process ${owner.pid} on ${owner.host} (since ${owner.startedAt}). ` +
            `The embedded database can be opened by one process only. If that machine no longer runs it, delete ${join(dataDir, DATA_DIR_LOCK_FILE)}.`
        : `DATA_DIR ${dataDir} is in use by process ${owner.pid} (since ${owner.startedAt}). ` +
            `The embedded database can be opened by one process only: stop that process first (kill ${owner.pid}), or give this one another DATA_DIR.`,
    );
    this.name = 'DataDirLockedError';
  }
}

const startTicksOf = (pid: number): string | null => {
  try {
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so count fields after the last ')'
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
};

/** Is the process that wrote this lock still running? Only answerable on this host. */
const ownerAlive = (owner: LockOwner): boolean => {
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, but someone else's
  }
  const ticks = startTicksOf(owner.pid);
  return !(ticks && owner.startTicks && ticks !== owner.startTicks);
};

const held = new Map<string, number>();
let exitHooked = false;

/**
 * Takes the DATA_DIR for this process: PGlite is one process's database, and a
 * second process opening the same folder (a second `npm start` while an orphan
 * api still runs) corrupts it. The lock is a file holding the owner's pid,
 * created exclusively; a lock whose process has died (kill -9, power cut) is
 * stale and taken over. Re-entrant within one process (the CLI opens the
 * database, closes it, then starts the app on it); `release` undoes one take.
 */
export function lockDataDir(dir: string): { release(): void } {
  const dataDir = resolve(dir);
  const file = join(dataDir, DATA_DIR_LOCK_FILE);
  const count = held.get(dataDir) ?? 0;
  if (count === 0) {
    mkdirSync(dataDir, { recursive: true });
    const me: LockOwner = { pid: process.pid, host: hostname(), startTicks: startTicksOf(process.pid), startedAt: new Date().toISOString() };
    for (;;) {
      try {
        const fd = openSync(file, 'wx', 0o600);
        writeSync(fd, `${JSON.stringify(me)}\n`);
        closeSync(fd);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      let owner: LockOwner | null = null;
      try {
        owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
      } catch {
        // unreadable or half-written (its writer died between create and write): stale
      }
      if (owner && owner.host !== me.host) throw new DataDirLockedError(dataDir, owner);
      if (owner && owner.pid === me.pid && owner.startTicks === me.startTicks) break; // ours, from before a release we missed
      if (owner && ownerAlive(owner)) throw new DataDirLockedError(dataDir, owner);
      process.stderr.write(`DATA_DIR ${dataDir}: removing the stale lock of process ${owner?.pid ?? '?'}, which is no longer running\n`);
      rmSync(file, { force: true });
    }
    if (!exitHooked) process.once('exit', onExit);
    exitHooked = true;
  }
  held.set(dataDir, count + 1);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      const left = (held.get(dataDir) ?? 1) - 1;
      if (left > 0) held.set(dataDir, left);
      else {
        held.delete(dataDir);
        removeIfOurs(file);
      }
    },
  };
}

const removeIfOurs = (file: string) => {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
    if (owner.pid === process.pid) rmSync(file, { force: true });
  } catch {
    // gone already
  }
};

const onExit = () => {
  for (const dataDir of held.keys()) removeIfOurs(join(dataDir, DATA_DIR_LOCK_FILE));
  held.clear();
};
