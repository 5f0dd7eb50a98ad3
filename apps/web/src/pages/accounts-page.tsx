import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type AccountView, type Organization, type Page, type Role } from '@app/contracts';
import { HttpError, get, patch, post } from '../api/http';
import { OrgPicker } from '../components/org-picker';
import { ErrorBanner, Modal, Pager, useDebounced } from '../components/ui';
import { fieldErrorText } from '../i18n/errors';

const LIMIT = 25;

export function AccountsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<AccountView> | null>(null);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const debounced = useDebounced(q, 250);
  const load = useCallback(() => {
    void get<Page<AccountView>>(`/accounts?limit=${LIMIT}&offset=${offset}${debounced ? `&q=${encodeURIComponent(debounced)}` : ''}`).then(setPage).catch(setError);
  }, [debounced, offset]);
  useEffect(load, [load]);
  const toggle = async (a: AccountView) => {
    try {
      await patch(`/accounts/${a.id}`, { disabled: !a.disabled });
      load();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section>
      <div className="page-head">
        <h1>{t('accounts.title')}</h1>
        <button className="primary" onClick={() => setCreating(true)}>
          {t('accounts.create')}
        </button>
      </div>
      <div className="filters">
        <input type="search" placeholder={t('common.search')} value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      <ErrorBanner error={error} />
      <table className="table">
        <thead>
          <tr>
            <th>{t('accounts.fullName')}</th>
            <th>{t('accounts.username')}</th>
            <th>{t('accounts.position')}</th>
            <th>{t('accounts.roles')}</th>
            <th>{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {page?.items.map((a) => (
            <tr key={a.id} className={a.disabled ? 'disabled' : ''}>
              <td>{a.fullName}</td>
              <td>
                <code>{a.username}</code>
              </td>
              <td>{a.position}</td>
              <td>{[...new Set(a.roles.map((r) => t(`roles.${r.role}`)))].join(', ')}</td>
              <td>
                <button className="link" onClick={() => void toggle(a)}>
                  {a.disabled ? t('accounts.enable') : t('accounts.disable')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && <Pager offset={offset} limit={LIMIT} total={page.total} onChange={setOffset} />}
      {creating && <AccountForm onClose={() => setCreating(false)} onSaved={() => (setCreating(false), load())} />}
    </section>
  );
}

function AccountForm({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ username: '', fullName: '', position: '', password: '' });
  const [org, setOrg] = useState<Organization | null>(null);
  const [role, setRole] = useState<Role>('viewer');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!org) return;
    try {
      await post('/accounts', { ...form, position: form.position || undefined, organizationId: org.id, roles: [{ role, organizationId: org.id }] });
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
