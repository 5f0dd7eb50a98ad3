import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonRef, Role } from '@app/contracts';
import { call } from '../api/http';
import { useDebounced } from './ui';
import { Name } from './name';

export function PersonPicker({ value, onChange, role, testId }: { value: PersonRef | null; onChange: (p: PersonRef | null) => void; role?: Role; testId?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<PersonRef[]>([]);
  const debounced = useDebounced(q, 200);
  useEffect(() => {
    if (!debounced.trim()) return setItems([]);
    void call('accounts.people', { query: { q: debounced, role: role || undefined } }).then(setItems);
  }, [debounced, role]);
  if (value)
    return (
      <span className="chip" data-testid={testId}>
        <Name text={value.fullName} />
        <button type="button" className="link" onClick={() => onChange(null)} aria-label={t('admin.removePerson', { name: value.fullName })}>
          ×
        </button>
      </span>
    );
  return (
    <div className="picker">
      <input data-testid={testId} value={q} placeholder={t('common.search')} onChange={(e) => setQ(e.target.value)} />
      {items.length > 0 && (
        <ul className="suggestions">
          {items.map((p) => (
            <li key={p.id}>
              <button type="button" onClick={() => (onChange(p), setQ(''), setItems([]))}>
                <Name text={p.fullName} /> {p.position ? <small>— <Name text={p.position} /></small> : null}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
