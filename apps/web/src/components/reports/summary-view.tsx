import { useTranslation } from 'react-i18next';
import type { MeetingSummary } from '@app/contracts';
import { fmtDateTime, revisionLabel } from './report-format';
import { SummaryConclusions, SummaryTasks } from './summary-conclusions';
import { SummaryEndpoints } from './summary-endpoints';
import { SummaryGeneral } from './summary-general';
import { SummarySpeakers } from './summary-speakers';
import { SummaryPolls } from './summary-polls';

/** The summary as an HTML report, in the order of the Word document. */
export function SummaryView({ summary }: { summary: MeetingSummary }) {
  const { t } = useTranslation();
  const { meeting, endpoints, attendance, speakers, conclusions, tasks, minutes } = summary;
  const polls = summary.polls ?? [];
  return (
    <article className="card report-doc" data-testid="report-summary" data-revision={minutes.revision}>
      <header className="report-title">
        <div className="muted small">{meeting.hostParentName ? `${meeting.hostParentName} · ` : ''}{meeting.hostOrganizationName}</div>
        <h2>{t('report.heading')}</h2>
        <div className="report-meeting-title" data-testid="report-meeting-title">{meeting.title}</div>
      </header>

      <SummaryGeneral meeting={meeting} />

      <SummaryEndpoints endpoints={endpoints} attendance={attendance} />

      <SummarySpeakers speakers={speakers} />

      {polls.length > 0 && <SummaryPolls polls={polls} n="IV" />}

      <SummaryConclusions conclusions={conclusions} n={polls.length ? 'V' : 'IV'} />

      <SummaryTasks tasks={tasks} n={polls.length ? 'VI' : 'V'} />

      <footer className="muted small report-source" data-testid="report-source">
        {t('report.builtFrom', { revision: revisionLabel(t, minutes.revision), entries: minutes.entryCount })}
        {minutes.publishedAt && ` · ${t('report.publishedAt', { time: fmtDateTime(minutes.publishedAt) })}`}
        {minutes.contentHash && (
          <>
            {' '}
            · SHA-256 <code title={minutes.contentHash}>{minutes.contentHash.slice(0, 16)}…</code>
          </>
        )}
        {' · '}
        {t('report.generatedAt', { time: fmtDateTime(summary.generatedAt) })}
      </footer>
    </article>
  );
}
