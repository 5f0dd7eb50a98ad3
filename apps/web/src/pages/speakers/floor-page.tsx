import { FloorConsole } from '../../components/speakers/floor-console';

/** /meetings/:id/floor — the chair's console. */
export default function FloorPage() {
  return <FloorConsole />;
}
