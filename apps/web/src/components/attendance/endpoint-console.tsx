import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Ack, ApiError, AttendanceAction, Attendee } from '@app/contracts';
import { call } from '../../api/http';
import { connectSocket, connectionState, subscribeConnection } from '../../api/socket';
import { useAuth } from '../../auth/auth';
import { ErrorBanner } from '../ui';
import { describeError } from '../../i18n/errors';
import { useMeetingState } from '../../state/meeting-context';
import { useCapabilities } from '../../state/use-capabilities';
import { StatusBadge } from '../meetings/status-badge';
import { EndpointSpeechPanel } from '../speakers/endpoint-speech-panel';
import { MEDIA_STATUSES, hostAndSpeaker, useMedia } from '../../state/use-media';
import { ActiveLayout, LocalMediaPanel } from '../media/media-views';
import { BroadcastPlayer } from '../media/broadcast-player';
import { AttendeeForm } from './attendee-form';
import { RosterImport } from './roster-import';
import { RosterTable } from './roster-table';
import { SiteTurn } from './site-turn';
import { MEETING_OVER } from './wall.util';
import { Name } from '../name';

/** The server closes the roster of these meetings (roster_closed). */
const ROSTER_CLOSED = ['minutes_published', 'cancelled'];
import { DisplaysCard } from '../display/displays-card';

/** The endpoint operator's console: presence, roster, check-in, readiness and roll call. */
export function EndpointConsole({ watchOnly = false }: { watchOnly?: boolean } = {}) {
  const { id, endpointId } = useParams();
  const { t } = useTranslation();
  const { state, error, viewer } = useMeetingState();
  const { can } = useCapabilities(state, viewer);
  const [joinError, setJoinError] = useState<ApiError | null>(null);
  const [joined, setJoined] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  // the roll-call answer starts from the number already checked in (null: not changed by the operator)
  const [count, setCount] = useState<number | null>(null);

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

  // A watch-only site plays the broadcast and holds no WebRTC until the chair gives it the floor: then it joins the
  // interactive room and publishes, and goes back to watching when the speech ends (the queue is not touched).
  const onFloor = !!state?.speakers.turns.some((x) => x.endedAt === null && x.endpointId === endpointId);
  const interactive = !watchOnly || onFloor;
  // Once joined, the site publishes its camera and microphone (and receives the host and the speaker); a viewer only receives.
  const media = useMedia(id, {
    publishEndpointId: operating && joined ? endpointId : undefined,
    wants: hostAndSpeaker,
    enabled: !!state && MEDIA_STATUSES.includes(state.meeting.status) && (!operating || joined) && interactive,
  });

  const endpoint = state?.endpoints.find((e) => e.id === endpointId);
  const roster = useMemo(() => (state ? state.attendees.filter((a) => a.endpointId === endpointId) : []), [state, endpointId]);
  const rollCallId = state?.rollCall?.id;
  useEffect(() => setCount(null), [rollCallId]);
  // What this device knows of its own link: while it is offline the site's last known state is stale.
  const link = useSyncExternalStore(subscribeConnection, connectionState);
  if (error) return <ErrorBanner error={error} />;
  if (!state || !endpoint) return <p>{t('common.loading')}</p>;
  const base = `/meetings/${state.meeting.id}/endpoints/${endpoint.id}`;
  const presence = state.presence.find((p) => p.endpointId === endpoint.id);
  const siteName = endpoint.organizationShortName ?? endpoint.organizationName;
  const checkedIn = roster.filter((a) => a.status === 'present' || a.status === 'late').length;
  const over = MEETING_OVER.includes(state.meeting.status);
  const presenceKey = link === 'offline' ? 'offline' : over && presence?.state !== 'connected' ? 'ended' : (presence?.state ?? 'not_joined');
  const run = async (p: Promise<unknown>) => {
    setActionError(null);
    try {
      await p;
    } catch (err) {
      setActionError(err);
    }
  };
  const act = (a: Attendee, action: AttendanceAction) => run(call('attendees.act', { params: { id: state.meeting.id, endpointId: endpoint.id, attendeeId: a.id }, body: { action, version: a.version } }));

  return (
    <section>
      <div className="page-head">
        <div>
          <h1 data-testid="console-heading">
            {t('meetings.console')}: <Name text={siteName} />
          </h1>
          <p className="muted">
            <Link to={`/meetings/${state.meeting.id}`}>{state.meeting.title}</Link> <StatusBadge status={state.meeting.status} />
          </p>
          <p className="small">
            <Link data-testid="console-mode-switch" to={`/meetings/${state.meeting.id}/console/${endpoint.id}${watchOnly ? '' : '/watch'}`}>
              {watchOnly ? t('broadcast.toInteractive') : t('broadcast.toWatch')}
            </Link>
          </p>
        </div>
        <span className={`badge state-${presenceKey}`} data-testid="console-presence" data-state={presenceKey}>
          {link === 'offline' ? t('connection.offline') : presenceKey === 'ended' ? t('endpoint.ended') : t(`presence.${presenceKey}`)}
        </span>
      </div>
      {state.meeting.status === 'live' && <SiteTurn state={state} endpointId={endpoint.id} />}
      {joinError && <p className="banner error">{describeError(joinError, t)}</p>}
      {!can('roster.edit', endpoint.id) && <p className="banner warn">{t('attendees.viewOnly')}</p>}
      <ErrorBanner error={actionError} />
      <div className="row">
        {state.techCheck.open && can('presence.report', endpoint.id) && (
          <button data-testid="confirm-ready" onClick={() => void run(call('attendance.ready', { params: { id: state.meeting.id, endpointId: endpoint.id }, body: { ready: !presence?.readyAt, mediaTested: true } }))}>
            {presence?.readyAt ? `✓ ${t('presence.ready')}` : t('presence.confirmReady')}
          </button>
        )}
        {state.rollCall && !state.rollCall.closedAt && can('presence.report', endpoint.id) && (
          <span className="row">
            <strong>{t('presence.rollCall')}</strong>
            <input className="narrow" type="number" min={0} data-testid="roll-call-count" value={count ?? checkedIn} onChange={(e) => setCount(Number(e.target.value))} aria-label={t('presence.presentCount')} />
            <button data-testid="roll-call-respond" onClick={() => void run(call('rollCalls.respond', { params: { id: state.meeting.id }, body: { endpointId: endpoint.id, presentCount: count ?? checkedIn } }))}>{t('presence.respond')}</button>
          </span>
        )}
      </div>
      {watchOnly && (
        <p className={onFloor ? 'banner warn' : 'banner'} data-testid="watch-mode" data-mode={interactive ? 'interactive' : 'watching'}>
          <strong>{t('broadcast.watchOnly')}.</strong> {onFloor ? t('broadcast.promoted') : t('broadcast.watchHint')}
        </p>
      )}
      {!interactive && <BroadcastPlayer meetingId={state.meeting.id} />}
      {interactive && media.enabled && (
        <div className="columns">
          <ActiveLayout media={media} meeting={state} localEndpointId={operating ? endpoint.id : undefined} />
          {operating && <LocalMediaPanel media={media} endpointId={endpoint.id} />}
        </div>
      )}
      <div className="columns">
        <RosterTable roster={roster} act={act} canEdit={can('roster.edit', endpoint.id) && !ROSTER_CLOSED.includes(state.meeting.status)} meetingId={state.meeting.id} endpointId={endpoint.id} siteName={siteName} run={run} />
        <div>
          {can('queue.request', endpoint.id) && ['draft', 'scheduled', 'live'].includes(state.meeting.status) && <EndpointSpeechPanel state={state} endpointId={endpoint.id} />}
          <AttendeeForm meetingId={state.meeting.id} endpointId={endpoint.id} run={run} canEdit={can('roster.edit', endpoint.id)} />
          <RosterImport meetingId={state.meeting.id} endpointId={endpoint.id} onError={setActionError} canEdit={can('roster.edit', endpoint.id)} />
          <DisplaysCard state={state} can={can} endpointId={endpoint.id} />
        </div>
      </div>
    </section>
  );
}
