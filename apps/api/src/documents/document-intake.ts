import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { DocumentErrorCode, DocumentException } from './document.exception';

/** An upload received whole into a temporary file (never into memory), hashed on the way. */
export interface ReceivedFile {
  path: string;
  size: number;
  sha256: string;
  /** the name the client gave, sanitized (safeFileName) */
  fileName: string;
  /** deletes the temporary file; always called by the receiver's caller */
  discard(): Promise<void>;
}

const tooLarge = (maxBytes: number) => new DocumentException(DocumentErrorCode.TooLarge, `Documents are at most ${maxBytes} bytes`, { maxBytes });
const malformed = (reason: string) => new DocumentException(DocumentErrorCode.Malformed, `Not a document upload: ${reason}`, { reason });

/**
 * Reads a multipart/form-data upload: its text fields, then exactly one file part, streamed
 * through SHA-256 into a temporary file. `beforeFile` runs when the file part starts, with the
 * fields sent before it, so a refusal on the fields (or the caller's rights) comes before any
 * byte is kept. The size limit is busboy's, counted as the bytes arrive: past `maxBytes` the
 * upload stops at once and its temporary file is deleted. A declared Content-Length above the
 * limit is refused before reading anything.
 */
export function receiveUpload(req: IncomingMessage, maxBytes: number, beforeFile: (fields: Record<string, string>) => Promise<void> | void): Promise<{ fields: Record<string, string>; file: ReceivedFile }> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  // the multipart envelope adds a few hundred bytes to the file; far beyond that is refused unread
  if (Number.isFinite(declared) && declared > maxBytes + 64 * 1024) return Promise.reject(tooLarge(maxBytes));
  if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) return Promise.reject(malformed('expected multipart/form-data'));
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { files: 1, fields: 20, fieldSize: 16 * 1024, fileSize: maxBytes, parts: 30 }, defParamCharset: 'utf8' });
    } catch (err) {
      return reject(malformed((err as Error).message));
    }
    const fields: Record<string, string> = {};
    const path = join(tmpdir(), `htt-upload-${randomUUID()}`);
    const discard = () => rm(path, { force: true });
    let settled = false;
    let filePart: Promise<ReceivedFile> | null = null;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(bb);
      void discard();
      reject(err);
    };
    bb.on('field', (name, value, info) => {
      if (filePart) return fail(malformed('fields must come before the file'));
      if (info.valueTruncated) return fail(malformed(`field ${name} is too long`));
      fields[name] = value;
    });
    bb.on('file', (_name, stream, info) => {
      if (filePart) {
        stream.resume();
        return fail(malformed('one file per upload'));
      }
      const hash = createHash('sha256');
      let size = 0;
      let over = false;
      stream.on('limit', () => {
        over = true;
        fail(tooLarge(maxBytes));
        stream.destroy();
      });
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          hash.update(chunk);
          done(null, chunk);
        },
      });
      filePart = (async () => {
        stream.pause();
        await beforeFile(fields);
        await pipeline(stream, counter, createWriteStream(path));
        if (over) throw tooLarge(maxBytes);
        return { path, size, sha256: hash.digest('hex'), fileName: safeFileName(info.filename ?? ''), discard };
      })();
      filePart.catch(fail);
    });
    bb.on('error', (err) => fail(malformed((err as Error).message)));
    bb.on('filesLimit', () => fail(malformed('one file per upload')));
    bb.on('partsLimit', () => fail(malformed('too many parts')));
    bb.on('fieldsLimit', () => fail(malformed('too many fields')));
    bb.on('close', () => {
      if (settled) return;
      if (!filePart) return fail(malformed('no file part'));
      filePart.then(
        (file) => {
          if (settled) return void file.discard();
          settled = true;
          resolve({ fields, file });
        },
        fail,
      );
    });
    req.on('aborted', () => fail(malformed('the upload was cut off')));
    req.pipe(bb);
  });
}

/** C0/C1 controls, bidi embeddings/overrides/isolates, and the other invisible format characters a name could hide behind. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A file name as the client sent it, made harmless to show and to offer again on download:
 * NFC, no directories ("../../etc/passwd" -> "passwd", "C:\\x\\a.pdf" -> "a.pdf"), no control,
 * bidi or zero-width characters ("báo cáo\u202Efdp.exe" cannot display as "báo cáoexe.pdf"),
 * no characters Windows refuses, no leading dots, at most 180 characters.
 */
export function safeFileName(raw: string): string {
  const base = raw.normalize('NFC').replace(INVISIBLE, '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[<>:"|?*]+/g, '-').replace(/^[.\s]+/, '').replace(/\s+/g, ' ').trim().slice(0, 180);
  return clean || 'tai-lieu';
}
