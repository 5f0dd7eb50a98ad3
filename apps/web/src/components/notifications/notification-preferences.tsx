import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationPreferences } from '@app/contracts';
import { call } from '../../api/http';
import { ErrorBanner, Loading } from '../ui';

/** Which kinds of notification also go by email, and to which address. */
export function NotificationPreferencesForm() {
  const { t } = useTranslation();
  const [prefs, setPrefs] = useState<NotificationPreferences | null>(null);
  const [email, setEmail] = useState('');
  const [kinds, setKinds] = useState<NotificationKind[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(
    () =>
      void call('notifications.preferences').then((p) => {
        setPrefs(p);
        setEmail(p.email ?? '');
        setKinds(p.emailKinds);
      }, setError),
    [],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError(null);
    void call('notifications.setPreferences', { body: { email: email.trim() || null, emailKinds: kinds } }).then((p) => (setPrefs(p), setSaved(true)), setError);
  };
  if (!prefs) return error ? <ErrorBanner error={error} /> : <Loading />;
  return (
    <section>
      <h1>{t('notifications.preferences')}</h1>
      <form className="card stack" onSubmit={submit} data-testid="notification-preferences">
        <label>
          {t('notifications.email')}
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="notification-email" />
        </label>
        <fieldset className="stack">
          <legend>{t('notifications.byEmail')}</legend>
          {NOTIFICATION_KINDS.map((k) => (
            <label key={k} className="inline">
              <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds((ks) => (e.target.checked ? [...ks, k] : ks.filter((x) => x !== k)))} /> {t(`notifications.kinds.${k}`)}
            </label>
          ))}
        </fieldset>
        <ErrorBanner error={error} />
        {saved && <p role="status">{t('common.saved')}</p>}
        <div>
          <button className="primary">{t('common.save')}</button>
        </div>
      </form>
    </section>
  );
}
