import { PresenceWall } from '../../components/attendance/presence-wall';

/** /meetings/:id/wall */
export default function WallPage() {
  return <PresenceWall />;
}
