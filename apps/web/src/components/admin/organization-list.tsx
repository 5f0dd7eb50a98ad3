import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KINDS, type FormerUnit, type Organization, type OrganizationKind, type OrganizationPage } from '@app/contracts';
import { call } from '../../api/http';
import { hasRole, useAuth } from '../../auth/auth';
import { ConfirmDialog, ErrorBanner, Pager, useDebounced } from '../ui';
import { OrganizationDetail } from './organization-detail';
import { OrganizationForm } from './organization-form';
import { Name } from '../name';
import '../../styles/admin.css';

// Provincial-level units that were cities before 2025-07-01 and those that are cities since (Huế joined in 2025).
const FORMER_CITIES = new Set(['Hà Nội', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ']);
const CITIES_NOW = new Set(['Hà Nội', 'Huế', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ']);
const CITY_PREFIX = /^thành phố /i;

/** "Tỉnh Hòa Bình (trước 01/07/2025) nay thuộc tỉnh Phú Thọ": read from the search's formerUnits, above the rows. */
function FormerUnitsNotice({ units }: { units: FormerUnit[] }) {
  const { t } = useTranslation();
  if (!units.length) return null;
  const bare = (n: string) => n.replace(CITY_PREFIX, '');
  const before = (n: string) => t(CITY_PREFIX.test(n) || FORMER_CITIES.has(n) ? 'formerUnits.city' : 'formerUnits.province', { name: bare(n) });
  const now = (n: string) => t(CITY_PREFIX.test(n) || CITIES_NOW.has(n) ? 'formerUnits.nowCity' : 'formerUnits.nowProvince', { name: bare(n) });
  return (
    <div className="banner warn former-units" role="status" data-testid="former-units">
      {units.map((u) => (
        <p key={u.name}>{t('formerUnits.notice', { name: before(u.name), now: now(u.now) })}</p>
      ))}
    </div>
  );
}

const LIMIT = 25;

/** The organizations (ministries, provinces, communes...), searchable in Vietnamese; an administrator edits them. */
export function OrganizationList() {
  const { t } = useTranslation();
  const { account } = useAuth();
  const isAdmin = hasRole(account, 'admin');
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<OrganizationKind | ''>('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<OrganizationPage | null>(null);
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
        <input data-testid="org-search" type="search" aria-label={t('common.search')} placeholder={t('orgs.searchPlaceholder')} value={q} onChange={(e) => setQ(e.target.value)} />
        <select data-testid="org-kind" aria-label={t('a11y.orgKind')} value={kind} onChange={(e) => setKind(e.target.value as OrganizationKind | '')}>
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
      {page && <FormerUnitsNotice units={page.formerUnits} />}
      <table className="table cards-on-phone" data-testid="org-table">
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
              <td data-label={t('orgs.name')} className="account-name">
                <button className="link" onClick={() => setSelected(o)}>
                  <Name text={o.name} />
                </button>
              </td>
              <td data-label={t('orgs.shortName')}><Name text={o.shortName} /></td>
              <td data-label={t('orgs.code')}>
                <code>{o.code}</code>
              </td>
              <td data-label={t('orgs.kind')}>{t(`orgKinds.${o.kind}`)}</td>
              <td data-label={t('orgs.children')} className={o.childCount ? '' : 'empty-cell'}>{o.childCount || ''}</td>
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
