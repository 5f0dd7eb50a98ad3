import { useEffect, useRef, useState } from 'react';
import type { ReportState, ReportStatusEvent } from '@app/contracts';
import { call } from '../api/http';
import { connectSocket } from '../api/socket';

/** Newest revision first, one row per revision. */
const upsert = (list: ReportState[], report: ReportState) => [...list.filter((r) => r.revision !== report.revision), report].sort((a, b) => b.revision - a.revision);

/**
 * The meeting's report jobs, live: the list as the server has it, then every
 * 'report:status' the meeting's subscription delivers. Events that arrive
 * while the list is being fetched win over the (possibly older) answer.
 */
export function useReports(meetingId: string | undefined, refreshKey: string) {
  const [reports, setReports] = useState<ReportState[]>([]);
  const [error, setError] = useState<unknown>(null);
  const sinceFetch = useRef(new Map<number, ReportState>());
  useEffect(() => {
    if (!meetingId) return;
    const socket = connectSocket();
    const on = (e: ReportStatusEvent) => {
      if (e.meetingId !== meetingId) return;
      sinceFetch.current.set(e.report.revision, e.report);
      setReports((list) => upsert(list, e.report));
    };
    socket.on('report:status', on);
    return () => void socket.off('report:status', on);
  }, [meetingId]);
  useEffect(() => {
    if (!meetingId) return;
    let alive = true;
    sinceFetch.current = new Map();
    call('reports.states', { params: { id: meetingId } }).then(
      (list) => {
        if (!alive) return;
        setError(null);
        setReports([...sinceFetch.current.values()].reduce(upsert, [...list].sort((a, b) => b.revision - a.revision)));
      },
      (err) => alive && setError(err),
    );
    return () => {
      alive = false;
    };
  }, [meetingId, refreshKey]);
  return { reports, error, update: (r: ReportState) => setReports((list) => upsert(list, r)) };
}
