import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceAction, Attendee, BulkAttendanceResult } from '@app/contracts';
import { call } from '../../api/http';
import { fmtTime } from '../../i18n';
import { ConfirmDialog } from '../ui';
import { Name, plainName } from '../name';
import { AttendeeEditDialog } from './attendee-edit-dialog';
import '../../styles/endpoint.css';

const CAN_CHECK_IN: ReadonlySet<Attendee['status']> = new Set(['expected', 'absent', 'excused', 'left']);

/**
 * The endpoint's roster: each attendee's status with check-in, check-out and excuse; edit and remove
 * (removal asks, naming the person); several or all selected and checked in with one action.
 * At phone width the rows become cards (styles/endpoint.css).
 */
export function RosterTable({
  roster,
  act,
  canEdit,
  meetingId,
  endpointId,
  siteName,
  run,
}: {
  roster: Attendee[];
  act: (a: Attendee, action: AttendanceAction) => Promise<void>;
  canEdit: boolean;
  meetingId: string;
  endpointId: string;
  siteName: string;
  run: (p: Promise<unknown>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<Attendee | null>(null);
  const [removing, setRemoving] = useState<Attendee | null>(null);
  const [done, setDone] = useState<BulkAttendanceResult | null>(null);
  // only people still on the roster stay selected (someone else may remove one meanwhile)
  const selected = useMemo(() => roster.filter((a) => picked.has(a.id)), [roster, picked]);
  const allPicked = roster.length > 0 && selected.length === roster.length;
  const toggle = (id: string, on: boolean) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const bulkCheckIn = () =>
    run(
      call('attendees.bulkAct', { params: { id: meetingId, endpointId }, body: { action: 'check_in', attendeeIds: selected.map((a) => a.id) } }).then((r) => {
        setDone(r);
        setPicked(new Set());
      }),
    );
  const present = roster.filter((a) => a.status === 'present' || a.status === 'late').length;

  return (
    <div className="card">
      <h2>
        {t('meetings.roster')} (<span data-testid="roster-present">{present}</span>/{roster.length})
      </h2>
      {canEdit && roster.length > 0 && (
        <div className="roster-tools">
          <label className="inline">
            <input type="checkbox" data-testid="roster-select-all" checked={allPicked} onChange={(e) => setPicked(e.target.checked ? new Set(roster.map((a) => a.id)) : new Set())} /> {t('endpoint.selectAll')}
          </label>
          <button className="primary" data-testid="bulk-check-in" disabled={!selected.some((a) => CAN_CHECK_IN.has(a.status))} onClick={() => void bulkCheckIn()}>
            {selected.length ? t('endpoint.bulkCheckIn', { count: selected.length }) : t('endpoint.bulkCheckInNone')}
          </button>
          {done && (
            <span className="banner ok" data-testid="bulk-done" role="status">
              {t('endpoint.bulkDone', { count: done.changed.length })} {done.unchanged.length > 0 && t('endpoint.bulkSkipped', { count: done.unchanged.length })}
            </span>
          )}
        </div>
      )}
      {roster.length === 0 && <p className="muted">{t('endpoint.empty')}</p>}
      <table className="table roster-table" data-testid="roster" hidden={roster.length === 0}>
        <thead>
          <tr>
            {canEdit && <th className="pick" />}
            <th>{t('attendees.fullName')}</th>
            <th>{t('attendees.position')}</th>
            <th>{t('attendees.status')}</th>
            {canEdit && <th />}
          </tr>
        </thead>
        <tbody>
          {roster.map((a) => (
            <tr key={a.id} data-testid="roster-row" data-name={a.fullName}>
              {canEdit && (
                <td className="pick">
                  <input type="checkbox" data-testid="roster-pick" aria-label={t('endpoint.select', { name: plainName(a.fullName) })} checked={picked.has(a.id)} onChange={(e) => toggle(a.id, e.target.checked)} />
                </td>
              )}
              <td className="roster-name">
                <strong>
                  <Name text={a.fullName} />
                </strong>
                <div className="muted small">
                  <Name text={a.unit} />
                </div>
              </td>
              <td>
                <Name text={a.position} />
              </td>
              <td>
                <span className={`badge att-${a.status}`} data-testid="attendee-status">
                  {t(`attendees.statuses.${a.status}`)}
                </span>{' '}
                <small className="muted">{fmtTime(a.checkedInAt)}</small>
              </td>
              {canEdit && (
                <td>
                  <div className="actions">
                  {CAN_CHECK_IN.has(a.status) && (
                    <button className="primary" data-testid="check-in" onClick={() => void act(a, 'check_in')}>
                      {t('attendees.checkIn')}
                    </button>
                  )}
                  {(a.status === 'present' || a.status === 'late') && <button onClick={() => void act(a, 'check_out')}>{t('attendees.checkOut')}</button>}
                  {a.status === 'expected' && (
                    <button className="link" onClick={() => void act(a, 'excuse')}>
                      {t('attendees.excuse')}
                    </button>
                  )}
                  <button className="link" data-testid="attendee-edit" onClick={() => setEditing(a)}>
                    {t('endpoint.edit')}
                  </button>
                  <button className="link danger" data-testid="attendee-remove" onClick={() => setRemoving(a)}>
                    {t('endpoint.remove')}
                  </button>
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {editing && <AttendeeEditDialog meetingId={meetingId} attendee={editing} onClose={() => setEditing(null)} />}
      {removing && (
        <ConfirmDialog
          title={t('endpoint.removeTitle')}
          message={t('endpoint.removeMessage', { name: plainName(removing.fullName), site: siteName })}
          confirmLabel={t('endpoint.remove')}
          onConfirm={() => call('attendees.remove', { params: { id: meetingId, endpointId, attendeeId: removing.id } })}
          onClose={() => setRemoving(null)}
        />
      )}
    </div>
  );
}
