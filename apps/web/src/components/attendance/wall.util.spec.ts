import { describe, expect, it } from '@jest/globals';
import type { MeetingSnapshot } from '@app/contracts';
import { clock } from '../speakers/speakers.util';
import { fmtDate } from '../reports/report-format';
import { wallOf } from './wall.util';

// Only the fields the wall reads; the rest of the snapshot does not matter here.
const snapshot = (parts: { endpoints: object[]; attendees: object[]; presence: object[]; status?: string }) =>
  ({ meeting: { status: parts.status ?? 'live' }, ...parts }) as unknown as MeetingSnapshot;
const endpoint = (id: string, organizationName: string, isHost = false) => ({ id, organizationName, organizationShortName: null, isHost });

describe('wallOf', () => {
  const state = snapshot({
    endpoints: [endpoint('ls', 'Lạng Sơn'), endpoint('dn', 'Đà Nẵng'), endpoint('bng', 'Bộ Ngoại giao', true), endpoint('cb', 'Cao Bằng')],
    attendees: [
      { endpointId: 'ls', status: 'present' },
      { endpointId: 'ls', status: 'late' },
      { endpointId: 'ls', status: 'expected' },
      { endpointId: 'dn', status: 'absent' },
    ],
    presence: [
      { endpointId: 'ls', state: 'connected' },
      { endpointId: 'bng', state: 'connected' },
      { endpointId: 'dn', state: 'offline' },
    ],
  });

  it('puts the host first, then the sites in Vietnamese order (Đ after D, before L)', () => {
    expect(wallOf(state).rows.map((r) => r.name)).toEqual(['Bộ Ngoại giao', 'Cao Bằng', 'Đà Nẵng', 'Lạng Sơn']);
  });

  it('counts present and late attendees against the roster, and the sites connected or missing', () => {
    const wall = wallOf(state);
    expect(wall.rows.find((r) => r.endpoint.id === 'ls')).toMatchObject({ present: 2, expected: 3 });
    expect(wall).toMatchObject({ connected: 2, total: 4 });
    expect(wall.missing.map((m) => m.name)).toEqual(['Cao Bằng', 'Đà Nẵng']);
    expect(wall.rows.map((r) => r.state)).toEqual(['connected', 'not_joined', 'offline', 'connected']);
  });

  it('once the meeting is over, shows the sites that left as ended, not as lost, and misses nobody', () => {
    for (const status of ['ended', 'minutes_published', 'cancelled']) {
      const wall = wallOf({ ...state, meeting: { ...state.meeting, status } } as MeetingSnapshot);
      expect(wall.over).toBe(true);
      expect(wall.missing).toEqual([]);
      // Bộ Ngoại giao and Lạng Sơn are still connected; the others left
      expect(wall.rows.map((r) => r.state)).toEqual(['connected', 'ended', 'ended', 'connected']);
    }
    expect(wallOf(state).over).toBe(false);
  });
});

describe('display helpers', () => {
  it('shows a countdown as m:ss, negative once the time is over', () => {
    expect(clock(305)).toBe('5:05');
    expect(clock(0)).toBe('0:00');
    expect(clock(-61)).toBe('−1:01');
  });

  it('shows a deadline as dd/mm/yyyy', () => {
    expect(fmtDate('2027-01-16')).toBe('16/01/2027');
    expect(fmtDate(null)).toBe('');
  });
});
