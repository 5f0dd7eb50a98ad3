import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KINDS, type Organization, type OrganizationKind, type Page } from '@app/contracts';
import { del, get, patch, post } from '../api/http';
import { hasRole, useAuth } from '../auth/auth';
import { OrgPicker } from '../components/org-picker';
import { ErrorBanner, Modal, Pager, useDebounced } from '../components/ui';
import { fieldErrorText } from '../i18n/errors';

const LIMIT = 25;

export function OrganizationsPage() {
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
    const params = new URLSearchParams({ limit: String(LIMIT), offset: String(offset) });
    if (debounced.trim()) params.set('q', debounced);
    if (kind) params.set('kind', kind);
    void get<Page<Organization>>(`/organizations?${params}`).then(setPage).catch(setError);
  }, [debounced, kind, offset]);
  useEffect(load, [load]);
  useEffect(() => setOffset(0), [debounced, kind]);

  const remove = async (o: Organization) => {
    if (!confirm(t('orgs.deleteConfirm', { name: o.name }))) return;
    try {
      await del(`/organizations/${o.id}`);
      load();
    } catch (err) {
      setError(err);
    }
  };

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
                  {o.name}
                </button>
              </td>
              <td>{o.shortName}</td>
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
                  <button className="link danger" onClick={() => void remove(o)}>
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
      {selected && <OrganizationDetail org={selected} onClose={() => setSelected(null)} />}
    </section>
  );
}

function OrganizationDetail({ org, onClose }: { org: Organization; onClose: () => void }) {
  const { t } = useTranslation();
  const [children, setChildren] = useState<Organization[]>([]);
  useEffect(() => void get<Page<Organization>>(`/organizations?parentId=${org.id}&limit=200`).then((p) => setChildren(p.items)), [org.id]);
  return (
    <Modal title={org.name} onClose={onClose}>
      <dl className="facts">
        <dt>{t('orgs.kind')}</dt>
        <dd>{t(`orgKinds.${org.kind}`)}</dd>
        <dt>{t('orgs.code')}</dt>
        <dd>{org.code}</dd>
        {org.formedFrom.length > 0 && (
          <>
            <dt>2025</dt>
            <dd>{org.formedFrom.join(', ')}</dd>
          </>
        )}
      </dl>
      <h3>{t('orgs.children')}</h3>
      <ul>{children.map((c) => <li key={c.id}>{c.name}</li>)}</ul>
    </Modal>
  );
}

function OrganizationForm({ org, onClose, onSaved }: { org: Organization | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(org?.name ?? '');
  const [shortName, setShortName] = useState(org?.shortName ?? '');
  const [code, setCode] = useState(org?.code ?? '');
  const [kind, setKind] = useState<OrganizationKind>(org?.kind ?? 'department');
  const [parent, setParent] = useState<Organization | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (org?.parentId) void get<Organization>(`/organizations/${org.parentId}`).then(setParent);
  }, [org?.parentId]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { name, shortName: shortName || null, code: code || null, kind, parentId: parent?.id ?? null };
    try {
      if (org) await patch(`/organizations/${org.id}`, body);
      else await post('/organizations', body);
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  const fieldError = (f: string) => fieldErrorText(error, f, t);
  return (
    <Modal title={org ? org.name : t('orgs.create')} onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        <label>
          {t('orgs.name')}
          <input data-testid="org-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={300} />
          <small className="field-error">{fieldError('name')}</small>
        </label>
        <label>
          {t('orgs.shortName')}
          <input value={shortName} onChange={(e) => setShortName(e.target.value)} maxLength={100} />
        </label>
        <label>
          {t('orgs.code')}
          <input value={code} onChange={(e) => setCode(e.target.value)} maxLength={32} />
          <small className="field-error">{fieldError('code')}</small>
        </label>
        <label>
          {t('orgs.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as OrganizationKind)}>
            {ORGANIZATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`orgKinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('orgs.parent')}
          <OrgPicker value={parent} onChange={setParent} />
        </label>
        <ErrorBanner error={error} />
        <button className="primary" data-testid="org-save">
          {t('common.save')}
        </button>
      </form>
    </Modal>
  );
}
