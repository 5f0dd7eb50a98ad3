import { MyMeetingsView } from '../../components/meetings/my-meetings';
import { usePageTitle } from '../../app/page-title';

/** / — the meetings I chair, operate, write the minutes of, organize or attend. */
export default function HomePage() {
  usePageTitle('home');
  return <MyMeetingsView />;
}
