import { NationalWall } from '../../components/sites/national-wall';
import { usePageTitle } from '../../app/page-title';

/** /meetings/:id/sites */
export default function SitesPage() {
  usePageTitle('sites');
  return <NationalWall />;
}
