import { RevisionView } from '../../components/minutes/revision-view';
import { usePageTitle } from '../../app/page-title';

/** /meetings/:id/minutes/revisions/:number */
export default function RevisionPage() {
  usePageTitle('revision');
  return <RevisionView />;
}
