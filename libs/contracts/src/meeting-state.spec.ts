import type { Attendee, EndpointPresence, RollCall } from './attendance';
import { applyMeetingEvent, MeetingStateFollower } from './meeting-state';
import { MEETING_EVENT_TYPES, type Meeting, type MeetingEndpoint, type MeetingEventPayloads, type MeetingEventType, type MeetingSnapshot } from './meetings';
import type { MinutesEntry } from './minutes';
import type { MeetingEvent, MeetingEventOf } from './socket';
import type { SpeakerTurn, SpeechRequest } from './speakers';
import type { Poll } from './voting';

// ---- factories: one small meeting (host site and Lạng Sơn, two attendees, a request, a turn, two minutes entries) ----

const MEETING_ID = 'm-1';
const AT = '2026-12-01T02:00:00.000Z';

const newMeeting = (o: Partial<Meeting> = {}): Meeting => ({
  id: MEETING_ID,
  kind: 'plenary',
  title: 'Hội nghị trực tuyến toàn quốc về chuyển đổi số',
  description: null,
  hostOrganizationId: 'org-vpcp',
  hostOrganizationName: 'Văn phòng Chính phủ',
  chair: { id: 'chair', fullName: 'Nguyễn Văn An', position: 'Phó Thủ tướng' },
  secretaries: [],
  status: 'scheduled',
  visibility: 'restricted',
  scheduledStart: '2026-12-01T01:00:00.000Z',
  scheduledEnd: '2026-12-01T05:00:00.000Z',
  actualStart: null,
  actualEnd: null,
  postponedReason: null,
  cancelledReason: null,
  endpointCount: 2,
  seq: 1,
  agendaVersion: 1,
  version: 1,
  createdAt: AT,
  updatedAt: AT,
  ...o,
});

const newEndpoint = (id: string, o: Partial<MeetingEndpoint> = {}): MeetingEndpoint => ({
  id,
  meetingId: MEETING_ID,
  organizationId: `org-${id}`,
  organizationName: `UBND ${id}`,
  organizationShortName: null,
  isHost: false,
  locationName: 'Phòng họp trực tuyến',
  contactName: null,
  contactPhone: null,
  joinCode: `code-${id}`,
  operators: [],
  createdAt: AT,
  parentEndpointId: null,
  attendanceMode: 'roster',
  capacity: null,
  headcount: null,
  ...o,
});

const newPresence = (endpointId: string, o: Partial<EndpointPresence> = {}): EndpointPresence => ({
  endpointId,
  state: 'connected',
  devices: 1,
  lastSeenAt: AT,
  changedAt: AT,
  readyAt: null,
  mediaTested: null,
  ...o,
});

const newAttendee = (id: string, endpointId: string, o: Partial<Attendee> = {}): Attendee => ({
  id,
  meetingId: MEETING_ID,
  endpointId,
  fullName: `Đại biểu ${id}`,
  position: null,
  unit: null,
  votingMember: true,
  role: 'delegate',
  status: 'expected',
  checkedInAt: null,
  checkedOutAt: null,
  walkIn: false,
  note: null,
  version: 1,
  updatedAt: AT,
  ...o,
});

const newRequest = (id: string, o: Partial<SpeechRequest> = {}): SpeechRequest => ({
  id,
  meetingId: MEETING_ID,
  endpointId: 'langson',
  attendeeId: 'a-ls',
  attendeeName: 'Đại biểu a-ls',
  attendeePosition: null,
  agendaItemId: null,
  kind: 'contribution',
  categoryRank: null,
  answersRequestId: null,
  topic: 'Hạ tầng số cấp xã',
  abstract: null,
  documentUrl: null,
  documentId: null,
  requestedMinutes: 5,
  status: 'pending',
  rejectReason: null,
  position: 1,
  requestedAt: AT,
  approvedAt: null,
  version: 1,
  ...o,
});

const newTurn = (id: string, o: Partial<SpeakerTurn> = {}): SpeakerTurn => ({
  id,
  meetingId: MEETING_ID,
  requestId: 'r-1',
  endpointId: 'langson',
  attendeeId: 'a-ls',
  attendeeName: 'Đại biểu a-ls',
  agendaItemId: null,
  kind: 'contribution',
  topic: null,
  startedAt: AT,
  endedAt: null,
  allottedSeconds: 300,
  durationSeconds: null,
  pausedAt: null,
  pausedMs: 0,
  ...o,
});

const newEntry = (id: string, position: number, o: Partial<MinutesEntry> = {}): MinutesEntry => ({
  id,
  meetingId: MEETING_ID,
  position,
  kind: 'note',
  agendaItemId: null,
  text: `Mục ${id}`,
  speech: null,
  leadOrganizationId: null,
  coOrganizationIds: [],
  deadline: null,
  version: 1,
  updatedBy: null,
  updatedByName: null,
  updatedAt: AT,
  ...o,
});

const newRollCall = (o: Partial<RollCall> = {}): RollCall => ({ id: 'rc-1', meetingId: MEETING_ID, startedAt: AT, closedAt: null, responses: [], missing: ['host', 'langson'], ...o });

const newPoll = (id: string, o: Partial<Poll> = {}): Poll => ({
  id,
  meetingId: MEETING_ID,
  agendaItemId: null,
  question: 'Thông qua Nghị quyết',
  choiceKind: 'standard',
  options: [
    { id: 'yes', label: 'Tán thành', abstain: false },
    { id: 'no', label: 'Không tán thành', abstain: false },
    { id: 'abstain', label: 'Không biểu quyết', abstain: true },
  ],
  maxChoices: 1,
  secret: false,
  mode: 'delegate',
  siteEndpointIds: [],
  rule: { preset: 'majority_members', base: 'members', numerator: 1, denominator: 2, strict: true },
  quorum: { numerator: 1, denominator: 2, strict: true },
  status: 'draft',
  countdownSeconds: null,
  openedAt: null,
  closesAt: null,
  closedAt: null,
  publishedAt: null,
  cancelledReason: null,
  members: null,
  present: null,
  turnout: { voted: 0, sitesCounted: 0, sitesExpected: 0 },
  result: null,
  createdAt: AT,
  ...o,
});

const newSnapshot = (): MeetingSnapshot => ({
  meeting: newMeeting(),
  agenda: { meetingId: MEETING_ID, version: 1, sessions: [] },
  endpoints: [newEndpoint('host', { isHost: true }), newEndpoint('langson')],
  presence: [newPresence('host'), newPresence('langson', { state: 'offline', devices: 0 })],
  attendees: [newAttendee('a-host', 'host'), newAttendee('a-ls', 'langson')],
  techCheck: { open: false, openedAt: null },
  rollCall: null,
  speakers: {
    settings: { open: true, maxOpenRequestsPerEndpoint: 2, maxTurnsPerEndpointPerItem: null, budgetSeconds: null, unheardFirst: false, defaultMinutes: 5 },
    requests: [newRequest('r-1')],
    turns: [newTurn('t-1')],
    addedSeconds: {},
  },
  minutes: { status: 'draft', revision: 0, entries: [newEntry('e-1', 1000), newEntry('e-2', 2000)], correction: null },
  polls: [newPoll('p-1')],
});

const event = <K extends MeetingEventType>(type: K, payload: MeetingEventPayloads[K], seq = 2): MeetingEventOf<K> => ({ meetingId: MEETING_ID, seq, type, payload, actorId: 'chair', at: AT });

// ---- the reducer, one case per event type ----

/** The seq of the event applied last, to check that every type moves the meeting's seq. */
let lastSeq = 0;
const apply = (s: MeetingSnapshot, e: MeetingEvent) => {
  lastSeq = e.seq;
  return applyMeetingEvent(s, e);
};

/**
 * Applies events of the type to a fresh snapshot, checks their effect and returns the state
 * after the last one; a type missing here does not compile.
 */
const cases: { [K in MeetingEventType]: (s: MeetingSnapshot) => MeetingSnapshot } = {
  'meeting.created': (s) => {
    const next = apply(s, event('meeting.created', { meeting: newMeeting({ title: 'Hội nghị mới', seq: 0 }) }));
    expect(next.meeting).toEqual(newMeeting({ title: 'Hội nghị mới', seq: 2 }));
    return next;
  },
  'meeting.updated': (s) => {
    const next = apply(s, event('meeting.updated', { meeting: newMeeting({ title: 'Đổi tên', version: 2 }) }));
    expect(next.meeting).toEqual(newMeeting({ title: 'Đổi tên', version: 2, seq: 2 }));
    expect(next.endpoints).toBe(s.endpoints);
    return next;
  },
  'meeting.status_changed': (s) => {
    const live = newMeeting({ status: 'live', actualStart: AT });
    const next = apply(s, event('meeting.status_changed', { meeting: live, from: 'scheduled', to: 'live', reason: null }));
    expect(next.meeting).toEqual({ ...live, seq: 2 });
    return next;
  },
  'agenda.replaced': (s) => {
    const agenda = { meetingId: MEETING_ID, version: 3, sessions: [{ id: 's-1', title: 'Phiên khai mạc', fixedStart: null, plannedStart: AT, plannedEnd: AT, items: [] }] };
    const next = apply(s, event('agenda.replaced', { agenda }));
    expect(next.agenda).toEqual(agenda);
    expect(next.meeting.agendaVersion).toBe(3);
    return next;
  },
  'endpoints.added': (s) => {
    const caobang = newEndpoint('caobang');
    const renamed = newEndpoint('langson', { locationName: 'Hội trường tỉnh' });
    const next = apply(s, event('endpoints.added', { endpoints: [caobang, renamed] }));
    expect(next.endpoints.map((x) => x.id)).toEqual(['host', 'caobang', 'langson']);
    expect(next.endpoints[2]).toEqual(renamed);
    // an added endpoint starts not joined, whatever was known of it
    expect(next.presence).toEqual([
      newPresence('host'),
      { endpointId: 'caobang', state: 'not_joined', devices: 0, lastSeenAt: null, changedAt: null, readyAt: null, mediaTested: null },
      { endpointId: 'langson', state: 'not_joined', devices: 0, lastSeenAt: null, changedAt: null, readyAt: null, mediaTested: null },
    ]);
    expect(next.meeting.endpointCount).toBe(3);
    return next;
  },
  'endpoint.updated': (s) => {
    const updated = newEndpoint('langson', { contactName: 'Trần Thị Bình' });
    const next = apply(s, event('endpoint.updated', { endpoint: updated }));
    expect(next.endpoints).toEqual([s.endpoints[0], updated]);
    return next;
  },
  'endpoint.removed': (s) => {
    const next = apply(s, event('endpoint.removed', { endpointId: 'langson', organizationId: 'org-langson' }));
    expect(next.endpoints.map((x) => x.id)).toEqual(['host']);
    expect(next.presence.map((x) => x.endpointId)).toEqual(['host']);
    expect(next.attendees.map((x) => x.id)).toEqual(['a-host']);
    expect(next.meeting.endpointCount).toBe(1);
    return next;
  },
  'presence.changed': (s) => {
    const back = newPresence('langson', { state: 'connected', devices: 2 });
    const known = apply(s, event('presence.changed', { presence: back }));
    expect(known.presence).toEqual([s.presence[0], back]);
    const unknown = newPresence('caobang');
    const added = apply(s, event('presence.changed', { presence: unknown }));
    expect(added.presence).toEqual([...s.presence, unknown]);
    return added;
  },
  'attendees.upserted': (s) => {
    const checkedIn = newAttendee('a-ls', 'langson', { status: 'present', checkedInAt: AT, version: 2 });
    const walkIn = newAttendee('a-new', 'langson', { walkIn: true, status: 'present' });
    const next = apply(s, event('attendees.upserted', { attendees: [walkIn, checkedIn] }));
    expect(next.attendees).toEqual([s.attendees[0], checkedIn, walkIn]);
    return next;
  },
  'attendee.removed': (s) => {
    const next = apply(s, event('attendee.removed', { attendeeId: 'a-host', endpointId: 'host' }));
    expect(next.attendees.map((a) => a.id)).toEqual(['a-ls']);
    return next;
  },
  'tech_check.changed': (s) => {
    const next = apply(s, event('tech_check.changed', { open: true, openedAt: AT }));
    expect(next.techCheck).toEqual({ open: true, openedAt: AT });
    return next;
  },
  'roll_call.changed': (s) => {
    const rollCall = newRollCall();
    const next = apply(s, event('roll_call.changed', { rollCall }));
    expect(next.rollCall).toEqual(rollCall);
    return next;
  },
  'speech_requests.upserted': (s) => {
    const queued = newRequest('r-1', { status: 'queued', version: 2 });
    const fresh = newRequest('r-2', { position: 2 });
    const next = apply(s, event('speech_requests.upserted', { requests: [fresh, queued] }));
    expect(next.speakers.requests).toEqual([queued, fresh]);
    expect(next.speakers.turns).toBe(s.speakers.turns);
    return next;
  },
  'turns.upserted': (s) => {
    const ended = newTurn('t-1', { endedAt: AT, durationSeconds: 280 });
    const next = newTurn('t-2', { requestId: 'r-2' });
    const after = apply(s, event('turns.upserted', { turns: [ended, next] }));
    expect(after.speakers.turns).toEqual([ended, next]);
    expect(after.speakers.requests).toBe(s.speakers.requests);
    return after;
  },
  'speaker_settings.changed': (s) => {
    const settings = { ...s.speakers.settings, open: false, budgetSeconds: 600 };
    const next = apply(s, event('speaker_settings.changed', { settings }));
    expect(next.speakers.settings).toEqual(settings);
    return next;
  },
  'endpoint_time.changed': (s) => {
    const once = apply(s, event('endpoint_time.changed', { endpointId: 'langson', addedSeconds: 60 }));
    // the event carries the endpoint's total, so a second one replaces the first
    const twice = apply(once, event('endpoint_time.changed', { endpointId: 'langson', addedSeconds: 120 }, 3));
    expect(once.speakers.addedSeconds).toEqual({ langson: 60 });
    expect(twice.speakers.addedSeconds).toEqual({ langson: 120 });
    return twice;
  },
  'minutes.entry_upserted': (s) => {
    const between = newEntry('e-3', 1500, { kind: 'conclusion', text: 'Kết luận của Phó Thủ tướng' });
    const inserted = apply(s, event('minutes.entry_upserted', { entry: between }));
    expect(inserted.minutes.entries.map((x) => x.id)).toEqual(['e-1', 'e-3', 'e-2']);
    const edited = newEntry('e-1', 1000, { text: 'Sửa', version: 2 });
    const replaced = apply(inserted, event('minutes.entry_upserted', { entry: edited }, 3));
    expect(replaced.minutes.entries).toEqual([edited, between, s.minutes.entries[1]]);
    return replaced;
  },
  'minutes.entry_removed': (s) => {
    const next = apply(s, event('minutes.entry_removed', { entryId: 'e-1' }));
    expect(next.minutes.entries.map((x) => x.id)).toEqual(['e-2']);
    return next;
  },
  'minutes.status_changed': (s) => {
    const next = apply(s, event('minutes.status_changed', { status: 'published', revision: 1 }));
    expect(next.minutes).toEqual({ ...s.minutes, status: 'published', revision: 1 });
    return next;
  },
  'poll.upserted': (s) => {
    const opened = apply(s, event('poll.upserted', { poll: newPoll('p-1', { status: 'open', openedAt: AT, members: 2, present: 2 }) }));
    expect(opened.polls).toEqual([newPoll('p-1', { status: 'open', openedAt: AT, members: 2, present: 2 })]);
    const added = apply(opened, event('poll.upserted', { poll: newPoll('p-2') }, 3));
    expect(added.polls.map((p) => p.id)).toEqual(['p-1', 'p-2']);
    return added;
  },
  'poll.turnout': (s) => {
    const next = apply(s, event('poll.turnout', { pollId: 'p-1', turnout: { voted: 7, sitesCounted: 1, sitesExpected: 2 } }));
    expect(next.polls[0].turnout).toEqual({ voted: 7, sitesCounted: 1, sitesExpected: 2 });
    expect(next.polls[0].question).toBe(s.polls[0].question);
    return next;
  },
  'endpoint.headcount_changed': (s) => {
    const headcount = { leaders: 3, officials: 10, members: 40, total: 53, source: 'phone' as const, reportedAt: AT, reportedBy: null };
    const next = apply(s, event('endpoint.headcount_changed', { endpointId: 'langson', headcount }));
    expect(next.endpoints.find((x) => x.id === 'langson')!.headcount).toEqual(headcount);
    expect(next.endpoints.find((x) => x.id === 'host')!.headcount).toBeNull();
    return next;
  },
  'sites.rollup': (s) => {
    const totals = { sites: 1, connected: 1, ready: 0, present: 5, leaders: 0, officials: 0, members: 5, unreported: 0, capacity: 0 };
    const back = newPresence('langson', { state: 'connected', devices: 1 });
    const next = apply(s, event('sites.rollup', { national: totals, tiles: [], presence: [back] }));
    // the wall keeps the tiles; the snapshot takes the child sites' presence
    expect(next.endpoints).toBe(s.endpoints);
    expect(next.presence.find((p) => p.endpointId === 'langson')).toEqual(back);
    expect(next.presence).toHaveLength(s.presence.length);
    return next;
  },
  'document.changed': (s) => {
    const next = apply(s, event('document.changed', { documentId: 'd-1', version: 2, change: 'replaced' }));
    expect({ ...next, meeting: s.meeting }).toEqual(s);
    return next;
  },
};

describe('applyMeetingEvent', () => {
  it('has a case in this spec for every event type', () => {
    // jest does not type-check: this keeps the table honest at run time too
    expect(Object.keys(cases).sort()).toEqual([...MEETING_EVENT_TYPES].sort());
  });

  it.each(MEETING_EVENT_TYPES)('applies %s', (type) => {
    const state = newSnapshot();
    const before = structuredClone(state);
    const after = cases[type](state);
    expect(after.meeting.seq).toBe(lastSeq);
    // the snapshot it was given stays as it was (React state is compared by reference)
    expect(state).toEqual(before);
  });

  it('moves the seq on past a type it does not know (a newer server), changing nothing else', () => {
    const state = newSnapshot();
    const next = applyMeetingEvent(state, { ...event('tech_check.changed', { open: true, openedAt: AT }), type: 'poll.opened' } as unknown as MeetingEvent);
    expect(next).toEqual({ ...state, meeting: { ...state.meeting, seq: 2 } });
  });
});

// ---- the follower: order, gaps, duplicates ----

const seqEvent = (seq: number) => event('speech_requests.upserted', { requests: [newRequest(`r-${seq}`, { position: seq })] }, seq);
const requestIds = (f: MeetingStateFollower) => f.state.speakers.requests.map((r) => r.id);

describe('MeetingStateFollower', () => {
  it('applies events in seq order as they come', () => {
    const f = new MeetingStateFollower(newSnapshot());
    expect(f.receive(seqEvent(2))).toBe(false);
    expect(f.receive(seqEvent(3))).toBe(false);
    expect(f.seq).toBe(3);
    expect(requestIds(f)).toEqual(['r-1', 'r-2', 'r-3']);
    expect(f.waiting).toBe(false);
  });

  it('ignores an event it has already applied', () => {
    const f = new MeetingStateFollower(newSnapshot());
    f.receive(seqEvent(2));
    const state = f.state;
    expect(f.receive(seqEvent(2))).toBe(false);
    expect(f.receive(seqEvent(1))).toBe(false);
    expect(f.state).toBe(state);
  });

  it('holds back an early event, says there is a gap, and applies both once the missing one arrives', () => {
    const f = new MeetingStateFollower(newSnapshot());
    const state = f.state;
    expect(f.receive(seqEvent(3))).toBe(true);
    expect(f.waiting).toBe(true);
    expect(f.state).toBe(state);
    // the early one arriving again is still one event
    expect(f.receive(seqEvent(3))).toBe(true);
    expect(f.receive(seqEvent(2))).toBe(false);
    expect(f.waiting).toBe(false);
    expect(f.seq).toBe(3);
    expect(requestIds(f)).toEqual(['r-1', 'r-2', 'r-3']);
  });

  it('keeps reporting a gap while one is still missing', () => {
    const f = new MeetingStateFollower(newSnapshot());
    expect(f.receive(seqEvent(4))).toBe(true);
    expect(f.receive(seqEvent(2))).toBe(true);
    expect(f.seq).toBe(2);
    expect(f.receive(seqEvent(3))).toBe(false);
    expect(f.seq).toBe(4);
  });

  it('on a snapshot, drops the held events it covers and keeps the later ones', () => {
    const f = new MeetingStateFollower(newSnapshot());
    f.receive(seqEvent(3));
    f.receive(seqEvent(5));
    const snapshot = newSnapshot();
    snapshot.meeting.seq = 3;
    f.reset(snapshot);
    expect(f.state).toBe(snapshot);
    expect(f.waiting).toBe(true);
    expect(f.receive(seqEvent(4))).toBe(false);
    expect(f.seq).toBe(5);
    expect(requestIds(f)).toEqual(['r-1', 'r-4', 'r-5']);
  });
});
