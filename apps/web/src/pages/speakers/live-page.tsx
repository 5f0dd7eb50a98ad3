import { LiveView } from '../../components/speakers/live-view';

/** /meetings/:id/live — for everybody. */
export default function LivePage() {
  return <LiveView />;
}
