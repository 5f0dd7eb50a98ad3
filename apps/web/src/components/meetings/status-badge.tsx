import { useTranslation } from 'react-i18next';
import type { MeetingStatus } from '@app/contracts';

export function StatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`statuses.${status}`)}</span>;
}
