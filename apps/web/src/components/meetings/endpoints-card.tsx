import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { BulkInviteRequest, Meeting, MeetingEndpoint, Organization, PersonRef, SchedulingConflict } from '@app/contracts';
import { call } from '../../api/http';
import { OrgPicker } from '../org-picker';
import { PersonPicker } from '../person-picker';
import { Name } from '../name';
import { ConfirmDialog, ErrorBanner, Modal } from '../ui';
import { ConflictDialog, conflictsOf } from './conflict-dialog';

/** A pending request that met a scheduling conflict: the conflicts, and the same request with overrideConflicts. */
interface Clash {
  conflicts: SchedulingConflict[];
  override: () => Promise<unknown>;
}

/** The operators of one endpoint, the host's included: whoever is assigned here reaches its console and connects it. */
function OperatorsDialog({ meeting, endpoint, onClose }: { meeting: Meeting; endpoint: MeetingEndpoint; onClose: () => void }) {
  const { t } = useTranslation();
  const [operators, setOperators] = useState<PersonRef[]>(endpoint.operators);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('endpoints.update', { params: { id: meeting.id, endpointId: endpoint.id }, body: { operatorIds: operators.map((o) => o.id) } });
      onClose();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Modal title={t('scheduling.operatorsTitle', { name: endpoint.organizationShortName ?? endpoint.organizationName })} onClose={onClose} testId="operators-dialog">
      <div className="stack">
        <p className="muted small">{t('scheduling.operatorsHint')}</p>
        <div className="chips" data-testid="operator-chips">
          {operators.map((o) => (
            <span key={o.id} className="chip">
              <Name text={o.fullName} />
              <button type="button" className="link" aria-label={t('scheduling.removeOperator', { name: o.fullName })} onClick={() => setOperators(operators.filter((x) => x.id !== o.id))}>
                ×
              </button>
            </span>
          ))}
          {operators.length === 0 && <span className="muted">{t('scheduling.noOperators')}</span>}
        </div>
        <label>
          {t('scheduling.addOperator')}
          <PersonPicker value={null} onChange={(p) => p && !operators.some((o) => o.id === p.id) && setOperators([...operators, p])} testId="operator-picker" />
        </label>
        <ErrorBanner error={error} />
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            {t('dialogs.back')}
          </button>
          <button type="button" className="primary" data-testid="operators-save" disabled={busy} onClick={() => void save()}>
            {t('scheduling.saveOperators')}
          </button>
        </div>
      </div>
    </Modal>
  );
}

/**
 * The meeting's endpoints with their join codes and operators. While the meeting can change, the organizer
 * invites and removes them and assigns their operators (the host site too); a clash with other meetings is
 * shown as a list, and goes ahead only when the organizer says so.
 */
export function EndpointsCard({ meeting, endpoints, editable, setActionError }: { meeting: Meeting; endpoints: MeetingEndpoint[]; editable: boolean; setActionError: (err: unknown) => void }) {
  const { t } = useTranslation();
  const [org, setOrg] = useState<Organization | null>(null);
  const [removing, setRemoving] = useState<MeetingEndpoint | null>(null);
  const [assigning, setAssigning] = useState<MeetingEndpoint | null>(null);
  const [clash, setClash] = useState<Clash | null>(null);
  const hasHost = endpoints.some((e) => e.isHost);
  const hostInvited = endpoints.some((e) => e.organizationId === meeting.hostOrganizationId);

  /** Sends a request without overriding; a conflict opens the list, whose button sends it again with the override. */
  const attempt = async (send: (override: boolean) => Promise<unknown>, done?: () => void) => {
    setActionError(null);
    try {
      await send(false);
      done?.();
    } catch (err) {
      const conflicts = conflictsOf(err);
      if (conflicts) setClash({ conflicts, override: () => send(true).then(() => done?.()) });
      else setActionError(err);
    }
  };
  const invite = (body: (override: boolean) => BulkInviteRequest, done?: () => void) => attempt((override) => call('endpoints.bulkInvite', { params: { id: meeting.id }, body: body(override) }), done);
  const addHost = (organizationId: string, done?: () => void) =>
    attempt((override) => call('endpoints.add', { params: { id: meeting.id }, body: { organizationId, isHost: true, overrideConflicts: override } }), done);

  return (
    <div className="card">
      <div className="page-head">
        <h2>
          {t('endpoints.title')} <span className="muted" data-testid="endpoint-count">({endpoints.length})</span>
        </h2>
      </div>
      {editable && (
        <div className="stack">
          {!hasHost && (
            <div className="banner warn" data-testid="no-host">
              {t('scheduling.noHost')}{' '}
              {!hostInvited && (
                <button type="button" data-testid="add-host" onClick={() => void addHost(meeting.hostOrganizationId)}>
                  {t('scheduling.addHost', { name: meeting.hostOrganizationName })}
                </button>
              )}
            </div>
          )}
          <button data-testid="invite-all-provinces" onClick={() => void invite((overrideConflicts) => ({ mode: 'all_provinces', overrideConflicts }))}>
            {t('endpoints.addAllProvinces')}
          </button>
          <div className="row wrap">
            <OrgPicker value={org} onChange={setOrg} testId="endpoint-picker" />
            <button disabled={!org} data-testid="invite-one" onClick={() => org && void invite((overrideConflicts) => ({ mode: 'organizations', organizationIds: [org.id], overrideConflicts }), () => setOrg(null))}>
              {t('endpoints.addOne')}
            </button>
            {!hasHost && org && (
              <button data-testid="set-host" onClick={() => void addHost(org.id, () => setOrg(null))}>
                {t('endpoints.setHost')}
              </button>
            )}
          </div>
        </div>
      )}
      <div className="table-scroll">
        <table className="table compact endpoints-table" data-testid="endpoint-table">
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
              <tr key={e.id} data-testid="endpoint-row" data-name={e.organizationShortName ?? e.organizationName}>
                <td>
                  {e.isHost && <span className="badge">{t('endpoints.host')}</span>} <Link to={`/meetings/${meeting.id}/console/${e.id}`}>{e.organizationShortName ?? e.organizationName}</Link>
                  <div className="muted small">{e.locationName}</div>
                </td>
                <td>
                  <code>{e.joinCode}</code>
                </td>
                <td data-testid="endpoint-operators">
                  {e.operators.length ? e.operators.map((o) => o.fullName).join(', ') : <span className="muted">{t('scheduling.noOperators')}</span>}
                  {editable && (
                    <>
                      {' '}
                      <button className="link" data-testid="endpoint-assign" onClick={() => setAssigning(e)}>
                        {t('scheduling.editOperators')}
                      </button>
                    </>
                  )}
                </td>
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
      </div>
      {removing && (
        <ConfirmDialog
          title={t('dialogs.removeEndpointTitle')}
          message={t('dialogs.removeEndpointMessage', { name: removing.organizationName, title: meeting.title })}
          confirmLabel={t('endpoints.remove')}
          onConfirm={() => call('endpoints.remove', { params: { id: meeting.id, endpointId: removing.id } })}
          onClose={() => setRemoving(null)}
        />
      )}
      {assigning && <OperatorsDialog meeting={meeting} endpoint={assigning} onClose={() => setAssigning(null)} />}
      {clash && <ConflictDialog conflicts={clash.conflicts} onOverride={clash.override} onClose={() => setClash(null)} />}
    </div>
  );
}
