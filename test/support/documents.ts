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
