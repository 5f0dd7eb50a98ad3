import { EndpointConsole } from '../../components/attendance/endpoint-console';

/** /meetings/:id/console/:endpointId — the endpoint operator's console. */
export default function ConsolePage() {
  return <EndpointConsole />;
}
