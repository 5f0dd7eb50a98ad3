/**
 * The one meeting policy: who may do what in a meeting, as named capabilities.
 *
 * The server decides every REST call and socket command with `meetingCapabilities`
 * (through the api's MeetingPolicy), and sends the caller's `PolicyFacts` with the
 * meeting snapshot, so the web derives the same capabilities from the same function
 * and shows or enables a control exactly when the server would accept it. Rules of
 * state (a published minutes text is immutable, a queue that is closed) are not
 * capabilities: they stay in the services and answer 409, not 403.
 */

/** Capabilities over the whole meeting. */
export const MEETING_CAPABILITIES = [
  /** see the meeting, its wall, queue, minutes and reports */
  'meeting.view',
  /** change title, times, chair, secretaries, visibility */
  'meeting.edit',
  /** schedule, postpone, cancel */
  'meeting.schedule',
  /** start and end the live meeting */
  'meeting.run',
  'agenda.edit',
  /** invite, change and remove endpoints, assign their operators */
  'endpoints.manage',
  /** open and close the technical check */
  'techcheck.open',
  /** start and close a roll call */
  'rollcall.run',
  /** run the list of speakers: approve, reject, reorder, give and take the floor, settings, time */
  'queue.moderate',
  /** approve prepared contributions ahead of the meeting (the secretariat too) */
  'queue.approve_prepared',
  /** write the minutes: entries, conclusions, tasks, speech records */
  'minutes.edit',
  /** send the minutes for approval */
  'minutes.submit',
  'minutes.approve',
  /** send reviewed minutes back to draft */
  'minutes.reopen',
  'minutes.publish',
  /** mute or open any site, open the discussion */
  'media.moderate',
  /** run a failed report again */
  'report.retry',
  /** prepare polls, open, close, publish and cancel them */
  'poll.manage',
  /** upload and replace the meeting's documents, read all of them (released or not) and who opened them */
  'documents.manage',
  /** reword and issue the conclusion notice (the meeting's secretariat) */
  'notice.issue',
] as const;
export type MeetingCapability = (typeof MEETING_CAPABILITIES)[number];

/** Capabilities held for one endpoint of the meeting. */
export const ENDPOINT_CAPABILITIES = [
  /** keep the endpoint's roster and attendance */
  'roster.edit',
  /** ask for the floor for one of its attendees, withdraw its requests */
  'queue.request',
  /** connect its console, confirm its technical check, answer the roll call */
  'presence.report',
  /** publish its camera and microphone */
  'media.produce',
  /** voting at its site: print the delegates' ballot slips, record a named attendee's vote, enter the show of hands */
  'poll.count',
  /** pair a hall display for its site, list and revoke the site's displays */
  'display.pair',
  /** assign the operators of a child site (a province for its communes), set its capacity and how it reports */
  'operators.assign',
] as const;
export type EndpointCapability = (typeof ENDPOINT_CAPABILITIES)[number];

export type Capability = MeetingCapability | EndpointCapability;

/**
 * What the server knows of the caller that the meeting's own state does not tell:
 * its account, whether it may see the meeting at all, and whether it holds the
 * organizer (or admin) role over the host organization or a body above it.
 */
export interface PolicyFacts {
  accountId: string;
  visible: boolean;
  organizerOfHost: boolean;
}

/** The parts of the meeting the policy reads; a snapshot carries all of them. */
export interface PolicyMeeting {
  chair: { id: string } | null;
  secretaries: { id: string }[];
}
export interface PolicyEndpoint {
  id: string;
  isHost: boolean;
  operators: { id: string }[];
  /** the endpoint that runs this one (a commune's province); its operators act for it too, within PARENT_OPERATOR */
  parentEndpointId?: string | null;
}

export interface MeetingCapabilities {
  meeting: MeetingCapability[];
  /** endpoint id -> what the caller may do for it (endpoints with nothing are left out) */
  endpoints: Record<string, EndpointCapability[]>;
}

const ORGANIZER: readonly MeetingCapability[] = MEETING_CAPABILITIES.filter(
  (c) => !['minutes.edit', 'minutes.submit', 'minutes.approve', 'minutes.reopen', 'minutes.publish', 'notice.issue'].includes(c),
);
const CHAIR: readonly MeetingCapability[] = ['meeting.view', 'meeting.run', 'rollcall.run', 'queue.moderate', 'queue.approve_prepared', 'minutes.approve', 'minutes.reopen', 'media.moderate', 'poll.manage'];
/** What a site's own operators do for it (assigning its operators is for the organizers and the site above it). */
const OPERATOR: readonly EndpointCapability[] = ENDPOINT_CAPABILITIES.filter((c) => c !== 'operators.assign');
/**
 * What the operators of a province's endpoint do for its communes' endpoints: keep the roster or enter the
 * headcount (a commune that reports by phone), assign its operators. Not its console (presence), its floor
 * requests, camera or votes: those stay the commune's own.
 */
export const PARENT_OPERATOR: readonly EndpointCapability[] = ['roster.edit', 'operators.assign'];
const SECRETARY: readonly MeetingCapability[] = ['meeting.view', 'queue.approve_prepared', 'minutes.edit', 'minutes.submit', 'minutes.reopen', 'minutes.publish', 'documents.manage', 'notice.issue'];

/** The caller's capabilities in one meeting: a pure function of the facts and the meeting. */
export function meetingCapabilities(facts: PolicyFacts, meeting: PolicyMeeting, endpoints: readonly PolicyEndpoint[]): MeetingCapabilities {
  const result: MeetingCapabilities = { meeting: [], endpoints: {} };
  if (!facts.visible) return result;
  const chair = meeting.chair?.id === facts.accountId;
  const secretary = meeting.secretaries.some((s) => s.id === facts.accountId);
  const held = new Set<MeetingCapability>(['meeting.view']);
  if (facts.organizerOfHost) ORGANIZER.forEach((c) => held.add(c));
  if (chair) CHAIR.forEach((c) => held.add(c));
  if (secretary) SECRETARY.forEach((c) => held.add(c));
  result.meeting = MEETING_CAPABILITIES.filter((c) => held.has(c));
  const byId = new Map(endpoints.map((e) => [e.id, e]));
  for (const endpoint of endpoints) {
    const operator = endpoint.operators.some((o) => o.id === facts.accountId);
    const parent = endpoint.parentEndpointId ? byId.get(endpoint.parentEndpointId) : undefined;
    const parentOperator = !!parent?.operators.some((o) => o.id === facts.accountId);
    const held = new Set<EndpointCapability>(facts.organizerOfHost ? ENDPOINT_CAPABILITIES : []);
    if (operator) OPERATOR.forEach((c) => held.add(c));
    if (parentOperator) PARENT_OPERATOR.forEach((c) => held.add(c));
    if (chair && endpoint.isHost) held.add('media.produce');
    const caps = ENDPOINT_CAPABILITIES.filter((c) => held.has(c));
    if (caps.length) result.endpoints[endpoint.id] = caps;
  }
  return result;
}

/** Whether `caps` holds `capability` (for an endpoint capability, on `endpointId`). */
export function holds(caps: MeetingCapabilities, capability: MeetingCapability): boolean;
export function holds(caps: MeetingCapabilities, capability: EndpointCapability, endpointId: string): boolean;
export function holds(caps: MeetingCapabilities, capability: Capability, endpointId?: string): boolean {
  if ((ENDPOINT_CAPABILITIES as readonly string[]).includes(capability)) {
    return !!endpointId && (caps.endpoints[endpointId] ?? []).includes(capability as EndpointCapability);
  }
  return caps.meeting.includes(capability as MeetingCapability);
}
