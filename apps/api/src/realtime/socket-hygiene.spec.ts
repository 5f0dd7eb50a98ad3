import { SOCKET_COMMANDS } from '@app/contracts';
import { MAX_PAYLOAD_DEPTH, messageExceeds, nestedDeeperThan, rateLimited, refusalOf } from './socket-hygiene';

/** `[[[...]]]` n levels deep (an array is one level). */
const nested = (n: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { v };
  return v;
};

describe('nestedDeeperThan', () => {
  it('counts object and array levels, plain values are none', () => {
    expect(nestedDeeperThan('x', 0)).toBe(false);
    expect(nestedDeeperThan({}, 0)).toBe(true);
    expect(nestedDeeperThan({}, 1)).toBe(false);
    expect(nestedDeeperThan(nested(5), 5)).toBe(false);
    expect(nestedDeeperThan(nested(6), 5)).toBe(true);
  });

  it('answers for a million levels without overflowing the stack (it stops at the limit)', () => {
    expect(nestedDeeperThan(nested(1_000_000), MAX_PAYLOAD_DEPTH)).toBe(true);
  });

  it('treats binary attachments as leaves (their bytes are not walked)', () => {
    expect(nestedDeeperThan({ data: Buffer.alloc(1000) }, 1)).toBe(false);
  });

  it('lets a real mediasoup RtpParameters through', () => {
    const rtpParameters = {
      codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 }, rtcpFeedback: [{ type: 'transport-cc', parameter: '' }] }],
      headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 4, encrypt: false, parameters: {} }],
      encodings: [{ ssrc: 1234, dtx: false }],
      rtcp: { cname: 'abc', reducedSize: true },
      mid: '0',
    };
    expect(nestedDeeperThan({ meetingId: 'm', rtpParameters }, MAX_PAYLOAD_DEPTH)).toBe(false);
    // payload, rtpParameters, codecs, a codec, rtcpFeedback, an entry
    expect(nestedDeeperThan({ meetingId: 'm', rtpParameters }, 6)).toBe(false);
    expect(nestedDeeperThan({ meetingId: 'm', rtpParameters }, 5)).toBe(true);
  });
});

describe('refusalOf', () => {
  const ack = () => undefined;

  it('lets every command of the contract through', () => {
    for (const event of SOCKET_COMMANDS) expect([event, refusalOf([event, { meetingId: 'm' }, ack])]).toEqual([event, null]);
  });

  it('refuses an event no command answers to, 404 unknown_command naming it', () => {
    const refusal = refusalOf(['meeting:explode', {}, ack]);
    expect(refusal?.code).toBe('unknown_command');
    expect(refusal?.status).toBe(404);
    expect(refusal?.params).toEqual({ event: 'meeting:explode' });
    expect(refusalOf([42, ack])?.params).toEqual({ event: 'number' });
    expect((refusalOf(['x'.repeat(10_000)])?.params as { event: string }).event).toHaveLength(100);
  });

  it('refuses a payload nested deeper than MAX_PAYLOAD_DEPTH, 400 payload_too_deep, in any argument', () => {
    expect(refusalOf(['media:produce', nested(MAX_PAYLOAD_DEPTH), ack])).toBeNull();
    for (const packet of [
      ['media:produce', nested(MAX_PAYLOAD_DEPTH + 1), ack],
      ['media:produce', {}, nested(10_000)],
    ]) {
      const refusal = refusalOf(packet);
      expect(refusal?.code).toBe('payload_too_deep');
      expect(refusal?.status).toBe(400);
      expect(refusal?.params).toEqual({ maxDepth: MAX_PAYLOAD_DEPTH });
    }
  });
});

describe('messageExceeds', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(messageExceeds('a'.repeat(1000), 1000)).toBe(false);
    expect(messageExceeds('a'.repeat(1001), 1000)).toBe(true);
    // "Đ" is two bytes: 600 characters are 1,200 bytes
    expect(messageExceeds('Đ'.repeat(600), 1000)).toBe(true);
    expect(messageExceeds('Đ'.repeat(500), 1000)).toBe(false);
  });

  it('measures binary messages by their length', () => {
    expect(messageExceeds(Buffer.alloc(1001), 1000)).toBe(true);
    expect(messageExceeds(new ArrayBuffer(1000), 1000)).toBe(false);
    expect(messageExceeds(undefined, 1000)).toBe(false);
  });
});

describe('rateLimited', () => {
  it('says when to try again, in whole seconds, at least one', () => {
    expect(rateLimited(1).params).toEqual({ retryAfterSeconds: 1 });
    expect(rateLimited(9_001).params).toEqual({ retryAfterSeconds: 10 });
    expect(rateLimited(0).status).toBe(429);
  });
});
