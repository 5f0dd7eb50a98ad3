import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meeting documents (issue 19).
 *
 * Storage: the bytes live in PostgreSQL, content-addressed by SHA-256, as rows of at most
 * 512 KiB (`document_blob_chunks`). Chosen over a shared filesystem path and over large
 * objects because chunked bytea rows work the same on every api process and on the embedded
 * PGlite default (whose files sit under DATA_DIR), need no volume shared between processes,
 * are read one row at a time (a download holds one chunk in memory, never the file), and are
 * in every pg_dump / DATA_DIR backup with the rows that refer to them, so a restore can never
 * have a document without its bytes. A blob is written once, whoever uploads the same bytes
 * again gets the same row (dedupe), and it is inserted only after the whole upload was
 * received and checked, so a refused or cut upload leaves nothing.
 *
 * A document has versions; replacing one adds a version and keeps every earlier one (who
 * uploaded each, hence who replaced the one before, and when). Every download or viewing is
 * a row of `document_reads` (who, when, which version, from which endpoint).
 */
export class Documents1766000000000 implements MigrationInterface {
  name = 'Documents1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_blobs (
        sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL CHECK (size >= 0),
        mime text NOT NULL,
        chunks integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE document_blob_chunks (
        sha256 text NOT NULL REFERENCES document_blobs(sha256) ON DELETE CASCADE,
        n integer NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (sha256, n)
      )`);
    await q.query(`
      CREATE TABLE meeting_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        agenda_item_id uuid,
        kind text NOT NULL CHECK (kind IN ('to_trinh', 'du_thao', 'bao_cao', 'tham_luan', 'tham_khao', 'other')),
        title text NOT NULL,
        access text NOT NULL CHECK (access IN ('all_invited', 'host_participants', 'named_endpoints')),
        endpoint_ids uuid[] NOT NULL DEFAULT '{}',
        release_at timestamptz,
        marking text NOT NULL CHECK (marking IN ('none', 'mat', 'noi_bo')),
        current_version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES accounts(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX meeting_documents_meeting ON meeting_documents (meeting_id)`);
    await q.query(`
      CREATE TABLE document_versions (
        document_id uuid NOT NULL REFERENCES meeting_documents(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        blob_sha256 text NOT NULL REFERENCES document_blobs(sha256) ON DELETE RESTRICT,
        file_name text NOT NULL,
        mime text NOT NULL,
        size bigint NOT NULL,
        uploaded_by uuid REFERENCES accounts(id) ON DELETE SET NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        -- the worker's document.convert job: the PDF to read in the browser (the file itself for a PDF), its pages, its text folded for search
        conversion text NOT NULL DEFAULT 'pending' CHECK (conversion IN ('pending', 'done', 'failed', 'none')),
        conversion_error text,
        pdf_sha256 text REFERENCES document_blobs(sha256) ON DELETE RESTRICT,
        page_count integer,
        search_text text,
        PRIMARY KEY (document_id, version)
      )`);
    await q.query(`CREATE INDEX document_versions_blob ON document_versions (blob_sha256)`);
    await q.query(`
      CREATE TABLE document_reads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        document_id uuid NOT NULL REFERENCES meeting_documents(id) ON DELETE CASCADE,
        version integer NOT NULL,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        endpoint_id uuid REFERENCES meeting_endpoints(id) ON DELETE SET NULL,
        action text NOT NULL CHECK (action IN ('download', 'view')),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX document_reads_meeting ON document_reads (meeting_id, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_reads`);
    await q.query(`DROP TABLE document_versions`);
    await q.query(`DROP TABLE meeting_documents`);
    await q.query(`DROP TABLE document_blob_chunks`);
    await q.query(`DROP TABLE document_blobs`);
  }
}
