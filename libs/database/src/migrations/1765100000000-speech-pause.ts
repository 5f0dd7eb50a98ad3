import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The chair pauses a speech's countdown: when the running pause began, and the milliseconds of pauses already over. */
export class SpeechPause1765100000000 implements MigrationInterface {
  name = 'SpeechPause1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE speaker_turns ADD COLUMN paused_at timestamptz, ADD COLUMN paused_ms integer NOT NULL DEFAULT 0 CHECK (paused_ms >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE speaker_turns DROP COLUMN paused_ms, DROP COLUMN paused_at`);
  }
}
