import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type AccountListItem, type Organization, type Role, type RoleAssignment } from '@app/contracts';
import { call } from '../../api/http';
import { fieldErrorText } from '../../i18n/errors';
import { OrgPicker } from '../org-picker';
import { ConfirmDialog, ErrorBanner, Modal } from '../ui';

/**
 * Changes an account: its name, position, organization and roles (each role held in one organization,
 * which covers the bodies below it for admin and organizer). Disabling asks first, naming the person:
 * the server ends the account's sessions at once.
 */
export function AccountEditDialog({ account, onClose, onSaved }: { account: AccountListItem; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const ids = { fullName: useId(), position: useId(), org: useId(), role: useId(), roleOrg: useId() };
  const [fullName, setFullName] = useState(account.fullName);
  const [position, setPosition] = useState(account.position ?? '');
  const [org, setOrg] = useState<Organization | null>(null);
  const [roles, setRoles] = useState<RoleAssignment[]>(account.roles);
  const [names, setNames] = useState<Record<string, string>>({ ...account.organizationNames, [account.organizationId]: account.organizationName });
  const [newRole, setNewRole] = useState<Role>('viewer');
  const [newRoleOrg, setNewRoleOrg] = useState<Organization | null>(null);
  const [disabled, setDisabled] = useState(account.disabled);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    void call('organizations.get', { params: { id: account.organizationId } }).then(setOrg).catch(setError);
  }, [account.organizationId]);

  const orgName = (id: string) => names[id] ?? '';
  const addRole = () => {
    if (!newRoleOrg) return;
    if (!roles.some((r) => r.role === newRole && r.organizationId === newRoleOrg.id)) setRoles([...roles, { role: newRole, organizationId: newRoleOrg.id }]);
    setNames({ ...names, [newRoleOrg.id]: newRoleOrg.shortName ?? newRoleOrg.name });
    setNewRoleOrg(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!org) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await call('accounts.update', { params: { id: account.id }, body: { fullName, position: position.trim() || null, organizationId: org.id, roles } });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const setAccountDisabled = async (value: boolean) => {
    await call('accounts.update', { params: { id: account.id }, body: { disabled: value } });
    setDisabled(value);
    onSaved();
  };
  const fieldError = (field: string) => {
    const message = fieldErrorText(error, field, t);
    return message ? <small className="field-error" data-testid={`edit-${field}-error`}>{message}</small> : null;
  };

  return (
    <>
      <Modal title={t('admin.editTitle', { name: account.fullName })} onClose={onClose} testId="account-edit-dialog">
        <form className="stack admin-edit" onSubmit={(e) => void submit(e)}>
          <label htmlFor={ids.fullName}>
            {t('accounts.fullName')}
            <input id={ids.fullName} data-testid="edit-fullName" value={fullName} onChange={(e) => setFullName(e.target.value)} required />
            {fieldError('fullName')}
          </label>
          <label htmlFor={ids.position}>
            {t('accounts.position')}
            <input id={ids.position} data-testid="edit-position" value={position} onChange={(e) => setPosition(e.target.value)} />
            {fieldError('position')}
          </label>
          <div className="stack-tight">
            <span id={ids.org}>{t('accounts.organization')}</span>
            <OrgPicker value={org} onChange={setOrg} labelledBy={ids.org} testId="edit-org" />
            {fieldError('organizationId')}
          </div>
          <fieldset className="admin-roles">
            <legend>{t('accounts.roles')}</legend>
            {roles.length === 0 ? (
              <p className="muted">{t('admin.noRoles')}</p>
            ) : (
              <ul className="chips" data-testid="edit-roles">
                {roles.map((r) => (
                  <li key={r.role + r.organizationId} className="chip">
                    {t('admin.roleAt', { role: t(`roles.${r.role}`), org: orgName(r.organizationId) })}
                    <button
                      type="button"
                      className="link"
                      aria-label={t('admin.removeRole', { role: t(`roles.${r.role}`), org: orgName(r.organizationId) })}
                      onClick={() => setRoles(roles.filter((x) => x !== r))}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <div className="admin-add-role">
              <label htmlFor={ids.role}>
                {t('accounts.roles')}
                <select id={ids.role} data-testid="edit-new-role" value={newRole} onChange={(e) => setNewRole(e.target.value as Role)}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`roles.${r}`)}
                    </option>
                  ))}
                </select>
              </label>
              <div className="stack-tight">
                <span id={ids.roleOrg}>{t('admin.roleOrganization')}</span>
                <OrgPicker value={newRoleOrg} onChange={setNewRoleOrg} labelledBy={ids.roleOrg} testId="edit-new-role-org" />
              </div>
              <button type="button" data-testid="edit-add-role" disabled={!newRoleOrg} onClick={addRole}>
                {t('admin.addRole')}
              </button>
            </div>
            {fieldError('roles')}
          </fieldset>
          <ErrorBanner error={error} />
          {saved && (
            <p className="banner ok" role="status" data-testid="edit-saved">
              {t('admin.saved', { name: fullName })}
            </p>
          )}
          <div className="modal-actions admin-edit-actions">
            {disabled && <span className="muted">{t('admin.isDisabled')}</span>}
            {/* one button that changes its label, so focus stays on it after disabling or enabling */}
            <button
              type="button"
              className={disabled ? '' : 'danger'}
              data-testid={disabled ? 'edit-enable' : 'edit-disable'}
              onClick={() => (disabled ? void setAccountDisabled(false).catch(setError) : setConfirming(true))}
            >
              {disabled ? t('admin.enableAccount') : t('admin.disableAccount')}
            </button>
            <button type="button" onClick={onClose}>
              {t('admin.close')}
            </button>
            <button className="primary" data-testid="edit-save" disabled={!org || busy}>
              {t('admin.save')}
            </button>
          </div>
        </form>
      </Modal>
      {confirming && (
        <ConfirmDialog
          title={t('admin.disableTitle')}
          message={t('admin.disableMessage', { name: account.fullName })}
          confirmLabel={t('admin.disableAccount')}
          onConfirm={() => setAccountDisabled(true)}
          onClose={() => setConfirming(false)}
          testId="disable-confirm"
        />
      )}
    </>
  );
}
