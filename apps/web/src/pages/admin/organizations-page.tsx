import { OrganizationList } from '../../components/admin/organization-list';

/** /organizations */
export default function OrganizationsPage() {
  return <OrganizationList />;
}
