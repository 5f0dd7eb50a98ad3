import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KINDS, type Organization, type OrganizationKind, type Page } from '@app/contracts';
import { call } from '../../api/http';
import { hasRole, useAuth } from '../../auth/auth';
import { ConfirmDialog, ErrorBanner, Pager, useDebounced } from '../ui';
import { OrganizationDetail } from './organization-detail';
import { OrganizationForm } from './organization-form';
import { Name } from '../name';

const LIMIT = 25;

/** The organizations (ministries, provinces, communes...), searchable in Vietnamese; an administrator edits them. */
export function OrganizationList() {
  const { t } = useTranslation();
  const { account } = useAuth();
  const isAdmin = hasRole(account, 'admin');
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<OrganizationKind | ''>('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<Organization> | null>(null);
  const [editing, setEditing] = useState<Organization | 'new' | null>(null);
  const [selected, setSelected] = useState<Organization | null>(null);
  const [error, setError] = useState<unknown>(null);
  const debounced = useDebounced(q, 250);

  const load = useCallback(() => {
    void call('organizations.list', { query: { limit: LIMIT, offset, q: debounced.trim() || undefined, kind: kind || undefined } }).then(setPage).catch(setError);
  }, [debounced, kind, offset]);
  useEffect(load, [load]);
  useEffect(() => setOffset(0), [debounced, kind]);

  const [removing, setRemoving] = useState<Organization | null>(null);

  return (
    <section>
      <div className="page-head">
        <h1>{t('orgs.title')}</h1>
        {isAdmin && (
          <button className="primary" data-testid="org-create" onClick={() => setEditing('new')}>
            {t('orgs.create')}
          </button>
        )}
      </div>
      <div className="filters">
        <input data-testid="org-search" type="search" placeholder={t('orgs.searchPlaceholder')} value={q} onChange={(e) => setQ(e.target.value)} />
        <select data-testid="org-kind" value={kind} onChange={(e) => setKind(e.target.value as OrganizationKind | '')}>
          <option value="">{t('common.all')}</option>
          {ORGANIZATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`orgKinds.${k}`)}
            </option>
          ))}
        </select>
        {page && <span className="muted">{t('orgs.total', { count: page.total })}</span>}
      </div>
      <ErrorBanner error={error} />
      <table className="table" data-testid="org-table">
        <thead>
          <tr>
            <th>{t('orgs.name')}</th>
            <th>{t('orgs.shortName')}</th>
            <th>{t('orgs.code')}</th>
            <th>{t('orgs.kind')}</th>
            <th>{t('orgs.children')}</th>
            {isAdmin && <th>{t('common.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {page?.items.map((o) => (
            <tr key={o.id} data-testid="org-row">
              <td>
                <button className="link" onClick={() => setSelected(o)}>
                  <Name text={o.name} />
                </button>
              </td>
              <td><Name text={o.shortName} /></td>
              <td>
                <code>{o.code}</code>
              </td>
              <td>{t(`orgKinds.${o.kind}`)}</td>
              <td>{o.childCount || ''}</td>
              {isAdmin && (
                <td className="actions">
                  <button className="link" onClick={() => setEditing(o)}>
                    {t('common.edit')}
                  </button>
                  <button className="link danger" data-testid="org-delete" onClick={() => setRemoving(o)}>
                    {t('common.delete')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {page && <Pager offset={offset} limit={LIMIT} total={page.total} onChange={setOffset} />}
      {editing && <OrganizationForm org={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => (setEditing(null), load())} />}
      {removing && (
        <ConfirmDialog
          title={t('dialogs.deleteOrgTitle')}
          message={t('dialogs.deleteOrgMessage', { name: removing.name })}
          confirmLabel={t('common.delete')}
          onConfirm={() => call('organizations.remove', { params: { id: removing.id } }).then(load)}
          onClose={() => setRemoving(null)}
        />
      )}
      {selected && <OrganizationDetail org={selected} onClose={() => setSelected(null)} />}
    </section>
  );
}
