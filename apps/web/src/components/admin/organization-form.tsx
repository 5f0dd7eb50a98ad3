import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KINDS, type Organization, type OrganizationKind } from '@app/contracts';
import { call } from '../../api/http';
import { fieldErrorText } from '../../i18n/errors';
import { OrgPicker } from '../org-picker';
import { ErrorBanner, Modal } from '../ui';

export function OrganizationForm({ org, onClose, onSaved }: { org: Organization | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(org?.name ?? '');
  const [shortName, setShortName] = useState(org?.shortName ?? '');
  const [code, setCode] = useState(org?.code ?? '');
  const [kind, setKind] = useState<OrganizationKind>(org?.kind ?? 'department');
  const [parent, setParent] = useState<Organization | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (org?.parentId) void call('organizations.get', { params: { id: org.parentId } }).then(setParent);
  }, [org?.parentId]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { name, shortName: shortName || null, code: code || null, kind, parentId: parent?.id ?? null };
    try {
      if (org) await call('organizations.update', { params: { id: org.id }, body });
      else await call('organizations.create', { body });
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
