import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoticeState } from '@app/contracts';
import { HttpError, call, download } from '../../api/http';
import { connectSocket } from '../../api/socket';
import { ConfirmDialog, ErrorBanner } from '../ui';
import { fmtDateTime } from './report-format';

const STAGE: Record<NoticeState['status'], number> = { queued: 0, running: 1, retrying: 1, failed: 2, done: 3 };
/**
 * Which of two states of the notice is the later: a newer revision, a newer version, a later stage, an issue.
 * The relayed events and the fetch may arrive out of order; an older one never replaces a later one.
 */
const later = (a: NoticeState | null, b: NoticeState): NoticeState => {
  if (!a) return b;
  const key = (n: NoticeState) => [n.revision, n.version, STAGE[n.status], n.issuedAt ? 1 : 0];
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i] > ka[i] ? b : a;
  return b;
};

/** The newest notice of the meeting, live: fetched when `refreshKey` changes, then every 'notice:status' of the meeting. */
function useNotice(meetingId: string, refreshKey: string) {
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const socket = connectSocket();
    const on = (e: { meetingId: string; notice: NoticeState }) => {
      if (e.meetingId === meetingId) setNotice((n) => later(n, e.notice));
    };
    socket.on('notice:status', on);
    return () => void socket.off('notice:status', on);
  }, [meetingId]);
  useEffect(() => {
    let alive = true;
    call('notices.get', { params: { id: meetingId } }).then(
      (n) => alive && (setNotice((current) => later(current, n)), setError(null)),
      (err) => alive && setError(err),
    );
    return () => {
      alive = false;
    };
  }, [meetingId, refreshKey]);
  return { notice, error, setNotice: (n: NoticeState) => setNotice((current) => later(current, n)) };
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/**
 * The conclusion notice on the report page: its state, its text as it will be issued (the secretariat's wording
 * when it edited it), the PDF preview and the Word file; for the secretariat, the wording editor and the issue
 * button with its confirmation.
 */
export function NoticeCard({ meetingId, meetingTitle, canIssue, refreshKey }: { meetingId: string; /** for the Word file's name (the notice's subject when not given) */ meetingTitle?: string; canIssue: boolean; refreshKey: string }) {
  const { t } = useTranslation();
  const { notice, error, setNotice } = useNotice(meetingId, refreshKey);
  const [editing, setEditing] = useState<{ conclusions: string; tasks: string } | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const conclusionsId = useId();
  const tasksId = useId();

  if (error instanceof HttpError && error.body.code === 'notice_not_found') {
    return (
      <div className="card notice-card no-print" data-testid="notice-card">
        <h2>{t('notice.title')}</h2>
        <p className="muted">{t('notice.none')}</p>
      </div>
    );
  }
  if (error) return <ErrorBanner error={error} />;
  if (!notice) return null;
  const text = notice.wording ?? notice.content;
  const done = notice.status === 'done';
  const draft = done && !notice.issuedAt;
  const file = (format: 'docx' | 'pdf') => call(format === 'pdf' ? 'notices.pdf' : 'notices.docx', { params: { id: meetingId }, query: { revision: notice.revision } });
  const run = (p: Promise<unknown>) => {
    setActionError(null);
    void p.catch(setActionError);
  };
  const preview = () =>
    run(
      file('pdf')
        .then((r) => r.blob())
        .then((blob) => window.open(URL.createObjectURL(blob), '_blank', 'noopener')),
    );
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    run(call('notices.edit', { params: { id: meetingId }, body: { conclusions: lines(editing.conclusions), tasks: lines(editing.tasks) } }).then((n) => (setNotice(n), setEditing(null))));
  };
  const agencies = notice.content?.agencies ?? [];

  return (
    <div className="card notice-card no-print" data-testid="notice-card" data-status={notice.status} data-issued={notice.issuedAt ? 'true' : 'false'}>
      <div className="row notice-head">
        <h2>{t('notice.title')}</h2>
        <span className="muted small">
          {t('notice.revision', { n: notice.revision })} · {t('notice.version', { n: notice.version })}
          {notice.wording ? ` · ${t('notice.edited')}` : ''}
        </span>
        <span className={`badge ${notice.issuedAt ? 'notice-issued' : 'notice-draft'}`} data-testid="notice-status">
          {notice.issuedAt ? t('notice.issuedBadge') : done ? t('notice.draft') : t(`report.statuses.${notice.status}`)}
        </span>
      </div>
      {notice.issuedAt && (
        <p className="banner ok" data-testid="notice-issued">
          {t('notice.issued', { time: fmtDateTime(notice.issuedAt), name: notice.issuedByName ?? '', count: notice.notifiedAccounts ?? 0 })}
        </p>
      )}
      {!done && <p className="muted">{notice.status === 'failed' ? t('notice.failed', { error: notice.error ?? '' }) : t('notice.generating')}</p>}
      <ErrorBanner error={actionError} />

      {text && notice.content && !editing && (
        <article className="notice-text" data-testid="notice-text" lang="vi">
          <p className="notice-kind">THÔNG BÁO</p>
          <p className="notice-subject">{notice.content.subject}</p>
          <p>{notice.content.opening}</p>
          <ol>
            {text.conclusions.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ol>
          {text.tasks.length > 0 && (
            <>
              <p className="notice-section">
                {text.conclusions.length + 1}. {t('notice.tasks')}:
              </p>
              <ul>
                {text.tasks.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            </>
          )}
          <p className="small">
            <strong>{t('notice.recipients')}:</strong> {agencies.map((a) => a.name).join('; ')}
          </p>
        </article>
      )}

      {editing && (
        <form className="notice-editor" onSubmit={save} data-testid="notice-editor">
          <label htmlFor={conclusionsId}>{t('notice.conclusionsLabel')}</label>
          <textarea id={conclusionsId} rows={6} value={editing.conclusions} onChange={(e) => setEditing({ ...editing, conclusions: e.target.value })} data-testid="notice-conclusions" />
          <label htmlFor={tasksId}>{t('notice.tasksLabel')}</label>
          <textarea id={tasksId} rows={6} value={editing.tasks} onChange={(e) => setEditing({ ...editing, tasks: e.target.value })} data-testid="notice-tasks" />
          <div className="row">
            <button className="primary" type="submit" data-testid="notice-save">
              {t('notice.save')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('notice.cancel')}
            </button>
          </div>
        </form>
      )}

      <div className="row">
        <button onClick={preview} disabled={!done || !notice.formats.includes('pdf')} data-testid="notice-preview">
          {t('notice.preview')}
        </button>
        <button onClick={() => run(download(file('docx'), `${t('notice.fileName', { title: meetingTitle ?? notice.content?.subject ?? '', n: notice.revision })}.docx`))} disabled={!done} data-testid="notice-docx">
          {t('notice.downloadDocx')}
        </button>
        {canIssue && draft && !editing && text && (
          <>
            <button onClick={() => setEditing({ conclusions: text.conclusions.join('\n'), tasks: text.tasks.join('\n') })} data-testid="notice-edit">
              {t('notice.edit')}
            </button>
            <button className="primary" onClick={() => setConfirm(true)} data-testid="notice-issue">
              {t('notice.issue')}
            </button>
          </>
        )}
      </div>
      {confirm && (
        <ConfirmDialog
          title={t('notice.issue')}
          message={t('notice.confirmIssue', { count: agencies.length, names: agencies.map((a) => a.name).join(', ') })}
          confirmLabel={t('notice.issue')}
          onConfirm={() => call('notices.issue', { params: { id: meetingId } }).then(setNotice)}
          onClose={() => setConfirm(false)}
          testId="notice-confirm"
        />
      )}
    </div>
  );
}
