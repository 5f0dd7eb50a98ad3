// The floor every benchmark compares against: a bare Socket.IO 4.8.3 server with
// the api's engine settings, no auth, no database, no Redis. It speaks just
// enough of the api's protocol for bench/client.mjs:
//   socket: 'session:ready' on connect; 'meeting:subscribe' joins the room and
//           acks {ok, data:{seq, events:[]}}
//   HTTP:   POST /template {event}  the event to broadcast (captured from the api)
//           POST /emit      {meetingId, seq?}  broadcasts the template with the next seq
//                           (or the one given), answers {seq} once the broadcast has been written
//           GET  /health
// HISTORY=1 (the failover floor): the server keeps what it broadcast, and a
// subscribe with afterSeq is answered with the events after it (the replay the
// api reads from PostgreSQL), one without it with {seq, events: null}.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 0);
let template = { meetingId: '00000000-0000-4000-8000-000000000000', type: 'bench.noop', payload: {}, actorId: null };
let seq = 0;
const HISTORY = process.env.HISTORY === '1';
/** what this server broadcast, in seq order (HISTORY=1 only) */
const history = [];

const readBody = (req) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : {});
      } catch (err) {
        reject(err);
      }
    });
    req.on('error', reject);
  });

const send = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

const http = createServer(async (req, res) => {
  try {
    if (req.method === 'GET' && req.url === '/health') return send(res, 200, { status: 'ok' });
    if (req.method === 'POST' && req.url === '/template') {
      const body = await readBody(req);
      template = body.event;
      seq = Number(body.seq ?? 0);
      return send(res, 200, { ok: true });
    }
    if (req.method === 'POST' && req.url === '/emit') {
      const body = await readBody(req);
      const meetingId = body.meetingId ?? template.meetingId;
      const given = Number(body.seq);
      seq = Number.isInteger(given) && given > 0 ? Math.max(seq, given) : seq + 1;
      const event = { ...template, meetingId, seq: Number.isInteger(given) && given > 0 ? given : seq, at: new Date().toISOString() };
      if (HISTORY) history.push(event);
      io.to(`meeting:${meetingId}`).emit('meeting:event', event);
      return send(res, 200, { seq: event.seq });
    }
    send(res, 404, { error: 'not found' });
  } catch (err) {
    send(res, 500, { error: String(err) });
  }
});

const io = new Server(http, {
  path: '/socket.io',
  serveClient: false,
  pingInterval: 10_000,
  pingTimeout: 5_000,
  maxHttpBufferSize: 1_000_000,
});

io.on('connection', (socket) => {
  socket.emit('session:ready', { accountId: 'bare', serverTime: Date.now() });
  socket.on('meeting:subscribe', (p, ack) => {
    const meetingId = p?.meetingId;
    socket.join(`meeting:${meetingId}`);
    if (typeof ack !== 'function') return;
    if (!HISTORY) return ack({ ok: true, data: { meetingId, seq, events: [], snapshot: null } });
    const after = Number(p?.afterSeq);
    if (!Number.isInteger(after)) return ack({ ok: true, data: { meetingId, seq, events: null, snapshot: {} } });
    // the replay: binary search for the first event after afterSeq (history is in seq order but for the rare emit that raced)
    let lo = 0;
    let hi = history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (history[mid].seq <= after) lo = mid + 1;
      else hi = mid;
    }
    ack({ ok: true, data: { meetingId, seq, events: history.slice(lo).filter((e) => e.meetingId === meetingId), snapshot: null } });
  });
});

// ADAPTER=sharded|streams (+ REDIS_URL, REDIS_PREFIX): several bare servers share rooms through
// Redis, for the `adapters` benchmark; unset: a single process, the floor of the others.
if (process.env.ADAPTER) {
  const { default: Redis } = await import('ioredis');
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  const prefix = process.env.REDIS_PREFIX ?? 'bare';
  if (process.env.ADAPTER === 'sharded') {
    const { createShardedAdapter } = await import('@socket.io/redis-adapter');
    io.adapter(createShardedAdapter(redis, redis.duplicate(), { channelPrefix: `${prefix}-io`, subscriptionMode: 'dynamic' }));
  } else if (process.env.ADAPTER === 'streams') {
    const { createAdapter } = await import('@socket.io/redis-streams-adapter');
    io.adapter(createAdapter(redis, { streamName: `${prefix}-stream` }));
  } else throw new Error(`unknown ADAPTER ${process.env.ADAPTER}`);
}

http.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  io.close();
  http.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
