import type { SummaryFacts } from './compose';

const at = (hhmm: string, s = 0) => new Date(`2026-12-01T${hhmm}:${String(s).padStart(2, '0')}+07:00`);

/** A small finished plenary: the host, three provinces (one never connected), three turns, a conclusion and two tasks. */
export function fixtureFacts(): SummaryFacts {
  return {
    meeting: {
      id: '11111111-1111-4111-8111-111111111111',
      title: 'Hội nghị Chính phủ với các địa phương về phát triển kinh tế cửa khẩu',
      kind: 'plenary',
      status: 'ended',
      hostOrganizationName: 'Văn phòng Chính phủ',
      hostCode: 'VPCP',
      hostParentName: null,
      chair: { fullName: 'Trần Hồng Hà', position: 'Phó Thủ tướng Chính phủ' },
      scheduledStart: at('08:00'),
      scheduledEnd: at('11:30'),
      actualStart: at('08:05'),
      actualEnd: at('11:47'),
    },
    agenda: [
      { id: 'a1', title: 'Báo cáo tình hình kinh tế cửa khẩu' },
      { id: 'a2', title: 'Ý kiến của các địa phương' },
    ],
    endpoints: [
      { id: 'e-ls', organizationId: 'o-ls', organizationName: 'Ủy ban nhân dân tỉnh Lạng Sơn', locationName: 'Trụ sở UBND tỉnh Lạng Sơn', isHost: false, firstConnectedAt: at('07:40') },
      { id: 'e-host', organizationId: 'o-vpcp', organizationName: 'Văn phòng Chính phủ', locationName: 'Trụ sở Chính phủ', isHost: true, firstConnectedAt: at('07:30') },
      { id: 'e-dl', organizationId: 'o-dl', organizationName: 'Ủy ban nhân dân tỉnh Đắk Lắk', locationName: 'Hội trường UBND tỉnh', isHost: false, firstConnectedAt: at('07:55') },
      { id: 'e-cb', organizationId: 'o-cb', organizationName: 'Ủy ban nhân dân tỉnh Cao Bằng', locationName: 'UBND tỉnh Cao Bằng', isHost: false, firstConnectedAt: null },
    ],
    attendees: [
      { endpointId: 'e-host', status: 'present', arrivedLate: false, checkedInAt: at('07:50') },
      { endpointId: 'e-host', status: 'left', arrivedLate: true, checkedInAt: at('08:30') },
      { endpointId: 'e-ls', status: 'present', arrivedLate: false, checkedInAt: at('07:58') },
      { endpointId: 'e-ls', status: 'excused', arrivedLate: false, checkedInAt: null },
      { endpointId: 'e-dl', status: 'late', arrivedLate: true, checkedInAt: at('08:40') },
      { endpointId: 'e-dl', status: 'absent', arrivedLate: false, checkedInAt: null },
      { endpointId: 'e-cb', status: 'expected', arrivedLate: false, checkedInAt: null },
    ],
    turns: [
      { endpointId: 'e-dl', fullName: 'Nguyễn Thiên Văn', position: 'Phó Chủ tịch UBND tỉnh', topic: 'Xúc tiến xuất khẩu cà phê', agendaItemId: 'a2', startedAt: at('09:10'), endedAt: at('09:14', 2), allottedSeconds: 300, durationSeconds: 242 },
      { endpointId: 'e-ls', fullName: 'Đoàn Thu Hà', position: 'Phó Chủ tịch UBND tỉnh', topic: 'Cửa khẩu thông minh Hữu Nghị', document: { title: 'Cửa khẩu thông minh Hữu Nghị', fileName: 'Tham luận Lạng Sơn.pdf' }, agendaItemId: 'a2', startedAt: at('09:00'), endedAt: at('09:03', 5), allottedSeconds: 300, durationSeconds: 185 },
      // still open when the meeting ended: counts until the end
      { endpointId: 'e-ls', fullName: 'Đoàn Thu Hà', position: 'Phó Chủ tịch UBND tỉnh', topic: null, agendaItemId: null, startedAt: at('11:45'), endedAt: null, allottedSeconds: 180, durationSeconds: null },
    ],
    entries: [
      { kind: 'heading', agendaItemId: 'a2', text: 'Ý kiến của các địa phương', leadOrganizationId: null, coOrganizationIds: [], deadline: null },
      { kind: 'conclusion', agendaItemId: 'a2', text: 'Thống nhất thí điểm cửa khẩu thông minh tại Lạng Sơn.', leadOrganizationId: null, coOrganizationIds: [], deadline: null },
      { kind: 'conclusion', agendaItemId: null, text: '   ', leadOrganizationId: null, coOrganizationIds: [], deadline: null },
      { kind: 'task', agendaItemId: null, text: 'Xây dựng đề án cửa khẩu thông minh.', leadOrganizationId: 'o-ls', coOrganizationIds: ['o-bct', 'o-vpcp'], deadline: '2027-01-15' },
      { kind: 'task', agendaItemId: null, text: 'Tổng hợp kiến nghị của các địa phương.', leadOrganizationId: 'o-bct', coOrganizationIds: [], deadline: null },
      { kind: 'task', agendaItemId: null, text: 'Báo cáo Thủ tướng kết quả thí điểm.', leadOrganizationId: 'o-ls', coOrganizationIds: [], deadline: '2027-03-31' },
    ],
    organizationNames: new Map([
      ['o-ls', 'Ủy ban nhân dân tỉnh Lạng Sơn'],
      ['o-bct', 'Bộ Công Thương'],
      ['o-vpcp', 'Văn phòng Chính phủ'],
    ]),
    minutes: { revision: 2, contentHash: 'ab'.repeat(32), publishedAt: at('15:00') },
  };
}
