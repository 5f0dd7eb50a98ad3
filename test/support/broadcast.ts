import { spawn, type ChildProcess } from 'node:child_process';
import type { Ack, MediaCapabilities, MediaTransportInfo } from '@app/contracts';
import type { TestSocket } from './session';

/** Debian's FFmpeg: the broadcast tier's encoder, and the test's picture source. */
export const FFMPEG = '/usr/bin/ffmpeg';

const ok = <T>(a: Ack<T>): T => {
  if (!a.ok) throw new Error(`command failed: ${JSON.stringify(a.error)}`);
  return a.data;
};

/** A hall gateway: FFmpeg's test picture as VP8 over RTP to a plain send transport (comedia: mediasoup learns the address). */
export async function rtpGateway(socket: TestSocket, meetingId: string, endpointId: string, ssrc: number) {
  ok((await socket.emitWithAck('media:capabilities', { meetingId })) as Ack<MediaCapabilities>);
  const t = ok((await socket.emitWithAck('media:transport:create', { meetingId, direction: 'send', type: 'plain', endpointId })) as Ack<MediaTransportInfo>);
  ok(
    (await socket.emitWithAck('media:produce', {
      meetingId,
      transportId: t.id,
      endpointId,
      kind: 'video',
      rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }], encodings: [{ ssrc }] },
    })) as Ack<unknown>,
  );
  const sender: ChildProcess = spawn(
    FFMPEG,
    ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k', '-g', '25', '-ssrc', String(ssrc), '-payload_type', '101', '-f', 'rtp', `rtp://${t.ip}:${t.port}`],
    { stdio: 'ignore' },
  );
  return { startedAt: Date.now(), stop: () => sender.kill('SIGKILL') };
}
