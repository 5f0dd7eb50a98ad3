import { useEffect, useState } from 'react';
import type { MinutesPresence } from '@app/contracts';
import { connectSocket } from '../api/socket';

/** Other secretaries' cursors: who edits which entry, for the last 20 s. */
export function useMinutesPresence(meetingId: string | undefined) {
  const [others, setOthers] = useState<Record<string, MinutesPresence>>({});
  useEffect(() => {
    if (!meetingId) return;
    const s = connectSocket();
    const on = (p: MinutesPresence) => p.meetingId === meetingId && setOthers((o) => ({ ...o, [p.accountId]: p }));
    s.on('minutes:presence', on);
    return () => void s.off('minutes:presence', on);
  }, [meetingId]);
  return others;
}
