import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { BulkInviteRequest, Meeting, MeetingEndpoint, Organization } from '@app/contracts';
import { call } from '../../api/http';
import { OrgPicker } from '../org-picker';
import { ConfirmDialog } from '../ui';

/** The meeting's endpoints with their join codes and operators; while the meeting can change, the organizer invites and removes them. */
export function EndpointsCard({ meeting, endpoints, editable, setActionError }: { meeting: Meeting; endpoints: MeetingEndpoint[]; editable: boolean; setActionError: (err: unknown) => void }) {
  const { t } = useTranslation();
  const [org, setOrg] = useState<Organization | null>(null);
  const [removing, setRemoving] = useState<MeetingEndpoint | null>(null);
  const invite = async (body: BulkInviteRequest) => {
    setActionError(null);
    try {
      await call('endpoints.bulkInvite', { params: { id: meeting.id }, body });
    } catch (err) {
      setActionError(err);
    }
  };
  return (
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
              <button onClick={() => void call('endpoints.add', { params: { id: meeting.id }, body: { organizationId: org.id, isHost: true, overrideConflicts: true } }).then(() => setOrg(null), setActionError)}>
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
                  <button className="link danger" data-testid="endpoint-remove" onClick={() => setRemoving(e)}>
                    {t('endpoints.remove')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {removing && (
        <ConfirmDialog
          title={t('dialogs.removeEndpointTitle')}
          message={t('dialogs.removeEndpointMessage', { name: removing.organizationName, title: meeting.title })}
          confirmLabel={t('endpoints.remove')}
          onConfirm={() => call('endpoints.remove', { params: { id: meeting.id, endpointId: removing.id } })}
          onClose={() => setRemoving(null)}
        />
      )}
    </div>
  );
}
