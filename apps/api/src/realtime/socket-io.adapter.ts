import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { isObservable } from 'rxjs';
import { WebSocketsController } from '@nestjs/websockets/web-sockets-controller';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Adapter, MessageType, type ClusterAdapter, type ClusterMessage } from 'socket.io-adapter';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { SOCKET_HEADERS } from '../common/security-headers';
import { transportCeilingBytes } from './socket-hygiene';
import { slicedLocal } from './sliced-broadcast';

export interface SocketIoSettings {
  allowedOrigins: string[];
  redisUrl?: string;
  redisPrefix: string;
  /** SOCKET_MAX_MESSAGE_BYTES: the transport reads up to a few times this, so a larger message can be refused with a reason */
  maxMessageBytes: number;
}

/**
 * Socket.IO server settings in one place: browser Origins are checked before
 * the handshake is accepted, and with Redis every api process shares rooms.
 *
 * Rooms travel over Redis 7 sharded pub/sub, one channel per meeting room
 * ("dynamic" mode): an api process hears only the meetings its clients
 * follow, and one channel keeps a meeting's broadcasts in publishing order.
 * The Streams adapter's connection-state recovery is not needed: a client
 * that reconnects asks for the events after its last seq (meeting:subscribe),
 * which the database serves on any process (measured against it: same latency,
 * see the `adapters` benchmark in docs/benchmarks.md).
 */
export class AppSocketIoAdapter extends IoAdapter {
  private readonly log = new Logger('SocketIo');
  private redisClients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly settings: SocketIoSettings,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const origins = this.settings.allowedOrigins;
    const server: Server = super.createIOServer(port, {
      path: "/socket.io",
      serveClient: false,
      ...options,
      cors: { origin: origins, credentials: true },
      // Non-browser clients send no Origin; they still need a token.
      allowRequest: (req, callback) => {
        const origin = req.headers.origin;
        callback(origin && !origins.includes(origin) ? 'Origin not allowed' : null, !origin || origins.includes(origin));
      },
      pingInterval: 10_000,
      pingTimeout: 5_000,
      // refused with a reason above maxMessageBytes (SocketHygieneGateway); cut without one above this
      maxHttpBufferSize: transportCeilingBytes(this.settings.maxMessageBytes),
    } as ServerOptions);
    // Engine.IO answers /socket.io/ itself, before Express and helmet: its long-polling answers get the api's headers here.
    server.engine.on('headers', (headers: Record<string, string>) => Object.assign(headers, SOCKET_HEADERS));
    if (this.settings.redisUrl) {
      const pub = new Redis(this.settings.redisUrl, { maxRetriesPerRequest: null });
      const sub = pub.duplicate();
      this.redisClients.push(pub, sub);
      const sharded = createShardedAdapter(pub, sub, { channelPrefix: `${this.settings.redisPrefix}-io`, subscriptionMode: 'dynamic' });
      // Socket.IO calls it with `new`; a function returning an object gives that object.
      server.adapter(function (nsp: unknown) {
        return localFirst(sharded(nsp) as unknown as ClusterAdapter);
      } as never);
    } else {
      // the in-memory adapter, its broadcasts sliced all the same (sliced-broadcast.ts)
      server.adapter(function (nsp: ConstructorParameters<typeof Adapter>[0]) {
        const adapter = slicedLocal(new Adapter(nsp));
        adapter.broadcast = (packet, opts) => adapter.sliced.broadcast(packet, opts);
        return adapter;
      } as never);
    }
    return server;
  }

  /**
   * Binds a gateway's @SubscribeMessage handlers to a new socket with listeners shared by
   * every socket (see `shareMessageListeners` below): the socket is the listener's `this`.
   * Nest's own binding makes, per handler and socket, a bound callback and (in IoAdapter) an
   * RxJS chain; even as plain closures that was two dozen functions and contexts per idle
   * socket, a third of what a follower costs beyond a bare Socket.IO socket (heap snapshots
   * of the memory benchmark). Same behaviour: the handler's result (a value, a promise or an
   * observable) answers the acknowledgement, or is emitted when it names an `event`; socket
   * middlewares (`socket.use`) still run first, since these are ordinary listeners.
   */
  bindSharedMessageHandlers(socket: Socket, subscribers: MessageMappingProperties[], instance: object) {
    let listeners = this.sharedListeners.get(subscribers);
    if (!listeners) {
      listeners = subscribers.map((s) => [s.message as string, this.sharedListener(s, instance)] as const);
      this.sharedListeners.set(subscribers, listeners);
    }
    for (const [message, listener] of listeners) socket.on(message, listener);
  }

  private readonly sharedListeners = new WeakMap<MessageMappingProperties[], ReadonlyArray<readonly [string, (this: Socket, ...args: unknown[]) => void]>>();

  private sharedListener({ message, callback, isAckHandledManually }: MessageMappingProperties, instance: object) {
    const adapter = this;
    const failed = (socket: Socket) => (err: unknown) => adapter.log.error({ err, socket: socket.id, message }, 'socket handler failed');
    return function (this: Socket, ...args: unknown[]) {
      const socket = this;
      const { data, ack } = adapter.mapPayload(args.length > 1 ? args : args[0]);
      const answer = (response: unknown) => {
        if (response === null || response === undefined) return;
        const named = response as { event?: string; data?: unknown };
        if (named.event) socket.emit(named.event, named.data);
        else if (!isAckHandledManually && typeof ack === 'function') ack(response);
      };
      let result: unknown;
      try {
        result = (callback as (...a: unknown[]) => unknown).call(instance, socket, data, ack);
      } catch (err) {
        return failed(socket)(err);
      }
      Promise.resolve(result).then((value) => (isObservable(value) ? value.subscribe({ next: answer, error: failed(socket) }) : answer(value)), failed(socket));
    };
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.redisClients.map((c) => c.quit().catch(() => undefined)));
  }
}

type BroadcastArgs = Parameters<ClusterAdapter['broadcast']>;

/**
 * A cluster adapter broadcasts to this process's own sockets only after Redis has
 * acknowledged the publish to the others, so every local follower waits a Redis round
 * trip, which on a busy machine is a wait for the Redis process to be scheduled (the
 * fan-out benchmark: about 30 ms at the median with 1,000 followers). Here the own
 * sockets get it first and the publish follows. Order is kept: within a process,
 * local emits happen in call order and publishes go out in call order on one connection.
 *
 * Both the own sockets' share and the share of broadcasts heard from other processes are
 * written in time slices, in one FIFO (sliced-broadcast.ts): a broadcast to thousands of
 * followers no longer holds the event loop (nor the chair's HTTP answer) until the last is written.
 */
function localFirst(adapter: ClusterAdapter): ClusterAdapter {
  const sliced = slicedLocal(adapter).sliced;
  ownRoomsOnTheMainChannel(adapter);
  const publish = (adapter as unknown as { publish(message: unknown): void }).publish.bind(adapter);
  const onMessage = (adapter as unknown as { onMessage(message: ClusterMessage, offset?: string): void }).onMessage.bind(adapter);
  const self = adapter as unknown as { uid: string; nsp: { name: string } };
  adapter.broadcast = (packet: BroadcastArgs[0], opts: BroadcastArgs[1]) => {
    sliced.broadcast(packet, opts);
    if (!opts.flags?.local) {
      publish({ type: MessageType.BROADCAST, data: { packet, opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags } } });
    }
    return Promise.resolve();
  };
  // Another process's broadcast (without acknowledgements): written here like our own.
  (adapter as unknown as { onMessage(message: ClusterMessage, offset?: string): void }).onMessage = (message, offset) => {
    const m = message as { type: MessageType; uid: string; nsp: string; data?: { requestId?: unknown; packet: BroadcastArgs[0]; opts: { rooms: string[]; except: string[]; flags: BroadcastArgs[1]['flags'] } } };
    if (m.type === MessageType.BROADCAST && m.uid !== self.uid && m.nsp === self.nsp.name && m.data && m.data.requestId === undefined) {
      sliced.broadcast(m.data.packet, { rooms: new Set(m.data.opts.rooms), except: new Set(m.data.opts.except), flags: m.data.opts.flags });
      return;
    }
    onMessage(message, offset);
  };
  return adapter;
}

/** Rooms of one session or one account: every socket has both, and they change with every connection. */
const isOwnRoom = (room: string) => room.startsWith('session:') || room.startsWith('account:');

/**
 * In "dynamic" mode the sharded adapter subscribes this process to one Redis channel per room
 * as the room is created, and unsubscribes when it empties. That suits meeting rooms (a few,
 * long-lived, busy); but every socket also joins its session's and account's rooms, so each
 * connection cost an SSUBSCRIBE and each disconnect an SUNSUBSCRIBE (a Redis round trip in the
 * CPU profile of a subscribe storm), and Redis held a channel per session. Those rooms rarely
 * hear a broadcast: they use the namespace's main channel instead, which every process hears.
 */
function ownRoomsOnTheMainChannel(adapter: ClusterAdapter) {
  const sharded = adapter as unknown as {
    channel: string;
    shouldUseASeparateNamespace(room: string): boolean;
    computeChannel(message: { type: MessageType; data?: { requestId?: unknown; opts?: { rooms?: string[] } } }): string;
  };
  const separate = sharded.shouldUseASeparateNamespace.bind(adapter);
  const compute = sharded.computeChannel.bind(adapter);
  sharded.shouldUseASeparateNamespace = (room) => !isOwnRoom(room) && separate(room);
  sharded.computeChannel = (message) => (message.type === MessageType.BROADCAST && message.data?.opts?.rooms?.some(isOwnRoom) ? sharded.channel : compute(message));
}

/**
 * Nest binds every handler to every socket (`callback.bind(instance, client)` in
 * WebSocketsController.subscribeMessages) before the adapter sees it. With our adapter the
 * handlers are bound once per gateway instead, and the socket comes as the listener's
 * `this` (AppSocketIoAdapter.bindSharedMessageHandlers); any other adapter keeps Nest's way.
 * Checked against @nestjs/websockets 12.1: getConnectionHandler's handler calls
 * subscribeMessages(subscribersMap, client, instance) once per gateway and connection, with the
 * same subscribersMap array each time, then binds the disconnect (see below).
 */
function shareMessageListeners() {
  const proto = WebSocketsController.prototype as unknown as {
    subscribeMessages(subscribers: MessageMappingProperties[], client: unknown, instance: object): void;
    config: { getIoAdapter(): unknown };
  };
  const connectionProto = proto as unknown as {
    getConnectionHandler(
      context: typeof proto,
      instance: object,
      subscribers: MessageMappingProperties[],
      disconnect: { next(v: unknown): void },
      connection: { next(v: unknown): void },
    ): (...args: unknown[]) => void;
  };
  const nests = proto.subscribeMessages;
  if ((nests as { shared?: boolean }).shared) return;
  const shared = function (this: typeof proto, subscribers: MessageMappingProperties[], client: unknown, instance: object) {
    const adapter = this.config.getIoAdapter();
    if (adapter instanceof AppSocketIoAdapter) adapter.bindSharedMessageHandlers(client as Socket, subscribers, instance);
    else nests.call(this, subscribers, client, instance);
  };
  proto.subscribeMessages = Object.assign(shared, { shared: true });

  // Nest also gives every socket, for every gateway, a `disconnect` listener (with two closures)
  // that feeds the gateway's handleDisconnect. Our gateways have none (each listens to its
  // socket's `disconnect` itself where it needs to): for those, the listener is not added.
  const nestsHandler = connectionProto.getConnectionHandler;
  connectionProto.getConnectionHandler = function (this: typeof proto, context, instance, subscribers, disconnect, connection) {
    if (typeof (instance as { handleDisconnect?: unknown }).handleDisconnect === 'function' || !(this.config.getIoAdapter() instanceof AppSocketIoAdapter)) {
      return nestsHandler.call(this, context, instance, subscribers, disconnect, connection);
    }
    return (...args: unknown[]) => {
      connection.next(args);
      context.subscribeMessages(subscribers, args[0], instance);
    };
  };
}
shareMessageListeners();
