import { useMemo } from 'react';
import { holds, meetingCapabilities, type EndpointCapability, type MeetingCapabilities, type MeetingCapability, type MeetingSnapshot, type PolicyFacts } from '@app/contracts';

const NONE: MeetingCapabilities = { meeting: [], endpoints: {} };

export interface Capabilities {
  caps: MeetingCapabilities;
  /** whether the server would accept a command needing `capability` (on `endpointId` for an endpoint capability) */
  can(capability: MeetingCapability): boolean;
  can(capability: EndpointCapability, endpointId: string | undefined): boolean;
}

/**
 * What the caller may do in the meeting it follows, from the same policy the server decides
 * with: the facts the server sent beside the snapshot, and the live state (chair,
 * secretaries, endpoint operators), recomputed on every change. Controls show or enable
 * from this, never from the caller's roles alone (an organizer elsewhere is not the host's).
 */
export function useCapabilities(state: MeetingSnapshot | null, viewer: PolicyFacts | null): Capabilities {
  const meeting = state?.meeting;
  const endpoints = state?.endpoints;
  return useMemo(() => {
    const caps = viewer && meeting && endpoints ? meetingCapabilities(viewer, meeting, endpoints) : NONE;
    const can = (capability: MeetingCapability | EndpointCapability, endpointId?: string) =>
      (caps.meeting as string[]).includes(capability) || (!!endpointId && holds(caps, capability as EndpointCapability, endpointId));
    return { caps, can: can as Capabilities['can'] };
  }, [viewer, meeting, endpoints]);
}
