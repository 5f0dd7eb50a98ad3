import { OrganizationList } from '../../components/admin/organization-list';
import { usePageTitle } from '../../app/page-title';

/** /organizations */
export default function OrganizationsPage() {
  usePageTitle('organizations');
  return <OrganizationList />;
}
