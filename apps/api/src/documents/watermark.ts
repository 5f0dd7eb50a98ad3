import { readFile } from 'node:fs/promises';
import { Logger } from '@nestjs/common';
import * as fontkit from '@pdf-lib/fontkit';
import { PDFDict, PDFDocument, PDFName, PDFRef, StandardFonts, degrees, rgb, type PDFFont } from 'pdf-lib';

/** Noto Sans has every Vietnamese letter and tone mark (Debian's fonts-noto-core, installed in CI and the images). */
export const STAMP_FONT_PATH = '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf';

/**
 * The stamp in the 14 standard PDF fonts' WinAnsi encoding, which has no ă, đ, ơ, ư or tone
 * marks: the fallback when the Unicode font cannot be read ("Hoàng Văn Đức" -> "Hoang Van Duc").
 */
export const stampText = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '');

const logger = new Logger('Watermark');
const fontBytes = new Map<string, Promise<Uint8Array | null>>();

/** The font file, read once per process; null (and one warning saying why) when it cannot be read. */
function stampFontBytes(path: string): Promise<Uint8Array | null> {
  let bytes = fontBytes.get(path);
  if (!bytes) {
    bytes = readFile(path).then(
      (b) => new Uint8Array(b),
      (err: NodeJS.ErrnoException) => {
        logger.warn(`Watermark font ${path} unreadable (${err.code ?? err.message}): stamps are written without Vietnamese diacritics; install fonts-noto-core`);
        return null;
      },
    );
    fontBytes.set(path, bytes);
  }
  return bytes;
}

/** The stamp's font and the text as it can write it: Noto Sans subset to the stamp's glyphs, else Helvetica without diacritics. */
async function stampFont(doc: PDFDocument, text: string, fontPath: string): Promise<{ font: PDFFont; line: string }> {
  const bytes = await stampFontBytes(fontPath);
  if (!bytes) return { font: await doc.embedFont(StandardFonts.HelveticaBold), line: stampText(text) };
  doc.registerFontkit(fontkit);
  return { font: await doc.embedFont(bytes, { subset: true }), line: text.normalize('NFC') };
}

/** The catalog entries through which a PDF runs JavaScript when it is opened. */
const SCRIPT_ENTRIES = ['OpenAction', 'AA'];

/**
 * A "MẬT" / "Lưu hành nội bộ" document as one reader gets it: every page stamped with who
 * reads it, their organization and the time (diagonally across the page and as a footer), and
 * the document's open actions and JavaScript name tree removed. In memory: such documents are
 * read one at a time, and pdf-lib rewrites the whole file.
 */
export async function watermarkPdf(pdf: Buffer | Uint8Array, marking: string, reader: string, fontPath = STAMP_FONT_PATH): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const { font, line } = await stampFont(doc, `${marking} - ${reader}`, fontPath);
  for (const page of doc.getPages()) {
    const { width, height } = page.getSize();
    const size = Math.max(10, Math.min(26, (width * 0.9) / Math.max(1, font.widthOfTextAtSize(line, 1))));
    page.drawText(line, { x: width * 0.08, y: height * 0.25, size, font, color: rgb(0.7, 0.1, 0.1), opacity: 0.22, rotate: degrees(Math.atan2(height, width) * (180 / Math.PI) * 0.8) });
    page.drawText(line, { x: 24, y: 12, size: 7.5, font, color: rgb(0.6, 0.1, 0.1), opacity: 0.9 });
  }
  const drop = (dict: PDFDict | undefined, key: string) => {
    const value = dict?.get(PDFName.of(key));
    // pdf-lib writes every object it read, referenced or not: the action objects go too
    if (value instanceof PDFRef) doc.context.delete(value);
    dict?.delete(PDFName.of(key));
  };
  for (const key of SCRIPT_ENTRIES) drop(doc.catalog, key);
  drop(doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict), 'JavaScript');
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** An image as a one-page PDF of its size, so it can be stamped like the rest. */
export async function imagePdf(image: Buffer, mime: 'image/png' | 'image/jpeg'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const embedded = mime === 'image/png' ? await doc.embedPng(image) : await doc.embedJpg(image);
  const page = doc.addPage([embedded.width, embedded.height]);
  page.drawImage(embedded, { x: 0, y: 0, width: embedded.width, height: embedded.height });
  return Buffer.from(await doc.save());
}
