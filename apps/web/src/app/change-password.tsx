import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HttpError, call } from '../api/http';
import { ErrorBanner, Modal } from '../components/ui';
import { fieldErrorText } from '../i18n/errors';

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
    <Modal title={t('shell.changePassword')} onClose={onClose}>
      {done ? (
        <p className="banner ok">{t('password.changed')}</p>
      ) : (
        <form onSubmit={submit} className="stack">
          <label>
            {t('password.current')}
            <input type="password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
            {error instanceof HttpError && <small className="field-error">{fieldErrorText(error, 'currentPassword', t)}</small>}
          </label>
          <label>
            {t('password.new')}
            <input type="password" value={next} onChange={(e) => setNext(e.target.value)} required minLength={10} />
            {error instanceof HttpError && <small className="field-error">{fieldErrorText(error, 'newPassword', t)}</small>}
          </label>
          <ErrorBanner error={error} />
          <button className="primary">{t('common.save')}</button>
        </form>
      )}
    </Modal>
  );
}
