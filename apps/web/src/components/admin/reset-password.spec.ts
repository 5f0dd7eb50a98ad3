import { describe, expect, it } from '@jest/globals';
import { generateTemporaryPassword } from './reset-password';

describe('generateTemporaryPassword', () => {
  it('gives four groups of four characters that cannot be misread (no 0, O, 1, l, I), long enough for the rule', () => {
    const p = generateTemporaryPassword();
    expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{4}(-[a-km-zA-HJ-NP-Z2-9]{4}){3}$/);
    expect(p.length).toBeGreaterThanOrEqual(10);
  });

  it('is different every time', () => {
    const many = new Set(Array.from({ length: 200 }, generateTemporaryPassword));
    expect(many.size).toBe(200);
  });
});
