import { MyMeetingsView } from '../../components/meetings/my-meetings';

/** / — the meetings I chair, operate, write the minutes of, organize or attend. */
export default function HomePage() {
  return <MyMeetingsView />;
}
