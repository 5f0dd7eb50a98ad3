import { Logger } from '@nestjs/common';
import { pdfText, samplePdf, squash } from '../../../../test/support/documents';
import { STAMP_FONT_PATH, watermarkPdf } from './watermark';

describe('watermarkPdf', () => {
  const reader = 'Hoàng Văn Đức - Ủy ban nhân dân tỉnh Lạng Sơn - 03/12/2026 23:45';

  it('stamps every page in Noto Sans, Vietnamese diacritics intact, with only the stamp’s glyphs embedded', async () => {
    const stamped = await watermarkPdf(await samplePdf('Noi dung', 2), 'MẬT', reader);
    const pages = (await pdfText(stamped)).split('\f').filter((p) => p.trim());
    expect(pages).toHaveLength(2);
    for (const page of pages) expect(squash(page)).toContain(`MẬT - ${reader}`);
    // a subset, not the 500 kB font
    expect(stamped.length).toBeLessThan(60_000);
    expect(stamped.toString('latin1')).toMatch(/\/FontName \/NotoSans-Regular/);
  });

  it('falls back to Helvetica without diacritics, saying why, when the font file is missing', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const missing = `${STAMP_FONT_PATH}.missing`;
    const stamped = await watermarkPdf(await samplePdf('Noi dung'), 'MẬT', reader, missing);
    expect(squash(await pdfText(stamped))).toContain('MAT - Hoang Van Duc - Uy ban nhan dan tinh Lang Son - 03/12/2026 23:45');
    await watermarkPdf(await samplePdf('Lan hai'), 'MẬT', reader, missing);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/NotoSans-Regular\.ttf\.missing unreadable \(ENOENT\).*fonts-noto-core/);
    warn.mockRestore();
  });
});
