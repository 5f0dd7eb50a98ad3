import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Fraction, MajorityRule, PollChoiceKind, PollMode, PollOption, PollResult, PollStatus } from '@app/contracts';

@Entity('polls')
export class PollEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') meetingId!: string;
  @Column('uuid', { nullable: true }) agendaItemId!: string | null;
  @Column('text') question!: string;
  @Column('text') choiceKind!: PollChoiceKind;
  @Column('jsonb') options!: PollOption[];
  @Column('integer') maxChoices!: number;
  @Column('boolean') secret!: boolean;
  @Column('text') mode!: PollMode;
  @Column('uuid', { array: true }) siteEndpointIds!: string[];
  @Column('jsonb') rule!: MajorityRule;
  @Column('jsonb', { nullable: true }) quorum!: Fraction | null;
  @Column('text') status!: PollStatus;
  @Column('integer', { nullable: true }) countdownSeconds!: number | null;
  @Column('timestamptz', { nullable: true }) openedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) closesAt!: Date | null;
  @Column('timestamptz', { nullable: true }) closedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) publishedAt!: Date | null;
  @Column('text', { nullable: true }) cancelledReason!: string | null;
  @Column('integer', { nullable: true }) members!: number | null;
  @Column('integer', { nullable: true }) present!: number | null;
  @Column('jsonb', { nullable: true }) result!: PollResult | null;
  @Column('uuid', { nullable: true }) createdBy!: string | null;
  @Column('timestamptz') createdAt!: Date;
}

/** A site's voting members and those checked in, fixed when the poll opened. */
@Entity('poll_sites')
export class PollSiteEntity {
  @PrimaryColumn('uuid') pollId!: string;
  @PrimaryColumn('uuid') endpointId!: string;
  @Column('integer') members!: number;
  @Column('integer') present!: number;
  /** the site reports a show of hands instead of delegate ballots */
  @Column('boolean') countsHands!: boolean;
}

@Entity('poll_site_counts')
export class PollSiteCountEntity {
  @PrimaryColumn('uuid') pollId!: string;
  @PrimaryColumn('uuid') endpointId!: string;
  @Column('jsonb') counts!: Record<string, number>;
  @Column('uuid', { nullable: true }) enteredBy!: string | null;
  @Column('timestamptz') enteredAt!: Date;
}

/** Append-only: a changed vote is a new row; the newest row of an attendee is their vote. */
@Entity('poll_named_ballots')
export class PollNamedBallotEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid') pollId!: string;
  @Column('uuid') attendeeId!: string;
  @Column('uuid') endpointId!: string;
  @Column('jsonb') optionIds!: string[];
  @Column('text') via!: 'link' | 'console';
  @Column('uuid', { nullable: true }) recordedBy!: string | null;
  @Column('timestamptz') castAt!: Date;
}

/** Has voted: no time, no choice. */
@Entity('poll_voters')
export class PollVoterEntity {
  @PrimaryColumn('uuid') pollId!: string;
  @PrimaryColumn('uuid') attendeeId!: string;
  @Column('uuid') endpointId!: string;
}

/** What was chosen in a secret poll: no attendee, no time, a random id. */
@Entity('poll_secret_choices')
export class PollSecretChoiceEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') pollId!: string;
  @Column('bytea', { nullable: true }) ballotKey!: Buffer | null;
  @Column('jsonb') optionIds!: string[];
}

/** A delegate's one-meeting voting link: only the SHA-256 of its token is kept. */
@Entity('voting_tokens')
export class VotingTokenEntity {
  @PrimaryColumn('bytea') tokenHash!: Buffer;
  @Column('uuid') meetingId!: string;
  @Column('uuid') attendeeId!: string;
  @Column('uuid', { nullable: true }) issuedBy!: string | null;
  @Column('timestamptz') issuedAt!: Date;
  @Column('timestamptz', { nullable: true }) revokedAt!: Date | null;
}

export const VOTING_ENTITIES = [PollEntity, PollSiteEntity, PollSiteCountEntity, PollNamedBallotEntity, PollVoterEntity, PollSecretChoiceEntity, VotingTokenEntity];
