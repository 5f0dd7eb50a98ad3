import type { AgendaItem, MeetingSnapshot, Poll, PollOptionResult, SpeakerTurn } from '@app/contracts';

/** The speech now on the floor. */
export const currentTurn = (state: MeetingSnapshot): SpeakerTurn | null => state.speakers.turns.find((t) => t.endedAt === null) ?? null;

/**
 * The agenda item the hall is on: the current speech's, else the last speech's, else the
 * item whose planned time covers now (the agenda has no "current item" of its own).
 */
export function currentAgendaItem(state: MeetingSnapshot, now: number): AgendaItem | null {
  const items = state.agenda.sessions.flatMap((s) => s.items);
  const byId = (id: string | null | undefined) => (id ? (items.find((i) => i.id === id) ?? null) : null);
  const turn = currentTurn(state);
  if (turn?.agendaItemId) return byId(turn.agendaItemId);
  const last = [...state.speakers.turns].filter((t) => t.agendaItemId).sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
  if (last) return byId(last.agendaItemId);
  return items.find((i) => Date.parse(i.plannedStart) <= now && now < Date.parse(i.plannedEnd)) ?? null;
}

/**
 * The poll the hall sees: one open now; otherwise the newest closed (or published) result,
 * until the next speech starts after it closed. Cancelled and draft polls never show.
 */
export function hallPoll(state: MeetingSnapshot): Poll | null {
  const open = state.polls.filter((p) => p.status === 'open').sort((a, b) => (b.openedAt ?? '').localeCompare(a.openedAt ?? ''))[0];
  if (open) return open;
  const done = state.polls.filter((p) => (p.status === 'closed' || p.status === 'published') && p.result && p.closedAt).sort((a, b) => b.closedAt!.localeCompare(a.closedAt!))[0];
  if (!done) return null;
  const laterSpeech = state.speakers.turns.some((t) => t.startedAt > done.closedAt!);
  return laterSpeech ? null : done;
}

/** The share the poll's rule counts on: of votes cast, of those present, or of all members. */
export const shareOf = (poll: Poll, o: PollOptionResult): number | null => (poll.rule.base === 'cast' ? o.ofCast : poll.rule.base === 'present' ? o.ofPresent : o.ofMembers);

/** "32/34": sites whose console is connected, of all invited. */
export function connectedCount(state: MeetingSnapshot): { connected: number; total: number } {
  const ids = new Set(state.endpoints.map((e) => e.id));
  return { connected: state.presence.filter((p) => ids.has(p.endpointId) && p.state === 'connected').length, total: state.endpoints.length };
}

/**
 * A national conference's totals for the hall (issue 21): every site and the people present, the
 * headcount of headcount sites and the checked-in attendees of roster sites; null for a meeting
 * without child sites.
 */
export function nationalTotals(state: MeetingSnapshot): { connected: number; sites: number; people: number } | null {
  if (!state.endpoints.some((e) => e.parentEndpointId)) return null;
  const rosterIds = new Set(state.endpoints.filter((e) => e.attendanceMode === 'roster').map((e) => e.id));
  const people =
    state.endpoints.reduce((n, e) => n + (e.attendanceMode === 'headcount' ? (e.headcount?.total ?? 0) : 0), 0) +
    state.attendees.filter((a) => rosterIds.has(a.endpointId) && (a.status === 'present' || a.status === 'late')).length;
  return { ...connectedCount(state), sites: state.endpoints.length, people };
}
