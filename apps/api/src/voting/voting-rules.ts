import { createHash } from 'node:crypto';
import type { Fraction, MajorityBase, MajorityRule, MajorityRuleRequest, PollChoiceKind, PollOption, PollOptionResult, PollResult } from '@app/contracts';

/**
 * The pure rules of voting: the choice set, the majority and the quorum, the
 * tally, and the canonical list of ballots the digest is taken over. No
 * database, no clock: the service feeds them what it read under the lock.
 */

export const STANDARD_OPTIONS: PollOption[] = [
  { id: 'yes', label: 'Tán thành', abstain: false },
  { id: 'no', label: 'Không tán thành', abstain: false },
  { id: 'abstain', label: 'Không biểu quyết', abstain: true },
];

export type ChoicesRequest =
  | { kind: 'standard' }
  | { kind: 'custom'; options: string[]; withAbstain: boolean }
  | { kind: 'election'; candidates: string[]; maxChoices: number };

export function choiceSet(choices: ChoicesRequest): { choiceKind: PollChoiceKind; options: PollOption[]; maxChoices: number } {
  switch (choices.kind) {
    case 'standard':
      return { choiceKind: 'standard', options: STANDARD_OPTIONS, maxChoices: 1 };
    case 'custom':
      return {
        choiceKind: 'custom',
        options: [...choices.options.map((label, i) => ({ id: `o${i + 1}`, label, abstain: false })), ...(choices.withAbstain ? [STANDARD_OPTIONS[2]] : [])],
        maxChoices: 1,
      };
    case 'election':
      return { choiceKind: 'election', options: choices.candidates.map((label, i) => ({ id: `c${i + 1}`, label, abstain: false })), maxChoices: choices.maxChoices };
  }
}

/** The presets as shares: "quá nửa số phiếu biểu quyết", "quá nửa tổng số thành viên", "ít nhất hai phần ba tổng số thành viên". */
export function majorityRule(req: MajorityRuleRequest): MajorityRule {
  switch (req.preset) {
    case 'majority_cast':
      return { preset: req.preset, base: 'cast', numerator: 1, denominator: 2, strict: true };
    case 'majority_members':
      return { preset: req.preset, base: 'members', numerator: 1, denominator: 2, strict: true };
    case 'two_thirds_members':
      return { preset: req.preset, base: 'members', numerator: 2, denominator: 3, strict: false };
    case 'custom':
      return { preset: 'custom', base: req.base, numerator: req.numerator, denominator: req.denominator, strict: req.strict };
  }
}

/** count / base against the share, in integers (no rounding): a base of zero meets nothing. */
export function meets(count: number, base: number, f: Fraction): boolean {
  if (base <= 0) return false;
  const lhs = count * f.denominator;
  const rhs = f.numerator * base;
  return f.strict ? lhs > rhs : lhs >= rhs;
}

/** The quorum: the members present (checked in when the poll opened) against all members. No quorum rule: always met. */
export function quorumMet(present: number, members: number, quorum: Fraction | null): boolean {
  return quorum === null || meets(present, members, quorum);
}

export type BallotProblem = { problem: 'unknown_option'; optionId: string } | { problem: 'choice_count'; max: number };

/** A ballot's choice, checked and in canonical form (sorted, each once), or what is wrong with it. */
export function checkBallot(options: readonly PollOption[], maxChoices: number, optionIds: readonly string[]): { optionIds: string[] } | BallotProblem {
  const unique = [...new Set(optionIds)].sort();
  const unknown = unique.find((id) => !options.some((o) => o.id === id));
  if (unknown !== undefined) return { problem: 'unknown_option', optionId: unknown };
  // an abstention is a whole ballot: it cannot come with a choice
  const abstains = unique.some((id) => options.find((o) => o.id === id)!.abstain);
  if (unique.length < 1 || unique.length > maxChoices || (abstains && unique.length > 1)) return { problem: 'choice_count', max: maxChoices };
  return { optionIds: unique };
}

export type CountsProblem = { problem: 'unknown_option'; optionId: string } | { problem: 'incomplete'; missing: string[] } | { problem: 'above_present'; present: number; total: number };

/** A site's show of hands: a count for every option, each person at most once, never more than the members checked in. */
export function checkSiteCounts(options: readonly PollOption[], counts: Record<string, number>, present: number): CountsProblem | null {
  const unknown = Object.keys(counts).find((id) => !options.some((o) => o.id === id));
  if (unknown !== undefined) return { problem: 'unknown_option', optionId: unknown };
  const missing = options.filter((o) => counts[o.id] === undefined).map((o) => o.id);
  if (missing.length) return { problem: 'incomplete', missing };
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total > present) return { problem: 'above_present', present, total };
  return null;
}

export interface TallyInput {
  choiceKind: PollChoiceKind;
  options: readonly PollOption[];
  maxChoices: number;
  rule: MajorityRule;
  quorum: Fraction | null;
  members: number;
  present: number;
  /** the current ballot of every delegate who voted (canonical option ids) */
  ballots: readonly (readonly string[])[];
  /** every site's counts */
  siteCounts: readonly Record<string, number>[];
}

const percent = (count: number, base: number): number | null => (base > 0 ? Math.round((count * 10000) / base) / 100 : null);

export function tally(input: TallyInput): Omit<PollResult, 'digest' | 'named' | 'sites'> {
  const counts = new Map(input.options.map((o) => [o.id, 0]));
  let participants = 0;
  let abstained = 0;
  const abstainIds = new Set(input.options.filter((o) => o.abstain).map((o) => o.id));
  for (const ballot of input.ballots) {
    participants += 1;
    if (ballot.some((id) => abstainIds.has(id))) abstained += 1;
    for (const id of ballot) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  for (const site of input.siteCounts) {
    for (const [id, n] of Object.entries(site)) {
      counts.set(id, (counts.get(id) ?? 0) + n);
      participants += n;
      if (abstainIds.has(id)) abstained += n;
    }
  }
  const cast = participants - abstained;
  const quorum = quorumMet(input.present, input.members, input.quorum);
  const bases: Record<MajorityBase, number> = { cast, present: input.present, members: input.members };
  const base = bases[input.rule.base];
  const meeting = input.options.filter((o) => !o.abstain && meets(counts.get(o.id)!, base, input.rule));

  let elected = new Set<string>();
  let winnerOptionId: string | null = null;
  if (input.choiceKind === 'election') {
    if (quorum) {
      const ranked = [...meeting].sort((a, b) => counts.get(b.id)! - counts.get(a.id)!);
      if (ranked.length > input.maxChoices) {
        // a tie across the last seat elects neither of the tied: the body votes again
        const cutoff = counts.get(ranked[input.maxChoices - 1].id)!;
        const beyond = counts.get(ranked[input.maxChoices].id)!;
        elected = new Set(ranked.slice(0, input.maxChoices).filter((o) => cutoff !== beyond || counts.get(o.id)! > cutoff).map((o) => o.id));
      } else elected = new Set(ranked.map((o) => o.id));
    }
  } else {
    const top = [...meeting].sort((a, b) => counts.get(b.id)! - counts.get(a.id)!);
    if (top.length === 1 || (top.length > 1 && counts.get(top[0].id)! > counts.get(top[1].id)!)) winnerOptionId = top[0].id;
  }
  const passed = quorum && (input.choiceKind === 'election' ? elected.size > 0 : input.choiceKind === 'standard' ? winnerOptionId === 'yes' : winnerOptionId !== null);
  const options: PollOptionResult[] = input.options.map((o) => {
    const count = counts.get(o.id)!;
    return { optionId: o.id, count, ofCast: o.abstain ? null : percent(count, cast), ofPresent: percent(count, input.present), ofMembers: percent(count, input.members), elected: elected.has(o.id) };
  });
  return { participants, cast, members: input.members, present: input.present, quorumMet: quorum, options, passed, winnerOptionId: quorum ? winnerOptionId : null };
}

export interface CanonicalInput {
  named: readonly { attendeeId: string; optionIds: readonly string[] }[];
  secret: readonly (readonly string[])[];
  sites: readonly { endpointId: string; counts: Record<string, number> }[];
}

/**
 * The ballots as text lines, sorted: `named <attendee> <options>`, `secret <options>`,
 * `site <endpoint> <option>=<n>,...`. Sorting makes the list independent of storage
 * order, so anyone recounting the same ballots gets the same lines and digest.
 */
export function canonicalLines(input: CanonicalInput): string[] {
  const opts = (ids: readonly string[]) => [...ids].sort().join(',');
  return [
    ...input.named.map((b) => `named ${b.attendeeId} ${opts(b.optionIds)}`),
    ...input.secret.map((ids) => `secret ${opts(ids)}`),
    ...input.sites.map((s) => `site ${s.endpointId} ${Object.keys(s.counts).sort().map((k) => `${k}=${s.counts[k]}`).join(',')}`),
  ].sort();
}

/** SHA-256 (hex) over the canonical lines, one per line. */
export const digestOf = (lines: readonly string[]): string => createHash('sha256').update(lines.map((l) => `${l}\n`).join(''), 'utf8').digest('hex');
