import { holds, meetingCapabilities, MEETING_CAPABILITIES, type PolicyEndpoint, type PolicyMeeting } from './policy';

const meeting: PolicyMeeting = { chair: { id: 'chair' }, secretaries: [{ id: 'sec' }] };
const endpoints: PolicyEndpoint[] = [
  { id: 'host', isHost: true, operators: [] },
  { id: 'ls', isHost: false, operators: [{ id: 'op' }] },
];
const caps = (accountId: string, organizerOfHost = false, visible = true) => meetingCapabilities({ accountId, visible, organizerOfHost }, meeting, endpoints);

describe('meetingCapabilities', () => {
  it('gives nothing to a caller who may not see the meeting', () => {
    expect(caps('chair', true, false)).toEqual({ meeting: [], endpoints: {} });
  });
  it('lets a viewer only look', () => {
    expect(caps('someone')).toEqual({ meeting: ['meeting.view'], endpoints: {} });
  });
  it('lets an organizer of the host run everything but the minutes, and act for every endpoint', () => {
    const c = caps('org', true);
    expect(holds(c, 'endpoints.manage')).toBe(true);
    expect(holds(c, 'queue.moderate')).toBe(true);
    expect(holds(c, 'minutes.edit')).toBe(false);
    expect(holds(c, 'roster.edit', 'ls')).toBe(true);
    expect(holds(c, 'media.produce', 'host')).toBe(true);
  });
  it('lets the chair moderate and approve the minutes, and produce only for the host site', () => {
    const c = caps('chair');
    expect(holds(c, 'queue.moderate')).toBe(true);
    expect(holds(c, 'minutes.approve')).toBe(true);
    expect(holds(c, 'minutes.edit')).toBe(false);
    expect(holds(c, 'endpoints.manage')).toBe(false);
    expect(c.endpoints).toEqual({ host: ['media.produce'] });
  });
  it('lets secretaries write and publish the minutes, not approve them', () => {
    const c = caps('sec');
    expect(holds(c, 'minutes.publish')).toBe(true);
    expect(holds(c, 'minutes.approve')).toBe(false);
    expect(holds(c, 'queue.moderate')).toBe(false);
  });
  it('lets an operator act for its own endpoint only', () => {
    const c = caps('op');
    expect(holds(c, 'queue.request', 'ls')).toBe(true);
    expect(holds(c, 'queue.request', 'host')).toBe(false);
    expect(holds(c, 'queue.moderate')).toBe(false);
  });
  it('lists capabilities in the declared order, each once', () => {
    const c = caps('chair', true).meeting;
    expect(c).toEqual(MEETING_CAPABILITIES.filter((x) => c.includes(x)));
    expect(new Set(c).size).toBe(c.length);
  });
  it('lets a province operator keep the roster and assign the operators of its communes, not of another province, and not be their console', () => {
    const tree: PolicyEndpoint[] = [
      { id: 'ls', isHost: false, operators: [{ id: 'ls-op' }] },
      { id: 'ls-xa', isHost: false, operators: [{ id: 'xa-op' }], parentEndpointId: 'ls' },
      { id: 'cb', isHost: false, operators: [{ id: 'cb-op' }] },
      { id: 'cb-xa', isHost: false, operators: [], parentEndpointId: 'cb' },
    ];
    const c = meetingCapabilities({ accountId: 'ls-op', visible: true, organizerOfHost: false }, meeting, tree);
    expect(c.endpoints['ls-xa']).toEqual(['roster.edit', 'operators.assign']);
    expect(holds(c, 'presence.report', 'ls-xa')).toBe(false);
    expect(holds(c, 'roster.edit', 'cb-xa')).toBe(false);
    expect(holds(c, 'operators.assign', 'ls')).toBe(false);
    const own = meetingCapabilities({ accountId: 'xa-op', visible: true, organizerOfHost: false }, meeting, tree);
    expect(holds(own, 'presence.report', 'ls-xa')).toBe(true);
    expect(holds(own, 'operators.assign', 'ls-xa')).toBe(false);
  });
});
