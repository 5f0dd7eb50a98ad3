import { strFromU8, unzipSync } from 'fflate';
import { composeSummary } from './compose';
import { composeNotice, renderNoticeDocx } from './notice';
import { fixtureFacts } from './summary.fixture';

describe('composeNotice', () => {
  const facts = fixtureFacts();
  const notice = composeNotice(composeSummary(facts, new Date('2026-12-01T09:00:00Z')), facts);

  it('names the chair and the meeting in the subject, and the issuing body with its code', () => {
    expect(notice.subject).toBe('Kết luận của Phó Thủ tướng Chính phủ Trần Hồng Hà tại Hội nghị Chính phủ với các địa phương về phát triển kinh tế cửa khẩu');
    expect(notice).toMatchObject({ issuingBody: 'Văn phòng Chính phủ', hostCode: 'VPCP', signature: ['TL. PHÓ THỦ TƯỚNG CHÍNH PHỦ', 'KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG'] });
    expect(notice.opening).toMatch(/^Ngày \d{1,2} tháng \d{1,2} năm 2026, tại Văn phòng Chính phủ, Phó Thủ tướng Chính phủ Trần Hồng Hà đã chủ trì /);
  });

  it('keeps the conclusions with text, and the tasks by lead agency in Vietnamese order with co-operating bodies and deadlines', () => {
    expect(notice.conclusions).toEqual(['Về Ý kiến của các địa phương: Thống nhất thí điểm cửa khẩu thông minh tại Lạng Sơn.']);
    expect(notice.tasks).toEqual([
      'Bộ Công Thương chủ trì: Tổng hợp kiến nghị của các địa phương. Thời hạn: không ghi hạn.',
      'Ủy ban nhân dân tỉnh Lạng Sơn chủ trì, phối hợp với Bộ Công Thương, Văn phòng Chính phủ: Xây dựng đề án cửa khẩu thông minh. Thời hạn: 15/01/2027.',
      'Ủy ban nhân dân tỉnh Lạng Sơn chủ trì: Báo cáo Thủ tướng kết quả thí điểm. Thời hạn: 31/03/2027.',
    ]);
  });

  it('lists every agency named once, the leads first, as the recipients', () => {
    expect(notice.agencies).toEqual([
      { organizationId: 'o-bct', name: 'Bộ Công Thương', role: 'lead' },
      { organizationId: 'o-ls', name: 'Ủy ban nhân dân tỉnh Lạng Sơn', role: 'lead' },
      { organizationId: 'o-vpcp', name: 'Văn phòng Chính phủ', role: 'co' },
    ]);
  });

  it('renders the secretariat’s wording instead of the composed one, under the TB number', async () => {
    const docx = await renderNoticeDocx(notice, { conclusions: ['Đồng ý chủ trương thí điểm.'], tasks: ['Giao Ủy ban nhân dân tỉnh Lạng Sơn chủ trì.'] }, new Date('2026-12-05T03:00:00Z'));
    const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']);
    expect(xml).toContain('/TB-VPCP');
    expect(xml).toContain('1. Đồng ý chủ trương thí điểm.');
    expect(xml).toContain('2. Tổ chức thực hiện:');
    expect(xml).toContain('- Giao Ủy ban nhân dân tỉnh Lạng Sơn chủ trì.');
    expect(xml).not.toContain('Thống nhất thí điểm');
    expect(xml).toContain('Hà Nội, ngày 05 tháng 12 năm 2026');
    expect(xml).toContain('- Văn phòng Chính phủ;');
  });
});
