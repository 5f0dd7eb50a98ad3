import { InvalidEnvironmentError, parseMediaEnv, type MediaEnv } from '@app/config';
import { startMediaServer } from './media-server';

/**
 * The media process: mediasoup workers (one per core) and the control
 * channel the api drives. Optional: the api runs without it (MEDIA_URL unset).
 * It needs the mediasoup-worker binary in MEDIASOUP_WORKER_BIN (built by
 * scripts/media/build-mediasoup-worker.sh) unless mediasoup's own is installed.
 */
async function main() {
  let env: MediaEnv;
  try {
    env = parseMediaEnv();
  } catch (err) {
    if (err instanceof InvalidEnvironmentError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  // A dead worker takes its routers with it: exit and let the supervisor restart the process (rooms are rebuilt on demand).
  const running = await startMediaServer(env, { onWorkerDied: () => setTimeout(() => process.exit(1), 1000) });
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // started by `npm start`: go when it goes, kill -9 included (its IPC channel closes; see scripts/start.mjs)
  if (process.send) process.once('disconnect', stop);
}

if (require.main === module) void main();
