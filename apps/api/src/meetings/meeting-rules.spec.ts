import { instantSchema, localDateOf, startOfLocalDay } from '@app/contracts';
import { computeAgendaTimes } from './agenda-times';
import { allowedActions, nextStatus, overlaps } from './meeting-lifecycle';

describe('meeting lifecycle', () => {
  it('runs draft -> scheduled -> live -> ended -> minutes published', () => {
    expect(nextStatus('draft', 'schedule')).toBe('scheduled');
    expect(nextStatus('scheduled', 'start')).toBe('live');
    expect(nextStatus('live', 'end')).toBe('ended');
    expect(nextStatus('ended', 'publish_minutes')).toBe('minutes_published');
  });

  it('postpones without changing the status, and cancels only before the meeting runs', () => {
    expect(nextStatus('scheduled', 'postpone')).toBe('scheduled');
    expect(nextStatus('draft', 'cancel')).toBe('cancelled');
    expect(nextStatus('live', 'cancel')).toBeNull();
    expect(nextStatus('live', 'postpone')).toBeNull();
  });

  it.each([
    ['draft', 'start'],
    ['draft', 'end'],
    ['scheduled', 'schedule'],
    ['scheduled', 'end'],
    ['live', 'start'],
    ['ended', 'start'],
    ['ended', 'cancel'],
    ['cancelled', 'schedule'],
    ['minutes_published', 'publish_minutes'],
  ] as const)('refuses %s -> %s', (from, action) => expect(nextStatus(from, action)).toBeNull());

  it('lists what can be done next', () => {
    expect(allowedActions('scheduled').sort()).toEqual(['cancel', 'postpone', 'start']);
    expect(allowedActions('cancelled')).toEqual([]);
  });

  it('treats meetings that only touch as not overlapping', () => {
    const a = { start: new Date('2026-12-01T01:00Z'), end: new Date('2026-12-01T03:00Z') };
    expect(overlaps(a, { start: new Date('2026-12-01T03:00Z'), end: new Date('2026-12-01T04:00Z') })).toBe(false);
    expect(overlaps(a, { start: new Date('2026-12-01T02:59Z'), end: new Date('2026-12-01T04:00Z') })).toBe(true);
  });
});

describe('time rules (Asia/Ho_Chi_Minh)', () => {
  it('reads a wall-clock time without offset as Vietnam time and stores UTC', () => {
    expect(instantSchema.parse('2026-12-01T08:00')).toBe('2026-12-01T01:00:00.000Z');
    expect(instantSchema.parse('2026-12-01T08:00:00+07:00')).toBe('2026-12-01T01:00:00.000Z');
    expect(instantSchema.parse('2026-12-01T01:00:00Z')).toBe('2026-12-01T01:00:00.000Z');
  });

  it('refuses malformed and impossible dates', () => {
    expect(instantSchema.safeParse('01/12/2026 08:00').success).toBe(false);
    expect(instantSchema.safeParse('2026-13-45T08:00').success).toBe(false);
  });

  it('puts the day boundary at midnight in Vietnam, 17:00 UTC the day before', () => {
    expect(startOfLocalDay('2026-12-01').toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(localDateOf('2026-11-30T16:59:59Z')).toBe('2026-11-30');
    expect(localDateOf('2026-11-30T17:00:00Z')).toBe('2026-12-01');
  });

  it('crosses the year at local midnight', () => {
    expect(localDateOf(instantSchema.parse('2027-01-01T00:30'))).toBe('2027-01-01');
    expect(localDateOf(instantSchema.parse('2026-12-31T23:30'))).toBe('2026-12-31');
  });
});

describe('agenda planned times', () => {
  const start = new Date('2026-12-01T01:00:00Z');
  const item = (id: string, durationMinutes: number) => ({ id, title: id, durationMinutes, presenter: null, responsibleOrganizationId: null });

  it('chains items and sessions from the meeting start', () => {
    const [s1, s2] = computeAgendaTimes(start, [
      { id: 's1', title: 'Phiên 1', fixedStart: null, items: [item('a', 30), item('b', 45)] },
      { id: 's2', title: 'Phiên 2', fixedStart: null, items: [item('c', 20)] },
    ]);
    expect(s1.items.map((i) => [i.plannedStart, i.plannedEnd])).toEqual([
      ['2026-12-01T01:00:00.000Z', '2026-12-01T01:30:00.000Z'],
      ['2026-12-01T01:30:00.000Z', '2026-12-01T02:15:00.000Z'],
    ]);
    expect(s2.plannedStart).toBe('2026-12-01T02:15:00.000Z');
    expect(s2.plannedEnd).toBe('2026-12-01T02:35:00.000Z');
  });

  it('starts a session at its fixed time (after a break) and follows on from there', () => {
    const [, s2, s3] = computeAgendaTimes(start, [
      { id: 's1', title: 'Sáng', fixedStart: null, items: [item('a', 60)] },
      { id: 's2', title: 'Chiều', fixedStart: new Date('2026-12-01T06:30:00Z'), items: [item('b', 90)] },
      { id: 's3', title: 'Bế mạc', fixedStart: null, items: [] },
    ]);
    expect(s2.plannedStart).toBe('2026-12-01T06:30:00.000Z');
    expect(s3.plannedStart).toBe('2026-12-01T08:00:00.000Z');
    expect(s3.plannedEnd).toBe(s3.plannedStart);
  });
});
