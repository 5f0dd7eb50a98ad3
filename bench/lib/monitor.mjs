// One socket in the driver process that follows the meeting, so the driver
// learns which seq each of its commands produced.
import { io } from 'socket.io-client';

export async function monitor(baseUrl, token, meetingId) {
  const sock = io(baseUrl, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise((resolve, reject) => {
    sock.once('session:ready', resolve);
    sock.once('connect_error', reject);
  });
  const listeners = new Set();
  const events = [];
  sock.on('meeting:event', (e) => {
    events.push(e);
    for (const l of [...listeners]) l(e);
  });
  const ack = await sock.timeout(30_000).emitWithAck('meeting:subscribe', { meetingId });
  if (!ack.ok) throw new Error(`monitor subscribe: ${JSON.stringify(ack.error)}`);
  return {
    sock,
    events,
    seq: ack.data.seq,
    /** The first event (already seen or coming) that matches `pred`. */
    waitFor(pred, timeoutMs = 30_000) {
      const hit = events.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const l = (e) => {
          if (!pred(e)) return;
          listeners.delete(l);
          clearTimeout(t);
          resolve(e);
        };
        const t = setTimeout(() => (listeners.delete(l), reject(new Error('monitor: no matching event'))), timeoutMs);
        listeners.add(l);
      });
    },
    on(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    close: () => sock.close(),
  };
}
