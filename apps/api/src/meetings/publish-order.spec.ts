import { PublishOrder } from './publish-order';

type E = { meetingId: string; seq: number };
const ev = (seq: number, meetingId = 'm1'): E => ({ meetingId, seq });
const seqs = (events: E[]) => events.map((e) => `${e.meetingId}:${e.seq}`);

describe('PublishOrder', () => {
  it('publishes a commit at once when nothing earlier is open', () => {
    const order = new PublishOrder<E>();
    const a = {};
    order.take(a, 'm1', 1);
    expect(seqs(order.commit(a, [ev(1)]))).toEqual(['m1:1']);
    expect(order.size).toBe(0);
  });

  it('holds a later commit until the earlier one of this process is published', () => {
    const order = new PublishOrder<E>();
    const a = {};
    const b = {};
    order.take(a, 'm1', 5);
    order.take(b, 'm1', 6);
    // b's continuation runs first: 6 must wait for 5.
    expect(order.commit(b, [ev(6)])).toEqual([]);
    expect(seqs(order.commit(a, [ev(5)]))).toEqual(['m1:5', 'm1:6']);
    expect(order.size).toBe(0);
  });

  it('keeps one transaction’s several events together and in order', () => {
    const order = new PublishOrder<E>();
    const a = {};
    const b = {};
    [7, 8, 9].forEach((s) => order.take(a, 'm1', s));
    order.take(b, 'm1', 10);
    expect(order.commit(b, [ev(10)])).toEqual([]);
    expect(seqs(order.commit(a, [ev(7), ev(8), ev(9)]))).toEqual(['m1:7', 'm1:8', 'm1:9', 'm1:10']);
  });

  it('releases what waited behind a transaction that rolled back', () => {
    const order = new PublishOrder<E>();
    const a = {};
    const b = {};
    order.take(a, 'm1', 3);
    order.take(b, 'm1', 4);
    expect(order.commit(b, [ev(4)])).toEqual([]);
    expect(seqs(order.drop(a, [ev(3)]))).toEqual(['m1:4']);
  });

  it('does not forget a seq taken again by the next writer before the rolled-back one is dropped', () => {
    const order = new PublishOrder<E>();
    const failed = {};
    const next = {};
    const after = {};
    order.take(failed, 'm1', 3);
    order.take(next, 'm1', 3); // the rollback freed seq 3 and `next` took it
    order.take(after, 'm1', 4);
    expect(order.drop(failed, [ev(3)])).toEqual([]);
    expect(order.commit(after, [ev(4)])).toEqual([]);
    expect(seqs(order.commit(next, [ev(3)]))).toEqual(['m1:3', 'm1:4']);
  });

  it('orders each meeting on its own', () => {
    const order = new PublishOrder<E>();
    const a = {};
    const b = {};
    order.take(a, 'm1', 1);
    order.take(b, 'm2', 1);
    expect(seqs(order.commit(b, [ev(1, 'm2')]))).toEqual(['m2:1']);
    expect(seqs(order.commit(a, [ev(1, 'm1')]))).toEqual(['m1:1']);
  });
});
