import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, type AssignedTask, type Organization, type Page, type TaskDashboard, type TaskStatus } from '@app/contracts';
import { call, download } from '../../api/http';
import { OrgPicker } from '../org-picker';
import { ErrorBanner, Pager } from '../ui';
import { fmtDate } from '../../i18n';
import { TaskStatusBadge } from './task-status-badge';

const LIMIT = 50;

/** How the agencies the caller sees stand: per lead agency and in total. */
function Dashboard() {
  const { t } = useTranslation();
  const [data, setData] = useState<TaskDashboard | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void call('tasks.dashboard').then(setData, setError), []);
  if (!data?.rows.length) return <ErrorBanner error={error} />;
  const cols = ['total', 'open', 'overdue', 'reportedDone', 'doneOnTime', 'doneLate'] as const;
  const label = { total: 'tasks.total', open: 'tasks.statuses.in_progress', overdue: 'tasks.overdue', reportedDone: 'tasks.awaiting', doneOnTime: 'tasks.doneOnTime', doneLate: 'tasks.doneLate' } as const;
  return (
    <details className="card" open data-testid="task-dashboard">
      <summary>
        <strong>{t('tasks.dashboard')}</strong>
      </summary>
      <table className="table dashboard-table">
        <thead>
          <tr>
            <th>{t('tasks.leadFilter')}</th>
            {cols.map((c) => (
              <th key={c} className="num">
                {t(label[c])}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={r.organizationId}>
              <td>{r.organizationName}</td>
              {cols.map((c) => (
                <td key={c} className="num">
                  {r[c]}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th>{t('tasks.allAgencies')}</th>
            {cols.map((c) => (
              <th key={c} className="num">
                {data.totals[c]}
              </th>
            ))}
          </tr>
        </tbody>
      </table>
    </details>
  );
}

/** The register of tasks assigned in published minutes: filters, the dashboard above, the XLSX export of what is filtered. */
export function TaskList() {
  const { t } = useTranslation();
  const [lead, setLead] = useState<Organization | null>(null);
  const [co, setCo] = useState<Organization | null>(null);
  const [status, setStatus] = useState<TaskStatus | ''>('');
  const [overdue, setOverdue] = useState(false);
  const [thisWeek, setThisWeek] = useState(false);
  const [dueTo, setDueTo] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<AssignedTask> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const filter = {
    ...(lead ? { leadOrganizationId: lead.id } : {}),
    ...(co ? { coOrganizationId: co.id } : {}),
    ...(status ? { status } : {}),
    ...(overdue ? { overdue: 'true' as const } : {}),
    ...(thisWeek ? { dueThisWeek: 'true' as const } : {}),
    ...(dueTo ? { dueTo } : {}),
  };
  const key = JSON.stringify(filter);
  useEffect(() => setOffset(0), [key]);
  useEffect(() => void call('tasks.list', { query: { ...filter, limit: LIMIT, offset } }).then(setPage, setError), [key, offset]);
  return (
    <section>
      <h1>{t('nav.tasks')}</h1>
      <Dashboard />
      <div className="filters" data-testid="task-filters">
        <label className="inline">
          {t('tasks.leadFilter')} <OrgPicker value={lead} onChange={setLead} testId="filter-lead" />
        </label>
        <label className="inline">
          {t('tasks.coFilter')} <OrgPicker value={co} onChange={setCo} testId="filter-co" />
        </label>
        <select aria-label={t('a11y.taskStatus')} value={status} onChange={(e) => setStatus(e.target.value as TaskStatus | '')} data-testid="filter-status">
          <option value="">{t('common.all')}</option>
          {TASK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`tasks.statuses.${s}`)}
            </option>
          ))}
        </select>
        <label className="inline">
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid="filter-overdue" /> {t('tasks.onlyOverdue')}
        </label>
        <label className="inline">
          <input type="checkbox" checked={thisWeek} onChange={(e) => setThisWeek(e.target.checked)} /> {t('tasks.dueThisWeek')}
        </label>
        <label className="inline">
          {t('minutes.deadline')} ≤ <input type="date" value={dueTo} onChange={(e) => setDueTo(e.target.value)} />
        </label>
        <button type="button" onClick={() => void download(call('tasks.exportXlsx', { query: filter }), t('tasks.exportName')).catch(setError)} data-testid="task-export">
          {t('tasks.export')}
        </button>
      </div>
      <ErrorBanner error={error} />
      {page && <p className="muted small">{t('tasks.count', { count: page.total })}</p>}
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
                <Link to={`/tasks/${task.id}`} data-testid="task-link">
                  {task.description}
                </Link>
                <div className="muted small">
                  {task.assigningOrganizationName} · <Link to={`/meetings/${task.meetingId}/minutes`}>{task.meetingTitle}</Link>
                </div>
              </td>
              <td data-testid="task-lead">{task.leadOrganizationName}</td>
              <td data-testid="task-co">{task.coOrganizations.map((o) => o.name).join(', ')}</td>
              <td>{task.deadline ? fmtDate(task.deadline) : t('minutesShaping.noDeadline')}</td>
              <td>
                <TaskStatusBadge task={task} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && !page.items.length && <p className="muted">{t('tasks.empty')}</p>}
      {page && <Pager offset={offset} limit={LIMIT} total={page.total} onChange={setOffset} />}
    </section>
  );
}
