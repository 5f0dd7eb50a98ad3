import type { Poll } from '@app/contracts';
import { resultRows } from './voting-export';
import { pollMinutesText } from './voting-minutes';
import { majorityRule, STANDARD_OPTIONS, tally } from './voting-rules';

const counted = tally({ choiceKind: 'standard', options: STANDARD_OPTIONS, maxChoices: 1, rule: majorityRule({ preset: 'majority_members' }), quorum: null, members: 4, present: 3, ballots: [['yes'], ['yes'], ['yes']], siteCounts: [] });
const poll = {
  question: '=HYPERLINK("http://x") Thông qua Nghị quyết',
  choiceKind: 'standard',
  options: STANDARD_OPTIONS,
  secret: false,
  rule: majorityRule({ preset: 'majority_members' }),
  result: { ...counted, digest: 'ab'.repeat(32), named: [{ attendeeId: 'a', fullName: 'Đoàn Thu Hà', endpointId: 'e', optionIds: ['yes'], via: 'link', castAt: '2026-12-01T02:00:00Z' }], sites: [] },
} as unknown as Poll;

describe('a poll in the minutes and the export', () => {
  it('writes the question, rule, counts with shares, the outcome, the names and the digest', () => {
    const text = pollMinutesText(poll);
    expect(text).toContain('Điều kiện thông qua: quá nửa tổng số thành viên.');
    expect(text).toContain('Tán thành: 3 (100% số phiếu biểu quyết; 75% tổng số thành viên)');
    expect(text).toContain('Kết quả: được thông qua.');
    expect(text).toContain('Danh sách biểu quyết: Đoàn Thu Hà: Tán thành.');
    expect(text).toContain(`Mã kiểm tra (SHA-256): ${'ab'.repeat(32)}.`);
  });
  it('neutralizes a formula in the export', () => {
    const rows = resultRows(poll, () => 'Lạng Sơn');
    expect(rows[0][1]).toBe(`'=HYPERLINK("http://x") Thông qua Nghị quyết`);
    expect(rows.find((r) => r[0] === 'Đoàn Thu Hà')).toEqual(['Đoàn Thu Hà', 'Lạng Sơn', 'Tán thành']);
  });
});
