import type { EndpointMediaStatus, MediaKind, MediaMuteReason } from '@app/contracts';

/**
 * Who may be heard, as pure rules (unit-tested): the floor drives the audio.
 *   - with no speech, only the host site and the sites the chair opened are heard;
 *   - the site given the floor is spotlighted and heard (its mutes are lifted);
 *   - in open discussion every site may be heard;
 *   - the chair's mute wins over everything but a later floor; a site's own mute too.
 * Video is never held by the floor, only by mutes and the client's own pause.
 */
export interface FloorPolicy {
  speakerEndpointId: string | null;
  openDiscussion: boolean;
  opened: Set<string>;
  chairMuted: Set<string>;
  selfMuted: Set<string>;
  hosts: Set<string>;
}

export const newPolicy = (speakerEndpointId: string | null = null): FloorPolicy => ({
  speakerEndpointId,
  openDiscussion: false,
  opened: new Set(),
  chairMuted: new Set(),
  selfMuted: new Set(),
  hosts: new Set(),
});

/** The floor lets this site's audio through (mutes aside). */
export function floorAllows(p: FloorPolicy, endpointId: string): boolean {
  return p.openDiscussion || p.hosts.has(endpointId) || p.speakerEndpointId === endpointId || p.opened.has(endpointId);
}

/** Why a producer is paused, or null when it flows. */
export function pauseReason(p: FloorPolicy, producer: { endpointId: string; kind: MediaKind; clientPaused: boolean }): MediaMuteReason {
  if (p.chairMuted.has(producer.endpointId)) return 'chair';
  if (p.selfMuted.has(producer.endpointId)) return 'self';
  if (producer.clientPaused) return 'client';
  if (producer.kind === 'audio' && !floorAllows(p, producer.endpointId)) return 'floor';
  return null;
}

/** Why the site may not unmute itself now (null: it may). */
export function selfUnmuteRefusal(p: FloorPolicy, endpointId: string): 'muted_by_chair' | 'floor_held' | null {
  if (p.chairMuted.has(endpointId)) return 'muted_by_chair';
  if (p.speakerEndpointId !== null && p.speakerEndpointId !== endpointId && !floorAllows(p, endpointId)) return 'floor_held';
  return null;
}

/** The floor goes to `endpointId` (null: the speech ended). The speaker's own and the chair's mutes are lifted. */
export function giveFloor(p: FloorPolicy, endpointId: string | null): void {
  p.speakerEndpointId = endpointId;
  if (endpointId) {
    p.chairMuted.delete(endpointId);
    p.selfMuted.delete(endpointId);
  }
}

export function mute(p: FloorPolicy, endpointId: string, muted: boolean, by: 'chair' | 'self'): void {
  if (by === 'chair') {
    if (muted) {
      p.chairMuted.add(endpointId);
      p.opened.delete(endpointId);
    } else p.chairMuted.delete(endpointId);
    return;
  }
  if (muted) p.selfMuted.add(endpointId);
  else p.selfMuted.delete(endpointId);
}

export function open(p: FloorPolicy, endpointId: string, isOpen: boolean): void {
  if (isOpen) {
    p.opened.add(endpointId);
    p.chairMuted.delete(endpointId);
  } else p.opened.delete(endpointId);
}

/** A site's state on the wall: producing when its audio (or, with no audio, its video) flows. */
export function endpointStatus(producers: { kind: MediaKind; paused: boolean }[]): EndpointMediaStatus {
  if (!producers.length) return 'none';
  const audio = producers.filter((x) => x.kind === 'audio');
  const lead = audio.length ? audio : producers;
  return lead.some((x) => !x.paused) ? 'producing' : 'muted';
}
