import { Outlet, useParams } from 'react-router-dom';
import { MeetingProvider } from '../state/meeting-context';

/**
 * The layout route /meetings/:id/*: one live follower of the meeting for all
 * of its pages (the child routes).
 */
export function MeetingLayout() {
  const { id } = useParams();
  if (!id) return null;
  return (
    <MeetingProvider key={id} meetingId={id}>
      <Outlet />
    </MeetingProvider>
  );
}
