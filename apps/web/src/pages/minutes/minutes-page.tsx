import { MinutesEditor } from '../../components/minutes/minutes-editor';

/** /meetings/:id/minutes */
export default function MinutesPage() {
  return <MinutesEditor />;
}
