// A client process (child_process.fork of this file): holds many Socket.IO
// client sockets that follow one meeting like the web app does, and records when
// each `meeting:event` arrives. Driven by its parent over IPC, see lib/pool.mjs.
//
// Every socket keeps the meeting's gap-free history: it applies `seq` last+1
// only and counts duplicates. An event that arrives ahead of a missing one is
// held for up to `reorderMs`: if the missing one arrives live, both are applied
// in order and counted as out-of-order; if not, it is a gap, and the socket
// re-subscribes with afterSeq = last to fill it, as the web app does (with
// reorderMs = 0 it does so at once, exactly like apps/web use-meeting.ts). With `reconnect`
// set, a dropped socket connects to the next URL (the surviving api) after a
// random jitter, re-subscribes with afterSeq = last seq seen, and buffers live
// events until the answer so nothing is applied out of order.
import http from 'node:http';
import { io } from 'socket.io-client';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @type {ReturnType<typeof newState>[]} */
const sockets = [];
/** seq -> receipt times (first live receipt per socket) */
const recv = new Map();
/** pending "every socket has reached seq" waits */
let waiters = [];
let settings = { meetingId: null, reconnect: null, readyEvent: 'session:ready', reorderMs: 1000 };
/** a few gaps seen, for the report */
const gapExamples = [];
/** how long holes that were filled live stayed open */
const reorderWaits = [];

const newState = (index, urls, token, urlIndex) => ({
  index,
  urls,
  urlIndex,
  token,
  sock: null,
  up: false,
  closing: false,
  base: null,
  last: null,
  counts: new Uint8Array(64),
  gaps: 0,
  outOfOrder: 0,
  held: new Map(),
  heldTimer: null,
  heldSince: 0,
  unrepaired: 0,
  dups: 0,
  snapshots: 0,
  pending: null,
  disconnects: 0,
  downAt: null,
  resyncMs: [],
  backAt: [],
  returned: true,
  connectMs: null,
  error: null,
});

function mark(s, seq) {
  const i = seq - s.base;
  if (i < 0) return;
  if (i >= s.counts.length) {
    let len = s.counts.length;
    while (len <= i) len *= 2;
    const bigger = new Uint8Array(len);
    bigger.set(s.counts);
    s.counts = bigger;
  }
  if (s.counts[i] < 255) s.counts[i] += 1;
}

function advance(s, seq) {
  const from = s.last;
  s.last = seq;
  if (waiters.length) {
    for (const w of waiters) {
      if (from < w.seq && seq >= w.seq) {
        w.count += 1;
        if (w.count >= w.total) w.resolve(true);
      }
    }
  }
}

function record(seq, t) {
  if (t === null) return;
  let arr = recv.get(seq);
  if (!arr) recv.set(seq, (arr = []));
  arr.push(t);
}

function noteGap(s, kind, want, got, waitedMs) {
  if (gapExamples.length < 10) gapExamples.push({ socket: s.index, kind, want, got, waitedMs: Math.round(waitedMs * 10) / 10 });
}

function applyEvent(s, e, t, canRepair) {
  const seq = e.seq;
  mark(s, seq);
  if (seq <= s.last) {
    s.dups += 1;
    return;
  }
  if (seq > s.last + 1) {
    if (canRepair) {
      if (settings.reorderMs > 0) hold(s, e, t);
      else {
        s.gaps += 1;
        noteGap(s, 'resync', s.last + 1, seq, 0);
        resubscribe(s, 'gap', [[e, t]]);
      }
      return;
    }
    s.unrepaired += seq - s.last - 1;
  }
  record(seq, t);
  advance(s, seq);
  if (s.held.size) drainHeld(s);
}

/** An event ahead of a missing one waits (up to reorderMs) for the missing one to arrive live. */
function hold(s, e, t) {
  s.held.set(e.seq, [e, t]);
  if (s.heldTimer) return;
  const want = s.last + 1;
  s.heldSince = now();
  s.heldTimer = setTimeout(() => {
    s.heldTimer = null;
    if (!s.held.size) return;
    // still a hole: ask for what was missed, as the web app does on a gap
    s.gaps += 1;
    noteGap(s, 'resync', want, Math.min(...s.held.keys()), now() - s.heldSince);
    const buffered = [...s.held.values()].sort((a, b) => a[0].seq - b[0].seq);
    s.held.clear();
    resubscribe(s, 'gap', buffered);
  }, settings.reorderMs);
}

function drainHeld(s) {
  while (s.held.has(s.last + 1)) {
    const [e, t] = s.held.get(s.last + 1);
    s.held.delete(e.seq);
    s.outOfOrder += 1;
    record(e.seq, t);
    advance(s, e.seq);
  }
  for (const k of s.held.keys()) if (k <= s.last) s.held.delete(k);
  if (!s.held.size && s.heldTimer) {
    clearTimeout(s.heldTimer);
    s.heldTimer = null;
    const waited = now() - s.heldSince;
    if (reorderWaits.length < 10_000) reorderWaits.push(waited);
    noteGap(s, 'reordered', null, null, waited);
  }
}

function onLive(s, e) {
  const t = now();
  if (s.pending) {
    s.pending.buffer.push([e, t]);
    return;
  }
  applyEvent(s, e, t, true);
}

/** (Re-)subscribes on the socket's current connection; resolves when the answer and the buffered events are applied. */
function resubscribe(s, reason, buffer = []) {
  if (s.pending && !s.pending.fresh) {
    s.pending.buffer.push(...buffer);
    return s.pending.done;
  }
  let finish;
  const done = new Promise((r) => (finish = r));
  s.pending = { buffer: [...(s.pending?.buffer ?? []), ...buffer], done };
  const attempt = () => {
    if (!s.up || !s.sock) return; // the disconnect handler takes over
    s.sock.timeout(15_000).emit('meeting:subscribe', { meetingId: settings.meetingId, afterSeq: s.last }, (err, ack) => {
      if (err || !ack?.ok) {
        if (s.up) setTimeout(attempt, 500);
        return;
      }
      const d = ack.data;
      if (d.events) {
        for (const e of [...d.events].sort((a, b) => a.seq - b.seq)) applyEvent(s, e, null, false);
      } else {
        s.snapshots += 1;
        if (d.seq > s.last) advance(s, d.seq);
      }
      const buffered = s.pending.buffer;
      s.pending = null;
      for (const [e, t] of buffered) applyEvent(s, e, t, reason !== 'gap');
      if (s.held.size) drainHeld(s);
      finish(true);
    });
  };
  attempt();
  return done;
}

function open(s, url) {
  return new Promise((resolve, reject) => {
    const sock = io(url, { auth: { token: s.token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 20_000 });
    const fail = (err) => {
      sock.removeAllListeners();
      sock.close();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    sock.once('connect_error', fail);
    sock.once(settings.readyEvent, () => {
      sock.off('connect_error', fail);
      s.sock = sock;
      s.up = true;
      // Live events are held until the (re-)subscribe answer is applied.
      s.pending = { buffer: s.pending?.buffer ?? [], fresh: true };
      sock.on('meeting:event', (e) => onLive(s, e));
      sock.on('disconnect', (reason) => onDisconnect(s, sock, reason));
      resolve(sock);
    });
  });
}

async function connectOne(s, afterSeq) {
  const t0 = now();
  await open(s, s.urls[s.urlIndex]);
  const ack = await s.sock.timeout(30_000).emitWithAck('meeting:subscribe', afterSeq === null || afterSeq === undefined ? { meetingId: settings.meetingId } : { meetingId: settings.meetingId, afterSeq });
  if (!ack?.ok) throw new Error(`subscribe refused: ${JSON.stringify(ack?.error ?? ack)}`);
  const d = ack.data;
  s.base = d.events ? afterSeq : d.seq;
  s.last = s.base;
  if (d.events) for (const e of d.events) applyEvent(s, e, null, false);
  const buffered = s.pending.buffer;
  s.pending = null;
  for (const [e, t] of buffered) applyEvent(s, e, t, true);
  s.connectMs = now() - t0;
}

function onDisconnect(s, sock, reason) {
  if (sock !== s.sock) return;
  s.up = false;
  if (s.closing) return;
  s.disconnects += 1;
  s.downAt = now();
  s.lastReason = reason;
  if (!settings.reconnect) return;
  s.returned = false;
  const { jitterMs = 0, deadlineMs = 60_000 } = settings.reconnect;
  const deadline = s.downAt + deadlineMs;
  const tryNext = async () => {
    if (s.closing) return;
    s.urlIndex = (s.urlIndex + 1) % s.urls.length;
    try {
      await open(s, s.urls[s.urlIndex]);
      await resubscribe(s, 'reconnect');
      s.returned = true;
      s.resyncMs.push(now() - s.downAt);
      s.backAt.push(now());
    } catch {
      if (now() < deadline && !s.closing) setTimeout(tryNext, 250);
    }
  };
  setTimeout(tryNext, Math.random() * jitterMs);
}

// ---------- commands ----------

async function cmdConnect({ urls, tokens, token, n, offset = 0, meetingId, afterSeq, concurrency = 25, reconnect = null, readyEvent = 'session:ready', reorderMs = 1000 }) {
  settings = { meetingId, reconnect, readyEvent, reorderMs };
  const created = [];
  for (let i = 0; i < n; i++) {
    const g = offset + i;
    created.push(newState(g, urls, tokens ? tokens[i % tokens.length] : token, g % urls.length));
  }
  sockets.push(...created);
  let next = 0;
  const errors = [];
  const worker = async () => {
    while (next < created.length) {
      const s = created[next++];
      try {
        await connectOne(s, afterSeq);
      } catch (err) {
        s.error = err.message;
        if (errors.length < 5) errors.push(err.message);
        s.closing = true;
        s.sock?.close();
      }
    }
  };
  const t0 = now();
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return {
    connected: created.filter((s) => !s.error).length,
    failed: created.filter((s) => s.error).length,
    errors,
    ms: now() - t0,
    connectMs: created.filter((s) => !s.error).map((s) => Math.round(s.connectMs * 100) / 100),
  };
}

function cmdExpect({ seq, timeoutMs = 30_000 }) {
  const live = sockets.filter((s) => !s.error && !s.closing);
  const reached = live.filter((s) => s.last >= seq).length;
  if (reached >= live.length) return Promise.resolve({ seq, complete: true, behind: 0 });
  return new Promise((resolve) => {
    const w = { seq, count: reached, total: live.length };
    const finish = (complete) => {
      clearTimeout(timer);
      waiters = waiters.filter((x) => x !== w);
      resolve({ seq, complete, behind: live.filter((s) => s.last < seq).length });
    };
    w.resolve = finish;
    const timer = setTimeout(() => finish(false), timeoutMs);
    waiters.push(w);
  });
}

/** Latencies of every live receipt against the send times the driver recorded. Histogram in 0.1 ms buckets. */
function cmdLatencies({ t0 }) {
  const hist = new Map();
  const bySeq = [];
  for (const [seq, start] of t0) {
    const arr = recv.get(seq) ?? [];
    let max = -Infinity;
    for (const t of arr) {
      const lat = t - start;
      if (lat > max) max = lat;
      const b = Math.max(0, Math.round(lat * 10));
      hist.set(b, (hist.get(b) ?? 0) + 1);
    }
    bySeq.push([seq, arr.length ? max : null, arr.length]);
  }
  return { hist: [...hist.entries()], bySeq };
}

/** Integrity of every socket's history against the final seq of the meeting. */
function cmdCheck({ finalSeq }) {
  const out = { sockets: 0, failedToConnect: 0, lostEvents: 0, socketsWithLoss: 0, dupDeliveries: 0, gaps: 0, outOfOrder: 0, unrepaired: 0, snapshots: 0, disconnects: 0, neverReturned: 0, behind: 0, resyncMs: [], backAt: [], examples: [] };
  for (const s of sockets) {
    if (s.error) {
      out.failedToConnect += 1;
      continue;
    }
    out.sockets += 1;
    let lost = 0;
    if (finalSeq !== null && finalSeq !== undefined) {
      for (let seq = s.base + 1; seq <= finalSeq; seq++) {
        const i = seq - s.base;
        if (i >= s.counts.length || s.counts[i] === 0) lost += 1;
      }
      if (s.last < finalSeq) out.behind += 1;
    }
    for (let i = 1; i < s.counts.length; i++) if (s.counts[i] > 1) out.dupDeliveries += s.counts[i] - 1;
    out.lostEvents += lost;
    if (lost) {
      out.socketsWithLoss += 1;
      if (out.examples.length < 3) out.examples.push({ socket: s.index, base: s.base, last: s.last, lost, up: s.up, reason: s.lastReason ?? null });
    }
    out.gaps += s.gaps;
    out.outOfOrder += s.outOfOrder;
    out.unrepaired += s.unrepaired;
    out.snapshots += s.snapshots;
    out.disconnects += s.disconnects;
    if (!s.returned) out.neverReturned += 1;
    out.resyncMs.push(...s.resyncMs.map((x) => Math.round(x * 100) / 100));
    out.backAt.push(...s.backAt);
  }
  out.gapExamples = gapExamples.slice();
  out.reorderWaitMaxMs = reorderWaits.length ? Math.round(Math.max(...reorderWaits) * 10) / 10 : null;
  return out;
}

async function cmdClose() {
  for (const s of sockets) {
    s.closing = true;
    if (s.heldTimer) clearTimeout(s.heldTimer);
    s.sock?.close();
  }
  sockets.length = 0;
  recv.clear();
  gapExamples.length = 0;
  reorderWaits.length = 0;
  await sleep(50);
  return { closed: true };
}

/** Fires HTTP requests at wall-clock time `at`, each on its own TCP connection, like independent sites. */
async function cmdHttp({ requests, at }) {
  const wait = at - now();
  if (wait > 0) await sleep(wait);
  return Promise.all(
    requests.map(
      (r) =>
        new Promise((resolve) => {
          const body = r.body === undefined ? undefined : JSON.stringify(r.body);
          const t0 = now();
          const req = http.request(
            r.url,
            {
              method: r.method,
              agent: false,
              headers: { ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}), ...r.headers },
            },
            (res) => {
              const chunks = [];
              res.on('data', (c) => chunks.push(c));
              res.on('end', () => {
                const t1 = now();
                let parsed = null;
                try {
                  parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
                } catch {
                  /* not JSON */
                }
                resolve({ status: res.statusCode, t0, t1, body: r.pick ? Object.fromEntries(r.pick.map((k) => [k, parsed?.[k]])) : null });
              });
            },
          );
          req.on('error', (err) => resolve({ status: 0, t0, t1: now(), error: err.message }));
          if (body) req.write(body);
          req.end();
        }),
    ),
  );
}

const commands = { connect: cmdConnect, expect: cmdExpect, latencies: cmdLatencies, check: cmdCheck, close: cmdClose, http: cmdHttp };

process.on('message', async (m) => {
  const fn = commands[m?.cmd];
  try {
    if (!fn) throw new Error(`unknown command ${m?.cmd}`);
    const result = await fn(m.args ?? {});
    process.send({ id: m.id, ok: true, result });
  } catch (err) {
    process.send({ id: m.id, ok: false, error: err?.stack ?? String(err) });
  }
});
process.on('disconnect', () => process.exit(0));
