import { MEETING_EVENT_TYPES, type MeetingEventTypesListed } from './meetings';
import type { MeetingEvent, MeetingEventOf, ServerToClientEvents } from './socket';

/**
 * What must not compile. `tsc -p tsconfig.json --noEmit` checks this file (it is under
 * libs/*\/src): each @ts-expect-error fails the check once the line below it compiles,
 * i.e. when the event union stops catching that mistake. Jest runs only the `it`s below;
 * the functions holding the checks are never called.
 */

const base = { meetingId: 'm-1', seq: 2, actorId: null, at: '2026-12-01T02:00:00.000Z' };

export function unknownTypesAndWrongPayloads(): MeetingEvent[] {
  return [
    { ...base, type: 'minutes.entry_removed', payload: { entryId: 'e-1' } },
    // @ts-expect-error an event type that is not in MeetingEventPayloads
    { ...base, type: 'poll.opened', payload: {} },
    // @ts-expect-error the payload of another type
    { ...base, type: 'minutes.entry_removed', payload: { endpointId: 'ls', organizationId: 'o' } },
    // @ts-expect-error a payload missing a field
    { ...base, type: 'endpoint_time.changed', payload: { endpointId: 'ls' } },
    // @ts-expect-error a field of the wrong type
    { ...base, type: 'tech_check.changed', payload: { open: 'yes', openedAt: null } },
  ];
}

export function narrowingByType(e: MeetingEvent) {
  // @ts-expect-error before narrowing, the payload is any of them
  void e.payload.turns;
  if (e.type === 'turns.upserted') {
    void e.payload.turns;
    // @ts-expect-error after narrowing, only the payload of that type
    void e.payload.entry;
  }
  // @ts-expect-error comparing with a type that does not exist
  if (e.type === 'turn.upserted') return;
}

export function subsetsAndTheWire(listener: ServerToClientEvents['meeting:event']) {
  const one: MeetingEvent<'minutes.entry_removed' | 'minutes.status_changed'> = { ...base, type: 'minutes.status_changed', payload: { status: 'draft', revision: 0 } };
  // @ts-expect-error a type outside the subset
  const other: MeetingEvent<'minutes.entry_removed'> = { ...base, type: 'minutes.status_changed', payload: { status: 'draft', revision: 0 } };
  const exact: MeetingEventOf<'attendee.removed'> = { ...base, type: 'attendee.removed', payload: { attendeeId: 'a', endpointId: 'ls' } };
  listener(one);
  listener(exact);
  // @ts-expect-error the wire carries only events of the union
  listener({ ...base, type: 'poll.opened', payload: {} });
  void other;
}

describe('the meeting event union', () => {
  it('lists every event type once at run time', () => {
    const listed: MeetingEventTypesListed = true;
    expect(listed).toBe(true);
    expect(new Set(MEETING_EVENT_TYPES).size).toBe(MEETING_EVENT_TYPES.length);
  });

  it('holds events of each listed type', () => {
    const e = unknownTypesAndWrongPayloads()[0];
    expect(MEETING_EVENT_TYPES).toContain(e.type);
  });
});
