import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A prepared contribution (tham luận) carries its uploaded document (issue 19): the request
 * names one meeting document of kind tham_luan, uploaded by its endpoint's operator. The
 * document_url link stays for compatibility.
 */
export class SpeechDocuments1766050000000 implements MigrationInterface {
  name = 'SpeechDocuments1766050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE speech_requests ADD COLUMN document_id uuid REFERENCES meeting_documents (id) ON DELETE SET NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE speech_requests DROP COLUMN document_id`);
  }
}
