import { MeetingOverview } from '../../components/meetings/meeting-overview';
import { usePageTitle } from '../../app/page-title';

/** /meetings/:id */
export default function MeetingPage() {
  usePageTitle('meeting');
  return <MeetingOverview />;
}
