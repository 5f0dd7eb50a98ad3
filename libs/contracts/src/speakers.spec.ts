import { agendaItemTiming, orderQueue, pauseTurn, remainingSeconds, resumeTurn, speakerStatistics, speakingMs, spokenSeconds, type SpeechRequest, type SpeakerTurn } from './speakers';

let n = 0;
const req = (o: Partial<SpeechRequest>): SpeechRequest => ({
  id: `r${++n}`,
  meetingId: 'm',
  endpointId: 'e1',
  attendeeId: 'a',
  attendeeName: 'A',
  attendeePosition: null,
  agendaItemId: 'i1',
  kind: 'contribution',
  categoryRank: null,
  answersRequestId: null,
  topic: null,
  abstract: null,
  documentUrl: null,
  documentId: null,
  requestedMinutes: 5,
  status: 'queued',
  rejectReason: null,
  position: n,
  requestedAt: `2026-12-01T01:00:${String(n).padStart(2, '0')}Z`,
  approvedAt: null,
  version: 1,
  ...o,
});

describe('orderQueue', () => {
  it('puts points of order first by rank, then interjections, then ordinary requests in their order', () => {
    const a = req({ kind: 'prepared' });
    const b = req({ kind: 'for' });
    const q = req({ kind: 'interposed_question' });
    const p5 = req({ kind: 'point_of_order', categoryRank: 5 });
    const i = req({ kind: 'intervention' });
    const p1 = req({ kind: 'point_of_order', categoryRank: 1 });
    expect(orderQueue([a, b, q, p5, i, p1], [], { unheardFirst: false }).map((r) => r.id)).toEqual([p1.id, p5.id, q.id, i.id, a.id, b.id]);
  });

  it('keeps only queued requests', () => {
    const rows = (['pending', 'queued', 'speaking', 'done', 'rejected', 'withdrawn', 'skipped'] as const).map((status) => req({ status }));
    expect(orderQueue(rows, [], { unheardFirst: false }).map((r) => r.status)).toEqual(['queued']);
  });

  it('follows the chair’s manual positions among ordinary requests', () => {
    const a = req({ position: 3 });
    const b = req({ position: 1 });
    const c = req({ position: 2 });
    expect(orderQueue([a, b, c], [], { unheardFirst: false }).map((r) => r.id)).toEqual([b.id, c.id, a.id]);
  });

  it('puts endpoints not yet heard on the item first, keeping order within each group', () => {
    const heardA = req({ endpointId: 'hanoi' });
    const fresh1 = req({ endpointId: 'langson' });
    const heardB = req({ endpointId: 'hanoi' });
    const fresh2 = req({ endpointId: 'caobang' });
    const otherItem = req({ endpointId: 'hanoi', agendaItemId: 'i2' });
    const turns = [{ endpointId: 'hanoi', agendaItemId: 'i1' }];
    expect(orderQueue([heardA, fresh1, heardB, fresh2, otherItem], turns, { unheardFirst: true }).map((r) => r.id)).toEqual([fresh1.id, fresh2.id, otherItem.id, heardA.id, heardB.id]);
    expect(orderQueue([heardA, fresh1], turns, { unheardFirst: false }).map((r) => r.id)).toEqual([heardA.id, fresh1.id]);
  });
});

describe('time', () => {
  const turn = (o: Partial<SpeakerTurn>): SpeakerTurn => ({
    id: 't',
    meetingId: 'm',
    requestId: 'r',
    endpointId: 'e1',
    attendeeId: 'a',
    attendeeName: 'A',
    agendaItemId: null,
    kind: 'contribution',
    topic: null,
    startedAt: '2026-12-01T01:00:00Z',
    endedAt: null,
    allottedSeconds: 300,
    durationSeconds: null,
    pausedAt: null,
    pausedMs: 0,
    ...o,
  });
  const at = (s: string) => Date.parse(s);

  it('counts down from the server start and goes negative on overrun', () => {
    expect(remainingSeconds(turn({}), at('2026-12-01T01:01:00Z'))).toBe(240);
    expect(remainingSeconds(turn({}), at('2026-12-01T01:05:30Z'))).toBe(-30);
  });

  it('adds finished turns and the running one per endpoint', () => {
    const turns = [turn({ durationSeconds: 100, endedAt: 'x' }), turn({ endpointId: 'e2', durationSeconds: 50, endedAt: 'x' }), turn({})];
    expect(spokenSeconds(turns, 'e1', at('2026-12-01T01:00:20Z'))).toBe(120);
  });

  it('stands still while paused and keeps the time left exactly through a resume', () => {
    const running = turn({});
    // paused 40.6 s in: 260 s shown (300 less the 40 whole seconds spoken), on every screen, however long the pause
    const paused = pauseTurn(running, at('2026-12-01T01:00:40.600Z'))!;
    expect(paused.pausedAt).toBe('2026-12-01T01:00:40.600Z');
    expect(remainingSeconds(paused, at('2026-12-01T01:00:41Z'))).toBe(260);
    expect(remainingSeconds(paused, at('2026-12-01T01:30:00Z'))).toBe(260);
    expect(speakingMs(paused, at('2026-12-01T02:00:00Z'))).toBe(40_600);
    // resumed after 10 min 0.2 s: the pause joins pausedMs to the millisecond, the countdown goes on from 40.6 s spoken
    const resumed = resumeTurn(paused, at('2026-12-01T01:10:40.800Z'))!;
    expect(resumed).toMatchObject({ pausedAt: null, pausedMs: 600_200 });
    expect(remainingSeconds(resumed, at('2026-12-01T01:10:40.800Z'))).toBe(260);
    expect(speakingMs(resumed, at('2026-12-01T01:10:41.200Z'))).toBe(41_000);
    expect(remainingSeconds(resumed, at('2026-12-01T01:10:41.200Z'))).toBe(259);
    expect(remainingSeconds(resumed, at('2026-12-01T01:10:42.200Z'))).toBe(258);
    // two pauses add up
    const again = resumeTurn(pauseTurn(resumed, at('2026-12-01T01:11:00Z'))!, at('2026-12-01T01:12:00Z'))!;
    expect(again.pausedMs).toBe(660_200);
    expect(speakingMs(again, at('2026-12-01T01:12:00Z'))).toBe(59_800);
  });

  it('refuses a pause of a paused or finished turn and a resume of a running one', () => {
    const t0 = at('2026-12-01T01:01:00Z');
    expect(pauseTurn(turn({ pausedAt: '2026-12-01T01:00:30Z' }), t0)).toBeNull();
    expect(pauseTurn(turn({ endedAt: '2026-12-01T01:00:50Z', durationSeconds: 50 }), t0)).toBeNull();
    expect(resumeTurn(turn({}), t0)).toBeNull();
    // a pause "before the start" (a client clock ahead) starts at the start: never a negative speaking time
    expect(speakingMs(pauseTurn(turn({}), at('2026-12-01T00:59:00Z'))!, t0)).toBe(0);
  });

  it('leaves pauses out of the speaking time of a running turn', () => {
    const paused = turn({ pausedMs: 30_000, pausedAt: '2026-12-01T01:02:00Z' });
    // 2 min since the start, 30 s of an earlier pause: 90 s spoken, still 90 s an hour later
    expect(spokenSeconds([paused], 'e1', at('2026-12-01T03:00:00Z'))).toBe(90);
    expect(remainingSeconds(paused, at('2026-12-01T03:00:00Z'))).toBe(210);
  });
});

describe('agendaItemTiming', () => {
  const turn = (o: Partial<SpeakerTurn>): SpeakerTurn => ({
    id: 't', meetingId: 'm', requestId: 'r', endpointId: 'e1', attendeeId: 'a', attendeeName: 'A', agendaItemId: 'i1', kind: 'contribution', topic: null,
    startedAt: '2026-12-01T01:00:00Z', endedAt: null, allottedSeconds: 300, durationSeconds: null, pausedAt: null, pausedMs: 0, ...o,
  });
  it('sums the speeches of each item, the running one up to now without its pauses, against the planned minutes', () => {
    const turns = [
      turn({ id: 'a', endedAt: '2026-12-01T01:04:00Z', durationSeconds: 240 }),
      turn({ id: 'b', startedAt: '2026-12-01T01:05:00Z', pausedMs: 20_000 }),
      turn({ id: 'c', agendaItemId: 'i2', endedAt: '2026-12-01T01:01:00Z', durationSeconds: 65 }),
      turn({ id: 'd', agendaItemId: null, endedAt: '2026-12-01T01:01:00Z', durationSeconds: 30 }),
    ];
    const now = Date.parse('2026-12-01T01:07:00Z');
    expect(agendaItemTiming([{ id: 'i1', durationMinutes: 5 }, { id: 'i2', durationMinutes: 10 }, { id: 'i3', durationMinutes: 15 }], turns, now)).toEqual([
      { agendaItemId: 'i1', plannedSeconds: 300, usedSeconds: 340, turns: 2, overSeconds: 40 },
      { agendaItemId: 'i2', plannedSeconds: 600, usedSeconds: 65, turns: 1, overSeconds: -535 },
      { agendaItemId: 'i3', plannedSeconds: 900, usedSeconds: 0, turns: 0, overSeconds: -900 },
    ]);
  });
});

describe('speakerStatistics', () => {
  it('sums speaking time per endpoint against its budget, turns per item and waiting time', () => {
    const request = { ...(orderQueue([], [], { unheardFirst: false })[0] ?? {}), id: 'r1', approvedAt: '2026-12-01T00:58:00Z' } as unknown as SpeechRequest;
    const turns: SpeakerTurn[] = [
      { id: 't1', meetingId: 'm', requestId: 'r1', endpointId: 'e1', attendeeId: 'a', attendeeName: 'A', agendaItemId: 'i1', kind: 'for', topic: null, startedAt: '2026-12-01T01:00:00Z', endedAt: '2026-12-01T01:02:00Z', allottedSeconds: 300, durationSeconds: 120, pausedAt: null, pausedMs: 0 },
    ];
    const stats = speakerStatistics(
      { settings: { open: true, maxOpenRequestsPerEndpoint: 3, maxTurnsPerEndpointPerItem: null, budgetSeconds: 600, unheardFirst: false, defaultMinutes: 5 }, requests: [request], turns, addedSeconds: { e1: 60 } },
      ['e1', 'e2'],
      Date.parse('2026-12-01T02:00:00Z'),
    );
    expect(stats.byEndpoint).toEqual([
      { endpointId: 'e1', turns: 1, seconds: 120, budgetSeconds: 660, remainingSeconds: 540 },
      { endpointId: 'e2', turns: 0, seconds: 0, budgetSeconds: 600, remainingSeconds: 600 },
    ]);
    expect(stats.turnsByAgendaItem).toEqual([{ agendaItemId: 'i1', turns: 1 }]);
    expect(stats.waiting).toEqual({ averageSeconds: 120, longestSeconds: 120 });
  });
});
