import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TaskAction, TaskActionRequest, TaskDetail } from '@app/contracts';
import { call } from '../../api/http';
import { ConfirmDialog, ErrorBanner, Loading } from '../ui';
import { fmtDate, fmtDateTime } from '../../i18n';
import { TaskStatusBadge } from './task-status-badge';

/** One text form that sends one action (progress, contribution, a note on a decision). */
function TextAction({ title, label, action, required, testId, onSend }: { title: string; label: string; action: TaskAction; required: boolean; testId: string; onSend: (body: TaskActionRequest) => Promise<unknown> }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onSend({ action, ...(text.trim() ? { text } : {}) } as TaskActionRequest);
      setText('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} data-testid={testId}>
      <strong>{title}</strong>
      <label>
        {label}
        <textarea value={text} required={required} onChange={(e) => setText(e.target.value)} />
      </label>
      <div>
        <button className="primary" disabled={busy}>
          {t('tasks.send')}
        </button>
      </div>
    </form>
  );
}

/** A task with its timeline, and the forms of the actions the caller may take now (the server's list). */
export function TaskDetailView({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<TaskDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirm, setConfirm] = useState<TaskAction | null>(null);
  const [deadline, setDeadline] = useState('');
  const [reason, setReason] = useState('');
  useEffect(() => void call('tasks.get', { params: { taskId } }).then(setDetail, setError), [taskId]);
  const send = async (body: TaskActionRequest) => {
    setError(null);
    try {
      setDetail(await call('tasks.act', { params: { taskId }, body }));
    } catch (err) {
      setError(err);
      throw err;
    }
  };
  const quiet = (body: TaskActionRequest) => send(body).catch(() => undefined);
  if (!detail) return error ? <ErrorBanner error={error} /> : <Loading />;
  const { task, history, actions } = detail;
  const can = (a: TaskAction) => actions.includes(a);
  const confirmText = { accept: 'tasks.confirmAccept', withdraw: 'tasks.confirmWithdraw', report_done: 'tasks.confirmDone' } as const;
  return (
    <section data-testid="task-page">
      <p>
        <Link to="/tasks">← {t('nav.tasks')}</Link>
      </p>
      <h1 data-testid="task-title">{task.description}</h1>
      <div className="card grid2">
        <div>
          <div className="muted small">{t('tasks.meeting')}</div>
          <Link to={`/meetings/${task.meetingId}/minutes`}>{task.meetingTitle}</Link>
        </div>
        <div>
          <div className="muted small">{t('tasks.assigning')}</div>
          {task.assigningOrganizationName}
        </div>
        <div>
          <div className="muted small">{t('minutes.lead')}</div>
          {task.leadOrganizationName}
        </div>
        <div>
          <div className="muted small">{t('minutes.co')}</div>
          {task.coOrganizations.map((o) => o.name).join(', ') || t('common.none')}
        </div>
        <div>
          <div className="muted small">{t('minutes.deadline')}</div>
          <span data-testid="task-deadline">{task.deadline ? fmtDate(task.deadline) : t('minutesShaping.noDeadline')}</span>
        </div>
        <div>
          <div className="muted small">{t('meetings.status')}</div>
          <TaskStatusBadge task={task} />
        </div>
      </div>
      {task.extensionRequested && <p className="card" data-testid="extension-pending">{t('tasks.extensionPending', { deadline: fmtDate(task.extensionRequested) })}</p>}
      <ErrorBanner error={error} />
      <div className="task-forms">
        {can('report_progress') && <TextAction title={t('tasks.progressTitle')} label={t('tasks.progressText')} action="report_progress" required testId="progress-form" onSend={send} />}
        {can('contribute') && <TextAction title={t('tasks.contributeTitle')} label={t('tasks.contributeText')} action="contribute" required testId="contribute-form" onSend={send} />}
        {can('request_extension') && (
          <form
            className="card stack"
            data-testid="extension-form"
            onSubmit={(e) => {
              e.preventDefault();
              void quiet({ action: 'request_extension', deadline, text: reason }).then(() => setReason(''));
            }}
          >
            <strong>{t('tasks.extensionTitle')}</strong>
            <label>
              {t('tasks.newDeadline')}
              <input type="date" required value={deadline} onChange={(e) => setDeadline(e.target.value)} />
            </label>
            <label>
              {t('tasks.reason')}
              <textarea required value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
            <div>
              <button className="primary">{t('tasks.send')}</button>
            </div>
          </form>
        )}
        {(can('report_done') || can('accept') || can('return') || can('withdraw') || can('grant_extension') || can('refuse_extension')) && (
          <div className="card row" data-testid="task-decisions">
            {can('report_done') && <button onClick={() => setConfirm('report_done')}>{t('tasks.actions.report_done')}</button>}
            {can('grant_extension') && <button className="primary" onClick={() => void quiet({ action: 'grant_extension' })}>{t('tasks.actions.grant_extension')}</button>}
            {can('refuse_extension') && <button onClick={() => void quiet({ action: 'refuse_extension' })}>{t('tasks.actions.refuse_extension')}</button>}
            {can('accept') && <button className="primary" onClick={() => setConfirm('accept')}>{t('tasks.actions.accept')}</button>}
            {can('return') && <button onClick={() => void quiet({ action: 'return' })}>{t('tasks.actions.return')}</button>}
            {can('withdraw') && <button className="danger" onClick={() => setConfirm('withdraw')}>{t('tasks.actions.withdraw')}</button>}
          </div>
        )}
        {!actions.length && <p className="muted">{t('tasks.noActions')}</p>}
      </div>
      {confirm && (confirm === 'accept' || confirm === 'withdraw' || confirm === 'report_done') && (
        <ConfirmDialog
          title={t(`tasks.actions.${confirm}`)}
          message={t(confirmText[confirm], { task: task.description })}
          confirmLabel={t(`tasks.actions.${confirm}`)}
          onConfirm={(text) => send({ action: confirm, ...(text ? { text } : {}) })}
          onClose={() => setConfirm(null)}
        />
      )}
      <h2>{t('tasks.timeline')}</h2>
      <ol className="task-timeline" data-testid="task-timeline">
        {[...history].reverse().map((h) => (
          <li key={h.id} data-testid="timeline-item">
            <strong>{t(`tasks.actions.${h.action}`)}</strong> <span className="muted small">{fmtDateTime(h.at)}</span>
            <div className="small">{h.actorName ? t('tasks.by', { name: h.actorName, org: h.organizationName ?? '' }) : t('tasks.system')}</div>
            {h.deadlineBefore !== h.deadlineAfter && h.deadlineAfter && <div className="small">{t('tasks.deadlineMoved', { from: fmtDate(h.deadlineBefore) || '—', to: fmtDate(h.deadlineAfter) })}</div>}
            {h.text && <div className="task-text">{h.text}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
