import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorOf, describeError, describeFieldError } from '../i18n/errors';

/** An error, in the reader's language: the code's translation and each invalid field beside its name. */
export function ErrorBanner({ error, labels }: { error: unknown; labels?: Record<string, string> }) {
  const { t } = useTranslation();
  if (!error) return null;
  const fields = apiErrorOf(error)?.fields;
  return (
    <div className="banner error" role="alert" data-testid="error">
      <strong>{describeError(error, t)}</strong>
      {fields && fields.length > 0 && (
        <ul>
          {fields.slice(0, 20).map((f) => (
            <li key={f.field + f.code}>{describeFieldError(f, t, labels)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" role="dialog" aria-label={title} onClick={(e) => e.stopPropagation()}>
        <header>
          <h2>{title}</h2>
          <button className="link" onClick={onClose} aria-label="close">
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}

export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function Pager({ offset, limit, total, onChange }: { offset: number; limit: number; total: number; onChange: (offset: number) => void }) {
  const { t } = useTranslation();
  if (total <= limit) return null;
  return (
    <div className="pager">
      <button disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        {t('common.previous')}
      </button>
      <span>
        {offset + 1}–{Math.min(offset + limit, total)} / {total}
      </span>
      <button disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>
        {t('common.next')}
      </button>
    </div>
  );
}

/** What a page shows while its chunk (or its data) loads: the same line as the pages' own loading state. */
export function Loading() {
  const { t } = useTranslation();
  return <p>{t('common.loading')}</p>;
}
