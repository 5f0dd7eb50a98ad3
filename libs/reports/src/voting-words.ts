import type { MajorityRule, PollChoiceKind, PollMode } from '@app/contracts';

const PRESETS: Record<MajorityRule['preset'], string> = {
  majority_cast: 'quá nửa số phiếu biểu quyết',
  majority_members: 'quá nửa tổng số thành viên',
  two_thirds_members: 'ít nhất hai phần ba tổng số thành viên',
  custom: '',
};
const BASES: Record<MajorityRule['base'], string> = { cast: 'số phiếu biểu quyết', present: 'số thành viên có mặt', members: 'tổng số thành viên' };
const MODES: Record<PollMode, string> = { delegate: 'từng đại biểu biểu quyết', site: 'điểm cầu báo cáo số biểu quyết tại phòng họp', mixed: 'kết hợp đại biểu biểu quyết và điểm cầu báo cáo số biểu quyết' };

/** A majority rule in the words of the minutes and the report: "quá nửa tổng số thành viên", "trên 3/5 số thành viên có mặt". */
export const ruleWords = (rule: MajorityRule) =>
  rule.preset === 'custom' ? `${rule.strict ? 'trên' : 'ít nhất'} ${rule.numerator}/${rule.denominator} ${BASES[rule.base]}` : PRESETS[rule.preset];

/** "được thông qua" / "không được thông qua"; for an election "có người trúng cử" / "không có người trúng cử". */
export const outcomeWords = (choiceKind: PollChoiceKind, passed: boolean) =>
  choiceKind === 'election' ? (passed ? 'có người trúng cử' : 'không có người trúng cử') : passed ? 'được thông qua' : 'không được thông qua';

export const modeWords = (mode: PollMode) => MODES[mode];

/** 66.67 -> "66,67%" (Vietnamese decimal comma); null -> null */
export const percentVi = (n: number | null) => (n === null ? null : `${n.toLocaleString('vi-VN', { maximumFractionDigits: 2 })}%`);
