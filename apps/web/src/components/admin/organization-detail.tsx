import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization, Page } from '@app/contracts';
import { call } from '../../api/http';
import { Modal } from '../ui';
import { Name } from '../name';

export function OrganizationDetail({ org, onClose }: { org: Organization; onClose: () => void }) {
  const { t } = useTranslation();
  const [children, setChildren] = useState<Organization[]>([]);
  useEffect(() => void call('organizations.list', { query: { parentId: org.id, limit: 200 } }).then((p) => setChildren(p.items)), [org.id]);
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
      <ul>{children.map((c) => <li key={c.id}><Name text={c.name} /></li>)}</ul>
    </Modal>
  );
}
