import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BroadcastAccess } from '@app/contracts';
import { call } from '../../api/http';
import { describeError } from '../../i18n/errors';
import '../../styles/broadcast.css';

/** The test and diagnostics hook: what the player shows, and how far behind real time it plays. */
declare global {
  interface Window {
    __htt_broadcast?: { access: () => BroadcastAccess | null; latency: () => number | null; sincePdt: () => number | null; engine: () => 'hls.js' | 'native' | null };
  }
}

/** How often the page asks for the programme's state (and a token) while it is not live, and while it is. */
const POLL_IDLE_MS = 3_000;
const POLL_LIVE_MS = 15_000;

/** A URL with the current token in its query (hls.js fetches the playlist and segments itself). */
const withToken = (url: string, token: string) => {
  const u = new URL(url, window.location.origin);
  u.searchParams.set('token', token);
  return u.toString();
};

/**
 * The watch-only view: the meeting's programme as HLS, played with hls.js
 * (Safari's own HLS when Media Source Extensions are missing), the state in
 * Vietnamese when there is nothing to play. Starts muted (browsers refuse
 * sound without a gesture) with a button to turn the sound on.
 */
export function BroadcastPlayer({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [access, setAccess] = useState<BroadcastAccess | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [muted, setMuted] = useState(true);
  const [latency, setLatency] = useState<number | null>(null);
  const token = useRef<string>('');
  token.current = access?.token ?? '';
  const live = access?.state.status === 'live';
  const playlist = live ? access.playlistUrl : null;
  // the playlist's path (not its token) decides when the player restarts
  const source = playlist ? new URL(playlist, window.location.origin).pathname : null;

  // the state and a fresh token: often while waiting, at a slower pace while playing (well within the token's life)
  useEffect(() => {
    let alive = true;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const a = await call('broadcast.access', { params: { id: meetingId } });
        if (!alive) return;
        setAccess(a);
        setError(null);
        timer = window.setTimeout(() => void poll(), a.state.status === 'live' ? POLL_LIVE_MS : POLL_IDLE_MS);
      } catch (err) {
        if (!alive) return;
        setError(err);
        timer = window.setTimeout(() => void poll(), POLL_IDLE_MS);
      }
    };
    void poll();
    return () => {
      alive = false;
      window.clearTimeout(timer);
    };
  }, [meetingId]);

  // the player, once there is something to play
  useEffect(() => {
    const el = video.current;
    if (!el || !source || !playlist) return;
    let engine: 'hls.js' | 'native' | null = null;
    let destroy = () => undefined as void;
    let alive = true;
    let latencyOf = (): number | null => null;
    let pdtOf = (): number | null => null;
    void import('hls.js').then(({ default: Hls }) => {
      if (!alive) return;
      if (Hls.isSupported()) {
        const hls = new Hls({
          // about two segments behind the live edge: the programme's latency is mostly this
          liveSyncDuration: 2,
          liveMaxLatencyDuration: 6,
          maxLiveSyncPlaybackRate: 1.2,
          backBufferLength: 10,
          xhrSetup: (xhr, url) => xhr.open('GET', withToken(url, token.current), true),
        });
        hls.on(Hls.Events.ERROR, (_e, data) => {
          if (!data.fatal) return;
          if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
          else hls.startLoad();
        });
        hls.loadSource(playlist);
        hls.attachMedia(el);
        engine = 'hls.js';
        // behind real time: how far the picture plays behind the playlist's live edge (hls.js measures it) plus the
        // segment FFmpeg is still assembling (one target duration). EXT-X-PROGRAM-DATE-TIME is not used: FFmpeg stamps
        // it from its muxer's start, after probing the input, so it can read up to the probing time later than the frames' arrival.
        latencyOf = () => (Number.isFinite(hls.latency) && hls.latency > 0 ? hls.latency + (hls.levels[hls.currentLevel]?.details?.targetduration ?? 1) : null);
        pdtOf = () => (hls.playingDate ? (Date.now() - hls.playingDate.getTime()) / 1000 : null);
        destroy = () => hls.destroy();
      } else if (el.canPlayType('application/vnd.apple.mpegurl')) {
        el.src = withToken(playlist, token.current);
        engine = 'native';
        destroy = () => {
          el.removeAttribute('src');
          el.load();
        };
      }
      void el.play().catch(() => undefined);
    });
    const tick = window.setInterval(() => setLatency(latencyOf()), 1000);
    window.__htt_broadcast = { access: () => access, latency: () => latencyOf(), sincePdt: () => pdtOf(), engine: () => engine };
    return () => {
      alive = false;
      window.clearInterval(tick);
      destroy();
    };
    // `access` changes with every poll; the player restarts only when the source does
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source]);

  const state = access?.state;
  const status = state?.status ?? 'off';
  return (
    <div className="card stack broadcast" data-testid="broadcast-player" data-status={status} data-reason={state?.reason ?? ''}>
      <div className="page-head">
        <h2>{t('broadcast.title')}</h2>
        <span className={`badge broadcast-${status}`} data-testid="broadcast-status">
          {t(`broadcast.status.${status}`)}
        </span>
      </div>
      <div className="broadcast-frame">
        <video ref={video} data-testid="broadcast-video" muted={muted} playsInline autoPlay hidden={!live} />
        {!live && <div className="media-placeholder">{state?.reason ? t(`broadcast.reasons.${state.reason}`) : t(`broadcast.status.${status}`)}</div>}
      </div>
      {live && (
        <div className="row">
          <button data-testid="broadcast-sound" onClick={() => setMuted((m) => !m)}>
            {muted ? t('broadcast.unmute') : t('broadcast.muteSound')}
          </button>
          {state?.caption && <span className="muted">{t('broadcast.now', { caption: state.caption })}</span>}
          {latency !== null && (
            <span className="muted small" data-testid="broadcast-latency" data-seconds={latency.toFixed(1)}>
              {t('broadcast.latency', { seconds: latency.toFixed(1) })}
            </span>
          )}
        </div>
      )}
      {error != null && <p className="banner error small">{describeError(error, t)}</p>}
    </div>
  );
}
