import { z } from 'zod';
import { fieldRule } from './errors';
import { text, type Aligned, type Assert } from './common';

/**
 * Voting ("biểu quyết") on an agenda item: per delegate (a phone ballot from a
 * personal link, or the operator recording a named attendee's vote), per site
 * (the operator enters the show of hands of the room), or both in one poll.
 */

export const POLL_STATUSES = ['draft', 'open', 'closed', 'published', 'cancelled'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

/** delegate: everyone votes one by one; site: every site reports counts; mixed: the sites listed in `siteEndpointIds` report counts, the others vote one by one. */
export const POLL_MODES = ['delegate', 'site', 'mixed'] as const;
export type PollMode = (typeof POLL_MODES)[number];

export const POLL_CHOICE_KINDS = ['standard', 'custom', 'election'] as const;
export type PollChoiceKind = (typeof POLL_CHOICE_KINDS)[number];

/** What a majority is counted of: the votes cast (abstentions left out), the members present when the poll opened, all members. */
export const MAJORITY_BASES = ['cast', 'present', 'members'] as const;
export type MajorityBase = (typeof MAJORITY_BASES)[number];

export const MAJORITY_PRESETS = ['majority_cast', 'majority_members', 'two_thirds_members', 'custom'] as const;
export type MajorityPreset = (typeof MAJORITY_PRESETS)[number];

/** A share: `strict` means more than numerator/denominator ("quá nửa"), otherwise at least ("ít nhất hai phần ba"). */
export interface Fraction {
  numerator: number;
  denominator: number;
  strict: boolean;
}

/** The majority rule, normalized: the preset it came from, its base and share. */
export interface MajorityRule extends Fraction {
  preset: MajorityPreset;
  base: MajorityBase;
}

export interface PollOption {
  /** stable inside the poll: yes / no / abstain, o1.. for custom options, c1.. for candidates */
  id: string;
  label: string;
  /** "không biểu quyết": counts as taking part, not as a vote cast */
  abstain: boolean;
}

export interface PollOptionResult {
  optionId: string;
  count: number;
  /** percentages with two decimals; null when the base is zero (or for an abstention, of the votes cast) */
  ofCast: number | null;
  ofPresent: number | null;
  ofMembers: number | null;
  /** elections: this candidate is elected */
  elected: boolean;
}

export interface NamedBallot {
  attendeeId: string;
  fullName: string;
  endpointId: string;
  optionIds: string[];
  /** how the vote came: the delegate's own link, or the operator on the console */
  via: 'link' | 'console';
  castAt: string;
}

export interface SiteCount {
  endpointId: string;
  counts: Record<string, number>;
  enteredAt: string;
}

export interface PollResult {
  /** everyone who took part: delegate ballots plus hands counted at sites */
  participants: number;
  /** votes cast: participants less abstentions */
  cast: number;
  members: number;
  present: number;
  quorumMet: boolean;
  options: PollOptionResult[];
  /** standard and custom: the winning option met the rule; elections: someone was elected */
  passed: boolean;
  /** custom options: the option that met the rule, if one did */
  winnerOptionId: string | null;
  /** SHA-256 (hex) over the canonical sorted list of ballots and site counts: a recount gives the same */
  digest: string;
  /** named polls: every name and choice (secret polls: empty) */
  named: NamedBallot[];
  sites: SiteCount[];
}

export interface PollTurnout {
  /** delegates who have voted (each once, whatever they changed) */
  voted: number;
  /** sites whose counts are in, of those that report counts */
  sitesCounted: number;
  sitesExpected: number;
}

export interface Poll {
  id: string;
  meetingId: string;
  agendaItemId: string | null;
  question: string;
  choiceKind: PollChoiceKind;
  options: PollOption[];
  /** elections: how many candidates a ballot may choose; 1 otherwise */
  maxChoices: number;
  secret: boolean;
  mode: PollMode;
  /** mixed polls: the sites that report counts */
  siteEndpointIds: string[];
  rule: MajorityRule;
  /** members that must be present when the poll opens; null: no quorum */
  quorum: Fraction | null;
  status: PollStatus;
  countdownSeconds: number | null;
  openedAt: string | null;
  /** with a countdown: ballots after this server time are refused */
  closesAt: string | null;
  closedAt: string | null;
  publishedAt: string | null;
  cancelledReason: string | null;
  /** fixed when the poll opens: voting members of the meeting, and those checked in */
  members: number | null;
  present: number | null;
  turnout: PollTurnout;
  /** once closed */
  result: PollResult | null;
  createdAt: string;
}

// ---- requests ----

const fractionSchema = z
  .object({
    numerator: z.number().int().min(1).max(99),
    denominator: z.number().int().min(1).max(100),
    strict: z.boolean(),
  })
  .strict()
  .refine((f) => f.numerator <= f.denominator, fieldRule('fraction_at_most_one', 'the numerator must not exceed the denominator', ['numerator']));

export const majorityRuleRequestSchema = z.discriminatedUnion('preset', [
  z.object({ preset: z.literal('majority_cast') }).strict(),
  z.object({ preset: z.literal('majority_members') }).strict(),
  z.object({ preset: z.literal('two_thirds_members') }).strict(),
  z.object({ preset: z.literal('custom'), base: z.enum(MAJORITY_BASES), numerator: z.number().int().min(1).max(99), denominator: z.number().int().min(1).max(100), strict: z.boolean() }).strict(),
]);
export type MajorityRuleRequest = z.infer<typeof majorityRuleRequestSchema>;

export const pollChoicesRequestSchema = z.discriminatedUnion('kind', [
  /** tán thành / không tán thành / không biểu quyết */
  z.object({ kind: z.literal('standard') }).strict(),
  z.object({ kind: z.literal('custom'), options: z.array(text(200)).min(2).max(20), withAbstain: z.boolean().default(true) }).strict(),
  z.object({ kind: z.literal('election'), candidates: z.array(text(200)).min(1).max(200), maxChoices: z.number().int().min(1).max(200) }).strict(),
]);

export const createPollRequestSchema = z
  .object({
    agendaItemId: z.uuid().nullable().default(null),
    question: text(1000),
    choices: pollChoicesRequestSchema.default({ kind: 'standard' }),
    secret: z.boolean().default(false),
    mode: z.enum(POLL_MODES).default('delegate'),
    siteEndpointIds: z.array(z.uuid()).max(5000).default([]),
    rule: majorityRuleRequestSchema.default({ preset: 'majority_members' }),
    quorum: fractionSchema.nullable().default({ numerator: 1, denominator: 2, strict: true }),
    countdownSeconds: z.number().int().min(10).max(3600).nullable().default(null),
  })
  .strict()
  .refine((p) => p.mode !== 'mixed' || p.siteEndpointIds.length > 0, fieldRule('mixed_needs_sites', 'a mixed poll names the sites that report counts', ['siteEndpointIds']))
  .refine((p) => p.choices.kind !== 'election' || p.mode === 'delegate', fieldRule('election_per_delegate', 'an election is voted one by one', ['mode']))
  .refine((p) => p.choices.kind !== 'election' || p.choices.maxChoices <= p.choices.candidates.length, fieldRule('max_choices_above_candidates', 'cannot choose more candidates than there are', ['choices', 'maxChoices']))
  .refine((p) => p.choices.kind !== 'custom' || new Set(p.choices.options).size === p.choices.options.length, fieldRule('option_listed_twice', 'an option is listed twice', ['choices', 'options']));
export type CreatePollRequest = z.input<typeof createPollRequestSchema>;

export const POLL_ACTIONS = ['open', 'close', 'publish', 'cancel'] as const;
export type PollAction = (typeof POLL_ACTIONS)[number];
export const pollTransitionRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('open') }).strict(),
  z.object({ action: z.literal('close') }).strict(),
  z.object({ action: z.literal('publish') }).strict(),
  z.object({ action: z.literal('cancel'), reason: text(500) }).strict(),
]);

/** option ids are short ASCII (yes, no, abstain, o1.., c1..); tokens are base64url */
const optionId = z.string().regex(/^[a-z0-9]{1,10}$/, 'must be an option id of the poll');
const optionIds = z.array(optionId).min(1).max(200);
const ballotToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'must be the token of a voting link');

/** The operator records the vote of a named attendee of its site (named polls). */
export const recordVoteRequestSchema = z.object({ endpointId: z.uuid(), attendeeId: z.uuid(), optionIds }).strict();

/** The operator enters the show of hands of its room: a count for every option. */
export const siteCountRequestSchema = z
  .object({
    endpointId: z.uuid(),
    counts: z.record(optionId, z.number({ message: 'must be a number' }).int().min(0).max(100_000)),
  })
  .strict();

/** A delegate's ballot from the personal link: the token (from the link's fragment, never a URL path) and the choice. */
export const castBallotRequestSchema = z.object({ token: ballotToken, pollId: z.uuid(), optionIds }).strict();
export const ballotQuerySchema = z.object({ token: ballotToken }).strict();

export const ballotSlipsRequestSchema = z.object({ attendeeIds: z.array(z.uuid()).max(5000).optional() }).strict();

export interface VoteReceipt {
  pollId: string;
  optionIds: string[];
  /** the vote replaced an earlier one of the same person */
  replaced: boolean;
  recordedAt: string;
}

/** A slip the endpoint console prints: the delegate's personal link (the web makes the QR code from `path`). */
export interface BallotSlip {
  attendeeId: string;
  fullName: string;
  position: string | null;
  /** appended to the site's address: '/phieu#<token>' (a fragment is never sent to a server or written to its logs) */
  path: string;
}

/** What the delegate's phone shows: who they are, and the polls they may vote in now. */
export interface BallotView {
  meetingId: string;
  meetingTitle: string;
  attendee: { fullName: string; position: string | null; endpointName: string };
  polls: { poll: Poll; mine: string[] | null; canVote: boolean }[];
}

export interface PollBallots {
  pollId: string;
  secret: boolean;
  /** the canonical lines the digest is taken over, sorted */
  lines: string[];
  digest: string;
}

// ---- response schemas ----

const iso = z.string();
const fractionOut = z.object({ numerator: z.number().int(), denominator: z.number().int(), strict: z.boolean() });
export const pollOptionSchema = z.object({ id: z.string(), label: z.string(), abstain: z.boolean() });
const pct = z.number().nullable();
export const pollResultSchema = z.object({
  participants: z.number().int(),
  cast: z.number().int(),
  members: z.number().int(),
  present: z.number().int(),
  quorumMet: z.boolean(),
  options: z.array(z.object({ optionId: z.string(), count: z.number().int(), ofCast: pct, ofPresent: pct, ofMembers: pct, elected: z.boolean() })),
  passed: z.boolean(),
  winnerOptionId: z.string().nullable(),
  digest: z.string(),
  named: z.array(z.object({ attendeeId: z.string(), fullName: z.string(), endpointId: z.string(), optionIds: z.array(z.string()), via: z.enum(['link', 'console']), castAt: iso })),
  sites: z.array(z.object({ endpointId: z.string(), counts: z.record(z.string(), z.number().int()), enteredAt: iso })),
});
export const pollSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  agendaItemId: z.string().nullable(),
  question: z.string(),
  choiceKind: z.enum(POLL_CHOICE_KINDS),
  options: z.array(pollOptionSchema),
  maxChoices: z.number().int(),
  secret: z.boolean(),
  mode: z.enum(POLL_MODES),
  siteEndpointIds: z.array(z.string()),
  rule: fractionOut.extend({ preset: z.enum(MAJORITY_PRESETS), base: z.enum(MAJORITY_BASES) }),
  quorum: fractionOut.nullable(),
  status: z.enum(POLL_STATUSES),
  countdownSeconds: z.number().int().nullable(),
  openedAt: iso.nullable(),
  closesAt: iso.nullable(),
  closedAt: iso.nullable(),
  publishedAt: iso.nullable(),
  cancelledReason: z.string().nullable(),
  members: z.number().int().nullable(),
  present: z.number().int().nullable(),
  turnout: z.object({ voted: z.number().int(), sitesCounted: z.number().int(), sitesExpected: z.number().int() }),
  result: pollResultSchema.nullable(),
  createdAt: iso,
});
export const voteReceiptSchema = z.object({ pollId: z.string(), optionIds: z.array(z.string()), replaced: z.boolean(), recordedAt: iso });
export const ballotSlipSchema = z.object({ attendeeId: z.string(), fullName: z.string(), position: z.string().nullable(), path: z.string() });
export const ballotViewSchema = z.object({
  meetingId: z.string(),
  meetingTitle: z.string(),
  attendee: z.object({ fullName: z.string(), position: z.string().nullable(), endpointName: z.string() }),
  polls: z.array(z.object({ poll: pollSchema, mine: z.array(z.string()).nullable(), canVote: z.boolean() })),
});
export const pollBallotsSchema = z.object({ pollId: z.string(), secret: z.boolean(), lines: z.array(z.string()), digest: z.string() });

export type _VotingSchemasAligned = [
  Assert<Aligned<z.output<typeof pollSchema>, Poll>>,
  Assert<Aligned<z.output<typeof voteReceiptSchema>, VoteReceipt>>,
  Assert<Aligned<z.output<typeof ballotSlipSchema>, BallotSlip>>,
  Assert<Aligned<z.output<typeof ballotViewSchema>, BallotView>>,
  Assert<Aligned<z.output<typeof pollBallotsSchema>, PollBallots>>,
];
