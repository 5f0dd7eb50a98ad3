import { useTranslation } from 'react-i18next';
import type { MeetingSummary } from '@app/contracts';
import { fmtTime } from '../../i18n';
import { fmtDateTime, fmtDuration } from './report-format';
import { plainName } from '../name';

/** I. The meeting: kind, host, chair, planned and actual times, agenda. */
export function SummaryGeneral({ meeting }: { meeting: MeetingSummary['meeting'] }) {
  const { t } = useTranslation();
  return (
    <section>
      <h3>{t('report.sections.general')}</h3>
      <dl className="facts" data-testid="report-facts">
        <dt>{t('meetings.kind')}</dt>
        <dd>{t(`meetingKinds.${meeting.kind}`)}</dd>
        <dt>{t('meetings.host')}</dt>
        <dd data-testid="report-host">{meeting.hostOrganizationName}</dd>
        <dt>{t('meetings.chair')}</dt>
        <dd data-testid="report-chair">
          {meeting.chair ? plainName(`${meeting.chair.fullName}${meeting.chair.position ? `, ${meeting.chair.position}` : ''}`) : t('common.none')}
        </dd>
        <dt>{t('report.planned')}</dt>
        <dd data-testid="report-planned">
          {fmtDateTime(meeting.scheduledStart)} – {fmtTime(meeting.scheduledEnd)} ({fmtDuration(t, meeting.plannedMinutes * 60)})
        </dd>
        <dt>{t('report.actual')}</dt>
        <dd data-testid="report-actual">
          {meeting.actualStart ? `${fmtDateTime(meeting.actualStart)} – ${fmtTime(meeting.actualEnd)}` : t('report.notHeld')}
          {meeting.actualMinutes !== null && ` (${fmtDuration(t, meeting.actualMinutes * 60)})`}
        </dd>
        {meeting.agenda.length > 0 && (
          <>
            <dt>{t('meetings.agenda')}</dt>
            <dd>
              <ol className="report-agenda">
                {meeting.agenda.map((a, i) => (
                  <li key={i}>{a}</li>
                ))}
              </ol>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
