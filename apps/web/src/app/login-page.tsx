import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { login } from '../api/http';
import { LanguageSwitch } from './language-switch';
import { describeError } from '../i18n/errors';
import { useAuth } from '../auth/auth';
import { usePageTitle } from './page-title';

export function LoginPage() {
  const { t } = useTranslation();
  const { endedBecause, unreachable } = useAuth();
  usePageTitle('login');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form onSubmit={submit} className="card login-card">
        <div className="emblem" aria-hidden>
          ★
        </div>
        <h1>{t('app.name')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        <h2>{t('login.title')}</h2>
        {endedBecause && !error && (
          <div className={`banner ${endedBecause === 'logout' ? 'ok' : 'warn'}`} role="status" data-testid="signed-out-reason" data-reason={endedBecause}>
            {t(`connection.signedOut.${endedBecause}`)}
          </div>
        )}
        {unreachable && !endedBecause && (
          <div className="banner warn" role="status" data-testid="login-unreachable">
            {t('connection.unreachable')}
          </div>
        )}
        <label>
          {t('login.username')}
          <input data-testid="login-username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          {t('login.password')}
          <input data-testid="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && (
          <div className="banner error" role="alert" data-testid="login-error">
            {error}
          </div>
        )}
        <button className="primary" data-testid="login-submit" disabled={busy}>
          {t('login.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
