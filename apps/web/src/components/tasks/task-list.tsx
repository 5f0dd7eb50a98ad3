import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, type AssignedTask, type Organization, type Page, type TaskStatus } from '@app/contracts';
import { call } from '../../api/http';
import { OrgPicker } from '../org-picker';
import { ErrorBanner } from '../ui';
import { fmtDate } from '../../i18n';

/** Tasks assigned in published minutes, by agency, status and deadline; the assignee moves them along. */
export function TaskList() {
  const { t } = useTranslation();
  const [org, setOrg] = useState<Organization | null>(null);
  const [status, setStatus] = useState<TaskStatus | ''>('');
  const [dueTo, setDueTo] = useState('');
  const [page, setPage] = useState<Page<AssignedTask> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    const query = { ...(org ? { organizationId: org.id } : {}), ...(status ? { status } : {}), ...(dueTo ? { dueTo } : {}) };
    void call('tasks.list', { query }).then(setPage, setError);
  };
  useEffect(load, [org, status, dueTo]);
  return (
    <section>
      <h1>{t('nav.tasks')}</h1>
      <div className="filters">
        <OrgPicker value={org} onChange={setOrg} />
        <select aria-label={t('a11y.taskStatus')} value={status} onChange={(e) => setStatus(e.target.value as TaskStatus | '')}>
          <option value="">{t('common.all')}</option>
          {TASK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`tasks.statuses.${s}`)}
            </option>
          ))}
        </select>
        <label className="inline">
          {t('minutes.deadline')} ≤ <input type="date" value={dueTo} onChange={(e) => setDueTo(e.target.value)} />
        </label>
      </div>
      <ErrorBanner error={error} />
      <table className="table" data-testid="tasks">
        <thead>
          <tr>
            <th>{t('minutes.taskText')}</th>
            <th>{t('minutes.lead')}</th>
            <th>{t('minutes.co')}</th>
            <th>{t('minutes.deadline')}</th>
            <th>{t('meetings.status')}</th>
          </tr>
        </thead>
        <tbody>
          {page?.items.map((task) => (
            <tr key={task.id} data-testid="task-row">
              <td>
                {task.description}
                <div className="muted small">
                  <Link to={`/meetings/${task.meetingId}/minutes`}>{task.meetingTitle}</Link>
                </div>
              </td>
              <td data-testid="task-lead">{task.leadOrganizationName}</td>
              <td data-testid="task-co">{task.coOrganizations.map((o) => o.name).join(', ')}</td>
              <td>{task.deadline ? fmtDate(task.deadline) : t('minutesShaping.noDeadline')}</td>
              <td>
                {task.status === 'withdrawn' ? (
                  t('tasks.statuses.withdrawn')
                ) : (
                  <select value={task.status} onChange={(e) => void call('tasks.update', { params: { taskId: task.id }, body: { status: e.target.value as 'open' | 'in_progress' | 'done' } }).then(load, setError)}>
                    {(['open', 'in_progress', 'done'] as const).map((s) => (
                      <option key={s} value={s}>
                        {t(`tasks.statuses.${s}`)}
                      </option>
                    ))}
                  </select>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
