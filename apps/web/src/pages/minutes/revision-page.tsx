import { RevisionView } from '../../components/minutes/revision-view';

/** /meetings/:id/minutes/revisions/:number */
export default function RevisionPage() {
  return <RevisionView />;
}
