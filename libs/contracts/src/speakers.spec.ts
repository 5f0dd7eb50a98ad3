import { orderQueue, remainingSeconds, speakerStatistics, spokenSeconds, type SpeechRequest, type SpeakerTurn } from './speakers';

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
});

describe('speakerStatistics', () => {
  it('sums speaking time per endpoint against its budget, turns per item and waiting time', () => {
    const request = { ...(orderQueue([], [], { unheardFirst: false })[0] ?? {}), id: 'r1', approvedAt: '2026-12-01T00:58:00Z' } as unknown as SpeechRequest;
    const turns: SpeakerTurn[] = [
      { id: 't1', meetingId: 'm', requestId: 'r1', endpointId: 'e1', attendeeId: 'a', attendeeName: 'A', agendaItemId: 'i1', kind: 'for', topic: null, startedAt: '2026-12-01T01:00:00Z', endedAt: '2026-12-01T01:02:00Z', allottedSeconds: 300, durationSeconds: 120 },
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
