import { useTranslation } from 'react-i18next';
import type { AssignedTask } from '@app/contracts';

/** The task's status as a badge, overdue beside it. */
export function TaskStatusBadge({ task }: { task: Pick<AssignedTask, 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  return (
    <span className="row" style={{ margin: 0 }}>
      <span className={`badge${task.status === 'accepted' ? ' task-accepted' : ''}`} data-testid="task-status">
        {t(`tasks.statuses.${task.status}`)}
      </span>
      {task.overdue && <span className="badge task-overdue">{t('tasks.overdue')}</span>}
    </span>
  );
}
