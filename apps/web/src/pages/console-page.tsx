import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, Navigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ATTENDEE_ROLES, type Ack, type ApiError, type AttendanceAction, type Attendee, type AttendeeRole, type RosterImportRowError } from '@app/contracts';
import { HttpError, post } from '../api/http';
import { connectSocket } from '../api/socket';
import { useAuth } from '../auth/auth';
import { ErrorBanner } from '../components/ui';
import { fmtTime } from '../i18n';
import { useMeeting } from '../state/use-meeting';
import { useCapabilities } from '../state/use-capabilities';
import { StatusBadge } from './meetings-page';
import { EndpointSpeechPanel } from './floor';
import { hostAndSpeaker, useMedia } from '../media/use-media';
import { ActiveLayout, LocalMediaPanel } from '../media/media-views';
import { describeError, describeFieldError } from '../i18n/errors';

const MEDIA_STATUSES = ['draft', 'scheduled', 'live'];

/** Opens the console of the endpoint this operator runs, when the link does not name one. */
export function ConsoleRedirect() {
  const { id } = useParams();
  const { account } = useAuth();
  const { state } = useMeeting(id);
  if (!state) return null;
  const mine = state.endpoints.find((e) => e.operators.some((o) => o.id === account?.id)) ?? state.endpoints[0];
  return mine ? <Navigate to={`/meetings/${id}/console/${mine.id}`} replace /> : null;
}

/** The endpoint operator's console: presence, roster, check-in, readiness and roll call. */
export function ConsolePage() {
  const { id, endpointId } = useParams();
  const { t } = useTranslation();
  const { state, error, viewer } = useMeeting(id);
  const { can } = useCapabilities(state, viewer);
  const [joinError, setJoinError] = useState<ApiError | null>(null);
  const [joined, setJoined] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [rowErrors, setRowErrors] = useState<RosterImportRowError[]>([]);
  const [csv, setCsv] = useState('');
  const [form, setForm] = useState({ fullName: '', position: '', unit: '', role: 'delegate' as AttendeeRole, walkIn: false });
  const [count, setCount] = useState(0);

  const { account } = useAuth();
  // the site's own console: it announces itself and publishes; what may be done here is can(...) below
  const operating = !!state?.endpoints.find((e) => e.id === endpointId)?.operators.some((o) => o.id === account?.id);

  // Announce this console while an operator has the page open; a reconnect announces it again.
  useEffect(() => {
    if (!id || !endpointId || !operating) return;
    const socket = connectSocket();
    const join = async () => {
      const answer = (await socket.emitWithAck('endpoint:join', { meetingId: id, endpointId, device: navigator.userAgent.includes('Mobile') ? 'điện thoại' : 'máy tính' })) as Ack<unknown>;
      setJoinError(answer.ok ? null : answer.error);
      setJoined(answer.ok);
    };
    socket.on('connect', join);
    if (socket.connected) void join();
    return () => {
      socket.off('connect', join);
      socket.emit('endpoint:leave', { endpointId }, () => undefined);
      setJoined(false);
    };
  }, [id, endpointId, operating]);

  // Once joined, the site publishes its camera and microphone (and receives the host and the speaker); a viewer only receives.
  const media = useMedia(id, {
    publishEndpointId: operating && joined ? endpointId : undefined,
    wants: hostAndSpeaker,
    enabled: !!state && MEDIA_STATUSES.includes(state.meeting.status) && (!operating || joined),
  });

  const endpoint = state?.endpoints.find((e) => e.id === endpointId);
  const roster = useMemo(() => (state ? state.attendees.filter((a) => a.endpointId === endpointId) : []), [state, endpointId]);
  if (error) return <ErrorBanner error={error} />;
  if (!state || !endpoint) return <p>{t('common.loading')}</p>;
  const base = `/meetings/${state.meeting.id}/endpoints/${endpoint.id}`;
  const presence = state.presence.find((p) => p.endpointId === endpoint.id);
  const run = async (p: Promise<unknown>) => {
    setActionError(null);
    try {
      await p;
    } catch (err) {
      setActionError(err);
    }
  };
  const act = (a: Attendee, action: AttendanceAction) => run(post(`${base}/attendees/${a.id}/attendance`, { action, version: a.version }));
  const add = async (e: FormEvent) => {
    e.preventDefault();
    await run(post(`${base}/attendees`, { ...form, position: form.position || undefined, unit: form.unit || undefined }));
    setForm({ ...form, fullName: '', position: '', unit: '' });
  };
  const importRoster = async (body: { csv: string } | { xlsxBase64: string }) => {
    setRowErrors([]);
    try {
      await post(`${base}/attendees/import`, body);
      setCsv('');
    } catch (err) {
      if (err instanceof HttpError && err.body.code === 'invalid_roster') setRowErrors(err.body.params.rows ?? []);
      setActionError(err);
    }
  };

  return (
    <section>
      <div className="page-head">
        <div>
          <h1 data-testid="console-heading">
            {t('meetings.console')}: {endpoint.organizationShortName ?? endpoint.organizationName}
          </h1>
          <p className="muted">
            <Link to={`/meetings/${state.meeting.id}`}>{state.meeting.title}</Link> <StatusBadge status={state.meeting.status} />
          </p>
        </div>
        <span className={`badge state-${presence?.state}`} data-testid="console-presence">
          {t(`presence.${presence?.state ?? 'not_joined'}`)}
        </span>
      </div>
      {joinError && <p className="banner error">{describeError(joinError, t)}</p>}
      {!can('roster.edit', endpoint.id) && <p className="banner warn">{t('attendees.viewOnly')}</p>}
      <ErrorBanner error={actionError} />
      <div className="row">
        {state.techCheck.open && can('presence.report', endpoint.id) && (
          <button data-testid="confirm-ready" onClick={() => void run(post(`${base}/ready`, { ready: !presence?.readyAt, mediaTested: true }))}>
            {presence?.readyAt ? `✓ ${t('presence.ready')}` : t('presence.confirmReady')}
          </button>
        )}
        {state.rollCall && !state.rollCall.closedAt && can('presence.report', endpoint.id) && (
          <span className="row">
            <strong>{t('presence.rollCall')}</strong>
            <input className="narrow" type="number" min={0} value={count} onChange={(e) => setCount(Number(e.target.value))} aria-label={t('presence.presentCount')} />
            <button onClick={() => void run(post(`/meetings/${state.meeting.id}/roll-calls/current/responses`, { endpointId: endpoint.id, presentCount: count }))}>{t('presence.respond')}</button>
          </span>
        )}
      </div>
      {media.enabled && (
        <div className="columns">
          <ActiveLayout media={media} meeting={state} localEndpointId={operating ? endpoint.id : undefined} />
          {operating && <LocalMediaPanel media={media} endpointId={endpoint.id} />}
        </div>
      )}
      <div className="columns">
        <div className="card">
          <h2>
            {t('meetings.roster')} ({roster.filter((a) => a.status === 'present' || a.status === 'late').length}/{roster.length})
          </h2>
          <table className="table" data-testid="roster">
            <thead>
              <tr>
                <th>{t('attendees.fullName')}</th>
                <th>{t('attendees.position')}</th>
                <th>{t('attendees.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {roster.map((a) => (
                <tr key={a.id} data-testid="roster-row" data-name={a.fullName}>
                  <td>
                    {a.fullName}
                    <div className="muted small">{a.unit}</div>
                  </td>
                  <td>{a.position}</td>
                  <td>
                    <span className={`badge att-${a.status}`} data-testid="attendee-status">
                      {t(`attendees.statuses.${a.status}`)}
                    </span>{' '}
                    <small className="muted">{fmtTime(a.checkedInAt)}</small>
                  </td>
                  <td className="actions" hidden={!can('roster.edit', endpoint.id)}>
                    {(a.status === 'expected' || a.status === 'absent' || a.status === 'excused' || a.status === 'left') && (
                      <button className="primary" data-testid="check-in" onClick={() => void act(a, 'check_in')}>
                        {t('attendees.checkIn')}
                      </button>
                    )}
                    {(a.status === 'present' || a.status === 'late') && (
                      <button onClick={() => void act(a, 'check_out')}>{t('attendees.checkOut')}</button>
                    )}
                    {a.status === 'expected' && (
                      <button className="link" onClick={() => void act(a, 'excuse')}>
                        {t('attendees.excuse')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          {can('queue.request', endpoint.id) && ['draft', 'scheduled', 'live'].includes(state.meeting.status) && <EndpointSpeechPanel state={state} endpointId={endpoint.id} />}
          <form className="card stack" hidden={!can('roster.edit', endpoint.id)} onSubmit={(e) => void add(e)}>
            <h2>{t('attendees.add')}</h2>
            <input data-testid="attendee-name" placeholder={t('attendees.fullName')} value={form.fullName} onChange={(e) => setForm({ ...form, fullName: e.target.value })} required />
            <input placeholder={t('attendees.position')} value={form.position} onChange={(e) => setForm({ ...form, position: e.target.value })} />
            <input placeholder={t('attendees.unit')} value={form.unit} onChange={(e) => setForm({ ...form, unit: e.target.value })} />
            <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as AttendeeRole })}>
              {ATTENDEE_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`attendees.roles.${r}`)}
                </option>
              ))}
            </select>
            <label className="inline">
              <input type="checkbox" checked={form.walkIn} onChange={(e) => setForm({ ...form, walkIn: e.target.checked })} /> {t('attendees.walkIn')}
            </label>
            <button className="primary" data-testid="attendee-add">
              {t('common.add')}
            </button>
          </form>
          <div className="card stack" hidden={!can('roster.edit', endpoint.id)}>
            <h2>{t('attendees.paste')}</h2>
            <p className="muted small">{t('attendees.pasteHint')}</p>
            <textarea data-testid="roster-csv" rows={6} value={csv} onChange={(e) => setCsv(e.target.value)} />
            {rowErrors.length > 0 && (
              <ul className="banner error" data-testid="roster-errors">
                {rowErrors.map((r) => (
                  <li key={`${r.line}${r.field}`}>
                    {t('attendees.line', { line: r.line })} – {describeFieldError(r, t)}
                  </li>
                ))}
              </ul>
            )}
            <div className="row">
              <button data-testid="roster-import" disabled={!csv.trim()} onClick={() => void importRoster({ csv })}>
                {t('attendees.import')}
              </button>
              <label className="button">
                {t('attendees.upload')}
                <input
                  type="file"
                  hidden
                  accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    e.target.value = '';
                    if (!file) return;
                    if (file.name.toLowerCase().endsWith('.xlsx')) {
                      void file.arrayBuffer().then((buf) => {
                        let bin = '';
                        new Uint8Array(buf).forEach((b) => (bin += String.fromCharCode(b)));
                        return importRoster({ xlsxBase64: btoa(bin) });
                      });
                    } else void file.text().then((text) => importRoster({ csv: text }));
                  }}
                />
              </label>
            </div>
          </div>
        </div>
      </div>
    </section>
  );
}
