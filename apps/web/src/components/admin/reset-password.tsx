import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountListItem } from '@app/contracts';
import { call } from '../../api/http';
import { describeError } from '../../i18n/errors';
import { Modal } from '../ui';
import { NewPasswordField } from './password-field';

// No 0/O, 1/l/I: the administrator reads the password out to the person over the phone.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Four groups of four random characters (about 93 bits), dash-separated so it can be read out. */
export function generateTemporaryPassword(): string {
  const bytes = crypto.getRandomValues(new Uint32Array(16));
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/**
 * Sets a temporary password for someone who lost theirs: typed or generated, the dialog says first what
 * happens (their sessions end, they must change it at the next sign-in) and afterwards that it is done.
 */
export function ResetPasswordDialog({ account, onClose }: { account: AccountListItem; onClose: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [generated, setGenerated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const name = account.fullName;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('accounts.resetPassword', { params: { id: account.id }, body: { password } });
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const generate = () => {
    const p = generateTemporaryPassword();
    setPassword(p);
    setGenerated(p);
    setError(null);
  };
  return (
    <Modal title={t('admin.resetTitle', { name })} onClose={onClose} testId="reset-dialog">
      {done ? (
        <div className="stack">
          <p className="banner ok" role="status" data-testid="reset-done">
            {t('admin.resetDone', { name })}
          </p>
          {generated === password && (
            <p>
              {t('admin.generated')} <code className="temp-password" data-testid="reset-generated">{generated}</code>
            </p>
          )}
          <div className="modal-actions">
            <button type="button" className="primary" onClick={onClose}>
              {t('admin.close')}
            </button>
          </div>
        </div>
      ) : (
        <form className="stack admin-edit" onSubmit={(e) => void submit(e)}>
          <p className="confirm-message">{t('admin.resetMessage', { name })}</p>
          <NewPasswordField
            label={t('admin.temporaryPassword')}
            value={password}
            onChange={(v) => (setPassword(v), setGenerated(null))}
            error={error}
            field="password"
            testId="reset-password"
          />
          <div className="row">
            <button type="button" data-testid="reset-generate" onClick={generate}>
              {t('admin.generate')}
            </button>
            {generated && (
              <span>
                {t('admin.generated')} <code className="temp-password" data-testid="reset-generated">{generated}</code>
              </span>
            )}
          </div>
          {!!error && (
            <div className="banner error" role="alert" data-testid="reset-error">
              {describeError(error, t)}
            </div>
          )}
          <div className="modal-actions">
            <button type="button" onClick={onClose}>
              {t('dialogs.back')}
            </button>
            <button type="submit" className="primary danger-fill" data-testid="reset-submit" disabled={busy}>
              {t('admin.resetSubmit')}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
