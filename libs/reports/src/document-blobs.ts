import { createReadStream } from 'node:fs';
import type { DataSource, EntityManager } from 'typeorm';
import { createHash } from 'node:crypto';

/** Rows of at most this many bytes: a download holds one in memory at a time (see the migration). */
export const CHUNK_BYTES = 512 * 1024;

/**
 * The content-addressed bytes of documents, in PostgreSQL (migration Documents1766000000000
 * says why there). Written only from a received and checked temporary file, in one
 * transaction: the same SHA-256 already stored is not written again.
 */
export async function putBlob(m: EntityManager, file: { path: string; sha256: string; size: number }, mime: string): Promise<boolean> {
  const inserted: unknown[] = await m.query(`INSERT INTO document_blobs (sha256, size, mime, chunks) VALUES ($1, $2, $3, 0) ON CONFLICT (sha256) DO NOTHING RETURNING sha256`, [file.sha256, file.size, mime]);
  if (!inserted.length) return false;
  let n = 0;
  for await (const chunk of createReadStream(file.path, { highWaterMark: CHUNK_BYTES })) {
    await m.query(`INSERT INTO document_blob_chunks (sha256, n, data) VALUES ($1, $2, $3)`, [file.sha256, n, chunk]);
    n += 1;
  }
  await m.query(`UPDATE document_blobs SET chunks = $2 WHERE sha256 = $1`, [file.sha256, n]);
  return true;
}

/** Keeps bytes made in memory (a converted PDF) the same way; answers their SHA-256. */
export async function putBlobBuffer(m: EntityManager, bytes: Buffer, mime: string): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const inserted: unknown[] = await m.query(`INSERT INTO document_blobs (sha256, size, mime, chunks) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING RETURNING sha256`, [sha256, bytes.length, mime, Math.ceil(bytes.length / CHUNK_BYTES)]);
  if (inserted.length) {
    for (let n = 0; n * CHUNK_BYTES < bytes.length; n++) {
      await m.query(`INSERT INTO document_blob_chunks (sha256, n, data) VALUES ($1, $2, $3)`, [sha256, n, bytes.subarray(n * CHUNK_BYTES, (n + 1) * CHUNK_BYTES)]);
    }
  }
  return sha256;
}

/** The blob's bytes, one row at a time. */
export async function* readBlob(db: DataSource | EntityManager, sha256: string): AsyncGenerator<Buffer> {
  const [blob] = (await db.query(`SELECT chunks FROM document_blobs WHERE sha256 = $1`, [sha256])) as { chunks: number }[];
  if (!blob) return;
  for (let n = 0; n < blob.chunks; n++) {
    const [row] = (await db.query(`SELECT data FROM document_blob_chunks WHERE sha256 = $1 AND n = $2`, [sha256, n])) as { data: Buffer | Uint8Array }[];
    yield Buffer.isBuffer(row.data) ? row.data : Buffer.from(row.data);
  }
}

/** The whole blob in memory: only for the small files a job reads (conversion, watermark), never for serving. */
export async function blobBuffer(db: DataSource | EntityManager, sha256: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of readBlob(db, sha256)) parts.push(part);
  return Buffer.concat(parts);
}
