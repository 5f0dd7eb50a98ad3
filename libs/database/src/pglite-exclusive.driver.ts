import { EventEmitter } from 'node:events';
import type { PGliteOptions } from '@electric-sql/pglite';
import { PGliteDriver } from 'typeorm-pglite';
import { lockDataDir } from './data-dir-lock';

type Done = () => void;
type ConnectCallback = (err: Error | null, connection: unknown, release: Done) => void;
type QueryCallback = (err: Error | null, result: unknown) => void;

interface BasePool extends EventEmitter {
  connect(callback: ConnectCallback): Promise<void>;
  query(sql: string, params?: unknown[] | QueryCallback, callback?: QueryCallback): Promise<unknown>;
  end(callback: (err: Error | null) => void): void;
}

/** How long a caller may wait for the single PGlite session before we call it a bug (a nested query outside its transaction). */
const ACQUIRE_TIMEOUT_MS = 30_000;

/**
 * PGlite is one database session. typeorm-pglite hands that session to every
 * caller at once, so two transactions interleave their statements and lose
 * updates. This driver lends the session to one query runner at a time, like
 * a pool of one: transactions are isolated, the rest wait their turn. With
 * `lockDir` it also holds that folder's lock file (data-dir-lock.ts) while open.
 */
export function exclusivePgliteDriver(options: PGliteOptions, lockDir?: string): unknown {
  const Base = (new PGliteDriver(options).driver as unknown as { Pool: new () => BasePool }).Pool;

  class ExclusivePool extends Base {
    private busy = false;
    private readonly waiting: (() => void)[] = [];
    // TypeORM makes the pool in DataSource.initialize and ends it in destroy: the folder is ours in between.
    private readonly lock = lockDir ? lockDataDir(lockDir) : undefined;

    override end(callback: (err: Error | null) => void): void {
      super.end((err) => {
        this.lock?.release();
        callback(err);
      });
    }

    override async connect(callback: ConnectCallback): Promise<void> {
      let granted = false;
      const grant = () => {
        granted = true;
        clearTimeout(timer);
        this.busy = true;
        const connection = new EventEmitter() as EventEmitter & { query: BasePool['query'] };
        connection.query = (sql, params, cb) => super.query(sql, params, cb);
        let released = false;
        void super.connect((err) => {
          callback(err, connection, () => {
            if (released) return;
            released = true;
            this.handOn();
          });
        });
      };
      const timer = setTimeout(() => {
        if (granted) return;
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        callback(new Error(`PGlite session not free after ${ACQUIRE_TIMEOUT_MS} ms: a query is waiting on a transaction that waits on it`), null, () => undefined);
      }, ACQUIRE_TIMEOUT_MS);
      timer.unref();
      if (this.busy) this.waiting.push(grant);
      else grant();
    }

    private handOn() {
      const next = this.waiting.shift();
      if (next) next();
      else this.busy = false;
    }
  }

  return Object.assign(class {}, { Pool: ExclusivePool });
}
