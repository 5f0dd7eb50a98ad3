import { useCallback, useEffect, useRef, useState } from 'react';
import type { MeetingEvent, SitesRollup } from '@app/contracts';
import { call } from '../api/http';
import { connectSocket } from '../api/socket';

/** How often the "not connected" list (not carried by the events) is read again while sites keep changing. */
const MISSING_EVERY_MS = 5_000;

/**
 * The meeting's site roll-up (communes -> provinces -> conference), read once and then moved by the
 * `sites.rollup` events only: at most one a second per api process, each with the tiles that changed.
 * It does not read the meeting context, so the 3,400 presence events of a national conference do not
 * re-render the wall: it renders once per roll-up. The meeting's layout holds the subscription that
 * brings the events; a reconnect reads the roll-up again.
 */
export function useSitesRollup(meetingId: string | undefined) {
  const [rollup, setRollup] = useState<SitesRollup | null>(null);
  const [error, setError] = useState<unknown>(null);
  const lastSeq = useRef(0);
  const missingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async () => {
    if (!meetingId) return;
    try {
      const fresh = await call('sites.rollup', { params: { id: meetingId } });
      setRollup(fresh);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [meetingId]);

  useEffect(() => {
    if (!meetingId) return;
    const socket = connectSocket();
    void load();
    const onEvent = (e: MeetingEvent) => {
      if (e.meetingId !== meetingId || e.type !== 'sites.rollup' || e.seq <= lastSeq.current) return;
      lastSeq.current = e.seq;
      const { national, tiles } = e.payload;
      setRollup((r) => {
        if (!r) return r;
        const byId = new Map(tiles.map((x) => [x.endpointId, x]));
        return { ...r, national, tiles: r.tiles.map((x) => byId.get(x.endpointId) ?? x) };
      });
      // the list of sites not connected is not in the event: read it again, at most every few seconds
      if (!missingTimer.current) {
        missingTimer.current = setTimeout(() => {
          missingTimer.current = null;
          void load();
        }, MISSING_EVERY_MS);
      }
    };
    const onConnect = () => void load();
    socket.on('meeting:event', onEvent);
    socket.on('connect', onConnect);
    return () => {
      socket.off('meeting:event', onEvent);
      socket.off('connect', onConnect);
      if (missingTimer.current) clearTimeout(missingTimer.current);
      missingTimer.current = null;
    };
  }, [meetingId, load]);

  return { rollup, error, reload: load };
}

/** "1.240": Vietnamese digit grouping. */
export const fmtCount = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
