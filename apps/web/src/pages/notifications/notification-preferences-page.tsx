import { NotificationPreferencesForm } from '../../components/notifications/notification-preferences';
import { usePageTitle } from '../../app/page-title';

/** /notifications/preferences */
export default function NotificationPreferencesPage() {
  usePageTitle('tasks');
  return <NotificationPreferencesForm />;
}
