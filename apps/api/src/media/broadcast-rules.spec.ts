import { programmeCaptions, signWatchToken, watchTokenProblem, withToken } from './broadcast-rules';

const SECRET = 'a-secret-of-enough-length-0123456789';
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('watch tokens', () => {
  const inTenMinutes = new Date(Date.now() + 600_000);

  it('opens the meeting it was signed for, until it expires', () => {
    const token = signWatchToken(SECRET, A, inTenMinutes);
    expect(watchTokenProblem(SECRET, A, token)).toBeNull();
    expect(watchTokenProblem(SECRET, A, token, inTenMinutes.getTime() + 1000)).toBe('expired');
  });

  it('refuses another meeting’s token, a forged or malformed one, and none', () => {
    const token = signWatchToken(SECRET, A, inTenMinutes);
    expect(watchTokenProblem(SECRET, B, token)).toBe('wrong_meeting');
    expect(watchTokenProblem('another-secret-of-enough-length-xx', A, token)).toBe('wrong_meeting');
    // a later expiry with the old MAC is a forgery
    const [, sig] = token.split('.');
    expect(watchTokenProblem(SECRET, A, `${Math.floor(inTenMinutes.getTime() / 1000) + 3600}.${sig}`)).toBe('wrong_meeting');
    expect(watchTokenProblem(SECRET, A, 'abc')).toBe('malformed');
    expect(watchTokenProblem(SECRET, A, undefined)).toBe('missing');
  });

  it('puts the token on every segment line of a playlist, not on its tags', () => {
    const list = '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.000000,\nseg-1764700000.ts\n#EXTINF:1.000000,\nseg-1764700001.ts\n';
    expect(withToken(list, 't.k')).toBe('#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.000000,\nseg-1764700000.ts?token=t.k\n#EXTINF:1.000000,\nseg-1764700001.ts?token=t.k\n');
  });
});

describe('programme captions', () => {
  it('names the speaker and the site during a speech, the site alone otherwise, diacritics kept', () => {
    const endpoints = [
      { id: A, organizationName: 'Bộ Ngoại giao', organizationShortName: 'BNG', isHost: true },
      { id: B, organizationName: 'Ủy ban nhân dân tỉnh Lạng Sơn', organizationShortName: 'Lạng Sơn', isHost: false },
    ];
    expect(programmeCaptions(endpoints, { endpointId: B, attendeeName: 'Hoàng Văn Thụ' })).toEqual({ [A]: 'Bộ Ngoại giao', [B]: 'Hoàng Văn Thụ — Lạng Sơn' });
    expect(programmeCaptions(endpoints, null)[B]).toBe('Lạng Sơn');
  });
});
