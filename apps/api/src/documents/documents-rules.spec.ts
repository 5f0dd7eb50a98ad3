import { safeFileName } from './document-intake';
import { mayRead, type Reader } from './documents.service';

describe('safeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\C:\\Windows\\du-thao.pdf', 'du-thao.pdf'],
    ['Báo cáo\u202Efdp.exe', 'Báo cáofdp.exe'],
    ['Tờ trình\u2066\u200B ngân sách.pdf', 'Tờ trình ngân sách.pdf'],
    ['.bashrc', 'bashrc'],
    ['a<b>:c|d?.docx', 'a-b-c-d-.docx'],
    ['Tô\u0300 trình.pdf', 'Tồ trình.pdf'],
    ['', 'tai-lieu'],
    ['../', 'tai-lieu'],
  ])('%j -> %j', (raw, safe) => expect(safeFileName(raw)).toBe(safe));
});

describe('mayRead', () => {
  const now = new Date('2026-03-01T08:00:00Z');
  const reader = (over: Partial<Reader>): Reader => ({ accountId: 'a', all: false, endpointIds: new Set(), hostEndpointId: 'host', ...over });
  const doc = (over: Partial<Parameters<typeof mayRead>[1]>) => ({ access: 'all_invited' as const, endpointIds: [], releaseAt: null, ...over });
  it('lets those who manage documents read everything, released or not', () => {
    expect(mayRead(reader({ all: true }), doc({ access: 'named_endpoints', endpointIds: ['x'], releaseAt: new Date('2027-01-01') }), now)).toBe(true);
  });
  it('holds a document back until its release time', () => {
    expect(mayRead(reader({}), doc({ releaseAt: new Date('2026-03-01T08:00:01Z') }), now)).toBe(false);
    expect(mayRead(reader({}), doc({ releaseAt: new Date('2026-03-01T08:00:00Z') }), now)).toBe(true);
  });
  it('gives host-only documents to the host endpoint’s operators and named ones to the named endpoints’', () => {
    expect(mayRead(reader({ endpointIds: new Set(['host']) }), doc({ access: 'host_participants' }), now)).toBe(true);
    expect(mayRead(reader({ endpointIds: new Set(['ls']) }), doc({ access: 'host_participants' }), now)).toBe(false);
    expect(mayRead(reader({ endpointIds: new Set(['ls']) }), doc({ access: 'named_endpoints', endpointIds: ['cb', 'ls'] }), now)).toBe(true);
    expect(mayRead(reader({ endpointIds: new Set(['ls']) }), doc({ access: 'named_endpoints', endpointIds: ['cb'] }), now)).toBe(false);
  });
});
