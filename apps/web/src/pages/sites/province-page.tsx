import { ProvinceConsole } from '../../components/sites/province-console';
import { usePageTitle } from '../../app/page-title';

/** /meetings/:id/sites/:endpointId */
export default function ProvincePage() {
  usePageTitle('sites');
  return <ProvinceConsole />;
}
