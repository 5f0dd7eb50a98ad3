import { useTranslation } from 'react-i18next';
import type { MeetingSummary, SummaryAttendance } from '@app/contracts';
import { fmtTime } from '../../i18n';
import { Name } from '../name';

const ATTENDANCE_COLUMNS: (keyof SummaryAttendance)[] = ['expected', 'present', 'late', 'excused', 'absent'];

/** II. The endpoints: invited, connected, missing, and the attendance of each. */
export function SummaryEndpoints({ endpoints, attendance }: { endpoints: MeetingSummary['endpoints']; attendance: SummaryAttendance }) {
  const { t } = useTranslation();
  return (
    <section>
      <h3>{t('report.sections.endpoints')}</h3>
      <p data-testid="report-endpoint-counts">
        {t('report.endpointCounts', { invited: endpoints.invited, connected: endpoints.connected, missing: endpoints.missing.length })}
      </p>
      {endpoints.missing.length > 0 && (
        <p className="banner warn" data-testid="report-missing">
          {t('report.missing')}: {endpoints.missing.map((m) => m.organizationName).join(', ')}
        </p>
      )}
      <table className="table compact report-table" data-testid="report-attendance">
        <thead>
          <tr>
            <th>{t('endpoints.title')}</th>
            <th>{t('report.connectedCol')}</th>
            {ATTENDANCE_COLUMNS.map((c) => (
              <th key={c} className="num">
                {t(`report.attendance.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {endpoints.list.map((e) => (
            <tr key={e.endpointId} data-testid="report-attendance-row" data-name={e.organizationName}>
              <td>
                {e.isHost && <span className="badge">{t('endpoints.host')}</span>} <Name text={e.organizationName} />
                <div className="muted small">{e.locationName}</div>
              </td>
              <td>
                <span className={`badge ${e.connected ? 'state-connected' : 'state-offline'}`}>
                  {e.connected ? (e.firstConnectedAt ? t('report.connectedAt', { time: fmtTime(e.firstConnectedAt) }) : t('common.yes')) : t('report.neverConnected')}
                </span>
              </td>
              {ATTENDANCE_COLUMNS.map((c) => (
                <td key={c} className="num" data-col={c}>
                  {e.attendance[c]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="report-attendance-total">
            <th colSpan={2}>{t('report.total')}</th>
            {ATTENDANCE_COLUMNS.map((c) => (
              <th key={c} className="num" data-col={c}>
                {attendance[c]}
              </th>
            ))}
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
