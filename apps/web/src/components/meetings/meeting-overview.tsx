import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { MeetingAction, SchedulingConflict } from '@app/contracts';
import { download, call } from '../../api/http';
import { ConfirmDialog, ErrorBanner } from '../ui';
import { PostponeDialog } from './postpone-dialog';
import { ConflictDialog, conflictsOf } from './conflict-dialog';
import { fmtDateTime } from '../../i18n';
import { useMeetingState } from '../../state/meeting-context';
import { useCapabilities } from '../../state/use-capabilities';
import { AgendaBuilder } from './agenda-builder';
import { EndpointsCard } from './endpoints-card';
import { MeetingForm } from './meeting-form';
import { StatusBadge } from './status-badge';
import { Name } from '../name';
import { DisplaysCard } from '../display/displays-card';
import { DocumentsCard } from '../documents/documents-card';

const ACTIONS: Record<string, MeetingAction[]> = {
  draft: ['schedule', 'cancel'],
  scheduled: ['start', 'postpone', 'cancel'],
  live: ['end'],
  ended: [],
};

/** One meeting: its facts (or the form while it can change), agenda, endpoints, lifecycle actions and links to its consoles. */
export function MeetingOverview() {
  const { t } = useTranslation();
  const { state, error, viewer } = useMeetingState();
  const { can } = useCapabilities(state, viewer);
  const [actionError, setActionError] = useState<unknown>(null);
  const [asking, setAsking] = useState<'end' | 'cancel' | 'postpone' | null>(null);
  const [clash, setClash] = useState<SchedulingConflict[] | null>(null);
  if (error) return <ErrorBanner error={error} />;
  if (!state) return <p>{t('common.loading')}</p>;
  const { meeting, agenda, endpoints } = state;
  const editable = can('meeting.edit') && ['draft', 'scheduled'].includes(meeting.status);

  /** end, cancel and postpone ask first; the others happen on the click */
  const act = async (action: MeetingAction) => {
    setActionError(null);
    if (action === 'end' || action === 'cancel' || action === 'postpone') return setAsking(action);
    try {
      await call('meetings.transition', { params: { id: meeting.id }, body: action === 'schedule' ? { action, overrideConflicts: false } : { action } });
    } catch (err) {
      const conflicts = action === 'schedule' ? conflictsOf(err) : null;
      if (conflicts) setClash(conflicts);
      else setActionError(err);
    }
  };
  const label = (a: MeetingAction) => t(a === 'start' ? 'meetings.start_' : a === 'end' ? 'meetings.end_' : a === 'cancel' ? 'meetings.cancelMeeting' : `meetings.${a}`);

  return (
    <section>
      <div className="page-head">
        <div>
          <h1 data-testid="meeting-heading">{meeting.title}</h1>
          <p className="muted">
            {t(`meetingKinds.${meeting.kind}`)} · {meeting.hostOrganizationName} · <span data-testid="meeting-times">{fmtDateTime(meeting.scheduledStart)} – {fmtDateTime(meeting.scheduledEnd)}</span> <StatusBadge status={meeting.status} />
          </p>
        </div>
        <div className="row">
          <Link className="button" to={`/meetings/${meeting.id}/wall`} data-testid="open-wall">
            {t('meetings.wall')}
          </Link>
          {state.endpoints.some((e) => e.parentEndpointId) && (
            <Link className="button" to={`/meetings/${meeting.id}/sites`} data-testid="open-sites">
              {t('sites.open')}
            </Link>
          )}
          <Link className="button" to={`/meetings/${meeting.id}/floor`} data-testid="open-floor">
            {t('floor.title')}
          </Link>
          <Link className="button" to={`/meetings/${meeting.id}/live`}>
            {t('floor.liveView')}
          </Link>
          <Link className="button" to={`/meetings/${meeting.id}/voting`} data-testid="open-voting">
            {t('voting.title')}
          </Link>
          <Link className="button" to={`/meetings/${meeting.id}/minutes`} data-testid="open-minutes">
            {t('minutes.title')}
          </Link>
          {['ended', 'minutes_published'].includes(meeting.status) && (
            <Link className="button" to={`/meetings/${meeting.id}/report`} data-testid="open-report">
              {t('report.open')}
            </Link>
          )}
          <button onClick={() => void download(call('calendar.meeting', { params: { id: meeting.id } }), `hop-${meeting.id.slice(0, 8)}.ics`)} data-testid="download-ics">
            {t('meetings.downloadIcs')}
          </button>
          {(ACTIONS[meeting.status] ?? [])
            .filter((a) => can(a === 'start' || a === 'end' || a === 'publish_minutes' ? 'meeting.run' : 'meeting.schedule'))
            .map((a) => (
              <button key={a} data-testid={`action-${a}`} className={a === 'cancel' ? 'danger' : 'primary'} onClick={() => void act(a)}>
                {label(a)}
              </button>
            ))}
        </div>
      </div>
      <ErrorBanner error={actionError} />
      {meeting.postponedReason && <p className="banner warn">{meeting.postponedReason}</p>}
      {meeting.cancelledReason && <p className="banner error">{meeting.cancelledReason}</p>}
      <div className="columns">
        <div>
          {editable ? (
            <MeetingForm key={meeting.version} meeting={meeting} />
          ) : (
            <dl className="facts card">
              <dt>{t('meetings.chair')}</dt>
              <dd><Name text={meeting.chair?.fullName} /></dd>
              <dt>{t('meetings.secretaries')}</dt>
              <dd>{meeting.secretaries.map((s) => s.fullName).join(', ')}</dd>
            </dl>
          )}
          <div className="card">
            <AgendaBuilder meetingId={meeting.id} agenda={agenda} editable={can('agenda.edit') && !['ended', 'minutes_published', 'cancelled'].includes(meeting.status)} />
          </div>
        </div>
        <EndpointsCard meeting={meeting} endpoints={endpoints} editable={editable} setActionError={setActionError} />
      </div>
      <DisplaysCard state={state} can={can} />
      <DocumentsCard state={state} can={can} />
      {asking === 'end' && (
        <ConfirmDialog
          title={t('dialogs.endTitle')}
          message={t('dialogs.endMessage', { title: meeting.title })}
          confirmLabel={t('meetings.end_')}
          onConfirm={() => call('meetings.transition', { params: { id: meeting.id }, body: { action: 'end' } })}
          onClose={() => setAsking(null)}
        />
      )}
      {asking === 'cancel' && (
        <ConfirmDialog
          title={t('dialogs.cancelTitle')}
          message={t('dialogs.cancelMessage', { title: meeting.title })}
          confirmLabel={t('meetings.cancelMeeting')}
          reasonLabel={t('dialogs.cancelReason')}
          onConfirm={(reason) => call('meetings.transition', { params: { id: meeting.id }, body: { action: 'cancel', reason } })}
          onClose={() => setAsking(null)}
        />
      )}
      {asking === 'postpone' && <PostponeDialog meeting={meeting} onClose={() => setAsking(null)} />}
      {clash && (
        <ConflictDialog
          conflicts={clash}
          onOverride={() => call('meetings.transition', { params: { id: meeting.id }, body: { action: 'schedule', overrideConflicts: true } })}
          onClose={() => setClash(null)}
        />
      )}
    </section>
  );
}
