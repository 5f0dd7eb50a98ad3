import { unzipSync, strFromU8 } from 'fflate';
import { composeSummary, formatDurationVi, type SummaryFacts } from './compose';
import { dateLineVi, renderSummaryDocx } from './docx';
import { fixtureFacts } from './summary.fixture';

describe('composeSummary', () => {
  const summary = composeSummary(fixtureFacts(), new Date('2026-12-01T09:00:00Z'));

  it('states the meeting facts with planned and actual times', () => {
    expect(summary.meeting).toMatchObject({
      title: 'Hội nghị Chính phủ với các địa phương về phát triển kinh tế cửa khẩu',
      chair: { fullName: 'Trần Hồng Hà', position: 'Phó Thủ tướng Chính phủ' },
      plannedMinutes: 210,
      actualMinutes: 222,
      agenda: ['Báo cáo tình hình kinh tế cửa khẩu', 'Ý kiến của các địa phương'],
    });
  });

  it('counts invited and connected endpoints and names the missing ones, host first then in Vietnamese order', () => {
    expect(summary.endpoints.invited).toBe(4);
    expect(summary.endpoints.connected).toBe(3);
    expect(summary.endpoints.missing).toEqual([{ organizationId: 'o-cb', organizationName: 'Ủy ban nhân dân tỉnh Cao Bằng', locationName: 'UBND tỉnh Cao Bằng' }]);
    expect(summary.endpoints.list.map((e) => e.organizationName)).toEqual([
      'Văn phòng Chính phủ',
      'Ủy ban nhân dân tỉnh Cao Bằng',
      'Ủy ban nhân dân tỉnh Đắk Lắk', // Đ after D, before L
      'Ủy ban nhân dân tỉnh Lạng Sơn',
    ]);
  });

  it('counts attendance per endpoint and in total: someone who arrived late and left still attended late', () => {
    const byName = Object.fromEntries(summary.endpoints.list.map((e) => [e.organizationName, e.attendance]));
    expect(byName['Văn phòng Chính phủ']).toEqual({ expected: 2, present: 2, late: 1, excused: 0, absent: 0 });
    expect(byName['Ủy ban nhân dân tỉnh Đắk Lắk']).toEqual({ expected: 2, present: 1, late: 1, excused: 0, absent: 1 });
    expect(byName['Ủy ban nhân dân tỉnh Cao Bằng']).toEqual({ expected: 1, present: 0, late: 0, excused: 0, absent: 1 });
    expect(summary.attendance).toEqual({ expected: 7, present: 4, late: 2, excused: 1, absent: 2 });
  });

  it('lists turns in the order spoken, counts an unfinished turn until the meeting ended, and totals per endpoint', () => {
    expect(summary.speakers.turns.map((t) => [t.order, t.fullName, t.endpointName, t.topic, t.agendaItemTitle, t.durationSeconds])).toEqual([
      [1, 'Đoàn Thu Hà', 'Ủy ban nhân dân tỉnh Lạng Sơn', 'Cửa khẩu thông minh Hữu Nghị', 'Ý kiến của các địa phương', 185],
      [2, 'Nguyễn Thiên Văn', 'Ủy ban nhân dân tỉnh Đắk Lắk', 'Xúc tiến xuất khẩu cà phê', 'Ý kiến của các địa phương', 242],
      [3, 'Đoàn Thu Hà', 'Ủy ban nhân dân tỉnh Lạng Sơn', null, null, 120],
    ]);
    // a prepared contribution lists its uploaded document
    expect(summary.speakers.turns.map((t) => t.document?.fileName ?? null)).toEqual(['Tham luận Lạng Sơn.pdf', null, null]);
    expect(summary.speakers.totalSeconds).toBe(547);
    expect(summary.speakers.perEndpoint.map((p) => [p.endpointName, p.turns, p.seconds])).toEqual([
      ['Ủy ban nhân dân tỉnh Lạng Sơn', 2, 305],
      ['Ủy ban nhân dân tỉnh Đắk Lắk', 1, 242],
    ]);
    expect(summary.endpoints.list.find((e) => e.isHost)).toMatchObject({ speakingSeconds: 0, turns: 0 });
  });

  it('keeps the conclusions with text, and groups tasks by lead organization with co-operating bodies and deadlines', () => {
    expect(summary.conclusions).toEqual([{ agendaItemTitle: 'Ý kiến của các địa phương', text: 'Thống nhất thí điểm cửa khẩu thông minh tại Lạng Sơn.' }]);
    expect(summary.tasks).toEqual([
      { leadOrganizationId: 'o-bct', leadOrganizationName: 'Bộ Công Thương', tasks: [{ description: 'Tổng hợp kiến nghị của các địa phương.', coOrganizations: [], deadline: null }] },
      {
        leadOrganizationId: 'o-ls',
        leadOrganizationName: 'Ủy ban nhân dân tỉnh Lạng Sơn',
        tasks: [
          { description: 'Xây dựng đề án cửa khẩu thông minh.', coOrganizations: ['Bộ Công Thương', 'Văn phòng Chính phủ'], deadline: '2027-01-15' },
          { description: 'Báo cáo Thủ tướng kết quả thí điểm.', coOrganizations: [], deadline: '2027-03-31' },
        ],
      },
    ]);
    expect(summary.minutes).toEqual({ revision: 2, contentHash: 'ab'.repeat(32), publishedAt: '2026-12-01T08:00:00.000Z', entryCount: 6 });
  });

  it('is the same summary for the same facts', () => {
    expect(composeSummary(fixtureFacts(), new Date('2026-12-01T09:00:00Z'))).toEqual(summary);
  });
});

describe('the votes in the summary', () => {
  const option = (optionId: string, count: number, ofCast: number | null, ofMembers: number | null) => ({ optionId, count, ofCast, ofPresent: null, ofMembers, elected: false });
  const withPolls = (): SummaryFacts => ({
    ...fixtureFacts(),
    polls: [
      {
        question: 'Thông qua Nghị quyết phiên họp thường kỳ tháng 11',
        agendaItemId: 'a2',
        choiceKind: 'standard',
        options: [
          { id: 'yes', label: 'Tán thành', abstain: false },
          { id: 'no', label: 'Không tán thành', abstain: false },
          { id: 'abstain', label: 'Không biểu quyết', abstain: true },
        ],
        secret: false,
        mode: 'mixed',
        rule: { preset: 'majority_members', base: 'members', numerator: 1, denominator: 2, strict: true },
        status: 'published',
        openedAt: new Date('2026-12-01T03:00:00Z'),
        closedAt: new Date('2026-12-01T03:02:00Z'),
        cancelledReason: null,
        result: {
          participants: 5,
          cast: 4,
          members: 6,
          present: 5,
          quorumMet: true,
          options: [option('yes', 3, 75, 50), option('no', 1, 25, 16.67), option('abstain', 1, null, 16.67)],
          passed: false,
          winnerOptionId: null,
          digest: 'cd'.repeat(32),
          named: [
            { attendeeId: 'p2', fullName: 'Đoàn Thu Hà', endpointId: 'e-ls', optionIds: ['yes'], via: 'link', castAt: '2026-12-01T03:01:00Z' },
            { attendeeId: 'p1', fullName: 'Bế Văn An', endpointId: 'e-ls', optionIds: ['no'], via: 'console', castAt: '2026-12-01T03:01:10Z' },
          ],
          sites: [{ endpointId: 'e-dl', counts: { yes: 2, abstain: 1 }, enteredAt: '2026-12-01T03:01:30Z' }],
        },
      },
      {
        question: 'Bầu bổ sung thành viên Ban chỉ đạo',
        agendaItemId: null,
        choiceKind: 'election',
        options: [{ id: 'c1', label: 'Nguyễn Văn Bình', abstain: false }],
        secret: true,
        mode: 'delegate',
        rule: { preset: 'majority_cast', base: 'cast', numerator: 1, denominator: 2, strict: true },
        status: 'cancelled',
        openedAt: null,
        closedAt: null,
        cancelledReason: 'Chưa đủ hồ sơ nhân sự',
        result: null,
      },
    ],
  });

  it('states each poll with its rule in words, named options, names in site then Vietnamese order and the site counts', () => {
    const [named, cancelled] = composeSummary(withPolls()).polls!;
    expect(named).toMatchObject({ agendaItemTitle: 'Ý kiến của các địa phương', rule: 'quá nửa tổng số thành viên', status: 'published' });
    expect(named.result).toMatchObject({ outcome: 'không được thông qua', participants: 5, cast: 4, digest: 'cd'.repeat(32) });
    expect(named.result!.options.map((o) => [o.label, o.count, o.abstain])).toEqual([['Tán thành', 3, false], ['Không tán thành', 1, false], ['Không biểu quyết', 1, true]]);
    expect(named.result!.named).toEqual([
      { fullName: 'Bế Văn An', endpointName: 'Ủy ban nhân dân tỉnh Lạng Sơn', choices: ['Không tán thành'] },
      { fullName: 'Đoàn Thu Hà', endpointName: 'Ủy ban nhân dân tỉnh Lạng Sơn', choices: ['Tán thành'] },
    ]);
    expect(named.result!.sites).toEqual([{ endpointName: 'Ủy ban nhân dân tỉnh Đắk Lắk', counts: [{ label: 'Tán thành', count: 2 }, { label: 'Không tán thành', count: 0 }, { label: 'Không biểu quyết', count: 1 }] }]);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledReason: 'Chưa đủ hồ sơ nhân sự', result: null, rule: 'quá nửa số phiếu biểu quyết' });
    expect(composeSummary(fixtureFacts()).polls).toEqual([]);
  });

  it('writes a section of votes into the document, before the conclusions, which move down one number', async () => {
    const docx = await renderSummaryDocx(composeSummary(withPolls(), new Date('2026-12-01T09:00:00Z')), { place: 'Hà Nội' });
    const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']);
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    const missing = [
      'IV. KẾT QUẢ BIỂU QUYẾT',
      '1. Thông qua Nghị quyết phiên họp thường kỳ tháng 11',
      'Hình thức: biểu quyết công khai, kết hợp đại biểu biểu quyết và điểm cầu báo cáo số biểu quyết; điều kiện thông qua: quá nửa tổng số thành viên.',
      'Số thành viên: 6; có mặt khi biểu quyết: 5; tham gia biểu quyết: 5; số phiếu biểu quyết: 4.',
      '16,67%',
      'không được thông qua',
      'Bế Văn An',
      `Mã kiểm tra kết quả (SHA-256): ${'cd'.repeat(32)}.`,
      '2. Bầu bổ sung thành viên Ban chỉ đạo',
      'Cuộc biểu quyết đã bị hủy: Chưa đủ hồ sơ nhân sự.',
      'V. KẾT LUẬN',
      'VI. NHIỆM VỤ ĐƯỢC GIAO',
    ].filter((expected) => !text.includes(expected));
    expect(missing).toEqual([]);
    expect(text.indexOf('KẾT QUẢ BIỂU QUYẾT')).toBeLessThan(text.indexOf('V. KẾT LUẬN'));
  });
});

describe('Vietnamese wording', () => {
  it('writes durations and dates as a report does', () => {
    expect(formatDurationVi(0)).toBe('0 giây');
    expect(formatDurationVi(185)).toBe('3 phút 5 giây');
    expect(formatDurationVi(3600 * 3 + 1800)).toBe('3 giờ 30 phút');
    expect(dateLineVi(new Date('2026-02-05T20:00:00Z'))).toBe('ngày 06 tháng 02 năm 2026');
    expect(dateLineVi(new Date('2026-11-24T18:00:00Z'))).toBe('ngày 25 tháng 11 năm 2026');
  });
});

describe('composeSummary of a conference down to the communes', () => {
  it('rolls the communes up into their province: sites, connected, people from headcounts and rosters', async () => {
    const base = fixtureFacts();
    const commune = (id: string, parent: string, connected: boolean, headcount: number | null) => ({
      id,
      organizationId: `o-${id}`,
      organizationName: `Ủy ban nhân dân xã ${id}`,
      locationName: id,
      isHost: false,
      firstConnectedAt: connected ? new Date('2026-11-25T00:40:00Z') : null,
      parentEndpointId: parent,
      headcount,
    });
    const facts: SummaryFacts = { ...base, endpoints: [...base.endpoints, commune('Tân Văn', 'e-ls', true, 60), commune('Đình Lập', 'e-ls', true, 45), commune('Hòa An', 'e-cb', false, null)] };
    const summary = composeSummary(facts, new Date('2026-12-01T09:00:00Z'));
    const ls = summary.sites!.groups.find((g) => g.organizationName === 'Ủy ban nhân dân tỉnh Lạng Sơn')!;
    expect(ls).toEqual({ organizationName: 'Ủy ban nhân dân tỉnh Lạng Sơn', sites: 3, connected: 3, people: 1 + 105, unreported: 0 });
    expect(summary.sites!.groups.find((g) => g.organizationName === 'Ủy ban nhân dân tỉnh Cao Bằng')).toMatchObject({ sites: 2, connected: 0, unreported: 1 });
    expect(summary.sites!.people).toBe(summary.attendance.present + 105);
    expect(composeSummary(fixtureFacts()).sites).toBeUndefined();
    const docx = await renderSummaryDocx(summary, { place: 'Hà Nội' });
    const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']);
    expect(xml).toContain('Chưa báo số lượng');
  });
});

describe('renderSummaryDocx', () => {
  it('lays out an A4 administrative report in Times New Roman with the national heading, title and numbered sections', async () => {
    const docx = await renderSummaryDocx(composeSummary(fixtureFacts(), new Date('2026-12-01T09:00:00Z')), { place: 'Hà Nội' });
    const files = unzipSync(new Uint8Array(docx));
    const xml = strFromU8(files['word/document.xml']);
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(xml.match(/<w:pgSz [^>]*>/)?.[0]).toMatch(/w:w="11906" w:h="16838"/); // A4 in twentieths of a point
    expect(xml.match(/<w:pgMar [^>]*>/)?.[0]).toMatch(/w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/); // 20, 15, 20, 30 mm
    expect(strFromU8(files['word/styles.xml'])).toContain('w:ascii="Times New Roman"');
    const missing = [
      'VĂN PHÒNG CHÍNH PHỦ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số:        /BC-VPCP',
      'Hà Nội, ngày 01 tháng 12 năm 2026',
      'BÁO CÁO',
      'I. THÔNG TIN CHUNG',
      'II. ĐIỂM CẦU VÀ THÀNH PHẦN THAM DỰ',
      'III. Ý KIẾN PHÁT BIỂU',
      'IV. KẾT LUẬN',
      'V. NHIỆM VỤ ĐƯỢC GIAO',
      'Các điểm cầu không kết nối: Ủy ban nhân dân tỉnh Cao Bằng.',
      'Có 3 lượt phát biểu, tổng thời lượng 9 phút 7 giây.',
      'Cửa khẩu thông minh Hữu Nghị (tài liệu tham luận: Tham luận Lạng Sơn.pdf)',
      'Ủy ban nhân dân tỉnh Lạng Sơn chủ trì',
      'Cơ quan phối hợp: Bộ Công Thương, Văn phòng Chính phủ. Thời hạn: 15/01/2027.',
      'biên bản phát hành lần 2',
      'Trần Hồng Hà',
    ].filter((expected) => !text.includes(expected));
    expect(missing).toEqual([]);
    expect(text.normalize('NFC')).toBe(text);
  });
});
