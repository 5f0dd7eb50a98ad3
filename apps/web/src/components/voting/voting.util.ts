import type { Poll, PollOption } from '@app/contracts';
import type { Translate } from '../../i18n/errors';

/** An option as people read it: the standard three in the reader's language, others as typed. */
export const optionLabel = (poll: Pick<Poll, 'choiceKind'>, option: PollOption, t: Translate) => (poll.choiceKind === 'standard' ? t(`voting.standard.${option.id}`) : option.label);

/** The rule in words: "Quá nửa tổng số thành viên", or "3/5 số thành viên có mặt" for a custom share. */
export const ruleText = (poll: Poll, t: Translate) =>
  poll.rule.preset === 'custom' ? `${poll.rule.strict ? '>' : '≥'} ${poll.rule.numerator}/${poll.rule.denominator} ${t(`voting.bases.${poll.rule.base}`)}` : t(`voting.presets.${poll.rule.preset}`);

export const percent = (n: number | null) => (n === null ? '—' : `${n.toLocaleString('vi-VN', { maximumFractionDigits: 2 })}%`);
