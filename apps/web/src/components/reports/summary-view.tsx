import { useTranslation } from 'react-i18next';
import type { MeetingSummary, SummaryAttendance } from '@app/contracts';
import { fmtTime } from '../../i18n';
import { fmtDate, fmtDateTime, fmtDuration, revisionLabel } from './report-format';

const ATTENDANCE_COLUMNS: (keyof SummaryAttendance)[] = ['expected', 'present', 'late', 'excused', 'absent'];

/** The summary as an HTML report, in the order of the Word document. */
export function SummaryView({ summary }: { summary: MeetingSummary }) {
  const { t } = useTranslation();
  const { meeting, endpoints, attendance, speakers, conclusions, tasks, minutes } = summary;
  const longest = Math.max(1, ...speakers.perEndpoint.map((p) => p.seconds));
  return (
    <article className="card report-doc" data-testid="report-summary" data-revision={minutes.revision}>
      <header className="report-title">
        <div className="muted small">{meeting.hostParentName ? `${meeting.hostParentName} · ` : ''}{meeting.hostOrganizationName}</div>
        <h2>{t('report.heading')}</h2>
        <div className="report-meeting-title" data-testid="report-meeting-title">{meeting.title}</div>
      </header>

      <section>
        <h3>{t('report.sections.general')}</h3>
        <dl className="facts" data-testid="report-facts">
          <dt>{t('meetings.kind')}</dt>
          <dd>{t(`meetingKinds.${meeting.kind}`)}</dd>
          <dt>{t('meetings.host')}</dt>
          <dd data-testid="report-host">{meeting.hostOrganizationName}</dd>
          <dt>{t('meetings.chair')}</dt>
          <dd data-testid="report-chair">
            {meeting.chair ? `${meeting.chair.fullName}${meeting.chair.position ? `, ${meeting.chair.position}` : ''}` : t('common.none')}
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

      <section>
        <h3>{t('report.sections.endpoints')}</h3>
        <p data-testid="report-endpoint-counts">
          {t('report.endpointCounts', { invited: endpoints.invited, connected: endpoints.connected, missing: endpoints.missing.length })}
        </p>
        {endpoints.missing.length > 0 && (
          <p className="banner warn" data-testid="report-missing">
            {t('report.missing')}: {endpoints.missing.map((m) => m.organizationName).join(', ')}
          </p>
        )}
        <table className="table compact report-table" data-testid="report-attendance">
          <thead>
            <tr>
              <th>{t('endpoints.title')}</th>
              <th>{t('report.connectedCol')}</th>
              {ATTENDANCE_COLUMNS.map((c) => (
                <th key={c} className="num">
                  {t(`report.attendance.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {endpoints.list.map((e) => (
              <tr key={e.endpointId} data-testid="report-attendance-row" data-name={e.organizationName}>
                <td>
                  {e.isHost && <span className="badge">{t('endpoints.host')}</span>} {e.organizationName}
                  <div className="muted small">{e.locationName}</div>
                </td>
                <td>
                  <span className={`badge ${e.connected ? 'state-connected' : 'state-offline'}`}>
                    {e.connected ? (e.firstConnectedAt ? t('report.connectedAt', { time: fmtTime(e.firstConnectedAt) }) : t('common.yes')) : t('report.neverConnected')}
                  </span>
                </td>
                {ATTENDANCE_COLUMNS.map((c) => (
                  <td key={c} className="num" data-col={c}>
                    {e.attendance[c]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="report-attendance-total">
              <th colSpan={2}>{t('report.total')}</th>
              {ATTENDANCE_COLUMNS.map((c) => (
                <th key={c} className="num" data-col={c}>
                  {attendance[c]}
                </th>
              ))}
            </tr>
          </tfoot>
        </table>
      </section>

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
                  <td>{turn.fullName}</td>
                  <td>{turn.position}</td>
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

      <section>
        <h3>{t('report.sections.conclusions')}</h3>
        {conclusions.length === 0 ? (
          <p className="muted">{t('report.noConclusions')}</p>
        ) : (
          <ol className="report-conclusions" data-testid="report-conclusions">
            {conclusions.map((c, i) => (
              <li key={i}>
                {c.agendaItemTitle && <div className="muted small">{c.agendaItemTitle}</div>}
                {c.text}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section>
        <h3>{t('report.sections.tasks')}</h3>
        {tasks.length === 0 && <p className="muted">{t('report.noTasks')}</p>}
        {tasks.map((g) => (
          <div key={g.leadOrganizationId} className="report-task-group" data-testid="report-task-group" data-lead={g.leadOrganizationName}>
            <h4>{t('report.leads', { name: g.leadOrganizationName })}</h4>
            <ul>
              {g.tasks.map((task, i) => (
                <li key={i} data-testid="report-task">
                  <div>{task.description}</div>
                  <div className="muted small">
                    {task.coOrganizations.length > 0 && (
                      <span>
                        {t('report.coOrganizations')}: {task.coOrganizations.join(', ')}.{' '}
                      </span>
                    )}
                    <span data-testid="report-task-deadline">
                      {t('minutes.deadline')}: {task.deadline ? fmtDate(task.deadline) : t('report.noDeadline')}.
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>

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
