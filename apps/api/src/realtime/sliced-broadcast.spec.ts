import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { Adapter } from 'socket.io-adapter';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { slicedLocal, type SlicedBroadcaster } from './sliced-broadcast';

/**
 * A real Socket.IO server whose in-memory adapter slices broadcasts as the api's does, with
 * slices so small (3 sockets, no time budget) that one broadcast to 20 sockets takes 7 turns
 * of the event loop: what a 10,000-follower meeting does with the real settings.
 */
describe('SlicedBroadcaster', () => {
  let http: HttpServer;
  let server: Server;
  let clients: ClientSocket[] = [];
  let broadcaster: SlicedBroadcaster | undefined;
  const N = 20;

  beforeEach(async () => {
    http = createServer();
    server = new Server(http, { transports: ['websocket'] });
    server.adapter(function (nsp: ConstructorParameters<typeof Adapter>[0]) {
      const adapter = slicedLocal(new Adapter(nsp), { sliceMs: 0, inline: 2, batch: 3 });
      broadcaster = adapter.sliced;
      adapter.broadcast = (packet, opts) => adapter.sliced.broadcast(packet, opts);
      return adapter;
    } as never);
    server.on('connection', (socket) => {
      socket.on('join', (room: string, ack: () => void) => {
        void socket.join(room);
        ack();
      });
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    clients = await Promise.all(
      Array.from({ length: N }, async () => {
        const c = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
        await new Promise((r) => c.once('connect', r as () => void));
        await c.emitWithAck('join', 'meeting:m-1');
        return c;
      }),
    );
  });

  afterEach(async () => {
    for (const c of clients) c.close();
    await new Promise((r) => server.close(r));
  });

  it('returns before the last socket was written, and every socket gets every event in order', async () => {
    const got = clients.map((c) => {
      const seqs: number[] = [];
      const done = new Promise<number[]>((resolve) =>
        c.on('meeting:event', (e: { seq: number }) => {
          seqs.push(e.seq);
          if (seqs.length === 5) resolve(seqs);
        }),
      );
      return done;
    });
    for (let seq = 1; seq <= 5; seq++) server.to('meeting:m-1').emit('meeting:event', { seq });
    expect(broadcaster!.pending).toBe(5); // taken, written later in slices
    expect(await Promise.all(got)).toEqual(clients.map(() => [1, 2, 3, 4, 5]));
    expect(broadcaster!.pending).toBe(0);
  });

  it('closes a room only after the notice queued before the close was written', async () => {
    const seen = clients.map(
      (c) =>
        new Promise<string[]>((resolve) => {
          const log: string[] = [];
          c.on('meeting:event', () => log.push('event'));
          c.on('session:ended', () => log.push('ended'));
          c.on('disconnect', () => resolve([...log, 'disconnect']));
        }),
    );
    server.to('meeting:m-1').emit('meeting:event', { seq: 1 });
    server.local.to('meeting:m-1').emit('session:ended', { reason: 'revoked' });
    server.local.in('meeting:m-1').disconnectSockets(true);
    expect(await Promise.all(seen)).toEqual(clients.map(() => ['event', 'ended', 'disconnect']));
  });

  it('writes a small broadcast at once when nothing is queued', async () => {
    const one = clients[0];
    const got = new Promise((r) => one.once('meeting:event', r));
    server.to(one.id!).emit('meeting:event', { seq: 9 });
    expect(broadcaster!.pending).toBe(0);
    expect(await got).toEqual({ seq: 9 });
  });
});
