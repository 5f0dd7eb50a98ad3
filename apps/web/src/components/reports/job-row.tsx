import { useTranslation } from 'react-i18next';
import type { ReportState } from '@app/contracts';
import { fmtDateTime, revisionLabel } from './report-format';

/** One report job: its status, progress, error and the formats it could not produce. */
/** The reason a format is missing, translated from its code (reports made before codes carry an English sentence: shown as a generic reason). */
const noteText = (t: (k: string, o?: Record<string, unknown>) => string, note: string) => t(`reportMend.notes.${note}`, { defaultValue: t('reportMend.notes.unknown') });

export function JobRow({ report, canRetry, onRetry }: { report: ReportState; canRetry: boolean; onRetry: () => void }) {
  const { t } = useTranslation();
  const active = report.status === 'running' || report.status === 'retrying';
  const noPdf = report.status === 'done' && !report.formats.includes('pdf');
  return (
    <li className={`report-job job-${report.status}`} data-testid="report-job" data-revision={report.revision} data-status={report.status}>
      <div className="row">
        <strong>{revisionLabel(t, report.revision)}</strong>
        <span className={`badge job-badge-${report.status}`} data-testid="report-job-status">
          {t(`report.statuses.${report.status}`)}
        </span>
        {report.attempts > 1 && <span className="muted small">{t('report.attempts', { n: report.attempts })}</span>}
        <span className="muted small">
          {report.completedAt ? t('report.completedAt', { time: fmtDateTime(report.completedAt) }) : t('report.queuedAt', { time: fmtDateTime(report.queuedAt) })}
        </span>
        {report.status === 'failed' && canRetry && (
          <button className="primary" data-testid="report-retry" onClick={onRetry}>
            {t('report.retry')}
          </button>
        )}
        {noPdf && canRetry && (
          <button className="primary" data-testid="report-regenerate-pdf" aria-label={t('reportMend.regeneratePdfOf', { label: revisionLabel(t, report.revision) })} onClick={onRetry}>
            {t('reportMend.regeneratePdf')}
          </button>
        )}
      </div>
      {active && (
        <div className="report-progress-line">
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={report.progress} data-testid="report-progress">
            <div style={{ width: `${report.progress}%` }} />
          </div>
          <span className="muted small">
            {report.progress}%{report.phase ? ` · ${t(`report.phases.${report.phase}`, { defaultValue: report.phase })}` : ''}
          </span>
        </div>
      )}
      {(report.status === 'retrying' || report.status === 'failed') && report.error && (
        <div className={`banner ${report.status === 'failed' ? 'error' : 'warn'} small`} data-testid="report-job-error">
          {t(report.status === 'failed' ? 'report.failedReason' : 'report.retryingReason', { error: report.error })}
        </div>
      )}
      {report.status === 'done' &&
        Object.entries(report.formatNotes).map(([format, note]) => (
          <div key={format} className="muted small" data-testid="report-format-note">
            {t('report.formatMissing', { format: format.toUpperCase(), reason: noteText(t, note) })}
          </div>
        ))}
    </li>
  );
}
