import { ConsoleRedirect } from '../../components/attendance/console-redirect';
import { usePageTitle } from '../../app/page-title';

/** /meetings/:id/console — to the console of the endpoint I operate. */
export default function ConsoleRedirectPage() {
  usePageTitle('console');
  return <ConsoleRedirect />;
}
