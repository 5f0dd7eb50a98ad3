import { MeetingOverview } from '../../components/meetings/meeting-overview';

/** /meetings/:id */
export default function MeetingPage() {
  return <MeetingOverview />;
}
