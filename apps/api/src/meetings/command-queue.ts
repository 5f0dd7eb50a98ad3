import { CommonErrorCode, CommonException } from '../common/domain.exception';

/** How a command holds its meeting: alone (`exclusive`), or beside other `shared` commands of the meeting. */
export type CommandMode = 'exclusive' | 'shared';

interface Waiter {
  shared: boolean;
  start: () => void;
}

interface Lane {
  running: number;
  exclusive: boolean;
  waiting: Waiter[];
}

/**
 * Commands of one meeting, ordered in this process before they take a database
 * connection. A meeting's writers serialize on its row lock anyway; waiting for
 * that lock inside PostgreSQL held a pooled connection per waiter, so a burst on
 * one meeting took all of them and every other request of the process queued
 * behind it. Here they wait as closures: first come, first served; a `shared`
 * command starts beside running shared ones (up to `sharedConcurrency`) unless
 * an exclusive one waits before it. The wait is bounded: past `limit` waiting
 * commands the next is refused at once (503 server_busy) and nothing of it ran.
 * Several api processes still serialize in PostgreSQL, on the row lock.
 */
export class CommandQueue {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly limit: number,
    private readonly sharedConcurrency: number,
  ) {}

  run<T>(key: string, mode: CommandMode, task: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { running: 0, exclusive: false, waiting: [] }));
    const shared = mode === 'shared';
    if (!lane.waiting.length && this.fits(lane, shared)) return this.start(key, lane, shared, task);
    if (lane.waiting.length >= this.limit) {
      return Promise.reject(new CommonException(CommonErrorCode.ServerBusy, 'Too many commands are waiting for this meeting; try again in a moment', { waiting: lane.waiting.length }));
    }
    return new Promise<T>((resolve, reject) => {
      lane.waiting.push({ shared, start: () => this.start(key, lane, shared, task).then(resolve, reject) });
    });
  }

  /** Commands of `key` running and waiting in this process (diagnostics and tests). */
  depth(key: string): { running: number; waiting: number } {
    const lane = this.lanes.get(key);
    return { running: lane?.running ?? 0, waiting: lane?.waiting.length ?? 0 };
  }

  private fits(lane: Lane, shared: boolean): boolean {
    if (lane.running === 0) return true;
    return shared && !lane.exclusive && lane.running < this.sharedConcurrency;
  }

  private async start<T>(key: string, lane: Lane, shared: boolean, task: () => Promise<T>): Promise<T> {
    lane.running += 1;
    lane.exclusive = !shared;
    try {
      return await task();
    } finally {
      lane.running -= 1;
      if (lane.running === 0) lane.exclusive = false;
      while (lane.waiting.length && this.fits(lane, lane.waiting[0].shared)) lane.waiting.shift()!.start();
      if (lane.running === 0 && !lane.waiting.length) this.lanes.delete(key);
    }
  }
}
