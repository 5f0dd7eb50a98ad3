// Preloaded (node --require) into the server processes a benchmark starts, so the
// runner can read the server's own heap figures over the IPC channel. It changes
// nothing in the app: it answers {__probe:'mem'} messages from the parent, and
// stops the server when the parent is gone.
'use strict';
// BENCH_CPU_PROFILE=1: the server profiles its CPU from the start; a probe message with
// `cpuProfile: <path>` stops it and writes the .cpuprofile (open it in Chrome's DevTools).
let profiler = null;
if (process.env.BENCH_CPU_PROFILE === '1') {
  const { Session } = require('node:inspector');
  profiler = new Session();
  profiler.connect();
  profiler.post('Profiler.enable', () => profiler.post('Profiler.start'));
}
function writeCpuProfile(path, done) {
  if (!profiler || !path) return done();
  profiler.post('Profiler.stop', (err, result) => {
    if (!err) require('node:fs').writeFileSync(path, JSON.stringify(result.profile));
    profiler.post('Profiler.start', () => done());
  });
}
// The event loop's stalls, always measured (a 10 ms resolution costs nothing): a probe
// message {__probe:'loop'} answers the largest delay since the last one and starts afresh.
const { monitorEventLoopDelay } = require('node:perf_hooks');
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
if (typeof process.send === 'function') {
  process.on('message', (m) => {
    if (m && m.__probe === 'loop') {
      const ms = (ns) => Math.round(ns / 1e4) / 100;
      const answer = { __probe: 'loop', id: m.id, maxMs: ms(loop.max), p99Ms: ms(loop.percentile(99)), meanMs: ms(loop.mean), n: loop.count };
      loop.reset();
      try {
        process.send(answer);
      } catch {
        /* parent gone */
      }
      return;
    }
    if (!m || m.__probe !== 'mem') return;
    if (m.gc && typeof global.gc === 'function') {
      global.gc();
      global.gc();
    }
    // A heap snapshot, to see what the memory is made of.
    if (m.snapshot) require('node:v8').writeHeapSnapshot(m.snapshot);
    writeCpuProfile(m.cpuProfile, () => {
      const u = process.memoryUsage();
      try {
        process.send({ __probe: 'mem', id: m.id, rss: u.rss, heapUsed: u.heapUsed, heapTotal: u.heapTotal, external: u.external, arrayBuffers: u.arrayBuffers });
      } catch {
        /* parent gone */
      }
    });
  });
  // The runner is gone (even by kill -9): stop like on Ctrl-C instead of lingering.
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  // The channel must not keep the server alive on its own.
  if (process.channel && typeof process.channel.unref === 'function') process.channel.unref();
}
