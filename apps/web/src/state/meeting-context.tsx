import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useMeeting } from './use-meeting';

export interface MeetingLiveState {
  meetingId: string;
  state: ReturnType<typeof useMeeting>['state'];
  error: ReturnType<typeof useMeeting>['error'];
  /** what the server knows of the caller, for useCapabilities() */
  viewer: ReturnType<typeof useMeeting>['viewer'];
}

const MeetingContext = createContext<MeetingLiveState | null>(null);

/**
 * One live follower for one meeting, shared by every page of that meeting
 * (overview, console, wall, floor, minutes, report, live view). It lives in
 * the meeting's layout route, so moving between those pages keeps the one
 * subscription and its snapshot instead of unsubscribing and fetching a new
 * snapshot each time. Mount it with key={meetingId}: another meeting starts
 * from nothing rather than showing the previous one's state.
 */
export function MeetingProvider({ meetingId, children }: { meetingId: string; children: ReactNode }) {
  const { state, error, viewer } = useMeeting(meetingId);
  const value = useMemo(() => ({ meetingId, state, error, viewer }), [meetingId, state, error, viewer]);
  return <MeetingContext.Provider value={value}>{children}</MeetingContext.Provider>;
}

/** The live state of the meeting this component is in, or null outside a meeting's pages (e.g. for the tab title). */
export const useOptionalMeetingState = (): MeetingLiveState | null => useContext(MeetingContext);

/** The live state of the meeting whose pages this component is in: null until the first snapshot. */
export function useMeetingState(): MeetingLiveState {
  const live = useContext(MeetingContext);
  if (!live) throw new Error('useMeetingState() is for the pages under /meetings/:id (inside <MeetingProvider>)');
  return live;
}
