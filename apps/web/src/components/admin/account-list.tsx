import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_SORTS, ROLES, type AccountListItem, type AccountSort, type Organization, type Page, type Role } from '@app/contracts';
import { call } from '../../api/http';
import { fmtDateTime } from '../../i18n';
import { ErrorBanner, Pager, useDebounced } from '../ui';
import { OrgPicker } from '../org-picker';
import { AccountForm } from './account-form';
import { AccountEditDialog } from './account-edit';
import { ResetPasswordDialog } from './reset-password';
import { Name } from '../name';
import '../../styles/admin.css';

const LIMIT = 25;
const SORT_LABEL: Record<AccountSort, 'admin.sortName' | 'admin.sortOrganization' | 'admin.sortLastSignIn'> = {
  name: 'admin.sortName',
  organization: 'admin.sortOrganization',
  lastSignIn: 'admin.sortLastSignIn',
};

/** Accounts, filtered by organization and role and sorted; an administrator edits them, resets passwords and disables them. */
export function AccountList() {
  const { t } = useTranslation();
  const orgLabel = useId();
  const [q, setQ] = useState('');
  const [org, setOrg] = useState<Organization | null>(null);
  const [role, setRole] = useState<Role | ''>('');
  const [sort, setSort] = useState<AccountSort>('name');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<AccountListItem> | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AccountListItem | null>(null);
  const [resetting, setResetting] = useState<AccountListItem | null>(null);
  const [error, setError] = useState<unknown>(null);
  const debounced = useDebounced(q, 250);
  const load = useCallback(() => {
    void call('accounts.list', { query: { limit: LIMIT, offset, q: debounced.trim() || undefined, organizationId: org?.id, role: role || undefined, sort } })
      .then((p) => (setPage(p), setError(null)))
      .catch(setError);
  }, [debounced, offset, org, role, sort]);
  useEffect(load, [load]);
  useEffect(() => setOffset(0), [debounced, org, role, sort]);

  const roleNames = (a: AccountListItem) => [...new Set(a.roles.map((r) => t(`roles.${r.role}`)))].join(', ');
  return (
    <section className="admin-accounts">
      <div className="page-head">
        <h1>{t('accounts.title')}</h1>
        <button className="primary" onClick={() => setCreating(true)}>
          {t('accounts.create')}
        </button>
      </div>
      <div className="filters admin-filters">
        <label>
          {t('admin.searchAccounts')}
          <input type="search" data-testid="account-search" placeholder={t('admin.searchPlaceholder')} value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <div className="admin-filter-org">
          <span id={orgLabel}>{t('admin.filterOrganization')}</span>
          <OrgPicker value={org} onChange={setOrg} testId="account-filter-org" labelledBy={orgLabel} />
        </div>
        <label>
          {t('admin.filterRole')}
          <select data-testid="account-filter-role" value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
            <option value="">{t('admin.allRoles')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.sort')}
          <select data-testid="account-sort" value={sort} onChange={(e) => setSort(e.target.value as AccountSort)}>
            {ACCOUNT_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(SORT_LABEL[s])}
              </option>
            ))}
          </select>
        </label>
        {page && <span className="muted" data-testid="account-total">{t('admin.total', { count: page.total })}</span>}
      </div>
      <ErrorBanner error={error} />
      {page && page.items.length === 0 ? (
        <p className="card muted" data-testid="account-empty">
          {t('admin.empty')}
        </p>
      ) : (
        <table className="table cards-on-phone" data-testid="account-table">
          <thead>
            <tr>
              <th>{t('accounts.fullName')}</th>
              <th>{t('accounts.username')}</th>
              <th>{t('accounts.organization')}</th>
              <th>{t('accounts.position')}</th>
              <th>{t('accounts.roles')}</th>
              <th>{t('admin.lastSignIn')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {page?.items.map((a) => (
              <tr key={a.id} className={a.disabled ? 'disabled' : ''} data-testid="account-row" data-username={a.username}>
                <td data-label={t('accounts.fullName')} className="account-name">
                  <Name text={a.fullName} />
                  {a.disabled && <span className="badge">{t('accounts.disabled')}</span>}
                  {a.mustChangePassword && <span className="badge att-late">{t('admin.mustChange')}</span>}
                </td>
                <td data-label={t('accounts.username')}>
                  <code>{a.username}</code>
                </td>
                <td data-label={t('accounts.organization')} data-testid="account-org">
                  <Name text={a.organizationName} />
                </td>
                <td data-label={t('accounts.position')} data-testid="account-position">
                  <Name text={a.position} />
                </td>
                <td data-label={t('accounts.roles')} data-testid="account-roles">
                  {roleNames(a)}
                </td>
                <td data-label={t('admin.lastSignIn')} data-testid="account-last-sign-in">
                  {a.lastSignInAt ? fmtDateTime(a.lastSignInAt) : <span className="muted">{t('admin.never')}</span>}
                </td>
                <td className="actions">
                  <button className="link" data-testid="account-edit" aria-label={t('admin.editAccount', { name: a.fullName })} onClick={() => setEditing(a)}>
                    {t('admin.edit')}
                  </button>
                  <button className="link" data-testid="account-reset" aria-label={t('admin.resetTitle', { name: a.fullName })} onClick={() => setResetting(a)}>
                    {t('admin.resetPassword')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && <Pager offset={offset} limit={LIMIT} total={page.total} onChange={setOffset} />}
      {creating && <AccountForm onClose={() => setCreating(false)} onSaved={() => (setCreating(false), load())} />}
      {editing && <AccountEditDialog account={editing} onClose={() => setEditing(null)} onSaved={load} />}
      {resetting && <ResetPasswordDialog account={resetting} onClose={() => (setResetting(null), load())} />}
    </section>
  );
}
