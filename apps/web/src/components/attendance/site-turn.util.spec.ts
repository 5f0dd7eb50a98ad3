import { describe, expect, it } from '@jest/globals';
import type { SpeakerTurn, SpeechRequest } from '@app/contracts';
import { siteTurnOf, turnClock } from './site-turn.util';

const turn = (endpointId: string, endedAt: string | null = null) => ({ id: `t-${endpointId}`, endpointId, endedAt }) as SpeakerTurn;
const req = (id: string, endpointId: string) => ({ id, endpointId }) as SpeechRequest;

describe('siteTurnOf', () => {
  const order = [req('r1', 'b'), req('r2', 'c'), req('r3', 'b')];

  it("says the site speaks when the running turn is its own (a finished turn does not count)", () => {
    expect(siteTurnOf([turn('a')], order, 'a')).toMatchObject({ kind: 'speaking', turn: { endpointId: 'a' } });
    expect(siteTurnOf([turn('a', '2026-12-02T01:00:00Z')], order, 'a')).toEqual({ kind: 'none' });
  });

  it('says "next" when one speaker is ahead: the one on the floor, with the site heading the queue', () => {
    expect(siteTurnOf([turn('a')], order, 'b')).toMatchObject({ kind: 'next', ahead: 1, request: { id: 'r1' } });
    // the site's first request counts, not its later ones
    expect(siteTurnOf([turn('a')], order, 'c')).toMatchObject({ kind: 'waiting', ahead: 2 });
  });

  it('with nobody on the floor, the second in the queue is next too', () => {
    expect(siteTurnOf([], order, 'b')).toMatchObject({ kind: 'next', ahead: 0 });
    expect(siteTurnOf([], order, 'c')).toMatchObject({ kind: 'next', ahead: 1 });
    expect(siteTurnOf([], order, 'z')).toEqual({ kind: 'none' });
  });
});

describe('turnClock', () => {
  it('counts down as mm:ss, then shows the overrun as +mm:ss', () => {
    expect(turnClock(305)).toBe('05:05');
    expect(turnClock(0)).toBe('00:00');
    expect(turnClock(-1)).toBe('+00:01');
    expect(turnClock(-61)).toBe('+01:01');
    expect(turnClock(-3600)).toBe('+60:00');
  });
});
