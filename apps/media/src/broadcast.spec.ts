import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parseMediaEnv } from '@app/config';
import { Broadcast, ffmpegArgs, programmeSdp } from './broadcast';

describe('the programme pipeline', () => {
  it('describes each consumer to FFmpeg as an m-line with mediasoup’s codec and payload type', () => {
    const sdp = programmeSdp([
      { kind: 'video', port: 20000, rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }], encodings: [] } },
      { kind: 'audio', port: 20002, rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 } }], encodings: [] } },
    ]);
    expect(sdp.split('\r\n')).toEqual(
      expect.arrayContaining(['c=IN IP4 127.0.0.1', 'm=video 20000 RTP/AVP 101', 'a=rtpmap:101 VP8/90000', 'm=audio 20002 RTP/AVP 100', 'a=rtpmap:100 opus/48000/2', 'a=fmtp:100 useinbandfec=1']),
    );
  });

  it('asks FFmpeg for short independent segments named by the epoch, the caption re-read from its file with a Vietnamese font', () => {
    const args = ffmpegArgs({ sdp: '/d/input.sdp', dir: '/d', captionFile: '/d/caption.txt', font: '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf', segmentSeconds: 1, audio: false });
    const at = (flag: string) => args[args.indexOf(flag) + 1];
    expect(at('-hls_time')).toBe('1');
    expect(at('-hls_start_number_source')).toBe('epoch');
    expect(at('-hls_flags')).toContain('temp_file');
    expect(at('-hls_flags')).toContain('program_date_time');
    expect(at('-vf')).toContain("textfile='/d/caption.txt':reload=1");
    expect(at('-vf')).toContain('NotoSans-Regular.ttf');
    expect(args).not.toContain('0:a:0');
    expect(args.at(-1)).toBe('/d/index.m3u8');
  });

  it('says FFmpeg is missing instead of failing, and waits for a source otherwise', async () => {
    const env = parseMediaEnv({ MEDIA_SECRET: 'a-secret-of-16-chars', MEDIA_LISTEN_IP: '127.0.0.1', BROADCAST_DIR: mkdtempSync(join(tmpdir(), 'htt-bc-')), FFMPEG_BIN: '/nonexistent/ffmpeg' });
    const room = { meetingId: '11111111-1111-4111-8111-111111111111', programmeSource: () => Promise.resolve(null) };
    const missing = new Broadcast(room, env, pino({ level: 'silent' }));
    await missing.update({});
    expect(await missing.state()).toMatchObject({ status: 'unavailable', reason: 'ffmpeg_missing' });
    const waiting = new Broadcast(room, { ...env, FFMPEG_BIN: '/usr/bin/env' }, pino({ level: 'silent' }));
    await waiting.update({});
    expect(await waiting.state()).toMatchObject({ status: 'waiting', reason: 'no_source', sourceEndpointId: null });
    expect(await waiting.stop()).toMatchObject({ status: 'off', reason: 'meeting_not_live' });
  });
});
