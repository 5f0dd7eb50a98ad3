import { MeetingList } from '../../components/meetings/meeting-list';

/** /meetings */
export default function MeetingsPage() {
  return <MeetingList />;
}
