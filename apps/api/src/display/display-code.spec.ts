import { DISPLAY_CODE_ALPHABET, displayCodeSchema } from '@app/contracts';
import { newDisplayCode, newDisplaySecret, secretHash } from './display-code';

describe('display pairing codes', () => {
  it('are 6 characters of the unambiguous alphabet, and spread over it', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = newDisplayCode();
      expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
      for (const ch of code) seen.add(ch);
    }
    expect(seen.size).toBe(DISPLAY_CODE_ALPHABET.length);
    expect(DISPLAY_CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('are read as people type them: lower case, spaces and dashes do not matter; ambiguous letters are refused', () => {
    expect(displayCodeSchema.parse(' ab3-k7m ')).toBe('AB3K7M');
    expect(displayCodeSchema.safeParse('AB3K7O').success).toBe(false);
    expect(displayCodeSchema.safeParse('AB3K7').success).toBe(false);
  });

  it('secrets are 256 bits and stored only as their SHA-256', () => {
    const secret = newDisplaySecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secretHash(secret)).toHaveLength(32);
    expect(secretHash(secret).equals(secretHash(secret))).toBe(true);
  });
});
