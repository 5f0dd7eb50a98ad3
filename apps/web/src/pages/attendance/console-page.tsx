import { EndpointConsole } from '../../components/attendance/endpoint-console';
import { usePageTitle } from '../../app/page-title';

/** /meetings/:id/console/:endpointId — the endpoint operator's console; /watch: the same for a watch-only site (HLS until it has the floor). */
export default function ConsolePage({ watchOnly = false }: { watchOnly?: boolean }) {
  usePageTitle('console');
  return <EndpointConsole watchOnly={watchOnly} />;
}
