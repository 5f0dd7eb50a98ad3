import { LiveView } from '../../components/speakers/live-view';
import { usePageTitle } from '../../app/page-title';

/** /meetings/:id/live — for everybody. */
export default function LivePage() {
  usePageTitle('live');
  return <LiveView />;
}
