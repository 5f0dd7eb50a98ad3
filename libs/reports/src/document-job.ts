import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import type { JobPayloads, JobResults } from '@app/contracts';
import { searchDocument } from '@app/vietnamese';
import { blobBuffer, putBlobBuffer } from './document-blobs';
import { OFFICE_FORMATS, type OfficeConverter, type OfficeFormat } from './office';

const run = promisify(execFile);

const OFFICE_BY_MIME: Record<string, OfficeFormat> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': OFFICE_FORMATS.docx,
  'application/vnd.oasis.opendocument.text': OFFICE_FORMATS.odt,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': OFFICE_FORMATS.xlsx,
  'application/vnd.oasis.opendocument.spreadsheet': OFFICE_FORMATS.ods,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': OFFICE_FORMATS.pptx,
  'application/vnd.oasis.opendocument.presentation': OFFICE_FORMATS.odp,
};

/** The page count and the text of a PDF, by poppler (pdfinfo, pdftotext), in a temporary folder. */
export async function pdfFacts(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'htt-docpdf-'));
  try {
    const path = join(dir, 'in.pdf');
    await writeFile(path, pdf);
    const info = (await run('pdfinfo', [path], { timeout: 60_000 })).stdout;
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
    await run('pdftotext', ['-enc', 'UTF-8', path, join(dir, 'out.txt')], { timeout: 120_000 });
    return { pages, text: (await readFile(join(dir, 'out.txt'), 'utf8')).normalize('NFC') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The document.convert job: the PDF of one version (the file itself when it is a PDF, else
 * LibreOffice's), its page count, and its text folded for search (searchDocument: "Ngân sách"
 * is found from "ngan sach"). Idempotent: a version already done is left as it is; a rerun after
 * a crash converts again and writes the same rows (the PDF is content-addressed).
 * Images get no PDF ('none'). A failed conversion is recorded and thrown, so the queue retries it.
 */
export async function runDocumentJob(deps: { db: DataSource; office: OfficeConverter }, payload: JobPayloads['document.convert']): Promise<JobResults['document.convert']> {
  const started = Date.now();
  const { documentId, version } = payload;
  const [row] = (await deps.db.query(`SELECT v.mime, v.blob_sha256, v.conversion, v.page_count, d.title FROM document_versions v JOIN meeting_documents d ON d.id = v.document_id WHERE v.document_id = $1 AND v.version = $2`, [documentId, version])) as {
    mime: string;
    blob_sha256: string;
    conversion: string;
    page_count: number | null;
    title: string;
  }[];
  if (!row) return { documentId, version, conversion: 'none', pageCount: null, ms: 0 };
  if (row.conversion === 'done' || row.conversion === 'none') return { documentId, version, conversion: row.conversion, pageCount: row.page_count, ms: 0 };
  const format = OFFICE_BY_MIME[row.mime];
  if (row.mime !== 'application/pdf' && !format) {
    await deps.db.query(`UPDATE document_versions SET conversion = 'none', search_text = $3 WHERE document_id = $1 AND version = $2`, [documentId, version, searchDocument(row.title)]);
    return { documentId, version, conversion: 'none', pageCount: null, ms: Date.now() - started };
  }
  try {
    const original = await blobBuffer(deps.db, row.blob_sha256);
    const pdf = format ? await deps.office.convert(original, format) : original;
    const facts = await pdfFacts(pdf);
    await deps.db.transaction(async (m) => {
      const pdfSha = format ? await putBlobBuffer(m, pdf, 'application/pdf') : row.blob_sha256;
      await m.query(`UPDATE document_versions SET conversion = 'done', conversion_error = NULL, pdf_sha256 = $3, page_count = $4, search_text = $5 WHERE document_id = $1 AND version = $2`, [documentId, version, pdfSha, facts.pages, searchDocument(row.title, facts.text)]);
    });
    return { documentId, version, conversion: 'done', pageCount: facts.pages, ms: Date.now() - started };
  } catch (err) {
    await deps.db.query(`UPDATE document_versions SET conversion = 'failed', conversion_error = $3 WHERE document_id = $1 AND version = $2`, [documentId, version, String((err as Error).message ?? err).slice(0, 500)]);
    throw err;
  }
}
