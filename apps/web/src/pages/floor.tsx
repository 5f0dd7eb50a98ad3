import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  POINT_OF_ORDER_CATEGORIES,
  SPEECH_KINDS,
  isOrdinary,
  orderQueue,
  remainingSeconds,
  speakerStatistics,
  type MeetingSnapshot,
  type SpeakerTurn,
  type SpeechKind,
  type SpeechRequest,
} from '@app/contracts';
import { post, patch } from '../api/http';
import { serverNow } from '../api/socket';
import { ErrorBanner } from '../components/ui';
import { currentLang, fmtTime } from '../i18n';
import { useMeeting } from '../state/use-meeting';
import { useCapabilities } from '../state/use-capabilities';
import { everyone, hostAndSpeaker, useMedia } from '../media/use-media';
import { ActiveLayout, ChairMediaPanel } from '../media/media-views';

const MEDIA_STATUSES = ['draft', 'scheduled', 'live'];

const clock = (s: number) => `${s < 0 ? '−' : ''}${Math.floor(Math.abs(s) / 60)}:${String(Math.abs(s) % 60).padStart(2, '0')}`;

/** Seconds left on the floor, from the server's start time and the server clock offset: the same on every screen. */
export function Countdown({ turn }: { turn: SpeakerTurn }) {
  const [now, setNow] = useState(serverNow());
  useEffect(() => {
    const t = setInterval(() => setNow(serverNow()), 250);
    return () => clearInterval(t);
  }, []);
  const left = remainingSeconds(turn, now);
  return (
    <span className={`countdown ${left < 0 ? 'over' : left < 30 ? 'soon' : ''}`} data-testid="countdown" data-seconds={left}>
      {clock(left)}
    </span>
  );
}

const agendaItems = (state: MeetingSnapshot) => state.agenda.sessions.flatMap((s) => s.items.map((i) => ({ id: i.id, title: `${s.title} — ${i.title}` })));

const endpointName = (state: MeetingSnapshot, id: string) => {
  const e = state.endpoints.find((x) => x.id === id);
  return e?.organizationShortName ?? e?.organizationName ?? '';
};

function CurrentSpeaker({ state }: { state: MeetingSnapshot }) {
  const { t } = useTranslation();
  const turn = state.speakers.turns.find((x) => x.endedAt === null);
  if (!turn) return <div className="card current empty" data-testid="current-speaker">{t('floor.nobody')}</div>;
  return (
    <div className="card current" data-testid="current-speaker">
      <div>
        <div className="muted small">{t(`floor.kinds.${turn.kind}`)} · {endpointName(state, turn.endpointId)}</div>
        <div className="speaker-name" data-testid="current-speaker-name">{turn.attendeeName}</div>
        {turn.topic && <div className="topic">“{turn.topic}”</div>}
        <div className="muted small">{t('floor.since', { time: fmtTime(turn.startedAt) })}</div>
      </div>
      <Countdown turn={turn} />
    </div>
  );
}

function NextSpeakers({ state, limit = 5 }: { state: MeetingSnapshot; limit?: number }) {
  const { t } = useTranslation();
  const order = orderQueue(state.speakers.requests, state.speakers.turns, state.speakers.settings).slice(0, limit);
  return (
    <ol className="next-speakers" data-testid="next-speakers">
      {order.map((r) => (
        <li key={r.id}>
          <strong>{r.attendeeName}</strong> — {endpointName(state, r.endpointId)} <span className="badge">{t(`floor.kinds.${r.kind}`)}</span>
          {r.topic && <div className="muted small">{r.topic}</div>}
        </li>
      ))}
    </ol>
  );
}

/** For everybody: who speaks, how long is left, who comes next. */
export function LiveViewPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { state, error } = useMeeting(id);
  const media = useMedia(id, { wants: hostAndSpeaker, enabled: !!state && MEDIA_STATUSES.includes(state.meeting.status) });
  if (error) return <ErrorBanner error={error} />;
  if (!state) return <p>{t('common.loading')}</p>;
  return (
    <section>
      <h1>
        <Link to={`/meetings/${state.meeting.id}`}>{state.meeting.title}</Link>
      </h1>
      <ActiveLayout media={media} meeting={state} />
      <CurrentSpeaker state={state} />
      <h2>{t('floor.next')}</h2>
      <NextSpeakers state={state} limit={8} />
    </section>
  );
}

/** The chair's console: the floor, the ordered queue, requests to decide, statistics. */
export function FloorChairPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { state, error, viewer } = useMeeting(id);
  const { can } = useCapabilities(state, viewer);
  const media = useMedia(id, { wants: everyone, enabled: !!state && MEDIA_STATUSES.includes(state.meeting.status) });
  const [actionError, setActionError] = useState<unknown>(null);
  const [drag, setDrag] = useState<string | null>(null);
  const [now, setNow] = useState(serverNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), 1000);
    return () => clearInterval(timer);
  }, []);
  const order = useMemo(() => (state ? orderQueue(state.speakers.requests, state.speakers.turns, state.speakers.settings) : []), [state]);
  if (error) return <ErrorBanner error={error} />;
  if (!state) return <p>{t('common.loading')}</p>;
  const base = `/meetings/${state.meeting.id}`;
  const run = (p: Promise<unknown>) => {
    setActionError(null);
    void p.catch(setActionError);
  };
  // the chair and organizers of the host run the list (not an organizer of another body)
  const isChair = can('queue.moderate');
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
      <ChairMediaPanel media={media} meeting={state} isChair={can('media.moderate')} />
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
                  {(isChair || (r.kind === 'prepared' && can('queue.approve_prepared'))) && (
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

/** On the endpoint console: ask for the floor for a checked-in attendee, and follow one's own requests. */
export function EndpointSpeechPanel({ state, endpointId }: { state: MeetingSnapshot; endpointId: string }) {
  const { t } = useTranslation();
  const present = state.attendees.filter((a) => a.endpointId === endpointId && (a.status === 'present' || a.status === 'late' || a.status === 'expected'));
  const [attendeeId, setAttendeeId] = useState('');
  const [kind, setKind] = useState<SpeechKind>('contribution');
  const [topic, setTopic] = useState('');
  const [minutes, setMinutes] = useState(state.speakers.settings.defaultMinutes);
  const [category, setCategory] = useState(2);
  const [agendaItemId, setAgendaItemId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const order = orderQueue(state.speakers.requests, state.speakers.turns, state.speakers.settings);
  const mine = state.speakers.requests.filter((r) => r.endpointId === endpointId && r.status !== 'withdrawn');
  const base = `/meetings/${state.meeting.id}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await post(`${base}/speech-requests`, {
        endpointId,
        attendeeId: attendeeId || present[0]?.id,
        kind,
        topic: topic || undefined,
        requestedMinutes: minutes,
        agendaItemId: agendaItemId || null,
        ...(kind === 'point_of_order' ? { categoryRank: category } : {}),
      });
      setTopic('');
    } catch (err) {
      setError(err);
    }
  };
  const place = (r: SpeechRequest) => {
    const i = order.findIndex((x) => x.id === r.id);
    return i >= 0 ? `#${i + 1}` : '';
  };
  return (
    <div className="card stack" data-testid="speech-panel">
      <h2>{t('floor.request')}</h2>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <select data-testid="speech-attendee" value={attendeeId} onChange={(e) => setAttendeeId(e.target.value)}>
          {present.map((a) => (
            <option key={a.id} value={a.id}>
              {a.fullName}
              {a.position ? ` — ${a.position}` : ''}
            </option>
          ))}
        </select>
        <select data-testid="speech-kind" value={kind} onChange={(e) => setKind(e.target.value as SpeechKind)}>
          {SPEECH_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`floor.kinds.${k}`)}
            </option>
          ))}
        </select>
        {kind === 'point_of_order' && (
          <select value={category} onChange={(e) => setCategory(Number(e.target.value))}>
            {POINT_OF_ORDER_CATEGORIES.map((c) => (
              <option key={c.rank} value={c.rank}>
                {currentLang() === 'vi' ? c.vi : c.en}
              </option>
            ))}
          </select>
        )}
        {agendaItems(state).length > 0 && (
          <select aria-label={t('floor.agendaItem')} value={agendaItemId} onChange={(e) => setAgendaItemId(e.target.value)}>
            <option value="">{t('floor.agendaItem')}: —</option>
            {agendaItems(state).map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        )}
        <input data-testid="speech-topic" placeholder={t('floor.topic')} value={topic} onChange={(e) => setTopic(e.target.value)} />
        <label className="inline">
          <input className="narrow" type="number" min={1} max={60} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} /> {t('agenda.minutes')}
        </label>
        <ErrorBanner error={error} />
        <button className="primary" data-testid="speech-submit" disabled={!present.length}>
          {t('floor.ask')}
        </button>
      </form>
      <ul className="my-requests" data-testid="my-requests">
        {mine.map((r) => (
          <li key={r.id} data-testid="my-request" data-status={r.status}>
            <strong>{r.attendeeName}</strong> · {t(`floor.kinds.${r.kind}`)} · <span className="badge">{t(`floor.statuses.${r.status}`)}</span> {place(r)}
            {(r.status === 'pending' || r.status === 'queued') && (
              <button className="link" onClick={() => void post(`${base}/speech-requests/${r.id}/withdraw`).catch(setError)}>
                {t('floor.withdraw')}
              </button>
            )}
            {r.rejectReason && <div className="muted small">{r.rejectReason}</div>}
          </li>
        ))}
      </ul>
    </div>
  );
}
