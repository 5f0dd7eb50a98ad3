import { AccountList } from '../../components/admin/account-list';
import { usePageTitle } from '../../app/page-title';

/** /accounts (administrators) */
export default function AccountsPage() {
  usePageTitle('accounts');
  return <AccountList />;
}
