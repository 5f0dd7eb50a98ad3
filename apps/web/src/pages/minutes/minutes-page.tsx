import { MinutesEditor } from '../../components/minutes/minutes-editor';
import { usePageTitle } from '../../app/page-title';

/** /meetings/:id/minutes */
export default function MinutesPage() {
  usePageTitle('minutes');
  return <MinutesEditor />;
}
