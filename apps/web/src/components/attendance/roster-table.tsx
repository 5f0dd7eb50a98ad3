import { useTranslation } from 'react-i18next';
import type { AttendanceAction, Attendee } from '@app/contracts';
import { fmtTime } from '../../i18n';
import { Name } from '../name';

/** The endpoint's roster with each attendee's status and the check-in, check-out and excuse buttons. */
export function RosterTable({ roster, act, canEdit }: { roster: Attendee[]; act: (a: Attendee, action: AttendanceAction) => Promise<void>; canEdit: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h2>
        {t('meetings.roster')} ({roster.filter((a) => a.status === 'present' || a.status === 'late').length}/{roster.length})
      </h2>
      <table className="table" data-testid="roster">
        <thead>
          <tr>
            <th>{t('attendees.fullName')}</th>
            <th>{t('attendees.position')}</th>
            <th>{t('attendees.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {roster.map((a) => (
            <tr key={a.id} data-testid="roster-row" data-name={a.fullName}>
              <td>
                <Name text={a.fullName} />
                <div className="muted small"><Name text={a.unit} /></div>
              </td>
              <td><Name text={a.position} /></td>
              <td>
                <span className={`badge att-${a.status}`} data-testid="attendee-status">
                  {t(`attendees.statuses.${a.status}`)}
                </span>{' '}
                <small className="muted">{fmtTime(a.checkedInAt)}</small>
              </td>
              <td className="actions" hidden={!canEdit}>
                {(a.status === 'expected' || a.status === 'absent' || a.status === 'excused' || a.status === 'left') && (
                  <button className="primary" data-testid="check-in" onClick={() => void act(a, 'check_in')}>
                    {t('attendees.checkIn')}
                  </button>
                )}
                {(a.status === 'present' || a.status === 'late') && (
                  <button onClick={() => void act(a, 'check_out')}>{t('attendees.checkOut')}</button>
                )}
                {a.status === 'expected' && (
                  <button className="link" onClick={() => void act(a, 'excuse')}>
                    {t('attendees.excuse')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
