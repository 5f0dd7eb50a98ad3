import { useCallback, useEffect, useState } from 'react';
import type { MeetingDocument, MeetingEvent } from '@app/contracts';
import { call } from '../api/http';
import { connectSocket, subscribeConnection, connectionState } from '../api/socket';

/**
 * The meeting's documents the caller may read, live: listed again when a document.changed
 * event of the meeting arrives (the event names only the id: each reader's list is its own)
 * and when the connection comes back (an event may have been missed meanwhile).
 */
export function useDocuments(meetingId: string) {
  const [documents, setDocuments] = useState<MeetingDocument[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(
    () =>
      call('documents.list', { params: { id: meetingId } }).then(
        (list) => {
          setError(null);
          setDocuments(list);
        },
        setError,
      ),
    [meetingId],
  );
  useEffect(() => {
    void load();
    const socket = connectSocket();
    const onEvent = (e: MeetingEvent) => {
      if (e.meetingId === meetingId && e.type === 'document.changed') void load();
    };
    socket.on('meeting:event', onEvent);
    const off = subscribeConnection(() => {
      if (connectionState() === 'restored') void load();
    });
    return () => {
      socket.off('meeting:event', onEvent);
      off();
    };
  }, [meetingId, load]);
  return { documents, error, reload: load };
}
