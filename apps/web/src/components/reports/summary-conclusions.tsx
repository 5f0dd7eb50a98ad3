import { useTranslation } from 'react-i18next';
import type { MeetingSummary } from '@app/contracts';
import { fmtDate } from './report-format';

/** The conclusions (IV, or V after the votes). */
export function SummaryConclusions({ conclusions, n }: { conclusions: MeetingSummary['conclusions']; n: string }) {
  const { t } = useTranslation();
  return (
    <section>
      <h3>{t('report.sections.conclusions', { n })}</h3>
      {conclusions.length === 0 ? (
        <p className="muted">{t('report.noConclusions')}</p>
      ) : (
        <ol className="report-conclusions" data-testid="report-conclusions">
          {conclusions.map((c, i) => (
            <li key={i}>
              {c.agendaItemTitle && <div className="muted small">{c.agendaItemTitle}</div>}
              {c.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The tasks, grouped by lead organization, with their deadlines. */
export function SummaryTasks({ tasks, n }: { tasks: MeetingSummary['tasks']; n: string }) {
  const { t } = useTranslation();
  return (
    <section>
      <h3>{t('report.sections.tasks', { n })}</h3>
      {tasks.length === 0 && <p className="muted">{t('report.noTasks')}</p>}
      {tasks.map((g) => (
        <div key={g.leadOrganizationId} className="report-task-group" data-testid="report-task-group" data-lead={g.leadOrganizationName}>
          <h4>{t('report.leads', { name: g.leadOrganizationName })}</h4>
          <ul>
            {g.tasks.map((task, i) => (
              <li key={i} data-testid="report-task">
                <div>{task.description}</div>
                <div className="muted small">
                  {task.coOrganizations.length > 0 && (
                    <span>
                      {t('report.coOrganizations')}: {task.coOrganizations.join(', ')}.{' '}
                    </span>
                  )}
                  <span data-testid="report-task-deadline">
                    {t('minutes.deadline')}: {task.deadline ? fmtDate(task.deadline) : t('report.noDeadline')}.
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
