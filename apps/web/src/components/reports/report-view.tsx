import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { MeetingSummary, ReportState } from '@app/contracts';
import { HttpError, download, call } from '../../api/http';
import { ErrorBanner } from '../ui';
import { useMeetingState } from '../../state/meeting-context';
import { useCapabilities } from '../../state/use-capabilities';
import { useReports } from '../../state/use-reports';
import { StatusBadge } from '../meetings/status-badge';
import { JobRow } from './job-row';
import { NoticeCard } from './notice-card';
import { revisionLabel } from './report-format';
import { SummaryView } from './summary-view';

/** The meeting's report: the summary of the chosen minutes revision, its jobs live, and the Word and PDF files. */
export function ReportView() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { state, error, viewer } = useMeetingState();
  const { can } = useCapabilities(state, viewer);
  const status = state?.meeting.status;
  const { reports, error: reportsError, update } = useReports(id, status ?? '');
  const [selected, setSelected] = useState<number | null>(null);
  const [summary, setSummary] = useState<MeetingSummary | null>(null);
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const done = reports.filter((r) => r.status === 'done');
  const doneKey = done.map((r) => r.revision).join(',');

  // The summary is asked for again whenever the meeting changes status or another report is finished.
  useEffect(() => {
    if (!id || !status) return;
    let alive = true;
    call('reports.summary', { params: { id }, query: { revision: selected ?? undefined } }).then(
      (s) => {
        if (!alive) return;
        setSummary(s);
        setSummaryError(null);
      },
      (err) => {
        if (!alive) return;
        setSummary(null);
        setSummaryError(err);
      },
    );
    return () => {
      alive = false;
    };
  }, [id, status, selected, doneKey]);

  if (error) return <ErrorBanner error={error} />;
  if (!state) return <p>{t('common.loading')}</p>;
  const { meeting } = state;
  const canRetry = can('report.retry');
  const code = summaryError instanceof HttpError ? summaryError.body.code : null;
  const shown = summary ? reports.find((r) => r.revision === summary.minutes.revision) : undefined;
  const formats = shown?.formats ?? (summary ? ['json', 'docx', 'pdf'] : []);
  const run = (p: Promise<unknown>) => {
    setActionError(null);
    void p.catch(setActionError);
  };
  const save = (format: 'docx' | 'pdf') => {
    if (!summary) return;
    const revision = summary.minutes.revision;
    run(download(call(format === 'pdf' ? 'reports.pdf' : 'reports.docx', { params: { id: meeting.id }, query: { revision } }), `${t('report.fileName', { title: meeting.title, n: revision })}.${format}`));
  };

  return (
    <section className="report-page">
      <div className="page-head">
        <div>
          <h1>
            <Link to={`/meetings/${meeting.id}`}>{meeting.title}</Link> — {t('report.title')}
          </h1>
          <StatusBadge status={meeting.status} />{' '}
          <Link to={`/meetings/${meeting.id}/minutes`} className="small">
            {t('minutes.title')}
          </Link>
        </div>
        {summary && (
          <div className="row no-print">
            {done.length > 1 && (
              <label className="inline">
                {t('report.revisionSelect')}
                <select data-testid="report-revision" value={summary.minutes.revision} onChange={(e) => setSelected(Number(e.target.value))}>
                  {done.map((r) => (
                    <option key={r.revision} value={r.revision}>
                      {revisionLabel(t, r.revision)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button data-testid="report-download-docx" disabled={!formats.includes('docx')} title={shown?.formatNotes.docx ? t(`reportMend.notes.${shown.formatNotes.docx}`, { defaultValue: t('reportMend.notes.unknown') }) : undefined} onClick={() => save('docx')}>
              {t('report.downloadDocx')}
            </button>
            <button data-testid="report-download-pdf" disabled={!formats.includes('pdf')} title={shown?.formatNotes.pdf ? t(`reportMend.notes.${shown.formatNotes.pdf}`, { defaultValue: t('reportMend.notes.unknown') }) : undefined} onClick={() => save('pdf')}>
              {t('report.downloadPdf')}
            </button>
          </div>
        )}
      </div>
      <ErrorBanner error={actionError} />
      <ErrorBanner error={reportsError} />

      {code === 'meeting_not_ended' && (
        <p className="banner warn" data-testid="report-not-ended">
          {meeting.status === 'cancelled' ? t('report.cancelled') : t('report.notEnded')}
        </p>
      )}
      {code === 'report_not_ready' && (
        <p className="banner warn" data-testid="report-not-ready">
          {reports.some((r) => r.status === 'failed') && !reports.some((r) => r.status !== 'failed') ? t('report.allFailed') : t('report.notReady')}
        </p>
      )}
      {summaryError !== null && code !== 'meeting_not_ended' && code !== 'report_not_ready' && <ErrorBanner error={summaryError} />}

      {(reports.length > 0 || code === 'report_not_ready') && (
        <div className="card no-print" data-testid="report-jobs">
          <h2>{t('report.jobs')}</h2>
          {reports.length === 0 ? (
            <p className="muted">{t('report.noJobs')}</p>
          ) : (
            <ul className="report-jobs">
              {reports.map((r) => (
                <JobRow key={r.revision} report={r} canRetry={canRetry} onRetry={() => run(call('reports.retry', { params: { id: meeting.id }, body: { revision: r.revision } }).then(update))} />
              ))}
            </ul>
          )}
        </div>
      )}

      {meeting.status === 'minutes_published' && <NoticeCard meetingId={meeting.id} meetingTitle={meeting.title} canIssue={can('notice.issue')} refreshKey={doneKey} />}

      {summary && <SummaryView summary={summary} />}
    </section>
  );
}
