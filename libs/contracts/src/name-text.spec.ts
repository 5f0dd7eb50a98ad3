import { createAttendeeRequestSchema } from './attendance';
import { createAccountRequestSchema } from './auth';
import { nameText, optionalNameText } from './common';
import { createOrganizationRequestSchema } from './organizations';

describe('nameText: every stored name is normalized on the way in', () => {
  it('stores "Ðặng" pasted from Word as "Đặng", NFC, without bidi controls, trimmed', () => {
    expect(nameText(200).parse('  \u00D0ặng Văn A\u202E ')).toBe('Đặng Văn A');
    expect(nameText(200).parse('Đặng'.normalize('NFD'))).toBe('Đặng');
  });

  it('counts the name after normalization: only bidi controls is empty, and too long stays too long', () => {
    expect(nameText(200).safeParse('\u202E\u2066').success).toBe(false);
    expect(nameText(3).safeParse('\u202Eabcd').success).toBe(false);
    expect(nameText(3).parse('\u202Eabc')).toBe('abc');
  });

  it('keeps optional names optional: null, missing and blank are null', () => {
    const s = optionalNameText(100);
    expect(s.parse(null)).toBeNull();
    expect(s.parse(undefined)).toBeNull();
    expect(s.parse(' \u202E ')).toBeNull();
    expect(s.parse('Sở Ngoại vụ\u2069')).toBe('Sở Ngoại vụ');
  });

  it('is what attendee, account and organization requests use', () => {
    const attendee = createAttendeeRequestSchema.parse({ fullName: '\u00D0ặng Văn A', position: 'Giám đốc\u202E', unit: '\u2067Sở Ngoại vụ' });
    expect(attendee).toMatchObject({ fullName: 'Đặng Văn A', position: 'Giám đốc', unit: 'Sở Ngoại vụ' });
    const account = createAccountRequestSchema.parse({ username: 'dang.a', fullName: '\u00D0ặng Văn A', password: 'mật-khẩu-đủ-dài-2026', organizationId: '11111111-1111-4111-8111-111111111111' });
    expect(account.fullName).toBe('Đặng Văn A');
    const org = createOrganizationRequestSchema.parse({ kind: 'other', name: 'Ban \u00D0ối ngoại\u202E', shortName: '\u202EB\u00D0N', formedFrom: ['\u00D0ồng Nai'] });
    expect(org).toMatchObject({ name: 'Ban Đối ngoại', shortName: 'BĐN', formedFrom: ['Đồng Nai'] });
  });
});
