import { useTranslation } from 'react-i18next';
import type { MeetingSummary } from '@app/contracts';
import { fmtTime } from '../../i18n';
import { fmtDuration } from './report-format';
import { Name } from '../name';

/** III. The speakers: every turn in order, and the speaking time of each endpoint. */
export function SummarySpeakers({ speakers }: { speakers: MeetingSummary['speakers'] }) {
  const { t } = useTranslation();
  const longest = Math.max(1, ...speakers.perEndpoint.map((p) => p.seconds));
  return (
    <section>
      <h3>{t('report.sections.speakers')}</h3>
      <p data-testid="report-speaking-total">{t('report.turnsTotal', { n: speakers.turns.length, duration: fmtDuration(t, speakers.totalSeconds) })}</p>
      {speakers.turns.length > 0 && (
        <table className="table compact report-table" data-testid="report-turns">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>{t('endpoints.title')}</th>
              <th>{t('attendees.fullName')}</th>
              <th>{t('attendees.position')}</th>
              <th>{t('floor.topic')}</th>
              <th>{t('report.startedAt')}</th>
              <th className="num">{t('report.duration')}</th>
            </tr>
          </thead>
          <tbody>
            {speakers.turns.map((turn) => (
              <tr key={turn.order} data-testid="report-turn">
                <td className="num">{turn.order}</td>
                <td>{turn.endpointName}</td>
                <td><Name text={turn.fullName} /></td>
                <td><Name text={turn.position} /></td>
                <td>
                  {turn.topic}
                  {turn.agendaItemTitle && <div className="muted small">{turn.agendaItemTitle}</div>}
                </td>
                <td>{fmtTime(turn.startedAt)}</td>
                <td className="num nowrap" data-testid="report-turn-duration">
                  {fmtDuration(t, turn.durationSeconds)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {speakers.perEndpoint.length > 0 && (
        <>
          <h4>{t('report.perEndpoint')}</h4>
          <table className="table compact report-table" data-testid="report-per-endpoint">
            <thead>
              <tr>
                <th>{t('endpoints.title')}</th>
                <th className="num">{t('floor.turns')}</th>
                <th className="num">{t('report.duration')}</th>
                <th className="bar-col" />
              </tr>
            </thead>
            <tbody>
              {speakers.perEndpoint.map((p) => (
                <tr key={p.endpointId} data-testid="report-per-endpoint-row" data-name={p.endpointName}>
                  <td>{p.endpointName}</td>
                  <td className="num">{p.turns}</td>
                  <td className="num nowrap">{fmtDuration(t, p.seconds)}</td>
                  <td className="bar-col">
                    <div className="bar" style={{ width: `${(p.seconds / longest) * 100}%` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
