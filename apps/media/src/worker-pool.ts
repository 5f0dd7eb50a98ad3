import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import type { MediaEnv } from '@app/config';

export interface PooledWorker {
  index: number;
  worker: types.Worker;
  /** consumers of every router on this worker (pipe consumers not counted): the load figure */
  consumers: number;
  routers: number;
}

/** Opus for speech, VP8 and H.264 (hall codecs and hardware gateways speak H.264) for video. */
export const MEDIA_CODECS: types.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 1000 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
];

/**
 * One mediasoup worker (a C++ process, one core) per MEDIA_WORKERS. Rooms ask
 * for the least loaded worker; load is the count of consumers, which is what
 * costs an SFU (every consumer is a copy of a stream to send).
 */
export class WorkerPool {
  private constructor(readonly workers: PooledWorker[]) {}

  static async create(env: MediaEnv, onDied: (w: PooledWorker, err: Error) => void): Promise<WorkerPool> {
    const workers: PooledWorker[] = [];
    for (let index = 0; index < env.MEDIA_WORKERS; index++) {
      const worker = await mediasoup.createWorker({
        logLevel: 'warn',
        rtcMinPort: env.MEDIA_RTC_MIN_PORT,
        rtcMaxPort: env.MEDIA_RTC_MAX_PORT,
      });
      const pooled: PooledWorker = { index, worker, consumers: 0, routers: 0 };
      worker.on('died', (err) => onDied(pooled, err));
      workers.push(pooled);
    }
    return new WorkerPool(workers);
  }

  /** The worker with the fewest consumers among `candidates` (default: all). */
  leastLoaded(candidates: PooledWorker[] = this.workers): PooledWorker | undefined {
    return [...candidates].sort((a, b) => a.consumers - b.consumers || a.routers - b.routers || a.index - b.index)[0];
  }

  close() {
    for (const w of this.workers) w.worker.close();
  }
}
