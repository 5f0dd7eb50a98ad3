import { CommonException } from '../common/domain.exception';
import { CommandQueue } from './command-queue';

/** A task the test finishes by hand; `started` tells whether the queue let it run. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const g = { started: false, open, task: async () => { g.started = true; await opened; return g; } };
  return g;
}

describe('CommandQueue', () => {
  it('runs the exclusive commands of a meeting one at a time, in arrival order', async () => {
    const q = new CommandQueue(10, { exclusive: 1, shared: 4 });
    const order: number[] = [];
    const [a, b, c] = [gate(), gate(), gate()];
    const done = [a, b, c].map((g, i) => q.run('m1', 'exclusive', async () => { await g.task(); order.push(i); }));
    expect([a.started, b.started, c.started]).toEqual([true, false, false]);
    expect(q.depth('m1')).toEqual({ running: 1, waiting: 2 });
    c.open(); b.open(); // finishing out of order changes nothing: b waits for a
    await Promise.resolve();
    expect(b.started).toBe(false);
    a.open();
    await Promise.all(done);
    expect(order).toEqual([0, 1, 2]);
    expect(q.depth('m1')).toEqual({ running: 0, waiting: 0 });
  });

  it('keeps meetings apart: a busy meeting does not hold another', async () => {
    const q = new CommandQueue(10, { exclusive: 1, shared: 4 });
    const a = gate();
    const busy = q.run('m1', 'exclusive', a.task);
    const other = await q.run('m2', 'exclusive', async () => 'answered');
    expect(other).toBe('answered');
    expect(a.started).toBe(true);
    a.open();
    await busy;
  });

  it('lets a few exclusive commands into the database together, and holds the rest in arrival order', async () => {
    const q = new CommandQueue(10, { exclusive: 2, shared: 4 });
    const [x1, x2, x3] = [gate(), gate(), gate()];
    const runs = [q.run('m', 'exclusive', x1.task), q.run('m', 'exclusive', x2.task), q.run('m', 'exclusive', x3.task)];
    expect([x1.started, x2.started, x3.started]).toEqual([true, true, false]);
    x2.open();
    await runs[1];
    expect(x3.started).toBe(true);
    x1.open(); x3.open();
    await Promise.all(runs);
  });

  it('lets shared commands run together up to their limit', async () => {
    const q = new CommandQueue(10, { exclusive: 1, shared: 2 });
    const [s1, s2, s3] = [gate(), gate(), gate()];
    const runs = [q.run('m', 'shared', s1.task), q.run('m', 'shared', s2.task), q.run('m', 'shared', s3.task)];
    expect([s1.started, s2.started, s3.started]).toEqual([true, true, false]);
    s1.open();
    await runs[0];
    expect(s3.started).toBe(true);
    s2.open(); s3.open();
    await Promise.all(runs);
  });

  it('does not let a command overtake one waiting before it', async () => {
    const q = new CommandQueue(10, { exclusive: 1, shared: 4 });
    const [x1, x2, s] = [gate(), gate(), gate()];
    const runs = [q.run('m', 'exclusive', x1.task), q.run('m', 'exclusive', x2.task), q.run('m', 'shared', s.task)];
    expect([x1.started, x2.started, s.started]).toEqual([true, false, false]); // the shared one waits behind x2
    x1.open();
    await runs[0];
    expect([x2.started, s.started]).toEqual([true, true]);
    x2.open(); s.open();
    await Promise.all(runs);
  });

  it('refuses a command past the limit with 503 server_busy, without running it, and loses none it accepted', async () => {
    const q = new CommandQueue(2, { exclusive: 1, shared: 4 });
    const first = gate();
    const ran: string[] = [];
    const accepted = [q.run('m', 'exclusive', async () => { await first.task(); ran.push('first'); }), q.run('m', 'exclusive', async () => void ran.push('second')), q.run('m', 'exclusive', async () => void ran.push('third'))];
    let refused: unknown;
    try {
      await q.run('m', 'exclusive', async () => void ran.push('fourth'));
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(CommonException);
    expect((refused as CommonException).code).toBe('server_busy');
    expect((refused as CommonException).status).toBe(503);
    first.open();
    await Promise.all(accepted);
    expect(ran).toEqual(['first', 'second', 'third']);
  });

  it('goes on after a command fails', async () => {
    const q = new CommandQueue(10, { exclusive: 1, shared: 4 });
    const failing = q.run('m', 'exclusive', async () => { throw new Error('refused'); });
    const next = q.run('m', 'exclusive', async () => 'next');
    await expect(failing).rejects.toThrow('refused');
    await expect(next).resolves.toBe('next');
  });
});
