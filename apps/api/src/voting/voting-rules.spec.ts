import { canonicalLines, checkBallot, checkSiteCounts, choiceSet, digestOf, majorityRule, meets, quorumMet, STANDARD_OPTIONS, tally, type TallyInput } from './voting-rules';

const standard = (o: Partial<TallyInput> = {}): TallyInput => ({
  choiceKind: 'standard',
  options: STANDARD_OPTIONS,
  maxChoices: 1,
  rule: majorityRule({ preset: 'majority_cast' }),
  quorum: { numerator: 1, denominator: 2, strict: true },
  members: 10,
  present: 8,
  ballots: [],
  siteCounts: [],
  ...o,
});
const votes = (yes: number, no: number, abstain = 0) => [...Array(yes).fill(['yes']), ...Array(no).fill(['no']), ...Array(abstain).fill(['abstain'])];

describe('majority', () => {
  it('more than half is strict: half exactly does not pass', () => {
    expect(meets(5, 10, { numerator: 1, denominator: 2, strict: true })).toBe(false);
    expect(meets(6, 10, { numerator: 1, denominator: 2, strict: true })).toBe(true);
  });
  it('at least two thirds counts in integers (no rounding): 2 of 3 passes, 66 of 100 does not', () => {
    const twoThirds = majorityRule({ preset: 'two_thirds_members' });
    expect(meets(2, 3, twoThirds)).toBe(true);
    expect(meets(66, 100, twoThirds)).toBe(false);
    expect(meets(67, 100, twoThirds)).toBe(true);
  });
  it('a base of zero meets nothing', () => {
    expect(meets(0, 0, { numerator: 1, denominator: 2, strict: false })).toBe(false);
  });
  it('a tie of the votes cast does not pass', () => {
    const r = tally(standard({ ballots: votes(4, 4) }));
    expect(r.passed).toBe(false);
    expect(r.winnerOptionId).toBeNull();
    expect(r.options.find((o) => o.optionId === 'yes')!.ofCast).toBe(50);
  });
  it('abstentions take part but are not votes cast: 3 yes, 2 no, 3 abstain passes on the votes cast', () => {
    const r = tally(standard({ ballots: votes(3, 2, 3) }));
    expect(r).toMatchObject({ participants: 8, cast: 5, passed: true, winnerOptionId: 'yes' });
    expect(r.options.find((o) => o.optionId === 'abstain')!.ofCast).toBeNull();
    expect(r.options.find((o) => o.optionId === 'yes')!).toMatchObject({ ofCast: 60, ofPresent: 37.5, ofMembers: 30 });
  });
  it('the same votes fail "more than half of all members" while members are absent', () => {
    expect(tally(standard({ rule: majorityRule({ preset: 'majority_members' }), ballots: votes(3, 2, 3) })).passed).toBe(false);
    expect(tally(standard({ rule: majorityRule({ preset: 'majority_members' }), ballots: votes(6, 1, 1) })).passed).toBe(true);
  });
  it('a majority against is not a pass', () => {
    const r = tally(standard({ ballots: votes(1, 6) }));
    expect(r).toMatchObject({ passed: false, winnerOptionId: 'no' });
  });
  it('site counts add to the delegate ballots', () => {
    const r = tally(standard({ members: 20, present: 18, ballots: votes(2, 1), siteCounts: [{ yes: 7, no: 1, abstain: 2 }] }));
    expect(r).toMatchObject({ participants: 13, cast: 11, passed: true });
    expect(r.options.map((o) => o.count)).toEqual([9, 2, 2]);
  });
});

describe('quorum', () => {
  it('needs more than half of the members present when the poll opened', () => {
    expect(quorumMet(5, 10, { numerator: 1, denominator: 2, strict: true })).toBe(false);
    expect(quorumMet(6, 10, { numerator: 1, denominator: 2, strict: true })).toBe(true);
    expect(quorumMet(0, 0, null)).toBe(true);
  });
  it('without quorum nothing passes, whatever the votes', () => {
    const r = tally(standard({ present: 4, ballots: votes(4, 0) }));
    expect(r).toMatchObject({ quorumMet: false, passed: false, winnerOptionId: null });
  });
});

describe('custom options and elections', () => {
  it('a custom option wins only by meeting the rule alone', () => {
    const { options } = choiceSet({ kind: 'custom', options: ['Phương án A', 'Phương án B', 'Phương án C'], withAbstain: true });
    expect(options.map((o) => o.id)).toEqual(['o1', 'o2', 'o3', 'abstain']);
    const base = { ...standard(), choiceKind: 'custom' as const, options };
    expect(tally({ ...base, ballots: [['o1'], ['o1'], ['o1'], ['o2'], ['o3']] })).toMatchObject({ passed: true, winnerOptionId: 'o1' });
    expect(tally({ ...base, ballots: [['o1'], ['o1'], ['o2'], ['o2'], ['o3']] })).toMatchObject({ passed: false, winnerOptionId: null });
  });
  it('elects up to maxChoices who meet the rule; a tie across the last seat elects neither', () => {
    const { options } = choiceSet({ kind: 'election', candidates: ['An', 'Bình', 'Chi'], maxChoices: 2 });
    const base = { ...standard(), choiceKind: 'election' as const, options, maxChoices: 2, members: 6, present: 6, rule: majorityRule({ preset: 'majority_cast' }) };
    const clear = tally({ ...base, ballots: [['c1', 'c2'], ['c1', 'c2'], ['c1', 'c3'], ['c1', 'c2'], ['c2', 'c3'], ['c3']] });
    expect(clear.options.filter((o) => o.elected).map((o) => o.optionId)).toEqual(['c1', 'c2']);
    const tied = tally({ ...base, ballots: [['c1', 'c2'], ['c1', 'c3'], ['c1', 'c2'], ['c1', 'c3'], ['c2', 'c3'], ['c1']] });
    expect(tied.options.filter((o) => o.elected).map((o) => o.optionId)).toEqual(['c1']);
    expect(tied.passed).toBe(true);
  });
});

describe('ballot and count checks', () => {
  it('refuses an option that does not exist, too many choices, and an abstention with a choice', () => {
    expect(checkBallot(STANDARD_OPTIONS, 1, ['maybe'])).toEqual({ problem: 'unknown_option', optionId: 'maybe' });
    expect(checkBallot(STANDARD_OPTIONS, 1, ['yes', 'no'])).toEqual({ problem: 'choice_count', max: 1 });
    const { options } = choiceSet({ kind: 'election', candidates: ['An', 'Bình'], maxChoices: 2 });
    expect(checkBallot(options, 2, ['c2', 'c1', 'c2'])).toEqual({ optionIds: ['c1', 'c2'] });
  });
  it('refuses counts above the members checked in, and incomplete counts', () => {
    expect(checkSiteCounts(STANDARD_OPTIONS, { yes: 5, no: 3, abstain: 1 }, 8)).toEqual({ problem: 'above_present', present: 8, total: 9 });
    expect(checkSiteCounts(STANDARD_OPTIONS, { yes: 5 }, 8)).toEqual({ problem: 'incomplete', missing: ['no', 'abstain'] });
    expect(checkSiteCounts(STANDARD_OPTIONS, { yes: 5, no: 0, abstain: 0, maybe: 1 }, 8)).toEqual({ problem: 'unknown_option', optionId: 'maybe' });
    expect(checkSiteCounts(STANDARD_OPTIONS, { yes: 5, no: 3, abstain: 0 }, 8)).toBeNull();
  });
});

describe('digest', () => {
  it('does not depend on the order ballots were read in', () => {
    const a = canonicalLines({ named: [{ attendeeId: 'b', optionIds: ['no'] }, { attendeeId: 'a', optionIds: ['yes'] }], secret: [], sites: [{ endpointId: 'e', counts: { no: 1, yes: 2 } }] });
    const b = canonicalLines({ named: [{ attendeeId: 'a', optionIds: ['yes'] }, { attendeeId: 'b', optionIds: ['no'] }], secret: [], sites: [{ endpointId: 'e', counts: { yes: 2, no: 1 } }] });
    expect(a).toEqual(b);
    expect(digestOf(a)).toBe(digestOf(b));
    expect(digestOf(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(digestOf(canonicalLines({ named: [], secret: [['yes'], ['no']], sites: [] }))).not.toBe(digestOf(canonicalLines({ named: [], secret: [['yes'], ['yes']], sites: [] })));
  });
});
