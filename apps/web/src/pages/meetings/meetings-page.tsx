import { MeetingList } from '../../components/meetings/meeting-list';
import { usePageTitle } from '../../app/page-title';

/** /meetings */
export default function MeetingsPage() {
  usePageTitle('meetings');
  return <MeetingList />;
}
