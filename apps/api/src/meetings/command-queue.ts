import { CommonErrorCode, CommonException } from '../common/domain.exception';

/**
 * How a command holds its meeting: `exclusive` takes the meeting's row FOR UPDATE (the
 * commands of a meeting then serialize in PostgreSQL), `shared` locks only its own rows.
 */
export type CommandMode = 'exclusive' | 'shared';

interface Waiter {
  mode: CommandMode;
  start: () => void;
}

interface Lane {
  running: Record<CommandMode, number>;
  waiting: Waiter[];
}

/**
 * Commands of one meeting, ordered in this process before they take a database
 * connection. A meeting's writers serialize on its row lock anyway; waiting for
 * that lock inside PostgreSQL held a pooled connection per waiter, so a burst on
 * one meeting took all of them and every other request of the process queued
 * behind it. Here at most `limits.exclusive` exclusive commands of a meeting are in
 * PostgreSQL at once (a few, so that the next one's statements are already waiting
 * on the lock when the last commits: the database hands the lock over without a
 * turn of this process's event loop), and at most `limits.shared` shared ones; the
 * rest wait here as closures, first come, first served (a command that cannot start
 * holds back the ones behind it). Past `limit` waiting, the next is refused at once
 * (503 server_busy) and nothing of it ran. Several api processes still serialize in
 * PostgreSQL, on the row lock.
 */
export class CommandQueue {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly limit: number,
    private readonly limits: Record<CommandMode, number>,
  ) {}

  run<T>(key: string, mode: CommandMode, task: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { running: { exclusive: 0, shared: 0 }, waiting: [] }));
    if (!lane.waiting.length && this.fits(lane, mode)) return this.start(key, lane, mode, task);
    if (lane.waiting.length >= this.limit) {
      return Promise.reject(new CommonException(CommonErrorCode.ServerBusy, 'Too many commands are waiting for this meeting; try again in a moment', { waiting: lane.waiting.length }));
    }
    return new Promise<T>((resolve, reject) => {
      lane.waiting.push({ mode, start: () => this.start(key, lane, mode, task).then(resolve, reject) });
    });
  }

  /** Commands of `key` running and waiting in this process (diagnostics and tests). */
  depth(key: string): { running: number; waiting: number } {
    const lane = this.lanes.get(key);
    return { running: lane ? lane.running.exclusive + lane.running.shared : 0, waiting: lane?.waiting.length ?? 0 };
  }

  private fits(lane: Lane, mode: CommandMode): boolean {
    return lane.running[mode] < this.limits[mode];
  }

  private async start<T>(key: string, lane: Lane, mode: CommandMode, task: () => Promise<T>): Promise<T> {
    lane.running[mode] += 1;
    try {
      return await task();
    } finally {
      lane.running[mode] -= 1;
      while (lane.waiting.length && this.fits(lane, lane.waiting[0].mode)) lane.waiting.shift()!.start();
      if (!lane.running.exclusive && !lane.running.shared && !lane.waiting.length) this.lanes.delete(key);
    }
  }
}
