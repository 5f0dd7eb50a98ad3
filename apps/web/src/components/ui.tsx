import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorOf, describeError, describeFieldError, fieldErrorText } from '../i18n/errors';

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

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: labelled by its title, closes on Escape or a click outside,
 * keeps Tab inside itself while open and gives focus back to whatever opened it.
 */
export function Modal({ title, onClose, children, testId, initialFocus }: { title: string; onClose: () => void; children: ReactNode; testId?: string; /** a selector inside the dialog to focus first */ initialFocus?: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const box = ref.current;
    const first = (initialFocus && box?.querySelector<HTMLElement>(initialFocus)) || box?.querySelector<HTMLElement>(`.modal-body ${FOCUSABLE}`) || box;
    first?.focus();
    return () => {
      if (opener && document.contains(opener)) return opener.focus();
      // the opener went away (a confirmation that replaced its own button): keep focus in the dialog beneath, so Escape and Tab still work there
      const beneath = document.querySelectorAll<HTMLElement>('[role=dialog]');
      beneath[beneath.length - 1]?.focus();
    };
    // focus once, when the dialog opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close.current();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    if (!items.length) {
      e.preventDefault();
      return;
    }
    const [head, tail] = [items[0], items[items.length - 1]];
    if (e.shiftKey && (document.activeElement === head || document.activeElement === ref.current)) {
      e.preventDefault();
      tail.focus();
    } else if (!e.shiftKey && document.activeElement === tail) {
      e.preventDefault();
      head.focus();
    }
  };
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} ref={ref} onKeyDown={onKeyDown} data-testid={testId}>
        <header>
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="link modal-close" onClick={onClose} aria-label={t('common.close')}>
            ×
          </button>
        </header>
        <div className="modal-body">{children}</div>
      </div>
    </div>
  );
}

/**
 * Asks before an action that cannot be undone: a sentence naming exactly what
 * will happen, the action's own name on a danger button, and, when the action
 * needs one, a required reason. Stays open with the server's error if it fails.
 */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  onConfirm,
  onClose,
  reasonLabel,
  testId = 'confirm-dialog',
}: {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  /** resolves when done; the dialog then closes itself */
  onConfirm: (reason: string) => Promise<unknown>;
  onClose: () => void;
  /** asks for a reason, required, under this label */
  reasonLabel?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reasonLabel && !reason.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
      onClose();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const reasonError = missing ? t('dialogs.reasonRequired') : fieldErrorText(error, 'reason', t);
  return (
    <Modal title={title} onClose={onClose} testId={testId} initialFocus={reasonLabel ? 'textarea' : '[data-testid=confirm-cancel]'}>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <p className="confirm-message" data-testid="confirm-message">
          {message}
        </p>
        {reasonLabel && (
          <label htmlFor={reasonId}>
            {reasonLabel}
            <textarea
              id={reasonId}
              data-testid="confirm-reason"
              rows={3}
              maxLength={500}
              value={reason}
              aria-invalid={!!reasonError}
              aria-describedby={reasonError ? `${reasonId}-error` : undefined}
              onChange={(e) => (setReason(e.target.value), setMissing(false))}
            />
            {reasonError && (
              <small className="field-error" id={`${reasonId}-error`} data-testid="confirm-reason-error">
                {reasonError}
              </small>
            )}
          </label>
        )}
        {!!error && (
          <div className="banner error" role="alert" data-testid="confirm-error">
            {describeError(error, t)}
          </div>
        )}
        <div className="modal-actions">
          <button type="button" data-testid="confirm-cancel" onClick={onClose}>
            {t('dialogs.back')}
          </button>
          <button type="submit" className="primary danger-fill" data-testid="confirm-submit" disabled={busy}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
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
