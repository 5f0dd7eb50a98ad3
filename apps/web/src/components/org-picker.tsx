import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization, OrganizationKind } from '@app/contracts';
import { call } from '../api/http';
import { useDebounced } from './ui';
import { Name } from './name';

/** Picks an organization by accent-insensitive search on the server. */
export function OrgPicker({ value, onChange, kind, testId, labelledBy }: { value: Organization | null; onChange: (o: Organization | null) => void; kind?: OrganizationKind; testId?: string; /** the id of a visible label, when the picker is not inside a <label> */ labelledBy?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Organization[]>([]);
  const debounced = useDebounced(q, 200);
  useEffect(() => {
    if (!debounced.trim()) return setItems([]);
    void call('organizations.list', { query: { limit: 12, q: debounced, kind: kind || undefined } }).then((p) => setItems(p.items));
  }, [debounced, kind]);
  if (value) {
    return (
      <span className="chip" data-testid={testId}>
        {value.shortName ?? value.name}
        <button type="button" className="link" onClick={() => onChange(null)} aria-label={t('admin.removeOrganization', { name: value.shortName ?? value.name })}>
          ×
        </button>
      </span>
    );
  }
  return (
    <div className="picker">
      <input data-testid={testId} value={q} placeholder={t('orgs.searchPlaceholder')} aria-labelledby={labelledBy} onChange={(e) => setQ(e.target.value)} />
      {items.length > 0 && (
        <ul className="suggestions">
          {items.map((o) => (
            <li key={o.id}>
              <button type="button" onClick={() => (onChange(o), setQ(''), setItems([]))}>
                <Name text={o.name} />
                {o.shortName && o.shortName !== o.name ? <small> — <Name text={o.shortName} /></small> : null}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
