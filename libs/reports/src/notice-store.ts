import type { DataSource, EntityManager } from 'typeorm';
import type { NoticeContent, NoticeState, NoticeWording, ReportStatus } from '@app/contracts';
import { rowsOf } from './report-store';

type Db = DataSource | EntityManager;

interface NoticeRow {
  meeting_id: string;
  revision: number;
  version: number;
  status: ReportStatus;
  error: string | null;
  content: NoticeContent | null;
  wording: NoticeWording | null;
  has_docx: boolean;
  has_pdf: boolean;
  format_notes: Record<string, string>;
  edited_at: Date | null;
  issued_at: Date | null;
  issued_by_name: string | null;
  notified_accounts: number | null;
  completed_at: Date | null;
}

const COLUMNS = `n.meeting_id, n.revision, n.version, n.status, n.error, n.content, n.wording, n.docx IS NOT NULL AS has_docx, n.pdf IS NOT NULL AS has_pdf,
  n.format_notes, n.edited_at, n.issued_at, (SELECT full_name FROM accounts a WHERE a.id = n.issued_by) AS issued_by_name, n.notified_accounts, n.completed_at`;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const toState = (r: NoticeRow): NoticeState => ({
  meetingId: r.meeting_id,
  revision: r.revision,
  version: r.version,
  status: r.status,
  error: r.error,
  formats: [...(r.has_docx ? (['docx'] as const) : []), ...(r.has_pdf ? (['pdf'] as const) : [])],
  formatNotes: r.format_notes ?? {},
  content: r.content,
  wording: r.wording,
  editedAt: iso(r.edited_at),
  issuedAt: iso(r.issued_at),
  issuedByName: r.issued_by_name,
  notifiedAccounts: r.notified_accounts,
  completedAt: iso(r.completed_at),
});

/**
 * conclusion_notices: one row per meeting and published minutes revision. A job renders one version of the
 * wording and writes content, DOCX and PDF in one statement, only while that version is still the current
 * one and the notice not issued; an edit moves to the next version (and queues its job), issuing freezes it.
 */
export class NoticeStore {
  constructor(private readonly db: Db) {}

  /** the draft of a published revision (asking twice changes nothing); true when it was made now */
  async request(meetingId: string, revision: number): Promise<boolean> {
    return rowsOf(await this.db.query(`INSERT INTO conclusion_notices (meeting_id, revision) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING revision`, [meetingId, revision])).length > 0;
  }

  /** the notice of `revision`, or of the newest revision; `lock` for a decision in a transaction */
  async state(meetingId: string, revision?: number, lock = false): Promise<NoticeState | null> {
    const rows: NoticeRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM conclusion_notices n WHERE n.meeting_id = $1 AND ($2::int IS NULL OR n.revision = $2) ORDER BY n.revision DESC LIMIT 1${lock ? ' FOR UPDATE OF n' : ''}`,
      [meetingId, revision ?? null],
    );
    return rows[0] ? toState(rows[0]) : null;
  }

  async file(meetingId: string, revision: number, format: 'docx' | 'pdf'): Promise<Buffer | null> {
    const [row] = await this.db.query(`SELECT ${format} AS file FROM conclusion_notices WHERE meeting_id = $1 AND revision = $2 AND status = 'done'`, [meetingId, revision]);
    return row?.file ? Buffer.from(row.file) : null;
  }

  /** an attempt at `version` starts: its wording, or undefined when that version is done, superseded or issued */
  async start(meetingId: string, revision: number, version: number, attempt: number): Promise<{ wording: NoticeWording | null } | undefined> {
    const rows = rowsOf<{ wording: NoticeWording | null }>(
      await this.db.query(
        `UPDATE conclusion_notices SET status = 'running', attempts = $4 WHERE meeting_id = $1 AND revision = $2 AND version = $3 AND status <> 'done' AND issued_at IS NULL RETURNING wording`,
        [meetingId, revision, version, attempt],
      ),
    );
    return rows[0];
  }

  async complete(meetingId: string, revision: number, version: number, done: { content: NoticeContent; docx: Buffer; pdf: Buffer | null; formatNotes: Record<string, string> }): Promise<boolean> {
    const rows = rowsOf(
      await this.db.query(
        `UPDATE conclusion_notices SET status = 'done', error = NULL, content = $4, docx = $5, pdf = $6, format_notes = $7, completed_at = now()
          WHERE meeting_id = $1 AND revision = $2 AND version = $3 AND status <> 'done' AND issued_at IS NULL RETURNING revision`,
        [meetingId, revision, version, JSON.stringify(done.content), done.docx, done.pdf, JSON.stringify(done.formatNotes)],
      ),
    );
    return rows.length > 0;
  }

  async failed(meetingId: string, revision: number, version: number, error: string, final: boolean) {
    await this.db.query(`UPDATE conclusion_notices SET status = $4, error = $5 WHERE meeting_id = $1 AND revision = $2 AND version = $3 AND status <> 'done'`, [
      meetingId,
      revision,
      version,
      final ? 'failed' : 'retrying',
      error.slice(0, 2000),
    ]);
  }

  /** the secretariat's wording as the next version, queued for rendering; the new version */
  async reword(meetingId: string, revision: number, wording: NoticeWording, by: string): Promise<number> {
    const [row]: { version: number }[] = rowsOf(
      await this.db.query(
        `UPDATE conclusion_notices SET wording = $3, version = version + 1, status = 'queued', error = NULL, attempts = 0, edited_at = now(), edited_by = $4
          WHERE meeting_id = $1 AND revision = $2 AND issued_at IS NULL RETURNING version`,
        [meetingId, revision, JSON.stringify(wording), by],
      ),
    );
    return row.version;
  }

  async issue(meetingId: string, revision: number, by: string, notified: number) {
    await this.db.query(`UPDATE conclusion_notices SET issued_at = now(), issued_by = $3, notified_accounts = $4 WHERE meeting_id = $1 AND revision = $2 AND status = 'done' AND issued_at IS NULL`, [
      meetingId,
      revision,
      by,
      notified,
    ]);
  }
}
