import type { Poll } from '@app/contracts';
import { outcomeWords, percentVi as pct, ruleWords as ruleWordsOf } from '@app/reports';

/** The rule in the minutes' words. */
export const ruleWords = (poll: Poll) => ruleWordsOf(poll.rule);

/**
 * The minutes entry of a published poll (the minutes are in Vietnamese): the question,
 * the rule, the counts with their shares, the outcome, for a named vote every name and
 * choice, and the digest a recount must reproduce.
 */
export function pollMinutesText(poll: Poll): string {
  const r = poll.result;
  if (!r) return `Biểu quyết: «${poll.question}».`;
  const label = (id: string) => poll.options.find((o) => o.id === id)?.label ?? id;
  const counts = r.options
    .map((o) => {
      const shares = [pct(o.ofCast) && `${pct(o.ofCast)} số phiếu biểu quyết`, pct(o.ofMembers) && `${pct(o.ofMembers)} tổng số thành viên`].filter(Boolean).join('; ');
      return `${label(o.optionId)}: ${o.count}${shares ? ` (${shares})` : ''}${o.elected ? ', trúng cử' : ''}`;
    })
    .join('; ');
  const lines = [
    `Biểu quyết${poll.secret ? ' kín' : ''}: «${poll.question}».`,
    `Điều kiện thông qua: ${ruleWords(poll)}. Thành viên: ${r.members}, có mặt khi biểu quyết: ${r.present}${r.quorumMet ? '' : ' (không đủ số thành viên có mặt theo quy định)'}; tham gia biểu quyết: ${r.participants}.`,
    `${counts}.`,
    `Kết quả: ${outcomeWords(poll.choiceKind, r.passed)}.`,
  ];
  if (r.named.length) lines.push(`Danh sách biểu quyết: ${r.named.map((b) => `${b.fullName}: ${b.optionIds.map(label).join(', ')}`).join('; ')}.`);
  lines.push(`Mã kiểm tra (SHA-256): ${r.digest}.`);
  return lines.join('\n');
}
