import { endpointStatus, giveFloor, mute, newPolicy, open, pauseReason, selfUnmuteRefusal } from './media-policy';

const audio = (endpointId: string, clientPaused = false) => ({ endpointId, kind: 'audio' as const, clientPaused });

describe('floor policy', () => {
  it('hears only the host with no speech, and the speaker once the floor is given', () => {
    const p = newPolicy();
    p.hosts.add('host');
    expect(pauseReason(p, audio('host'))).toBeNull();
    expect(pauseReason(p, audio('a'))).toBe('floor');
    giveFloor(p, 'a');
    expect(pauseReason(p, audio('a'))).toBeNull();
    expect(pauseReason(p, audio('b'))).toBe('floor');
    expect(pauseReason(p, audio('host'))).toBeNull();
    giveFloor(p, null);
    expect(pauseReason(p, audio('a'))).toBe('floor');
  });

  it('never holds video by the floor', () => {
    const p = newPolicy('a');
    expect(pauseReason(p, { endpointId: 'b', kind: 'video', clientPaused: false })).toBeNull();
  });

  it('keeps sites the chair opened, until it mutes them', () => {
    const p = newPolicy('a');
    open(p, 'b', true);
    expect(pauseReason(p, audio('b'))).toBeNull();
    mute(p, 'b', true, 'chair');
    expect(pauseReason(p, audio('b'))).toBe('chair');
    expect(p.opened.has('b')).toBe(false);
  });

  it('lets a site mute itself, but not unmute while another holds the floor, unless open discussion', () => {
    const p = newPolicy('a');
    mute(p, 'b', true, 'self');
    expect(pauseReason(p, audio('b'))).toBe('self');
    expect(selfUnmuteRefusal(p, 'b')).toBe('floor_held');
    p.openDiscussion = true;
    expect(selfUnmuteRefusal(p, 'b')).toBeNull();
    mute(p, 'b', false, 'self');
    expect(pauseReason(p, audio('b'))).toBeNull();
  });

  it('refuses a self-unmute against the chair, and the floor lifts both mutes of the speaker', () => {
    const p = newPolicy();
    mute(p, 'a', true, 'chair');
    mute(p, 'a', true, 'self');
    expect(selfUnmuteRefusal(p, 'a')).toBe('muted_by_chair');
    giveFloor(p, 'a');
    expect(pauseReason(p, audio('a'))).toBeNull();
  });

  it('summarises a site for the wall', () => {
    expect(endpointStatus([])).toBe('none');
    expect(endpointStatus([{ kind: 'audio', paused: true }, { kind: 'video', paused: false }])).toBe('muted');
    expect(endpointStatus([{ kind: 'audio', paused: false }])).toBe('producing');
    expect(endpointStatus([{ kind: 'video', paused: false }])).toBe('producing');
  });
});
