import type { SpeakerTurn, SpeechRequest } from '@app/contracts';

export type SiteTurn =
  | { kind: 'speaking'; turn: SpeakerTurn }
  | { kind: 'next'; request: SpeechRequest; /** speakers before it: the one on the floor (1), or none (0) */ ahead: number }
  | { kind: 'waiting'; request: SpeechRequest; ahead: number }
  | { kind: 'none' };

/**
 * Where the site stands on the floor: its speaker has it; its first request has at most one speaker
 * ahead (the one speaking now, or it heads the queue with nobody speaking); it waits; or it asked nothing.
 */
export function siteTurnOf(turns: SpeakerTurn[], order: SpeechRequest[], endpointId: string): SiteTurn {
  const current = turns.find((x) => x.endedAt === null);
  if (current?.endpointId === endpointId) return { kind: 'speaking', turn: current };
  const index = order.findIndex((r) => r.endpointId === endpointId);
  if (index < 0) return { kind: 'none' };
  const ahead = index + (current ? 1 : 0);
  return ahead <= 1 ? { kind: 'next', request: order[index], ahead } : { kind: 'waiting', request: order[index], ahead };
}

/** mm:ss left, or +mm:ss over time. */
export function turnClock(seconds: number): string {
  const s = Math.abs(seconds);
  const text = `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return seconds < 0 ? `+${text}` : text;
}
