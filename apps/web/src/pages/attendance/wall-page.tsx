import { PresenceWall } from '../../components/attendance/presence-wall';
import { usePageTitle } from '../../app/page-title';

/** /meetings/:id/wall */
export default function WallPage() {
  usePageTitle('wall');
  return <PresenceWall />;
}
