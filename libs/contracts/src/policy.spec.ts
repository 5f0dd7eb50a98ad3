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
});
