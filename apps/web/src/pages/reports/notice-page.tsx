import { useParams } from 'react-router-dom';
import { usePageTitle } from '../../app/page-title';
import { NoticeCard } from '../../components/reports/notice-card';

/**
 * /notices/:id (the meeting's id): the issued conclusion notice on its own, where its notification links, for
 * the agencies it names although the meeting is not theirs (the secretariat works on it from the report page).
 */
export default function NoticePage() {
  const { id } = useParams();
  usePageTitle('notice');
  return <section className="notice-page">{id && <NoticeCard meetingId={id} canIssue={false} refreshKey="" />}</section>;
}
