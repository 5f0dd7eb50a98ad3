import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EndpointMediaState, MediaKind, MeetingSnapshot } from '@app/contracts';
import { describeError, type Translate } from '../../i18n/errors';
import type { RemoteTrack } from '../../api/media-session';
import type { UseMedia } from '../../state/use-media';

const nameOf = (meeting: MeetingSnapshot, endpointId: string | null | undefined) => {
  const e = meeting.endpoints.find((x) => x.id === endpointId);
  return e?.organizationShortName ?? e?.organizationName ?? '';
};

const trackOf = (remote: RemoteTrack[], endpointId: string | null | undefined, kind: MediaKind) => remote.find((r) => r.endpointId === endpointId && r.kind === kind && !r.paused)?.track ?? null;

/** One track in a <video>, or nothing (the tile shows a placeholder). */
function Video({ track, testId }: { track: MediaStreamTrack | null; testId?: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = track ? new MediaStream([track]) : null;
  }, [track]);
  return <video ref={ref} autoPlay playsInline muted data-testid={testId} data-track={track?.id ?? ''} />;
}

function Audio({ track }: { track: MediaStreamTrack }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = new MediaStream([track]);
  }, [track]);
  return <audio ref={ref} autoPlay />;
}

/** Plays every received audio track (the server pauses the sites that may not be heard). */
export function RemoteAudio({ media }: { media: UseMedia }) {
  return (
    <div hidden>
      {media.remote
        .filter((r) => r.kind === 'audio' && !r.paused)
        .map((r) => (
          <Audio key={r.consumerId} track={r.track} />
        ))}
    </div>
  );
}

function statusOf(media: UseMedia, endpointId: string | null | undefined): EndpointMediaState | undefined {
  return media.state?.endpoints.find((e) => e.endpointId === endpointId);
}

function StatusBadge({ s }: { s: EndpointMediaState | undefined }) {
  const { t } = useTranslation();
  const status = s?.status ?? 'none';
  return (
    <span className={`badge media-${status}`} data-testid="media-status" data-status={status} data-reason={s?.muteReason ?? ''}>
      {t(`media.status.${status}`)}
      {status === 'muted' && s?.muteReason ? ` · ${t(`media.reasons.${s.muteReason}`)}` : ''}
    </span>
  );
}

function Tile({ media, meeting, endpointId, large, testId, localEndpointId }: { media: UseMedia; meeting: MeetingSnapshot; endpointId: string | null | undefined; large?: boolean; testId: string; localEndpointId?: string }) {
  const { t } = useTranslation();
  // a site never receives itself: its own tile shows its camera
  const track = endpointId && endpointId === localEndpointId ? (media.local?.getVideoTracks()[0] ?? null) : trackOf(media.remote, endpointId, 'video');
  const s = statusOf(media, endpointId);
  return (
    <div className={`media-tile ${large ? 'large' : ''}`} data-testid={testId} data-endpoint={endpointId ?? ''} data-name={nameOf(meeting, endpointId)} data-video={track ? 'on' : 'off'}>
      {track ? <Video track={track} /> : <div className="media-placeholder">{t('media.noVideo')}</div>}
      <div className="media-caption">
        <strong>{s?.isHost ? '★ ' : ''}{nameOf(meeting, endpointId) || t('media.host')}</strong> <StatusBadge s={s} />
      </div>
    </div>
  );
}

/** The active layout: the speaker's site large, the host site small. */
export function ActiveLayout({ media, meeting, localEndpointId }: { media: UseMedia; meeting: MeetingSnapshot; localEndpointId?: string }) {
  const { t } = useTranslation();
  if (!media.enabled || !media.state) return null;
  const host = media.state.endpoints.find((e) => e.isHost)?.endpointId ?? meeting.endpoints.find((e) => e.isHost)?.id;
  const spot = media.state.spotlightEndpointId;
  return (
    <div className="media-stage" data-testid="media-stage" data-spotlight={spot ?? ''}>
      {spot && spot !== host ? (
        <>
          <Tile media={media} meeting={meeting} endpointId={spot} large testId="media-spotlight" localEndpointId={localEndpointId} />
          <Tile media={media} meeting={meeting} endpointId={host} testId="media-host" localEndpointId={localEndpointId} />
        </>
      ) : (
        <Tile media={media} meeting={meeting} endpointId={host} large testId="media-host" localEndpointId={localEndpointId} />
      )}
      {!media.state.active && <p className="muted small">{t('media.closed')}</p>}
      <RemoteAudio media={media} />
      {media.error != null && <p className="banner error small" data-testid="media-error">{describeError(media.error, t)}</p>}
    </div>
  );
}

const reasonOf = (err: unknown, t: Translate) => describeError(err, t);

/** The endpoint console: own camera preview and the site's mute button. */
export function LocalMediaPanel({ media, endpointId }: { media: UseMedia; endpointId: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!media.enabled) return null;
  const s = statusOf(media, endpointId);
  const muted = s?.status !== 'producing';
  const localVideo = media.local?.getVideoTracks()[0] ?? null;
  const toggle = async () => {
    setError(null);
    setBusy(true);
    try {
      await media.session?.setMuted(endpointId, !muted);
    } catch (err) {
      setError(reasonOf(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card stack" data-testid="local-media" data-producing={Object.keys(media.producing).sort().join(',')}>
      <h2>{t('media.myCamera')}</h2>
      <div className="media-tile preview" data-testid="local-preview">
        {localVideo ? <Video track={localVideo} testId="local-video" /> : <div className="media-placeholder">{t('media.noVideo')}</div>}
        <div className="media-caption">
          <StatusBadge s={s} />
        </div>
      </div>
      <div className="row">
        <button className={muted ? 'primary' : ''} data-testid="media-mute" data-muted={muted} disabled={busy || !s || s.status === 'none'} onClick={() => void toggle()}>
          {muted ? t('media.unmute') : t('media.mute')}
        </button>
      </div>
      {error && (
        <p className="banner warn" data-testid="media-mute-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The chair's console: every site as a thumbnail, with mute and open per site, and the open discussion toggle. */
export function ChairMediaPanel({ media, meeting, isChair }: { media: UseMedia; meeting: MeetingSnapshot; isChair: boolean }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  if (!media.enabled || !media.state) return null;
  const state = media.state;
  const run = (p: Promise<unknown> | undefined) => {
    setError(null);
    void p?.catch((err: unknown) => setError(reasonOf(err, t)));
  };
  const sites = [...meeting.endpoints].sort((a, b) => Number(b.isHost) - Number(a.isHost));
  return (
    <div className="card" data-testid="media-sites">
      <div className="page-head">
        <h2>{t('media.sites')}</h2>
        {isChair && (
          <label className="inline">
            <input type="checkbox" data-testid="media-open-discussion" checked={state.openDiscussion} onChange={(e) => run(media.session?.setOpenDiscussion(e.target.checked))} />{' '}
            {t('media.openDiscussion')}
          </label>
        )}
      </div>
      {error && <p className="banner error small">{error}</p>}
      <div className="media-thumbs">
        {sites.map((e) => {
          const s = statusOf(media, e.id);
          const opened = state.openedEndpointIds.includes(e.id);
          const chairMuted = s?.muteReason === 'chair';
          return (
            <div key={e.id} className={`media-thumb ${state.spotlightEndpointId === e.id ? 'spot' : ''}`} data-testid="media-thumb" data-name={nameOf(meeting, e.id)} data-status={s?.status ?? 'none'}>
              <Tile media={media} meeting={meeting} endpointId={e.id} testId="media-thumb-tile" />
              {isChair && !e.isHost && (
                <div className="row">
                  <button className="link" data-testid="media-thumb-mute" onClick={() => run(media.session?.chairMute(e.id, !chairMuted))}>
                    {chairMuted ? t('media.unmute') : t('media.mute')}
                  </button>
                  <button className="link" data-testid="media-thumb-open" onClick={() => run(media.session?.chairOpen(e.id, !opened))}>
                    {opened ? t('media.closeMic') : t('media.openMic')}
                  </button>
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
