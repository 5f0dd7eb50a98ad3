import type { DataSource, EntityManager } from 'typeorm';
import type { MeetingSummary, ReportState, ReportStatus } from '@app/contracts';

type Db = DataSource | EntityManager;

/** TypeORM's query() answers UPDATE ... RETURNING with [rows, count] on PostgreSQL, and INSERT with rows. */
export const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? (result[0] as T[]) : (result as T[]);

interface ReportRow {
  meeting_id: string;
  revision: number;
  status: ReportStatus;
  progress: number;
  phase: string | null;
  attempts: number;
  error: string | null;
  has_summary: boolean;
  has_docx: boolean;
  has_pdf: boolean;
  format_notes: Record<string, string>;
  queued_at: Date;
  completed_at: Date | null;
}

const STATE_COLUMNS = `meeting_id, revision, status, progress, phase, attempts, error, summary IS NOT NULL AS has_summary,
  docx IS NOT NULL AS has_docx, pdf IS NOT NULL AS has_pdf, format_notes, queued_at, completed_at`;

const toState = (r: ReportRow): ReportState => ({
  meetingId: r.meeting_id,
  revision: r.revision,
  status: r.status,
  progress: r.progress,
  phase: r.phase,
  attempts: r.attempts,
  error: r.error,
  formats: [...(r.has_summary ? (['json'] as const) : []), ...(r.has_docx ? (['docx'] as const) : []), ...(r.has_pdf ? (['pdf'] as const) : [])],
  formatNotes: r.format_notes ?? {},
  queuedAt: new Date(r.queued_at).toISOString(),
  completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
});

/**
 * meeting_reports: one row per meeting and minutes revision. A report is
 * written whole in one statement (summary, DOCX and PDF together), and never
 * again once done: a job that runs twice for a revision finds it done.
 */
export class ReportStore {
  constructor(private readonly db: Db) {}

  /** the row for a requested report; an existing one (done or not) is kept as it is */
  async request(meetingId: string, revision: number): Promise<ReportState> {
    await this.db.query(`INSERT INTO meeting_reports (meeting_id, revision, status) VALUES ($1, $2, 'queued') ON CONFLICT (meeting_id, revision) DO NOTHING`, [meetingId, revision]);
    return (await this.state(meetingId, revision))!;
  }

  async state(meetingId: string, revision: number): Promise<ReportState | null> {
    const [row] = await this.db.query(`SELECT ${STATE_COLUMNS} FROM meeting_reports WHERE meeting_id = $1 AND revision = $2`, [meetingId, revision]);
    return row ? toState(row) : null;
  }

  async states(meetingId: string): Promise<ReportState[]> {
    const rows: ReportRow[] = await this.db.query(`SELECT ${STATE_COLUMNS} FROM meeting_reports WHERE meeting_id = $1 ORDER BY revision DESC`, [meetingId]);
    return rows.map(toState);
  }

  /** the newest finished report, or the one of `revision` */
  async newestDone(meetingId: string, revision?: number): Promise<ReportState | null> {
    const rows: ReportRow[] = await this.db.query(
      `SELECT ${STATE_COLUMNS} FROM meeting_reports WHERE meeting_id = $1 AND status = 'done' AND ($2::int IS NULL OR revision = $2) ORDER BY revision DESC LIMIT 1`,
      [meetingId, revision ?? null],
    );
    return rows[0] ? toState(rows[0]) : null;
  }

  async summary(meetingId: string, revision: number): Promise<MeetingSummary | null> {
    const [row] = await this.db.query(`SELECT summary FROM meeting_reports WHERE meeting_id = $1 AND revision = $2 AND status = 'done'`, [meetingId, revision]);
    return row?.summary ?? null;
  }

  async file(meetingId: string, revision: number, format: 'docx' | 'pdf'): Promise<Buffer | null> {
    const [row] = await this.db.query(`SELECT ${format} AS file FROM meeting_reports WHERE meeting_id = $1 AND revision = $2 AND status = 'done'`, [meetingId, revision]);
    return row?.file ? Buffer.from(row.file) : null;
  }

  /** an attempt starts; false when the report is already done */
  async start(meetingId: string, revision: number, attempt: number): Promise<boolean> {
    const rows = rowsOf(
      await this.db.query(
        `INSERT INTO meeting_reports (meeting_id, revision, status, attempts, progress, phase, started_at) VALUES ($1, $2, 'running', $3, 0, 'collecting', now())
         ON CONFLICT (meeting_id, revision) DO UPDATE SET status = 'running', attempts = EXCLUDED.attempts, progress = 0, phase = 'collecting', started_at = now()
           WHERE meeting_reports.status <> 'done'
         RETURNING revision`,
        [meetingId, revision, attempt],
      ),
    );
    return rows.length > 0;
  }

  async progress(meetingId: string, revision: number, progress: number, phase: string) {
    await this.db.query(`UPDATE meeting_reports SET progress = $3, phase = $4 WHERE meeting_id = $1 AND revision = $2 AND status = 'running'`, [meetingId, revision, progress, phase]);
  }

  /** writes the whole report at once; false when another run finished it first */
  async complete(meetingId: string, revision: number, report: { summary: MeetingSummary; docx: Buffer; pdf: Buffer | null; formatNotes: Record<string, string> }): Promise<boolean> {
    const rows = rowsOf(
      await this.db.query(
        `UPDATE meeting_reports SET status = 'done', progress = 100, phase = NULL, error = NULL, summary = $3, docx = $4, pdf = $5, format_notes = $6, completed_at = now()
          WHERE meeting_id = $1 AND revision = $2 AND status <> 'done' RETURNING revision`,
        [meetingId, revision, JSON.stringify(report.summary), report.docx, report.pdf, JSON.stringify(report.formatNotes)],
      ),
    );
    return rows.length > 0;
  }

  async failed(meetingId: string, revision: number, error: string, final: boolean) {
    await this.db.query(`UPDATE meeting_reports SET status = $3, error = $4, phase = NULL WHERE meeting_id = $1 AND revision = $2 AND status <> 'done'`, [
      meetingId,
      revision,
      final ? 'failed' : 'retrying',
      error.slice(0, 2000),
    ]);
  }

  /**
   * A failed report, or a done one that has no PDF, goes back to the queue; false otherwise. A done report
   * keeps its summary and DOCX until the new run writes the whole report again.
   */
  async requeue(meetingId: string, revision: number): Promise<boolean> {
    const rows = rowsOf(
      await this.db.query(
        `UPDATE meeting_reports SET status = 'queued', progress = 0, phase = NULL, error = NULL
          WHERE meeting_id = $1 AND revision = $2 AND (status = 'failed' OR (status = 'done' AND pdf IS NULL)) RETURNING revision`,
        [meetingId, revision],
      ),
    );
    return rows.length > 0;
  }
}
