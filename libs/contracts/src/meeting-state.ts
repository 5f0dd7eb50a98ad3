import type { MeetingEvent } from './socket';
import type { MeetingSnapshot } from './meetings';

/**
 * The client side of the meeting history: applies one committed event to a
 * snapshot. Web consoles and tests use the same function, so "converges to the
 * server's state" means the same thing everywhere.
 */
export function applyMeetingEvent(state: MeetingSnapshot, e: MeetingEvent): MeetingSnapshot {
  const next: MeetingSnapshot = { ...state, meeting: { ...state.meeting, seq: e.seq } };
  switch (e.type) {
    case 'meeting.created':
    case 'meeting.updated':
    case 'meeting.status_changed': {
      next.meeting = { ...e.payload.meeting, seq: e.seq };
      return next;
    }
    case 'agenda.replaced':
      next.agenda = e.payload.agenda;
      next.meeting.agendaVersion = next.agenda.version;
      return next;
    case 'endpoints.added': {
      const added = e.payload.endpoints;
      const ids = new Set(added.map((x) => x.id));
      next.endpoints = [...state.endpoints.filter((x) => !ids.has(x.id)), ...added];
      next.presence = [
        ...state.presence.filter((x) => !ids.has(x.endpointId)),
        ...added.map((x) => ({ endpointId: x.id, state: 'not_joined' as const, devices: 0, lastSeenAt: null, changedAt: null, readyAt: null, mediaTested: null })),
      ];
      next.meeting.endpointCount = next.endpoints.length;
      return next;
    }
    case 'endpoint.updated': {
      const updated = e.payload.endpoint;
      next.endpoints = state.endpoints.map((x) => (x.id === updated.id ? updated : x));
      return next;
    }
    case 'endpoint.removed': {
      const { endpointId } = e.payload;
      next.endpoints = state.endpoints.filter((x) => x.id !== endpointId);
      next.presence = state.presence.filter((x) => x.endpointId !== endpointId);
      next.attendees = state.attendees.filter((x) => x.endpointId !== endpointId);
      next.meeting.endpointCount = next.endpoints.length;
      return next;
    }
    case 'endpoint.headcount_changed': {
      const { endpointId, headcount } = e.payload;
      next.endpoints = state.endpoints.map((x) => (x.id === endpointId ? { ...x, headcount } : x));
      return next;
    }
    // the tiles are the wall's own state (useSitesRollup); the child sites' presence is the snapshot's
    case 'sites.rollup': {
      const changed = new Map(e.payload.presence.map((p) => [p.endpointId, p]));
      if (!changed.size) return next;
      const known = new Set(state.presence.map((x) => x.endpointId));
      next.presence = [...state.presence.map((x) => changed.get(x.endpointId) ?? x), ...e.payload.presence.filter((p) => !known.has(p.endpointId))];
      return next;
    }
    case 'presence.changed': {
      const { presence } = e.payload;
      const known = state.presence.some((x) => x.endpointId === presence.endpointId);
      next.presence = known ? state.presence.map((x) => (x.endpointId === presence.endpointId ? presence : x)) : [...state.presence, presence];
      return next;
    }
    case 'attendees.upserted': {
      const { attendees } = e.payload;
      const byId = new Map(attendees.map((a) => [a.id, a]));
      next.attendees = [...state.attendees.map((a) => byId.get(a.id) ?? a), ...attendees.filter((a) => !state.attendees.some((x) => x.id === a.id))];
      return next;
    }
    case 'attendee.removed': {
      const { attendeeId } = e.payload;
      next.attendees = state.attendees.filter((a) => a.id !== attendeeId);
      return next;
    }
    case 'tech_check.changed':
      next.techCheck = e.payload;
      return next;
    case 'roll_call.changed':
      next.rollCall = e.payload.rollCall;
      return next;
    case 'speech_requests.upserted': {
      const { requests } = e.payload;
      const byId = new Map(requests.map((r) => [r.id, r]));
      const known = new Set(state.speakers.requests.map((r) => r.id));
      next.speakers = { ...state.speakers, requests: [...state.speakers.requests.map((r) => byId.get(r.id) ?? r), ...requests.filter((r) => !known.has(r.id))] };
      return next;
    }
    case 'turns.upserted': {
      const { turns } = e.payload;
      const byId = new Map(turns.map((t) => [t.id, t]));
      const known = new Set(state.speakers.turns.map((t) => t.id));
      next.speakers = { ...state.speakers, turns: [...state.speakers.turns.map((t) => byId.get(t.id) ?? t), ...turns.filter((t) => !known.has(t.id))] };
      return next;
    }
    case 'speaker_settings.changed':
      next.speakers = { ...state.speakers, settings: e.payload.settings };
      return next;
    case 'endpoint_time.changed': {
      const { endpointId, addedSeconds } = e.payload;
      next.speakers = { ...state.speakers, addedSeconds: { ...state.speakers.addedSeconds, [endpointId]: addedSeconds } };
      return next;
    }
    case 'minutes.entry_upserted': {
      const { entry } = e.payload;
      const entries = [...state.minutes.entries.filter((x) => x.id !== entry.id), entry].sort((a, b) => a.position - b.position);
      next.minutes = { ...state.minutes, entries };
      return next;
    }
    case 'minutes.entry_removed': {
      const { entryId } = e.payload;
      next.minutes = { ...state.minutes, entries: state.minutes.entries.filter((x) => x.id !== entryId) };
      return next;
    }
    case 'minutes.status_changed': {
      const { status, revision, correction } = e.payload;
      next.minutes = { ...state.minutes, status, revision, correction: correction === undefined ? (state.minutes.correction ?? null) : correction };
      return next;
    }
    case 'poll.upserted': {
      const { poll } = e.payload;
      next.polls = state.polls.some((p) => p.id === poll.id) ? state.polls.map((p) => (p.id === poll.id ? poll : p)) : [...state.polls, poll];
      return next;
    }
    case 'poll.turnout': {
      const { pollId, turnout } = e.payload;
      next.polls = state.polls.map((p) => (p.id === pollId ? { ...p, turnout } : p));
      return next;
    }
    case 'document.changed':
      // documents are not in the snapshot (each reader sees its own list): only the seq moves
      return next;
    default: {
      // A new event type without a case here does not compile. At run time an unknown type (a newer
      // server) still moves the seq on, so the client neither stalls on it nor asks for it again.
      const unhandled: never = e;
      void unhandled;
      return next;
    }
  }
}

/**
 * Keeps a client's copy in step: applies events in seq order, holds back
 * early ones, ignores ones already applied, and says when it has a gap it
 * cannot fill by waiting (the caller then asks the server with afterSeq).
 */
export class MeetingStateFollower {
  private pending = new Map<number, MeetingEvent>();

  constructor(public state: MeetingSnapshot) {}

  get seq(): number {
    return this.state.meeting.seq;
  }

  /** events are held back because an earlier one has not arrived */
  get waiting(): boolean {
    return this.pending.size > 0;
  }

  /** Returns true when events are missing before this one. */
  receive(event: MeetingEvent): boolean {
    if (event.seq <= this.seq) return false;
    this.pending.set(event.seq, event);
    while (this.pending.has(this.seq + 1)) {
      const next = this.pending.get(this.seq + 1)!;
      this.pending.delete(next.seq);
      this.state = applyMeetingEvent(this.state, next);
    }
    return this.pending.size > 0;
  }

  reset(snapshot: MeetingSnapshot) {
    this.state = snapshot;
    for (const seq of [...this.pending.keys()]) if (seq <= snapshot.meeting.seq) this.pending.delete(seq);
  }
}
