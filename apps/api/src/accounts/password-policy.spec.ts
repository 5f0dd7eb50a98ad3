import { MIN_PASSWORD_SCORE, assertStrongPassword, passwordStrength } from './password-policy';

describe('password rule: long enough is not enough, it must not be common or guessable', () => {
  it.each(['Mật khẩu mới 2026', 'Mật-khẩu-quản-trị-2026', 'Tạm-thời-Đổi-ngay-2026', 'mật-khẩu-đủ-dài-2026'])('accepts “%s”', (p) =>
    expect(passwordStrength(p)).toBeGreaterThanOrEqual(MIN_PASSWORD_SCORE),
  );

  it.each(['password123456', '1234567890', 'qwertyuiop', 'matkhau123', 'Mật khẩu 123', 'aaaaaaaaaaaa'])('refuses “%s”', (p) =>
    expect(passwordStrength(p)).toBeLessThan(MIN_PASSWORD_SCORE),
  );

  it('refuses a password made of the account’s own name', () => {
    expect(passwordStrength('Nguyễn Văn An 2026', ['Nguyễn Văn An', 'an.nv'])).toBeLessThan(MIN_PASSWORD_SCORE);
  });

  it('says which field and why, as a 400', () => {
    try {
      assertStrongPassword('matkhau123', 'newPassword');
      throw new Error('accepted');
    } catch (err) {
      const e = err as { code: string; status: number; fields: { field: string; code: string }[] };
      expect(e.code).toBe('password_too_weak');
      expect(e.status).toBe(400);
      expect(e.fields).toEqual([expect.objectContaining({ field: 'newPassword', code: 'too_weak' })]);
    }
  });
});
