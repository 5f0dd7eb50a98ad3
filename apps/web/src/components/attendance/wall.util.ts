import type { MeetingSnapshot, MeetingStatus, PresenceState } from '@app/contracts';
import { compareVietnamese } from '@app/vietnamese';

/** Meetings that are over: a site that is not connected has left, it has not lost its connection. */
export const MEETING_OVER: readonly MeetingStatus[] = ['ended', 'minutes_published', 'cancelled'];

/** What a tile shows: the presence state, or "ended" for a site that left a meeting that is over. */
export type WallState = PresenceState | 'ended';

/** The wall, derived from the live meeting state: who is connected, who is missing, how many attend at each site. */
export function wallOf(state: MeetingSnapshot) {
  const presence = new Map(state.presence.map((p) => [p.endpointId, p]));
  const over = MEETING_OVER.includes(state.meeting.status);
  const rows = state.endpoints
    .map((e) => {
      const people = state.attendees.filter((a) => a.endpointId === e.id);
      return {
        endpoint: e,
        presence: presence.get(e.id),
        state: (over && presence.get(e.id)?.state !== 'connected' ? 'ended' : (presence.get(e.id)?.state ?? 'not_joined')) as WallState,
        present: people.filter((a) => a.status === 'present' || a.status === 'late').length,
        expected: people.length,
        name: e.organizationShortName ?? e.organizationName,
      };
    })
    .sort((a, b) => Number(b.endpoint.isHost) - Number(a.endpoint.isHost) || compareVietnamese(a.name, b.name));
  const connected = rows.filter((r) => r.presence?.state === 'connected');
  // after the meeting nobody is missing: the sites have left
  return { rows, over, connected: connected.length, total: rows.length, missing: over ? [] : rows.filter((r) => r.presence?.state !== 'connected') };
}
