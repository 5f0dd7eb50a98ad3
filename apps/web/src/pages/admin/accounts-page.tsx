import { AccountList } from '../../components/admin/account-list';

/** /accounts (administrators) */
export default function AccountsPage() {
  return <AccountList />;
}
