import { useTranslation } from 'react-i18next';
import { ATTENDEE_STATUSES, type AttendeeStatus, type MeetingSnapshot } from '@app/contracts';
import { fmtTime } from '../../i18n';
import { plainName } from '../name';

/** Counts of the whole roster by status, live. */
export function AttendanceTotals({ state }: { state: MeetingSnapshot }) {
  const { t } = useTranslation();
  const counts = new Map<AttendeeStatus, number>();
  state.attendees.forEach((a) => counts.set(a.status, (counts.get(a.status) ?? 0) + 1));
  const late = state.attendees.filter((a) => a.status === 'late');
  return (
    <div className="totals" data-testid="attendance-totals">
      {ATTENDEE_STATUSES.map((s) => (
        <span key={s} className={`badge att-${s}`}>
          {t(`attendees.statuses.${s}`)}: {counts.get(s) ?? 0}
        </span>
      ))}
      {late.length > 0 && <span className="muted small">{late.map((a) => `${plainName(a.fullName)} (${fmtTime(a.checkedInAt)})`).join(', ')}</span>}
    </div>
  );
}
