import { ConsoleRedirect } from '../../components/attendance/console-redirect';

/** /meetings/:id/console — to the console of the endpoint I operate. */
export default function ConsoleRedirectPage() {
  return <ConsoleRedirect />;
}
