import { performance } from 'node:perf_hooks';
import type { Adapter, BroadcastOptions } from 'socket.io-adapter';

/** How long one slice of a broadcast may hold the event loop before it yields (setImmediate). */
export const SLICE_MS = 8;
/** A broadcast to at most this many sockets, with nothing queued, is written at once (a room of one socket, a small meeting). */
export const INLINE_SOCKETS = 256;

type Packet = Parameters<Adapter['broadcast']>[0];
type Target = { client: { writeToEngine(encoded: unknown, opts: unknown): void }; notifyOutgoingListeners?: (p: Packet) => void };
interface Job {
  run(deadline: number): boolean; // true when done
}

interface AdapterInternals {
  apply(opts: BroadcastOptions, cb: (socket: Target) => void): void;
  _encode(packet: Packet, opts: unknown): unknown;
  disconnectSockets(opts: BroadcastOptions, close: boolean): void;
}

/**
 * This process's share of a room broadcast, written to its sockets in slices of SLICE_MS
 * instead of one synchronous loop. Socket.IO's own broadcast writes a pre-encoded frame to
 * every socket of the room in one go: 10,000 followers held the event loop for about a
 * second (the fan-out benchmark), so the chair's HTTP answer, pings and every other
 * command waited behind it. Here the packet is still encoded once and the target sockets
 * taken when the broadcast is called (who had joined by then); only the writes are spread.
 *
 * Order is kept: broadcasts, and the local disconnects that follow a notice
 * (RealtimeHub.endLocal), run strictly in call order from one FIFO, so every socket still
 * gets a meeting's events in publishing order and a 'session:ended' before its close.
 */
export class SlicedBroadcaster {
  private readonly queue: Job[] = [];
  private scheduled = false;

  constructor(
    private readonly adapter: AdapterInternals,
    private readonly sliceMs = SLICE_MS,
    private readonly inline = INLINE_SOCKETS,
    /** sockets written between two looks at the clock */
    private readonly batch = 64,
  ) {}

  /** Broadcasts taken but not yet fully written (for tests and diagnostics). */
  get pending() {
    return this.queue.length;
  }

  /** The local part of Adapter.broadcast (same encoding, same per-socket write), sliced. */
  broadcast(packet: Packet, opts: BroadcastOptions) {
    const flags = opts.flags ?? {};
    const packetOpts = { preEncoded: true, volatile: flags.volatile, compress: flags.compress };
    const targets: Target[] = [];
    this.adapter.apply(opts, (socket) => targets.push(socket));
    if (!targets.length) return;
    const encoded = this.adapter._encode(packet, packetOpts);
    const write = (s: Target) => {
      s.notifyOutgoingListeners?.(packet);
      s.client.writeToEngine(encoded, packetOpts);
    };
    if (!this.queue.length && targets.length <= this.inline) {
      for (const s of targets) write(s);
      return;
    }
    let i = 0;
    this.enqueue({
      run: (deadline) => {
        while (i < targets.length) {
          const end = Math.min(targets.length, i + this.batch);
          for (; i < end; i++) write(targets[i]);
          if (performance.now() >= deadline) break;
        }
        return i >= targets.length;
      },
    });
  }

  /** Runs `fn` after every broadcast taken before it has been written (or at once when none is pending). */
  after(fn: () => void) {
    if (!this.queue.length) return fn();
    this.enqueue({ run: () => (fn(), true) });
  }

  private enqueue(job: Job) {
    this.queue.push(job);
    this.schedule();
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.pump());
  }

  private pump() {
    this.scheduled = false;
    const deadline = performance.now() + this.sliceMs;
    while (this.queue.length) {
      let done = false;
      try {
        done = this.queue[0].run(deadline);
      } catch {
        done = true; // a socket that throws must not stall the others' broadcasts
      }
      if (done) this.queue.shift();
      if (performance.now() >= deadline) break;
    }
    if (this.queue.length) this.schedule();
  }
}

/**
 * Makes an adapter's local broadcasts sliced: its own broadcast (in-memory adapter, or the
 * local half of a cluster adapter's) and its local disconnects go through one
 * SlicedBroadcaster. A cluster adapter's messages from other processes are handled by
 * `slicedRemote`.
 */
export function slicedLocal<A extends Adapter>(adapter: A, settings: { sliceMs?: number; inline?: number; batch?: number } = {}): A & { sliced: SlicedBroadcaster } {
  const broadcaster = new SlicedBroadcaster(adapter as unknown as AdapterInternals, settings.sliceMs, settings.inline, settings.batch);
  const disconnect = adapter.disconnectSockets.bind(adapter);
  adapter.disconnectSockets = (opts: BroadcastOptions, close: boolean) => broadcaster.after(() => disconnect(opts, close));
  return Object.assign(adapter, { sliced: broadcaster });
}
