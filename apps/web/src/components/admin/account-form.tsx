import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Organization, type Role } from '@app/contracts';
import { HttpError, call } from '../../api/http';
import { OrgPicker } from '../org-picker';
import { ErrorBanner, Modal } from '../ui';
import { fieldErrorText } from '../../i18n/errors';

export function AccountForm({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ username: '', fullName: '', position: '', password: '' });
  const [org, setOrg] = useState<Organization | null>(null);
  const [role, setRole] = useState<Role>('viewer');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!org) return;
    try {
      await call('accounts.create', { body: { ...form, position: form.position || undefined, organizationId: org.id, roles: [{ role, organizationId: org.id }] } });
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  const field = (k: keyof typeof form, label: string, type = 'text') => (
    <label>
      {label}
      <input type={type} value={form[k]} onChange={(e) => setForm({ ...form, [k]: e.target.value })} required={k !== 'position'} />
      {error instanceof HttpError && <small className="field-error">{fieldErrorText(error, k, t)}</small>}
    </label>
  );
  return (
    <Modal title={t('accounts.create')} onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        {field('fullName', t('accounts.fullName'))}
        {field('position', t('accounts.position'))}
        {field('username', t('accounts.username'))}
        {field('password', t('accounts.password'), 'password')}
        <label>
          {t('accounts.organization')}
          <OrgPicker value={org} onChange={setOrg} />
        </label>
        <label>
          {t('accounts.roles')}
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <ErrorBanner error={error} />
        <button className="primary" disabled={!org}>
          {t('common.save')}
        </button>
      </form>
    </Modal>
  );
}
