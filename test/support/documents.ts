import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';

const run = promisify(execFile);

/** The text of a PDF as poppler's pdftotext reads it, in reading order (a table cell's lines stay together). */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'htt-pdftext-'));
  try {
    await writeFile(join(dir, 'in.pdf'), pdf);
    await run('pdftotext', ['-enc', 'UTF-8', join(dir, 'in.pdf'), join(dir, 'out.txt')]);
    return (await readFile(join(dir, 'out.txt'), 'utf8')).normalize('NFC');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Opens a DOCX with LibreOffice headless (a cold, separate office), prints it to PDF and reads the text back. */
export async function docxText(docx: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'htt-docxtext-'));
  try {
    await writeFile(join(dir, 'in.docx'), docx);
    await run('soffice', [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'in.docx')], { timeout: 120_000 });
    return await pdfText(await readFile(join(dir, 'in.pdf')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One line of text: lines wrapped by the page layout joined with single spaces. */
export const squash = (text: string) => text.replace(/\s+/g, ' ');

/** A real PDF of `pages` pages, each with a line of `text` (pdf-lib; Helvetica, so ASCII text). */
export async function samplePdf(text: string, pages = 1, options: { javascript?: string } = {}): Promise<Buffer> {
  const { PDFDocument, StandardFonts, PDFName, PDFString } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`${text} ${i + 1}`, { x: 60, y: 760, size: 14, font });
  if (options.javascript) {
    // an OpenAction running JavaScript when the file is opened: what a hostile upload carries
    const action = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of(options.javascript) });
    doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
  }
  // without object streams, so the script's objects are readable in the bytes
  return Buffer.from(await doc.save({ useObjectStreams: !options.javascript }));
}

/** A minimal but valid OOXML word document (what file-type and LibreOffice recognise), or one with `extra` entries. */
export async function sampleDocx(text: string, extra: Record<string, string | Buffer> = {}): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`);
  for (const [name, content] of Object.entries(extra)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Uploads a document (multipart: the fields, then the file) and returns the status and JSON body. */
export async function uploadDocument<T = unknown>(
  baseUrl: string,
  token: string,
  path: string,
  file: { name: string; bytes: Buffer },
  fields: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** The text of a DOCX as its XML holds it (no office needed): each paragraph's runs joined, paragraphs on their own lines. */
export function docxXmlText(docx: Buffer): string {
  const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']);
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1])).join(''))
    .filter(Boolean)
    .join('\n')
    .normalize('NFC');
}
