import type { MeetingSnapshot } from '@app/contracts';
import { compareVietnamese } from '@app/vietnamese';

/** The wall, derived from the live meeting state: who is connected, who is missing, how many attend at each site. */
export function wallOf(state: MeetingSnapshot) {
  const presence = new Map(state.presence.map((p) => [p.endpointId, p]));
  const rows = state.endpoints
    .map((e) => {
      const people = state.attendees.filter((a) => a.endpointId === e.id);
      return {
        endpoint: e,
        presence: presence.get(e.id),
        present: people.filter((a) => a.status === 'present' || a.status === 'late').length,
        expected: people.length,
        name: e.organizationShortName ?? e.organizationName,
      };
    })
    .sort((a, b) => Number(b.endpoint.isHost) - Number(a.endpoint.isHost) || compareVietnamese(a.name, b.name));
  const connected = rows.filter((r) => r.presence?.state === 'connected');
  return { rows, connected: connected.length, total: rows.length, missing: rows.filter((r) => r.presence?.state !== 'connected') };
}
