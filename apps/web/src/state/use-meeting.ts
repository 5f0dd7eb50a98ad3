import { useEffect, useRef, useState } from 'react';
import { MeetingStateFollower, type Ack, type ApiError, type MeetingEvent, type MeetingSnapshot, type MeetingSyncResult, type PolicyFacts } from '@app/contracts';
import { connectSocket } from '../api/socket';

/**
 * Follows one meeting live: a snapshot, then every committed event in seq
 * order. On a gap, or after a reconnect, it asks for what it missed (the
 * server answers with the events or a fresh snapshot) and converges.
 *
 * A gap usually closes by itself: two commits made at the same moment (or on
 * two api processes) can be broadcast in the opposite order, tens of
 * milliseconds apart. So an early event is held a moment, and only a gap that
 * stays makes the client ask; the wait is jittered so that thousands of
 * viewers who saw the same gap do not all ask at once (the minutes benchmark
 * showed that storm).
 */
const GAP_HOLD_MS = 200;
const GAP_JITTER_MS = 400;
export function useMeeting(meetingId: string | undefined) {
  const [state, setState] = useState<MeetingSnapshot | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // what the server knows of this caller, for useCapabilities(); every subscribe answer carries it
  const [viewer, setViewer] = useState<PolicyFacts | null>(null);
  const follower = useRef<MeetingStateFollower | null>(null);

  useEffect(() => {
    if (!meetingId) return;
    const socket = connectSocket();
    let alive = true;
    // Events can overtake the answer to subscribe: keep them until there is a snapshot to apply them to.
    let early: MeetingEvent[] = [];
    let gapTimer: ReturnType<typeof setTimeout> | null = null;
    const sync = async () => {
      const afterSeq = follower.current?.seq;
      const answer = (await socket.emitWithAck('meeting:subscribe', { meetingId, afterSeq })) as Ack<MeetingSyncResult>;
      if (!alive) return;
      if (!answer.ok) return setError(answer.error);
      const { snapshot, events } = answer.data;
      setViewer((v) => (v && v.accountId === answer.data.viewer.accountId && v.visible === answer.data.viewer.visible && v.organizerOfHost === answer.data.viewer.organizerOfHost ? v : answer.data.viewer));
      if (snapshot) {
        if (follower.current) follower.current.reset(snapshot);
        else follower.current = new MeetingStateFollower(snapshot);
      } else if (events && follower.current) {
        events.forEach((e) => follower.current!.receive(e));
      }
      if (follower.current) {
        early.forEach((e) => follower.current!.receive(e));
        early = [];
      }
      if (follower.current) setState(follower.current.state);
    };
    const onEvent = (e: MeetingEvent) => {
      if (e.meetingId !== meetingId) return;
      if (!follower.current) {
        early.push(e);
        return;
      }
      const gap = follower.current.receive(e);
      setState(follower.current.state);
      if (gap && !gapTimer) {
        gapTimer = setTimeout(() => {
          gapTimer = null;
          if (alive && follower.current?.waiting) void sync();
        }, GAP_HOLD_MS + Math.random() * GAP_JITTER_MS);
      }
    };
    socket.on('meeting:event', onEvent);
    socket.on('connect', sync);
    if (socket.connected) void sync();
    return () => {
      alive = false;
      if (gapTimer) clearTimeout(gapTimer);
      socket.off('meeting:event', onEvent);
      socket.off('connect', sync);
      socket.emit('meeting:unsubscribe', { meetingId }, () => undefined);
      follower.current = null;
    };
  }, [meetingId]);

  return { state, error, viewer };
}
