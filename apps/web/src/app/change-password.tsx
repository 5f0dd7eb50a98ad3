import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, session } from '../api/http';
import { NewPasswordField } from '../components/admin/password-field';
import { ErrorBanner, Modal } from '../components/ui';
import { fieldErrorText } from '../i18n/errors';
import { LanguageSwitch } from './language-switch';

export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await call('auth.changePassword', { body: { currentPassword: current, newPassword: next } });
      setDone(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Modal title={t('shell.changePassword')} onClose={onClose} testId="change-password">
      {done ? (
        <p className="banner ok" role="status">{t('password.changed')}</p>
      ) : (
        <form onSubmit={submit} className="stack">
          <label>
            {t('password.current')}
            <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
            <small className="field-error">{fieldErrorText(error, 'currentPassword', t)}</small>
          </label>
          <NewPasswordField label={t('password.new')} value={next} onChange={setNext} error={error} field="newPassword" testId="new-password" />
          <ErrorBanner error={error} />
          <button className="primary">{t('common.save')}</button>
        </form>
      )}
    </Modal>
  );
}

/**
 * After an administrator's reset: the whole screen until the temporary password is changed (the
 * api refuses everything else with password_change_required). Then the session is read again.
 */
export function ForcedPasswordChange() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== again) return setMismatch(true);
    setBusy(true);
    setError(null);
    try {
      await call('auth.changePassword', { body: { currentPassword: current, newPassword: next } });
      await session.refresh();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form onSubmit={(e) => void submit(e)} className="card login-card stack" data-testid="forced-password">
        <h1>{t('forcedPassword.title')}</h1>
        <p className="muted">{t('forcedPassword.message')}</p>
        <label>
          {t('forcedPassword.temporary')}
          <input type="password" data-testid="forced-current" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
          <small className="field-error">{fieldErrorText(error, 'currentPassword', t)}</small>
        </label>
        <NewPasswordField label={t('password.new')} value={next} onChange={(v) => (setNext(v), setMismatch(false))} error={error} field="newPassword" testId="forced-new" />
        <label>
          {t('forcedPassword.confirm')}
          <input type="password" data-testid="forced-again" autoComplete="new-password" value={again} onChange={(e) => (setAgain(e.target.value), setMismatch(false))} required aria-invalid={mismatch} />
          {mismatch && <small className="field-error" role="alert">{t('forcedPassword.mismatch')}</small>}
        </label>
        <ErrorBanner error={error} />
        <button className="primary" data-testid="forced-submit" disabled={busy}>
          {t('forcedPassword.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
