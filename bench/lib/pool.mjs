// The client side of a benchmark: several forked bench/client.mjs processes,
// sockets spread evenly over them, results merged here.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { BENCH_DIR, onCleanup } from './infra.mjs';

const CLIENT = join(BENCH_DIR, 'client.mjs');

/** How many client processes for n sockets (BENCH_CLIENT_PROCS overrides). */
export const procsFor = (n) => Number(process.env.BENCH_CLIENT_PROCS) || Math.max(1, Math.min(4, Math.ceil(n / 250)));

export class ClientPool {
  static async create(procs) {
    const pool = new ClientPool();
    for (let i = 0; i < procs; i++) pool.add();
    pool.release = onCleanup(() => pool.kill());
    return pool;
  }

  constructor() {
    this.children = [];
    this.seq = 0;
  }

  add() {
    const child = fork(CLIENT, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' } });
    const pending = new Map();
    child.on('message', (m) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(`client process: ${m.error}`));
    });
    child.on('exit', (code) => {
      for (const p of pending.values()) p.reject(new Error(`client process exited with ${code}`));
      pending.clear();
    });
    this.children.push({ child, pending });
  }

  call(i, cmd, args) {
    const { child, pending } = this.children[i];
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.send({ id, cmd, args });
    });
  }

  all(cmd, argsFor = () => ({})) {
    return Promise.all(this.children.map((_, i) => this.call(i, cmd, typeof argsFor === 'function' ? argsFor(i) : argsFor)));
  }

  /** n sockets spread over the processes; socket g starts on urls[g % urls.length]. */
  async connect({ n, ...args }) {
    const k = this.children.length;
    const per = Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
    const offsets = per.map((_, i) => per.slice(0, i).reduce((a, b) => a + b, 0));
    const results = await this.all('connect', (i) => ({
      reorderMs: Number(process.env.BENCH_REORDER_MS ?? 1000),
      ...args,
      n: per[i],
      offset: offsets[i],
      tokens: args.tokens ? args.tokens.slice(offsets[i], offsets[i] + per[i]) : undefined,
    }));
    return {
      connected: results.reduce((a, r) => a + r.connected, 0),
      failed: results.reduce((a, r) => a + r.failed, 0),
      errors: results.flatMap((r) => r.errors),
      ms: Math.max(...results.map((r) => r.ms)),
      connectMs: results.flatMap((r) => r.connectMs),
    };
  }

  /** Resolves when every socket has applied `seq`. */
  async expect(seq, timeoutMs = 30_000) {
    const r = await this.all('expect', { seq, timeoutMs });
    return { complete: r.every((x) => x.complete), behind: r.reduce((a, x) => a + x.behind, 0) };
  }

  /** Merged histogram (0.1 ms buckets) of every live delivery, and per seq the latency of the last client. */
  async latencies(t0BySeq) {
    const t0 = [...t0BySeq.entries()];
    const parts = await this.all('latencies', { t0 });
    const hist = new Map();
    const last = new Map();
    for (const p of parts) {
      for (const [b, c] of p.hist) hist.set(b, (hist.get(b) ?? 0) + c);
      for (const [seq, max, n] of p.bySeq) {
        const cur = last.get(seq) ?? { max: null, n: 0 };
        last.set(seq, { max: max === null ? cur.max : cur.max === null ? max : Math.max(cur.max, max), n: cur.n + n });
      }
    }
    return { hist, last };
  }

  async check(finalSeq) {
    const parts = await this.all('check', { finalSeq });
    const sum = (k) => parts.reduce((a, p) => a + p[k], 0);
    return {
      sockets: sum('sockets'),
      failedToConnect: sum('failedToConnect'),
      lostEvents: sum('lostEvents'),
      socketsWithLoss: sum('socketsWithLoss'),
      dupDeliveries: sum('dupDeliveries'),
      gaps: sum('gaps'),
      outOfOrder: sum('outOfOrder'),
      gapExamples: parts.flatMap((p) => p.gapExamples).slice(0, 10),
      reorderWaitMaxMs: Math.max(0, ...parts.map((p) => p.reorderWaitMaxMs ?? 0)) || null,
      unrepaired: sum('unrepaired'),
      snapshots: sum('snapshots'),
      disconnects: sum('disconnects'),
      neverReturned: sum('neverReturned'),
      behind: sum('behind'),
      resyncMs: parts.flatMap((p) => p.resyncMs),
      backAt: parts.flatMap((p) => p.backAt),
      examples: parts.flatMap((p) => p.examples).slice(0, 5),
    };
  }

  closeSockets() {
    return this.all('close');
  }

  /** Runs `requests` split over the processes, all fired at wall time `at`. */
  async http(requests, at) {
    const k = this.children.length;
    const parts = await this.all('http', (i) => ({ requests: requests.filter((_, j) => j % k === i), at }));
    const out = new Array(requests.length);
    parts.forEach((p, i) => p.forEach((r, j) => (out[j * k + i] = r)));
    return out;
  }

  async kill() {
    await Promise.all(
      this.children.map(
        ({ child }) =>
          new Promise((r) => {
            if (child.exitCode !== null || child.signalCode !== null) return r();
            child.once('exit', r);
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 3000).unref();
          }),
      ),
    );
  }

  async close() {
    await this.release();
  }
}
