import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  localDateOf,
  createMinutesEntrySchema,
  updateMinutesEntrySchema,
  type MeetingCapability,
  type MinutesAction,
  type MinutesMoveDirection,
  type MinutesDiffEntry,
  type MinutesEntry,
  type MinutesEntryVersion,
  type MinutesRevision,
  type MinutesRevisionSummary,
  type MinutesState,
  type Page,
  type Poll,
  type SpeakerTurn,
  type SpeechKind,
  fieldError,
} from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import { CommonException } from '../common/domain.exception';
import { AccountEntity } from '../accounts/account.entity';
import { MeetingEventsService, type MeetingTx } from '../meetings/meeting-events.service';
import { meetingViews } from '../meetings/meeting-views';
import { MeetingEntity } from '../meetings/meeting.entities';
import { MeetingsService } from '../meetings/meetings.service';
import { insertSelect, updateById } from '../meetings/write-sql';
import { MeetingPolicy } from '../policy/meeting-policy';
import { OrganizationEntity } from '../organizations/organization.entity';
import { SpeakersService } from '../speakers/speakers.service';
import { TasksService } from '../tasks/tasks.service';
import { pollMinutesText } from '../voting/voting-minutes';
import { contentHash, diffRevisions, editRefusal, movedPosition, nextMinutesStatus } from './minutes-rules';
import { correctionViews, entryViews, historyRow, minutesState, openCorrection, recordHistory, speechFacts, type KnownNames } from './minutes-views';
import { MinutesCorrectionEntity, MinutesEntryEntity, MinutesEntryHistoryEntity, MinutesRevisionEntity } from './minutes.entities';
import { MinutesErrorCode, MinutesException } from './minutes.exception';

/** The chair approves; the chair or a secretary sends reviewed minutes back; the rest is the secretaries'. */
const MINUTES_CAPABILITY = { submit: 'minutes.submit', approve: 'minutes.approve', reopen: 'minutes.reopen', publish: 'minutes.publish' } as const satisfies Record<MinutesAction, MeetingCapability>;

/**
 * The minutes: entries edited live by the meeting's secretaries, each with a
 * version (a stale edit is refused with the current content, on any api
 * process: the row is locked and compared in PostgreSQL). Publishing freezes a
 * revision with its SHA-256; changing it then takes a correction started on
 * purpose with a reason ("Bắt đầu đính chính"), which becomes the next
 * revision; both stay readable with a diff. In review and approved, the
 * working copy is read-only until sent back.
 */
/** The sentence a speech record opens with, naming the speech's kind (not every speech with a topic is a prepared contribution). */
const SPEECH_VERBS: Record<SpeechKind, string> = {
  prepared: 'trình bày tham luận',
  contribution: 'phát biểu',
  for: 'phát biểu ủng hộ',
  against: 'phát biểu phản đối',
  intervention: 'phát biểu can thiệp',
  interposed_question: 'nêu câu hỏi xen',
  point_of_order: 'nêu kiến nghị về thủ tục',
};
export function speechRecordText(speakerName: string, kind: SpeechKind, topic: string | null): string {
  return topic ? `${speakerName} ${SPEECH_VERBS[kind]} với chủ đề: “${topic}”.` : `${speakerName} ${SPEECH_VERBS[kind]}.`;
}

@Injectable()
export class MinutesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: MeetingEventsService,
    private readonly meetings: MeetingsService,
    private readonly speakers: SpeakersService,
    private readonly tasks: TasksService,
    private readonly policy: MeetingPolicy,
  ) {
    // A turn that ends puts its speech record into the draft minutes, in the transaction that ends it.
    this.events.onAppend('turns.upserted', (tx, e) => this.recordEndedTurns(tx, e.meetingId, e.payload.turns));
    // A published poll puts its result into the draft minutes, in the transaction that publishes it.
    this.events.onAppend('poll.upserted', (tx, e) => (e.payload.poll.status === 'published' ? this.recordPoll(tx, e.meetingId, e.payload.poll) : Promise.resolve()));
  }

  async state(user: AuthUser, meetingId: string): Promise<MinutesState> {
    return minutesState(this.db.manager, await this.meetings.requireVisible(user, meetingId));
  }

  /** The working minutes, read in `m` (the snapshot's transaction). */
  stateOf(m: EntityManager, meeting: MeetingEntity): Promise<MinutesState> {
    return minutesState(m, meeting);
  }

  async addEntry(user: AuthUser, meetingId: string, input: z.output<typeof createMinutesEntrySchema>): Promise<MinutesEntry> {
    return this.events.command(meetingId, async (tx) => {
      const meeting = await this.openForEdit(tx, user, meetingId);
      await this.checkAgendaItem(tx.manager, meetingId, input.agendaItemId);
      await this.checkTask(tx.manager, input.kind === 'task', input.leadOrganizationId ?? null, input.coOrganizationIds ?? [], input.deadline ?? null);
      const row = await this.insertEntry(tx.manager, meeting, {
        kind: input.kind,
        text: input.text,
        agendaItemId: input.agendaItemId,
        position: await this.positionAfter(tx.manager, meeting, input.afterEntryId ?? null),
        leadOrganizationId: input.kind === 'task' ? (input.leadOrganizationId ?? null) : null,
        coOrganizationIds: input.kind === 'task' ? (input.coOrganizationIds ?? []) : [],
        deadline: input.kind === 'task' ? (input.deadline ?? null) : null,
        updatedBy: user.id,
      });
      return this.emitEntry(tx, row, 'created', user.id);
    });
  }

  async updateEntry(user: AuthUser, meetingId: string, entryId: string, input: z.output<typeof updateMinutesEntrySchema>): Promise<MinutesEntry> {
    // What does not depend on the minutes' state is checked, and the names the view shows are read, before the meeting's turn.
    const m0 = this.db.manager;
    await this.policy.require(user, meetingId, 'minutes.edit', undefined, m0);
    if (input.agendaItemId !== undefined) await this.checkAgendaItem(m0, meetingId, input.agendaItemId);
    const taskFieldsGiven = input.leadOrganizationId !== undefined || input.coOrganizationIds !== undefined || input.deadline !== undefined;
    const taskRefusal = taskFieldsGiven ? await this.checkTask(m0, true, input.leadOrganizationId ?? null, input.coOrganizationIds ?? [], input.deadline ?? null).then(() => null, (err: unknown) => err) : null;
    const known = await this.knownNames(m0, user.id, [input.leadOrganizationId ?? null, ...(input.coOrganizationIds ?? [])]);
    return this.events.command(
      meetingId,
      async (tx) => {
        // the meeting (FOR KEY SHARE: other entries' editors go on together) and the entry (FOR UPDATE), in one statement
        const [meeting, row] = await tx.lockMeetingWith(meetingId, MinutesEntryEntity, entryId, 'key_share');
        this.checkEditable(meeting);
        if (!row) throw new MinutesException(MinutesErrorCode.EntryNotFound, 'Minutes entry not found', { entryId });
        if (row.version !== input.version) {
          throw new MinutesException(MinutesErrorCode.Stale, 'Another secretary changed this entry; your edit was not applied. Here is the current text.', {
            entry: (await entryViews(tx.manager, [row]))[0],
          });
        }
        const isTask = row.kind === 'task';
        if (isTask && taskRefusal) throw taskRefusal;
        const lead = input.leadOrganizationId !== undefined ? input.leadOrganizationId : row.leadOrganizationId;
        const co = input.coOrganizationIds ?? row.coOrganizationIds;
        const deadline = input.deadline !== undefined ? input.deadline : row.deadline;
        Object.assign(row, {
          ...(input.text !== undefined ? { text: input.text } : {}),
          ...(input.agendaItemId !== undefined ? { agendaItemId: input.agendaItemId } : {}),
          ...(isTask ? { leadOrganizationId: lead, coOrganizationIds: co, deadline } : {}),
          version: row.version + 1,
          updatedBy: user.id,
          updatedAt: new Date(),
        });
        const { text, agendaItemId, leadOrganizationId, coOrganizationIds, deadline: due, version, updatedBy, updatedAt } = row;
        const update = updateById(tx.manager, MinutesEntryEntity, row.id, { text, agendaItemId, leadOrganizationId, coOrganizationIds, deadline: due, version, updatedBy, updatedAt });
        tx.defer(update.sql, update.params);
        const entry = (await entryViews(tx.manager, [row], known))[0];
        const history = insertSelect(tx.manager, MinutesEntryHistoryEntity, historyRow(entry, 'updated', user.id));
        tx.defer(history.sql, history.params);
        await tx.append(meetingId, 'minutes.entry_upserted', { entry }, user.id);
        return entry;
      },
      { shared: true },
    );
  }

  /** The editor's name and the named organizations', read outside the lock for the view. */
  private async knownNames(m: EntityManager, accountId: string, organizationIds: (string | null)[]): Promise<KnownNames> {
    const orgIds = [...new Set(organizationIds.filter((x): x is string => !!x))];
    const [account, orgs] = await Promise.all([
      m.getRepository(AccountEntity).findOne({ where: { id: accountId }, select: { id: true, fullName: true } }),
      orgIds.length ? m.getRepository(OrganizationEntity).find({ where: { id: In(orgIds) }, select: { id: true, name: true } }) : Promise.resolve([]),
    ]);
    return { accounts: new Map(account ? [[account.id, account.fullName]] : []), organizations: new Map(orgs.map((o) => [o.id, o.name])) };
  }

  /** An entry belongs to an item of its own meeting: an unknown id was a foreign-key 500, another meeting's item was stored. */
  private async checkAgendaItem(m: EntityManager, meetingId: string, agendaItemId: string | null): Promise<void> {
    if (agendaItemId && !(await this.meetings.hasAgendaItem(m, meetingId, agendaItemId))) {
      throw new MinutesException(MinutesErrorCode.UnknownAgendaItem, 'The agenda item is not part of this meeting', {}, [fieldError('agendaItemId', 'not_found', 'is not an item of this meeting')]);
    }
  }

  async removeEntry(user: AuthUser, meetingId: string, entryId: string): Promise<void> {
    await this.events.command(meetingId, async (tx) => {
      await this.openForEdit(tx, user, meetingId, 'entry');
      const row = await tx.manager.getRepository(MinutesEntryEntity).findOne({ where: { id: entryId, meetingId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new MinutesException(MinutesErrorCode.EntryNotFound, 'Minutes entry not found', { entryId });
      await recordHistory(tx.manager, (await entryViews(tx.manager, [row]))[0], 'removed', user.id);
      await tx.manager.getRepository(MinutesEntryEntity).delete({ id: entryId });
      await tx.append(meetingId, 'minutes.entry_removed', { entryId }, user.id);
    });
  }

  /**
   * Moves an entry one place, under the meeting's lock (FOR UPDATE): two secretaries moving at once
   * are serialized, each sees the other's move as a sequenced event, and all end in one order.
   * The text's version is untouched (a move is not an edit of the text: it never makes a typist's autosave stale).
   */
  async moveEntry(user: AuthUser, meetingId: string, entryId: string, direction: MinutesMoveDirection): Promise<MinutesEntry> {
    return this.events.command(meetingId, async (tx) => {
      const meeting = await this.openForEdit(tx, user, meetingId);
      const m = tx.manager;
      const repo = m.getRepository(MinutesEntryEntity);
      let sorted: { id: string; position: number }[] = await repo.find({ where: { meetingId }, order: { position: 'ASC' }, select: { id: true, position: true } });
      if (!sorted.some((e) => e.id === entryId)) throw new MinutesException(MinutesErrorCode.EntryNotFound, 'Minutes entry not found', { entryId });
      let position = movedPosition(sorted, entryId, direction);
      if (position === null) throw new MinutesException(MinutesErrorCode.AtEdge, `The entry is already the ${direction === 'up' ? 'first' : 'last'}`, { direction });
      if (sorted.some((e) => e.position === position)) {
        // the doubles between two neighbours ran out (many moves between the same two): number them afresh
        sorted = await this.renumber(tx, meeting, user.id);
        position = movedPosition(sorted, entryId, direction)!;
      }
      await repo.update({ id: entryId }, { position });
      const row = await repo.findOneByOrFail({ id: entryId });
      const [entry] = await entryViews(m, [row]);
      await tx.append(meetingId, 'minutes.entry_upserted', { entry }, user.id);
      return entry;
    });
  }

  /** Numbers the entries 1, 2, 3 ... in their order (one event each), when positions between two neighbours ran out. */
  private async renumber(tx: MeetingTx, meeting: MeetingEntity, actorId: string) {
    const repo = tx.manager.getRepository(MinutesEntryEntity);
    const rows = await repo.find({ where: { meetingId: meeting.id }, order: { position: 'ASC' } });
    for (const [i, row] of rows.entries()) {
      row.position = i + 1;
      await repo.update({ id: row.id }, { position: row.position });
      await tx.append(meeting.id, 'minutes.entry_upserted', { entry: (await entryViews(tx.manager, [row]))[0] }, actorId);
    }
    meeting.minutesCounter = Math.max(meeting.minutesCounter, rows.length);
    await tx.manager.getRepository(MeetingEntity).update({ id: meeting.id }, { minutesCounter: meeting.minutesCounter });
    return rows.map((r) => ({ id: r.id, position: r.position }));
  }

  /**
   * "Bắt đầu đính chính": published minutes become a draft again only this way, with a reason that is
   * kept with who and when, shown in the revision history and published with the next revision.
   */
  async startCorrection(user: AuthUser, meetingId: string, reason: string): Promise<MinutesState> {
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      await this.policy.require(user, meetingId, 'minutes.edit', undefined, m);
      const locked = await tx.lockMeeting(meetingId);
      if (locked.minutesStatus !== 'published') {
        throw new MinutesException(MinutesErrorCode.NotPublished, `Only published minutes are corrected; these are ${locked.minutesStatus.replace('_', ' ')}`, { status: locked.minutesStatus });
      }
      await m.getRepository(MinutesCorrectionEntity).insert({ meetingId, revision: locked.minutesRevision, reason, startedBy: user.id, startedAt: new Date(), publishedRevision: null });
      locked.minutesStatus = 'draft';
      await m.getRepository(MeetingEntity).update({ id: meetingId }, { minutesStatus: 'draft' });
      const correction = await openCorrection(m, meetingId);
      await tx.append(meetingId, 'minutes.status_changed', { status: 'draft', revision: locked.minutesRevision, correction }, user.id);
      return minutesState(m, locked);
    });
  }

  /** Inserts the speech record of a finished turn (the last one when none is named). */
  async addSpeechRecord(user: AuthUser, meetingId: string, turnId?: string): Promise<MinutesEntry> {
    return this.events.command(meetingId, async (tx) => {
      const meeting = await this.openForEdit(tx, user, meetingId);
      const m = tx.manager;
      const turn = await this.speakers.finishedTurn(m, meetingId, turnId);
      if (!turn) throw new MinutesException(MinutesErrorCode.NoTurn, 'There is no finished speaker turn to record');
      const existing = await m.getRepository(MinutesEntryEntity).findOneBy({ turnId: turn.id });
      if (existing) return (await entryViews(m, [existing]))[0];
      const row = await this.recordSpeech(m, meeting, turn, user.id);
      return this.emitEntry(tx, row, 'created', user.id);
    });
  }

  /** The speech records of the turns that ended in this event, while the minutes are a draft or in review (once per turn). */
  private async recordEndedTurns(tx: MeetingTx, meetingId: string, turns: SpeakerTurn[]) {
    const ended = turns.filter((t) => t.endedAt !== null);
    if (!ended.length) return;
    const m = tx.manager;
    const meeting = await m.getRepository(MeetingEntity).findOneByOrFail({ id: meetingId });
    // only into a draft: minutes in review are read-only until sent back
    if (meeting.minutesStatus !== 'draft') return;
    for (const turn of ended) {
      if (await m.getRepository(MinutesEntryEntity).existsBy({ turnId: turn.id })) continue;
      const row = await this.recordSpeech(m, meeting, turn, null);
      const [entry] = await entryViews(m, [row]);
      await recordHistory(m, entry, 'created', null);
      await tx.append(meetingId, 'minutes.entry_upserted', { entry }, null);
    }
  }

  private async recordPoll(tx: MeetingTx, meetingId: string, poll: Poll) {
    const m = tx.manager;
    const meeting = await m.getRepository(MeetingEntity).findOneByOrFail({ id: meetingId });
    if (meeting.minutesStatus !== 'draft') return;
    meeting.minutesCounter += 1;
    await m.getRepository(MeetingEntity).update({ id: meeting.id }, { minutesCounter: meeting.minutesCounter });
    const row = await this.insertEntry(m, meeting, { kind: 'note', position: meeting.minutesCounter, agendaItemId: poll.agendaItemId, text: pollMinutesText(poll), updatedBy: null });
    const [entry] = await entryViews(m, [row]);
    await recordHistory(m, entry, 'created', null);
    await tx.append(meetingId, 'minutes.entry_upserted', { entry }, null);
  }

  async transition(user: AuthUser, meetingId: string, action: MinutesAction): Promise<MinutesState> {
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      await this.policy.require(user, meetingId, MINUTES_CAPABILITY[action], undefined, m);
      const locked = await tx.lockMeeting(meetingId);
      const to = nextMinutesStatus(locked.minutesStatus, action);
      if (!to) {
        throw new MinutesException(MinutesErrorCode.IllegalTransition, `Cannot ${action} minutes that are ${locked.minutesStatus.replace('_', ' ')}`, { status: locked.minutesStatus, action });
      }
      if (action === 'publish') {
        if (!['ended', 'minutes_published'].includes(locked.status)) {
          throw new MinutesException(MinutesErrorCode.MeetingNotEnded, 'Minutes are published after the meeting has ended', { status: locked.status });
        }
        await this.publish(tx, locked, user);
      }
      locked.minutesStatus = to;
      await m.getRepository(MeetingEntity).update({ id: meetingId }, { minutesStatus: to, minutesRevision: locked.minutesRevision });
      await tx.append(meetingId, 'minutes.status_changed', { status: to, revision: locked.minutesRevision, ...(action === 'publish' ? { correction: null } : {}) }, user.id);
      return minutesState(m, locked);
    });
  }

  async revisions(user: AuthUser, meetingId: string): Promise<MinutesRevisionSummary[]> {
    await this.meetings.requireVisible(user, meetingId);
    const rows = await this.db.getRepository(MinutesRevisionEntity).find({ where: { meetingId }, order: { number: 'ASC' } });
    const names = await this.names(rows.map((r) => r.publishedBy));
    const corrections = await this.db.getRepository(MinutesCorrectionEntity).find({ where: { meetingId } });
    const views = await correctionViews(this.db.manager, corrections);
    const byRevision = new Map(corrections.map((c, i) => [c.publishedRevision, views[i]]));
    return rows.map((r) => ({ number: r.number, contentHash: r.contentHash, publishedByName: names.get(r.publishedBy ?? '') ?? '', publishedAt: r.publishedAt.toISOString(), correction: byRevision.get(r.number) ?? null }));
  }

  async revision(user: AuthUser, meetingId: string, number: number): Promise<MinutesRevision> {
    await this.meetings.requireVisible(user, meetingId);
    const row = await this.db.getRepository(MinutesRevisionEntity).findOneBy({ meetingId, number });
    if (!row) throw new MinutesException(MinutesErrorCode.RevisionNotFound, `Revision ${number} does not exist`, { number });
    const names = await this.names([row.publishedBy]);
    return { meetingId, number, contentHash: row.contentHash, publishedBy: row.publishedBy ?? '', publishedByName: names.get(row.publishedBy ?? '') ?? '', publishedAt: row.publishedAt.toISOString(), entries: row.content };
  }

  async diff(user: AuthUser, meetingId: string, from: number, to: number): Promise<MinutesDiffEntry[]> {
    const [a, b] = await Promise.all([this.revision(user, meetingId, from), this.revision(user, meetingId, to)]);
    return diffRevisions(a.entries, b.entries);
  }

  /** Every saved version of an entry, oldest first, one page (an entry typed live is saved hundreds of times). */
  async history(user: AuthUser, meetingId: string, entryId: string, page: { limit: number; offset: number } = { limit: 100, offset: 0 }): Promise<Page<MinutesEntryVersion>> {
    await this.meetings.requireVisible(user, meetingId);
    const [rows, total] = await this.db.getRepository(MinutesEntryHistoryEntity).findAndCount({ where: { meetingId, entryId }, order: { id: 'ASC' }, skip: page.offset, take: page.limit });
    // every entry ever written has at least its 'created' version (deleted ones keep theirs): none means no such entry here
    if (total === 0) throw new MinutesException(MinutesErrorCode.EntryNotFound, 'Minutes entry not found', { entryId });
    const names = await this.names(rows.map((r) => r.actorId));
    const items = rows.map((r) => ({ version: r.version, action: r.action, actorName: names.get(r.actorId ?? '') ?? null, at: r.at.toISOString(), text: r.content.text }));
    return { items, total, limit: page.limit, offset: page.offset };
  }

  // ---------- helpers ----------

  /**
   * Checks that the caller writes these minutes and that they are editable, and locks the
   * meeting: `meeting` (FOR UPDATE) for changes to the list of entries, which use its counters;
   * `entry` (FOR KEY SHARE) for a change to one existing entry, which locks that entry itself.
   * KEY SHARE keeps review/publish (FOR UPDATE) out while the edit runs but lets secretaries
   * editing different entries proceed together; they queue only for the seq, which
   * `append` takes last (the minutes benchmark: ten secretaries autosaving).
   */
  private async openForEdit(tx: MeetingTx, user: AuthUser, meetingId: string, scope: 'meeting' | 'entry' = 'meeting'): Promise<MeetingEntity> {
    const m = tx.manager;
    await this.policy.require(user, meetingId, 'minutes.edit', undefined, m);
    const meeting = await tx.lockMeeting(meetingId, scope === 'meeting' ? 'update' : 'key_share');
    this.checkEditable(meeting);
    return meeting;
  }

  /** The minutes of `meeting` may be edited now; else the refusal that says why. */
  private checkEditable(meeting: MeetingEntity) {
    if (meeting.status === 'cancelled') {
      throw new MinutesException(MinutesErrorCode.NotEditable, 'The minutes of a cancelled meeting cannot be edited', { status: meeting.minutesStatus });
    }
    switch (editRefusal(meeting.minutesStatus)) {
      case null:
        break;
      case 'in_review':
        throw new MinutesException(MinutesErrorCode.InReview, 'The minutes are awaiting approval and are read-only; send them back to edit', { status: meeting.minutesStatus });
      case 'approved':
        throw new MinutesException(MinutesErrorCode.NotEditable, 'Approved minutes cannot be edited; send them back to draft first', { status: meeting.minutesStatus });
      case 'needs_correction':
        // never a silent return to draft: a correction is started on purpose, with its reason
        throw new MinutesException(MinutesErrorCode.CorrectionRequired, 'The minutes are published; start a correction (with its reason) to change them', { status: meeting.minutesStatus, revision: meeting.minutesRevision });
    }
  }

  private async checkTask(m: EntityManager, isTask: boolean, lead: string | null, co: string[], deadline: string | null) {
    if (!isTask) return;
    const ids = [...new Set([lead, ...co].filter((x): x is string => !!x))];
    const found = ids.length ? await m.getRepository(OrganizationEntity).countBy({ id: In(ids) }) : 0;
    if (found !== ids.length) {
      throw new MinutesException(MinutesErrorCode.UnknownOrganization, 'An organization named in the task does not exist', {}, [fieldError('leadOrganizationId/coOrganizationIds', 'not_found', 'does not exist')]);
    }
    if (deadline && deadline < localDateOf(new Date())) {
      throw new MinutesException(MinutesErrorCode.DeadlinePast, 'The deadline is in the past', { deadline }, [fieldError('deadline', 'in_past', 'is in the past')]);
    }
  }

  private async positionAfter(m: EntityManager, meeting: MeetingEntity, afterId: string | null): Promise<number> {
    if (afterId) {
      const after = await m.getRepository(MinutesEntryEntity).findOneBy({ id: afterId, meetingId: meeting.id });
      if (!after) throw new MinutesException(MinutesErrorCode.EntryNotFound, 'The entry to insert after does not exist', { afterEntryId: afterId });
      const next = await m.getRepository(MinutesEntryEntity).createQueryBuilder('e').where('e.meeting_id = :id AND e.position > :p', { id: meeting.id, p: after.position }).orderBy('e.position').getOne();
      if (next) return (after.position + next.position) / 2;
    }
    meeting.minutesCounter += 1;
    await m.getRepository(MeetingEntity).update({ id: meeting.id }, { minutesCounter: meeting.minutesCounter });
    return meeting.minutesCounter;
  }

  private async insertEntry(m: EntityManager, meeting: MeetingEntity, fields: Partial<MinutesEntryEntity>): Promise<MinutesEntryEntity> {
    return m.getRepository(MinutesEntryEntity).save(
      m.getRepository(MinutesEntryEntity).create({
        meetingId: meeting.id,
        agendaItemId: null,
        text: '',
        speech: null,
        turnId: null,
        leadOrganizationId: null,
        coOrganizationIds: [],
        deadline: null,
        version: 1,
        updatedAt: new Date(),
        ...fields,
      }),
    );
  }

  /** Writes the speech record of a finished turn into the working minutes. */
  private async recordSpeech(m: EntityManager, meeting: MeetingEntity, turn: SpeakerTurn, actorId: string | null): Promise<MinutesEntryEntity> {
    const facts = await speechFacts(m, turn);
    meeting.minutesCounter += 1;
    await m.getRepository(MeetingEntity).update({ id: meeting.id }, { minutesCounter: meeting.minutesCounter });
    return this.insertEntry(m, meeting, {
      kind: 'speech',
      position: meeting.minutesCounter,
      agendaItemId: turn.agendaItemId,
      text: speechRecordText(facts.speakerName, turn.kind, facts.topic),
      speech: facts,
      turnId: turn.id,
      updatedBy: actorId,
    });
  }

  private async emitEntry(tx: MeetingTx, row: MinutesEntryEntity, action: 'created' | 'updated', actorId: string) {
    const entry = (await entryViews(tx.manager, [row]))[0];
    await recordHistory(tx.manager, entry, action, actorId);
    await tx.append(row.meetingId, 'minutes.entry_upserted', { entry }, actorId);
    return entry;
  }

  private async publish(tx: MeetingTx, meeting: MeetingEntity, user: AuthUser) {
    const m = tx.manager;
    const entries = await entryViews(m, await m.getRepository(MinutesEntryEntity).find({ where: { meetingId: meeting.id }, order: { position: 'ASC' } }));
    meeting.minutesRevision += 1;
    await m.getRepository(MinutesRevisionEntity).insert({ meetingId: meeting.id, number: meeting.minutesRevision, content: entries, contentHash: contentHash(entries), publishedBy: user.id, publishedAt: new Date() });
    await this.tasks.assignFromRevision(m, meeting.id, meeting.minutesRevision, entries);
    // the correction under way (if any) is what this revision publishes
    await m.getRepository(MinutesCorrectionEntity).update({ meetingId: meeting.id, publishedRevision: IsNull() }, { publishedRevision: meeting.minutesRevision });
    if (meeting.status === 'ended') {
      meeting.status = 'minutes_published';
      meeting.version += 1;
      await m.getRepository(MeetingEntity).update({ id: meeting.id }, { status: 'minutes_published', version: meeting.version });
      const view = (await meetingViews(m, [meeting]))[0];
      await tx.append(meeting.id, 'meeting.status_changed', { meeting: view, from: 'ended', to: 'minutes_published', reason: null }, user.id);
    }
  }

  private async names(ids: (string | null)[]) {
    const unique = [...new Set(ids.filter((x): x is string => !!x))];
    return new Map((unique.length ? await this.db.getRepository(AccountEntity).findBy({ id: In(unique) }) : []).map((a) => [a.id, a.fullName]));
  }

}
