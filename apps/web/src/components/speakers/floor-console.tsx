import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isOrdinary, orderQueue, speakerStatistics } from '@app/contracts';
import { post, patch } from '../../api/http';
import { serverNow } from '../../api/socket';
import { hasRole, useAuth } from '../../auth/auth';
import { ErrorBanner } from '../ui';
import { useMeetingState } from '../../state/meeting-context';
import { MEDIA_STATUSES, everyone, useMedia } from '../../state/use-media';
import { ActiveLayout, ChairMediaPanel } from '../media/media-views';
import { CurrentSpeaker } from './speaker-board';
import { agendaItems, clock, endpointName } from './speakers.util';

/** The chair's console: the floor, the ordered queue, requests to decide, statistics. */
export function FloorConsole() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { account } = useAuth();
  const { state, error } = useMeetingState();
  const media = useMedia(id, { wants: everyone, enabled: !!state && MEDIA_STATUSES.includes(state.meeting.status) });
  const [actionError, setActionError] = useState<unknown>(null);
  const [drag, setDrag] = useState<string | null>(null);
  const [now, setNow] = useState(serverNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), 1000);
    return () => clearInterval(timer);
  }, []);
  const order = useMemo(() => (state ? orderQueue(state.speakers.requests, state.speakers.turns, state.speakers.settings) : []), [state]);
  if (error) return <ErrorBanner error={new Error(error)} />;
  if (!state) return <p>{t('common.loading')}</p>;
  const base = `/meetings/${state.meeting.id}`;
  const run = (p: Promise<unknown>) => {
    setActionError(null);
    void p.catch(setActionError);
  };
  const isChair = state.meeting.chair?.id === account?.id || hasRole(account, 'organizer', 'admin');
  const current = state.speakers.turns.find((x) => x.endedAt === null);
  const pending = state.speakers.requests.filter((r) => r.status === 'pending');
  const skipped = state.speakers.requests.filter((r) => r.status === 'skipped');
  const ordinary = order.filter((r) => isOrdinary(r.kind));
  const stats = speakerStatistics(state.speakers, state.endpoints.map((e) => e.id), now);

  return (
    <section>
      <div className="page-head">
        <h1>
          <Link to={base}>{state.meeting.title}</Link> — {t('floor.title')}
        </h1>
        <div className="row">
          <Link className="button" to={`${base}/live`}>{t('floor.liveView')}</Link>
          <Link className="button" to={`${base}/wall`}>{t('meetings.wall')}</Link>
        </div>
      </div>
      <ErrorBanner error={actionError} />
      <ActiveLayout media={media} meeting={state} />
      <CurrentSpeaker state={state} />
      {isChair && (
        <div className="row">
          <button className="primary" data-testid="floor-next" disabled={!order.length} onClick={() => run(post(`${base}/floor`, {}))}>
            {t('floor.giveNext')}
          </button>
          <button data-testid="floor-extend" disabled={!current} onClick={() => run(post(`${base}/floor/extend`, { seconds: 60 }))}>
            +1 {t('agenda.minutes')}
          </button>
          <button data-testid="floor-end" disabled={!current} onClick={() => run(post(`${base}/floor/end`))}>
            {t('floor.end')}
          </button>
          <label className="inline">
            <input type="checkbox" checked={state.speakers.settings.open} onChange={(e) => run(patch(`${base}/speakers/settings`, { open: e.target.checked }))} /> {t('floor.listOpen')}
          </label>
          <label className="inline">
            <input type="checkbox" checked={state.speakers.settings.unheardFirst} onChange={(e) => run(patch(`${base}/speakers/settings`, { unheardFirst: e.target.checked }))} /> {t('floor.unheardFirst')}
          </label>
        </div>
      )}
      <ChairMediaPanel media={media} meeting={state} isChair={isChair} />
      <div className="columns">
        <div className="card">
          <h2>
            {t('floor.queue')} ({order.length})
          </h2>
          <ol className="queue" data-testid="queue">
            {order.map((r) => (
              <li
                key={r.id}
                data-testid="queue-item"
                data-name={r.attendeeName}
                draggable={isChair && isOrdinary(r.kind)}
                onDragStart={() => setDrag(r.id)}
                onDragOver={(e) => e.preventDefault()}
                onDrop={() => {
                  if (drag && drag !== r.id && isOrdinary(r.kind)) run(post(`${base}/speech-requests/${drag}/move`, { position: ordinary.findIndex((x) => x.id === r.id) }));
                  setDrag(null);
                }}
              >
                <span className="badge">{t(`floor.kinds.${r.kind}`)}</span> <strong>{r.attendeeName}</strong> — {endpointName(state, r.endpointId)}
                {r.topic && <div className="muted small">{r.topic}</div>}
                {isChair && (
                  <span className="actions">
                    {agendaItems(state).length > 0 && (
                      <select
                        aria-label={t('floor.agendaItem')}
                        value={r.agendaItemId ?? ''}
                        onChange={(e) => run(post(`${base}/speech-requests/${r.id}/agenda-item`, { agendaItemId: e.target.value || null }))}
                      >
                        <option value="">—</option>
                        {agendaItems(state).map((i) => (
                          <option key={i.id} value={i.id}>
                            {i.title}
                          </option>
                        ))}
                      </select>
                    )}
                    <button className="link" data-testid="give-floor" onClick={() => run(post(`${base}/floor`, { requestId: r.id }))}>
                      {t('floor.give')}
                    </button>
                    <button className="link" onClick={() => run(post(`${base}/speech-requests/${r.id}/skip`))}>
                      {t('floor.skip')}
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ol>
          {skipped.length > 0 && (
            <>
              <h3>{t('floor.skipped')}</h3>
              <ul>
                {skipped.map((r) => (
                  <li key={r.id}>
                    {r.attendeeName} — {endpointName(state, r.endpointId)}{' '}
                    {isChair && (
                      <button className="link" onClick={() => run(post(`${base}/speech-requests/${r.id}/recall`))}>
                        {t('floor.recall')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <div>
          <div className="card">
            <h2>
              {t('floor.pending')} ({pending.length})
            </h2>
            <ul className="pending" data-testid="pending">
              {pending.map((r) => (
                <li key={r.id} data-testid="pending-item" data-name={r.attendeeName}>
                  <span className="badge">{t(`floor.kinds.${r.kind}`)}</span> <strong>{r.attendeeName}</strong> — {endpointName(state, r.endpointId)}
                  {r.topic && <div className="muted small">{r.topic}</div>}
                  {isChair && (
                    <span className="actions">
                      <button className="primary" data-testid="approve" onClick={() => run(post(`${base}/speech-requests/${r.id}/approve`))}>
                        {t('floor.approve')}
                      </button>
                      <button
                        className="link danger"
                        onClick={() => {
                          const reason = prompt(t('meetings.reason'));
                          if (reason) run(post(`${base}/speech-requests/${r.id}/reject`, { reason }));
                        }}
                      >
                        {t('floor.reject')}
                      </button>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </div>
          <div className="card">
            <h2>{t('floor.statistics')}</h2>
            <p className="muted small">
              {t('floor.waiting', { average: clock(stats.waiting.averageSeconds), longest: clock(stats.waiting.longestSeconds) })}
            </p>
            <table className="table compact" data-testid="stats">
              <thead>
                <tr>
                  <th>{t('endpoints.title')}</th>
                  <th>{t('floor.turns')}</th>
                  <th>{t('floor.spoken')}</th>
                  <th>{t('floor.remaining')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {stats.byEndpoint
                  .filter((s) => s.turns > 0 || (s.budgetSeconds !== null && s.remainingSeconds !== s.budgetSeconds))
                  .map((s) => (
                    <tr key={s.endpointId}>
                      <td>{endpointName(state, s.endpointId)}</td>
                      <td>{s.turns}</td>
                      <td>{clock(s.seconds)}</td>
                      <td>{s.remainingSeconds === null ? '' : clock(s.remainingSeconds)}</td>
                      <td>
                        {isChair && s.budgetSeconds !== null && (
                          <button className="link" onClick={() => run(post(`${base}/endpoints/${s.endpointId}/speaking-time`, { seconds: 60 }))}>
                            +1 {t('agenda.minutes')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </section>
  );
}
