import { DueBySecond } from './socket-session';

describe('DueBySecond', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-03T09:00:00.200Z') }));
  afterEach(() => jest.useRealTimers());

  const clock = () => {
    const fired: Array<[string, number]> = [];
    return { fired, due: new DueBySecond<string>((item, second) => fired.push([item, second])) };
  };

  it('fires each item at the whole second at or after its time, once, with one timer for all', () => {
    const { fired, due } = clock();
    const t0 = Date.now();
    due.add('a', t0 + 1500); // due at second ceil(t0 + 1.5 s)
    due.add('b', t0 + 1600); // the same second
    due.add('c', t0 + 3000);
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(1000);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(1000);
    expect(fired.map(([item]) => item)).toEqual(['a', 'b']);
    expect(fired[0][1] * 1000).toBeGreaterThanOrEqual(t0 + 1500);
    jest.advanceTimersByTime(2000);
    expect(fired.map(([item]) => item)).toEqual(['a', 'b', 'c']);
    // nothing left: the timer is gone
    expect(jest.getTimerCount()).toBe(0);
  });

  it('fires nothing for a deleted item, and an item due already on the next turn', () => {
    const { fired, due } = clock();
    due.add('kept', Date.now() + 2000);
    due.add('dropped', Date.now() + 2000);
    due.delete('dropped', Date.now() + 2000);
    due.add('late', Date.now() - 5);
    jest.runOnlyPendingTimers(); // the immediate one
    expect(fired.map(([item]) => item)).toEqual(['late']);
    jest.advanceTimersByTime(3000);
    expect(fired.map(([item]) => item)).toEqual(['late', 'kept']);
  });
});
