import { Suspense } from 'react';
import { Outlet, useParams } from 'react-router-dom';
import { MeetingProvider } from '../state/meeting-context';
import { Loading } from '../components/ui';

/**
 * The layout route /meetings/:id/*: one live follower of the meeting for all
 * of its pages (the child routes). The pages' chunks load inside it, so the
 * follower keeps its subscription while the next page's code arrives.
 */
export function MeetingLayout() {
  const { id } = useParams();
  if (!id) return null;
  return (
    <MeetingProvider key={id} meetingId={id}>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </MeetingProvider>
  );
}
