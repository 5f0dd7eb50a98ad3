import { useEffect, useState } from 'react';
import type { MediaProducerState, MediaState } from '@app/contracts';
import { connectSocket } from '../api/socket';
import { MediaSession, type ConsumerStats, type MediaSnapshot, type MediaSessionOptions } from '../api/media-session';

/** The test and diagnostics hook: the page's media session, reachable from devtools and playwright. */
declare global {
  interface Window {
    __htt_media?: { state: () => MediaState | null; snapshot: () => MediaSnapshot; stats: () => Promise<ConsumerStats[]> };
  }
}

/** The meeting statuses in which a page joins the meeting's media. */
export const MEDIA_STATUSES = ['draft', 'scheduled', 'live'];

const EMPTY: MediaSnapshot = { state: null, remote: [], local: null, producing: {}, error: null, disabled: false };

/** What a page receives: the host sites and the spotlighted speaker. */
export const hostAndSpeaker = (p: MediaProducerState, s: MediaState) => p.endpointId === s.spotlightEndpointId || !!s.endpoints.find((e) => e.endpointId === p.endpointId)?.isHost;
/** The chair sees every site (thumbnails). */
export const everyone = () => true;

export interface UseMedia extends MediaSnapshot {
  session: MediaSession | null;
  /** null until known: the server answered 503 media_disabled (false) or gave the capabilities (true) */
  enabled: boolean | null;
}

/**
 * Joins the meeting's media for the life of the component: receives what
 * `wants` selects, and with `publishEndpointId` publishes the camera and
 * microphone for that endpoint. Nothing happens when the server has no media.
 */
export function useMedia(meetingId: string | undefined, options: Omit<MediaSessionOptions, 'meetingId'> & { enabled?: boolean }): UseMedia {
  const { publishEndpointId, wants, enabled: wanted = true } = options;
  const [snap, setSnap] = useState<MediaSnapshot>(EMPTY);
  const [session, setSession] = useState<MediaSession | null>(null);
  const [enabled, setEnabled] = useState<boolean | null>(null);

  useEffect(() => {
    if (!meetingId || !wanted) return;
    const s = new MediaSession({ meetingId, publishEndpointId, wants });
    let alive = true;
    setSession(s);
    const off = s.subscribe((x) => {
      if (!alive) return;
      setSnap(x);
      if (x.disabled) setEnabled(false);
    });
    window.__htt_media = { state: () => s.snapshot().state, snapshot: () => s.snapshot(), stats: () => s.stats() };
    const socket = connectSocket();
    const begin = async () => {
      if (!alive) return;
      try {
        await s.start();
        if (!alive) return;
        setEnabled(true);
        if (publishEndpointId) {
          const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: { ideal: 640 }, height: { ideal: 360 } } });
          if (!alive) return stream.getTracks().forEach((t) => t.stop());
          await s.publish(stream);
        }
      } catch (err) {
        if (alive) s.fail(err);
      }
    };
    // the session rebuilds itself on every later (re)connect
    const onFirstConnect = () => void begin();
    if (socket.connected) void begin();
    else socket.once('connect', onFirstConnect);
    return () => {
      alive = false;
      socket.off('connect', onFirstConnect);
      off();
      window.__htt_media = undefined;
      void s.close();
      setSession(null);
      setSnap(EMPTY);
    };
    // `wants` is a module-level selector (hostAndSpeaker, everyone): it does not change between renders
  }, [meetingId, publishEndpointId, wanted]);

  return { ...snap, session, enabled };
}
