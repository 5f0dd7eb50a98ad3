import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { BulkInviteResult, MeetingAction, Organization } from '@app/contracts';
import { del, download, post } from '../api/http';
import { OrgPicker } from '../components/org-picker';
import { ErrorBanner } from '../components/ui';
import { fmt } from '../i18n';
import { useMeeting } from '../state/use-meeting';
import { useCapabilities } from '../state/use-capabilities';
import { AgendaBuilder } from './agenda-builder';
import { MeetingForm } from './meeting-form';
import { StatusBadge } from './meetings-page';

const ACTIONS: Record<string, MeetingAction[]> = {
  draft: ['schedule', 'cancel'],
  scheduled: ['start', 'postpone', 'cancel'],
  live: ['end'],
  ended: [],
};

export function NewMeetingPage() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('meetings.create')}</h1>
      <MeetingForm meeting={null} />
    </section>
  );
}

export function MeetingPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { state, error, viewer } = useMeeting(id);
  const { can } = useCapabilities(state, viewer);
  const [actionError, setActionError] = useState<unknown>(null);
  const [org, setOrg] = useState<Organization | null>(null);
  if (error) return <ErrorBanner error={error} />;
  if (!state) return <p>{t('common.loading')}</p>;
  const { meeting, agenda, endpoints } = state;
  const editable = can('meeting.edit') && ['draft', 'scheduled'].includes(meeting.status);

  const act = async (action: MeetingAction) => {
    setActionError(null);
    try {
      if (action === 'cancel' || action === 'postpone') {
        const reason = prompt(t('meetings.reason'));
        if (!reason) return;
        if (action === 'cancel') await post(`/meetings/${meeting.id}/transitions`, { action, reason });
        else {
          const start = prompt(`${t('meetings.start')} (YYYY-MM-DDTHH:mm)`);
          const end = prompt(`${t('meetings.end')} (YYYY-MM-DDTHH:mm)`);
          if (!start || !end) return;
          await post(`/meetings/${meeting.id}/transitions`, { action, reason, scheduledStart: start, scheduledEnd: end });
        }
      } else await post(`/meetings/${meeting.id}/transitions`, { action });
    } catch (err) {
      setActionError(err);
    }
  };
  const invite = async (body: object) => {
    setActionError(null);
    try {
      await post<BulkInviteResult>(`/meetings/${meeting.id}/endpoints/bulk`, body);
    } catch (err) {
      setActionError(err);
    }
  };
  const label = (a: MeetingAction) => t(a === 'start' ? 'meetings.start_' : a === 'end' ? 'meetings.end_' : a === 'cancel' ? 'meetings.cancelMeeting' : `meetings.${a}`);

  return (
    <section>
      <div className="page-head">
        <div>
          <h1 data-testid="meeting-heading">{meeting.title}</h1>
          <p className="muted">
            {t(`meetingKinds.${meeting.kind}`)} · {meeting.hostOrganizationName} · {fmt(meeting.scheduledStart)} <StatusBadge status={meeting.status} />
          </p>
        </div>
        <div className="row">
          <Link className="button" to={`/meetings/${meeting.id}/wall`} data-testid="open-wall">
            {t('meetings.wall')}
          </Link>
          <Link className="button" to={`/meetings/${meeting.id}/floor`} data-testid="open-floor">
            {t('floor.title')}
          </Link>
          <Link className="button" to={`/meetings/${meeting.id}/live`}>
            {t('floor.liveView')}
          </Link>
          <Link className="button" to={`/meetings/${meeting.id}/minutes`} data-testid="open-minutes">
            {t('minutes.title')}
          </Link>
          {['ended', 'minutes_published'].includes(meeting.status) && (
            <Link className="button" to={`/meetings/${meeting.id}/report`} data-testid="open-report">
              {t('report.open')}
            </Link>
          )}
          <button onClick={() => void download(`/meetings/${meeting.id}/calendar.ics`, `hop-${meeting.id.slice(0, 8)}.ics`)} data-testid="download-ics">
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
              <dd>{meeting.chair?.fullName}</dd>
              <dt>{t('meetings.secretaries')}</dt>
              <dd>{meeting.secretaries.map((s) => s.fullName).join(', ')}</dd>
            </dl>
          )}
          <div className="card">
            <AgendaBuilder meetingId={meeting.id} agenda={agenda} editable={can('agenda.edit') && !['ended', 'minutes_published', 'cancelled'].includes(meeting.status)} />
          </div>
        </div>
        <div className="card">
          <div className="page-head">
            <h2>
              {t('endpoints.title')} <span className="muted" data-testid="endpoint-count">({endpoints.length})</span>
            </h2>
          </div>
          {editable && (
            <div className="stack">
              <button data-testid="invite-all-provinces" onClick={() => void invite({ mode: 'all_provinces', overrideConflicts: true })}>
                {t('endpoints.addAllProvinces')}
              </button>
              <div className="row">
                <OrgPicker value={org} onChange={setOrg} testId="endpoint-picker" />
                <button disabled={!org} onClick={() => org && void invite({ mode: 'organizations', organizationIds: [org.id], overrideConflicts: true }).then(() => setOrg(null))}>
                  {t('endpoints.addOne')}
                </button>
                {!endpoints.some((e) => e.isHost) && org && (
                  <button onClick={() => void post(`/meetings/${meeting.id}/endpoints`, { organizationId: org.id, isHost: true, overrideConflicts: true }).then(() => setOrg(null), setActionError)}>
                    {t('endpoints.setHost')}
                  </button>
                )}
              </div>
            </div>
          )}
          <table className="table compact" data-testid="endpoint-table">
            <thead>
              <tr>
                <th>{t('endpoints.location')}</th>
                <th>{t('endpoints.joinCode')}</th>
                <th>{t('endpoints.operators')}</th>
                {editable && <th />}
              </tr>
            </thead>
            <tbody>
              {endpoints.map((e) => (
                <tr key={e.id}>
                  <td>
                    {e.isHost && <span className="badge">{t('endpoints.host')}</span>} <Link to={`/meetings/${meeting.id}/console/${e.id}`}>{e.organizationShortName ?? e.organizationName}</Link>
                    <div className="muted small">{e.locationName}</div>
                  </td>
                  <td>
                    <code>{e.joinCode}</code>
                  </td>
                  <td>{e.operators.map((o) => o.fullName).join(', ')}</td>
                  {editable && (
                    <td>
                      <button className="link danger" onClick={() => void del(`/meetings/${meeting.id}/endpoints/${e.id}`).catch(setActionError)}>
                        {t('endpoints.remove')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
