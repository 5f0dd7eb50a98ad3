import { EndpointConsole } from '../../components/attendance/endpoint-console';
import { usePageTitle } from '../../app/page-title';

/** /meetings/:id/console/:endpointId — the endpoint operator's console. */
export default function ConsolePage() {
  usePageTitle('console');
  return <EndpointConsole />;
}
