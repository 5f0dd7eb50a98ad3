import { useEffect, useState } from 'react';
import type { Ack, MediaState } from '@app/contracts';
import { connectSocket } from '../api/socket';

/** The media state alone (the wall): no transports, just the server's media:state. */
export function useMediaState(meetingId: string | undefined): { state: MediaState | null; enabled: boolean | null } {
  const [state, setState] = useState<MediaState | null>(null);
  const [enabled, setEnabled] = useState<boolean | null>(null);
  useEffect(() => {
    if (!meetingId) return;
    const socket = connectSocket();
    let alive = true;
    const load = async () => {
      const answer = (await socket.emitWithAck('media:state', { meetingId })) as Ack<MediaState>;
      if (!alive) return;
      if (answer.ok) {
        setEnabled(true);
        setState(answer.data);
      } else if (answer.error.code === 'media_disabled') setEnabled(false);
    };
    const on = (s: MediaState) => {
      if (s.meetingId !== meetingId) return;
      setEnabled(true);
      setState(s);
    };
    socket.on('media:state', on);
    socket.on('connect', load);
    if (socket.connected) void load();
    return () => {
      alive = false;
      socket.off('media:state', on);
      socket.off('connect', load);
    };
  }, [meetingId]);
  return { state, enabled };
}
