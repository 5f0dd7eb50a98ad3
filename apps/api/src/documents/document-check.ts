import { promisify } from 'node:util';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { isDocumentMime, type DocumentMime } from '@app/contracts';
import { DocumentErrorCode, DocumentException } from './document.exception';

/** A zip-based document may hold at most this many entries ... */
export const MAX_ZIP_ENTRIES = 5_000;
/** ... unpack to at most this many bytes in all ... */
export const MAX_UNZIPPED_BYTES = 512 * 1024 * 1024;
/** ... and, once it unpacks past 10 MiB, at most this many times its packed size (XML packs about 10:1, a zip bomb 1000:1). */
export const MAX_ZIP_RATIO = 100;
const RATIO_FROM_BYTES = 10 * 1024 * 1024;

const OOXML_MAIN: Partial<Record<DocumentMime, string>> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
};
const ODF = new Set<DocumentMime>(['application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet', 'application/vnd.oasis.opendocument.presentation']);

export const isZipBased = (mime: DocumentMime) => mime in OOXML_MAIN || ODF.has(mime);

/**
 * The type of a file from its bytes (file-type, which is ESM-only: loaded with a dynamic
 * import), refused unless it is one of DOCUMENT_TYPES, naming what it is instead.
 */
export async function detectDocumentType(path: string): Promise<DocumentMime> {
  const { fileTypeFromFile } = await import('file-type');
  const detected = await fileTypeFromFile(path);
  const mime = detected?.mime ?? 'unknown';
  if (!isDocumentMime(mime)) throw new DocumentException(DocumentErrorCode.TypeRefused, `Not an accepted document type: ${mime}`, { detected: mime });
  return mime;
}

const refuse = (reason: string) => new DocumentException(DocumentErrorCode.ArchiveRefused, `The document's archive is refused: ${reason}`, { reason });

/**
 * Checks a zip-based document (OOXML, ODF) before it is kept: the entry count and the sizes
 * the central directory declares (count, total, ratio), then every entry actually unpacked
 * (yauzl fails an entry whose bytes exceed what it declared, and the running total is capped
 * too), and the format's structure: [Content_Types].xml naming the main part (OOXML), the
 * `mimetype` entry (ODF).
 */
export async function checkArchive(path: string, mime: DocumentMime, packedSize: number): Promise<void> {
  if (!isZipBased(mime)) return;
  const zip = await promisify<string, yauzl.Options, yauzl.ZipFile>(yauzl.open)(path, { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: false }).catch(() => {
    throw refuse('not a readable zip archive');
  });
  if (zip.entryCount > MAX_ZIP_ENTRIES) {
    zip.close();
    throw refuse(`${zip.entryCount} entries (at most ${MAX_ZIP_ENTRIES})`);
  }
  let declared = 0;
  let unpacked = 0;
  const texts = new Map<string, string>();
  const wanted = new Set(['[Content_Types].xml', 'mimetype']);
  const openEntry = promisify<yauzl.Entry, Readable>(zip.openReadStream.bind(zip));
  await new Promise<void>((resolve, reject) => {
    const stop = (err: Error) => {
      zip.close();
      reject(err);
    };
    zip.on('error', () => stop(refuse('a damaged zip archive')));
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      declared += entry.uncompressedSize;
      if (declared > MAX_UNZIPPED_BYTES) return stop(refuse(`unpacks to more than ${MAX_UNZIPPED_BYTES} bytes`));
      if (declared > RATIO_FROM_BYTES && declared > packedSize * MAX_ZIP_RATIO) return stop(refuse(`unpacks to more than ${MAX_ZIP_RATIO} times its size`));
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      openEntry(entry).then(
        (stream) => {
          const keep = wanted.has(entry.fileName) && entry.uncompressedSize <= 1024 * 1024;
          const parts: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => {
            unpacked += chunk.length;
            if (unpacked > MAX_UNZIPPED_BYTES) {
              stream.destroy();
              return stop(refuse(`unpacks to more than ${MAX_UNZIPPED_BYTES} bytes`));
            }
            if (keep) parts.push(chunk);
          });
          stream.on('error', () => stop(refuse(`entry ${entry.fileName} does not unpack to its declared size`)));
          stream.on('end', () => {
            if (keep) texts.set(entry.fileName, Buffer.concat(parts).toString('utf8'));
            zip.readEntry();
          });
        },
        () => stop(refuse(`entry ${entry.fileName} cannot be read`)),
      );
    });
    zip.readEntry();
  });
  const main = OOXML_MAIN[mime];
  if (main && !texts.get('[Content_Types].xml')?.includes(main)) throw refuse('no [Content_Types].xml naming the document’s main part');
  if (ODF.has(mime) && texts.get('mimetype')?.trim() !== mime) throw refuse('no mimetype entry naming the format');
}
