import { FloorConsole } from '../../components/speakers/floor-console';
import { usePageTitle } from '../../app/page-title';

/** /meetings/:id/floor — the chair's console. */
export default function FloorPage() {
  usePageTitle('floor');
  return <FloorConsole />;
}
