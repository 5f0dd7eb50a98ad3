import type { MinutesEntry } from '@app/contracts';
import { contentHash, diffRevisions, editRefusal, movedPosition, nextMinutesStatus } from './minutes-rules';

const entry = (id: string, text: string, o: Partial<MinutesEntry> = {}): MinutesEntry => ({
  id,
  meetingId: 'm',
  position: 1,
  kind: 'note',
  agendaItemId: null,
  text,
  speech: null,
  leadOrganizationId: null,
  coOrganizationIds: [],
  deadline: null,
  version: 1,
  updatedBy: null,
  updatedByName: null,
  updatedAt: '2026-12-01T00:00:00Z',
  ...o,
});

describe('minutes workflow', () => {
  it('goes draft -> in review -> approved -> published', () => {
    expect(nextMinutesStatus('draft', 'submit')).toBe('in_review');
    expect(nextMinutesStatus('in_review', 'approve')).toBe('approved');
    expect(nextMinutesStatus('approved', 'publish')).toBe('published');
  });
  it.each([
    ['draft', 'approve'],
    ['draft', 'publish'],
    ['in_review', 'publish'],
    ['published', 'approve'],
    ['published', 'reopen'],
  ] as const)('refuses %s -> %s', (from, action) => expect(nextMinutesStatus(from, action)).toBeNull());
});

describe('revision seal and diff', () => {
  it('hashes content, not who typed it or when', () => {
    const a = [entry('1', 'Thủ tướng giao Bộ Ngoại giao chủ trì')];
    expect(contentHash(a)).toBe(contentHash([{ ...a[0], version: 7, updatedAt: '2027-01-01T00:00:00Z' }]));
    expect(contentHash(a)).not.toBe(contentHash([entry('1', 'Thủ tướng giao Bộ Ngoại giao chủ trì, phối hợp')]));
  });

  it('marks added, removed, changed and unchanged entries with a word diff', () => {
    const before = [entry('1', 'Khai mạc'), entry('2', 'Giao Bộ Công an chủ trì'), entry('3', 'Bế mạc')];
    const after = [entry('1', 'Khai mạc'), entry('2', 'Giao Bộ Ngoại giao chủ trì'), entry('4', 'Kết luận mới')];
    const diff = diffRevisions(before, after);
    expect(diff.map((d) => [d.entryId, d.change])).toEqual([
      ['1', 'unchanged'],
      ['2', 'changed'],
      ['4', 'added'],
      ['3', 'removed'],
    ]);
    expect(diff[1].text.filter((p) => p.removed).map((p) => p.value.trim())).toEqual(['Công an']);
    expect(diff[1].text.filter((p) => p.added).map((p) => p.value.trim())).toEqual(['Ngoại giao']);
  });
});

describe('what may be edited', () => {
  it('edits only a draft: in review and approved are read-only until sent back, published needs a correction', () => {
    expect(editRefusal('draft')).toBeNull();
    expect(editRefusal('in_review')).toBe('in_review');
    expect(editRefusal('approved')).toBe('approved');
    expect(editRefusal('published')).toBe('needs_correction');
  });
});

describe('moving an entry one place', () => {
  const list = [
    { id: 'a', position: 1 },
    { id: 'b', position: 2 },
    { id: 'c', position: 2.5 },
    { id: 'd', position: 4 },
  ];
  const order = (moved: string, to: number) => [...list.map((e) => (e.id === moved ? { ...e, position: to } : e))].sort((x, y) => x.position - y.position).map((e) => e.id);
  it('goes between its new neighbours, changing only its own position', () => {
    expect(order('c', movedPosition(list, 'c', 'up')!)).toEqual(['a', 'c', 'b', 'd']);
    expect(order('b', movedPosition(list, 'b', 'down')!)).toEqual(['a', 'c', 'b', 'd']);
    expect(order('b', movedPosition(list, 'b', 'up')!)).toEqual(['b', 'a', 'c', 'd']);
    expect(order('c', movedPosition(list, 'c', 'down')!)).toEqual(['a', 'b', 'd', 'c']);
  });
  it('has nowhere to go at the edges, nor for an unknown entry', () => {
    expect(movedPosition(list, 'a', 'up')).toBeNull();
    expect(movedPosition(list, 'd', 'down')).toBeNull();
    expect(movedPosition(list, 'x', 'up')).toBeNull();
  });
});
