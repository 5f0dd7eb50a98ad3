import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView, Page } from '@app/contracts';
import { call } from '../../api/http';
import { ErrorBanner, Pager, useDebounced } from '../ui';
import { AccountForm } from './account-form';
import { Name } from '../name';

const LIMIT = 25;

/** Accounts, searchable, with their roles; an administrator creates and disables them. */
export function AccountList() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<AccountView> | null>(null);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const debounced = useDebounced(q, 250);
  const load = useCallback(() => {
    void call('accounts.list', { query: { limit: LIMIT, offset, q: debounced || undefined } }).then(setPage).catch(setError);
  }, [debounced, offset]);
  useEffect(load, [load]);
  const toggle = async (a: AccountView) => {
    try {
      await call('accounts.update', { params: { id: a.id }, body: { disabled: !a.disabled } });
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
              <td><Name text={a.fullName} /></td>
              <td>
                <code>{a.username}</code>
              </td>
              <td><Name text={a.position} /></td>
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
