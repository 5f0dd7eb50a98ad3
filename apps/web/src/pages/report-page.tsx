import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { MeetingSummary, ReportState, ReportStatusEvent, SummaryAttendance } from '@app/contracts';
import { HttpError, download, get, post } from '../api/http';
import { connectSocket } from '../api/socket';
import { ErrorBanner } from '../components/ui';
import { fmt, fmtTime } from '../i18n';
import { useMeeting } from '../state/use-meeting';
import { useCapabilities } from '../state/use-capabilities';
import { StatusBadge } from './meetings-page';

/** Newest revision first, one row per revision. */
const upsert = (list: ReportState[], report: ReportState) => [...list.filter((r) => r.revision !== report.revision), report].sort((a, b) => b.revision - a.revision);

/**
 * The meeting's report jobs, live: the list as the server has it, then every
 * 'report:status' the meeting's subscription delivers. Events that arrive
 * while the list is being fetched win over the (possibly older) answer.
 */
function useReports(meetingId: string | undefined, refreshKey: string) {
  const [reports, setReports] = useState<ReportState[]>([]);
  const [error, setError] = useState<unknown>(null);
  const sinceFetch = useRef(new Map<number, ReportState>());
  useEffect(() => {
    if (!meetingId) return;
    const socket = connectSocket();
    const on = (e: ReportStatusEvent) => {
      if (e.meetingId !== meetingId) return;
      sinceFetch.current.set(e.report.revision, e.report);
      setReports((list) => upsert(list, e.report));
    };
    socket.on('report:status', on);
    return () => void socket.off('report:status', on);
  }, [meetingId]);
  useEffect(() => {
    if (!meetingId) return;
    let alive = true;
    sinceFetch.current = new Map();
    get<ReportState[]>(`/meetings/${meetingId}/reports`).then(
      (list) => {
        if (!alive) return;
        setError(null);
        setReports([...sinceFetch.current.values()].reduce(upsert, [...list].sort((a, b) => b.revision - a.revision)));
      },
      (err) => alive && setError(err),
    );
    return () => {
      alive = false;
    };
  }, [meetingId, refreshKey]);
  return { reports, error, update: (r: ReportState) => setReports((list) => upsert(list, r)) };
}

/** "3 phút 5 giây", "45 giây", "1 giờ 2 phút" */
export function fmtDuration(t: TFunction, seconds: number) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h ? t('report.units.h', { n: h }) : '', m ? t('report.units.m', { n: m }) : '', s || (!h && !m) ? t('report.units.s', { n: s }) : ''].filter(Boolean).join(' ');
}

/** YYYY-MM-DD -> dd/mm/yyyy */
const fmtDate = (date: string | null) => (date ? date.split('-').reverse().join('/') : '');

const fmtDateTime = (iso: string | null) => fmt(iso, { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });

const revisionLabel = (t: TFunction, revision: number) => (revision === 0 ? t('report.draftRevision') : t('minutes.revision', { n: revision }));

function JobRow({ report, canRetry, onRetry }: { report: ReportState; canRetry: boolean; onRetry: () => void }) {
  const { t } = useTranslation();
  const active = report.status === 'running' || report.status === 'retrying';
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
          <div key={format} className="muted small">
            {t('report.formatMissing', { format: format.toUpperCase(), reason: note })}
          </div>
        ))}
    </li>
  );
}

const ATTENDANCE_COLUMNS: (keyof SummaryAttendance)[] = ['expected', 'present', 'late', 'excused', 'absent'];

/** The summary as an HTML report, in the order of the Word document. */
function SummaryView({ summary }: { summary: MeetingSummary }) {
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

export function ReportPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { state, error, viewer } = useMeeting(id);
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
    get<MeetingSummary>(`/meetings/${id}/summary${selected !== null ? `?revision=${selected}` : ''}`).then(
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
    run(download(`/meetings/${meeting.id}/summary.${format}?revision=${revision}`, `${t('report.fileName', { title: meeting.title, n: revision })}.${format}`));
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
            <button data-testid="report-download-docx" disabled={!formats.includes('docx')} title={shown?.formatNotes.docx} onClick={() => save('docx')}>
              {t('report.downloadDocx')}
            </button>
            <button data-testid="report-download-pdf" disabled={!formats.includes('pdf')} title={shown?.formatNotes.pdf} onClick={() => save('pdf')}>
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
                <JobRow key={r.revision} report={r} canRetry={canRetry} onRetry={() => run(post<ReportState>(`/meetings/${meeting.id}/reports/retry`, { revision: r.revision }).then(update))} />
              ))}
            </ul>
          )}
        </div>
      )}

      {summary && <SummaryView summary={summary} />}
    </section>
  );
}
