import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const BUILT = {
  api: join(ROOT, 'dist/apps/api/apps/api/src/main.js'),
  cli: join(ROOT, 'dist/apps/api/apps/api/src/cli.js'),
  worker: join(ROOT, 'dist/apps/worker/apps/worker/src/main.js'),
};

/** A port nobody listens on right now. */
export const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });

/** A child process whose output the test reads as it comes: `waitFor(/api listening/)` resolves on the line. */
export interface Spawned {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** all holders of its stdout (the child and anything it started with that stdout) have gone */
  outputClosed: Promise<void>;
}

export function spawnNode(args: string[], env: Record<string, string>, options: SpawnOptions = {}): Spawned {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let out = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const feed = (d: Buffer) => {
    out += String(d);
    for (const w of [...waiters]) {
      const m = out.match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stdout!.on('data', feed);
  child.stderr!.on('data', feed);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const outputClosed = new Promise<void>((r) => child.stdout!.once('close', () => r()));
  return {
    child,
    output: () => out,
    waitFor: (pattern) =>
      new Promise((res, rej) => {
        const m = out.match(pattern);
        if (m) return res(m);
        waiters.push({ pattern, resolve: res });
        void exited.then(({ code, signal }) => {
          const again = out.match(pattern);
          if (again) res(again);
          else rej(new Error(`exited (${signal ?? code}) before printing ${pattern}:\n${out}`));
        });
      }),
    exited,
    outputClosed,
  };
}

/** Is a process with this pid still there (a zombie counts as gone)? */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
