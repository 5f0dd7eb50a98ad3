import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ApiError, Organization, Role } from '@app/contracts';
import { logout, call } from '../api/http';
import { connectSocket, connectionState, serverNow, subscribeConnection, type ConnectionState } from '../api/socket';
import { hasRole, useAuth } from '../auth/auth';
import { fmt } from '../i18n';
import { LanguageSwitch } from './language-switch';
import { ChangePasswordDialog } from './change-password';
import { ErrorBanner } from '../components/ui';
import { Name } from '../components/name';
import '../styles/connection.css';
import '../styles/tasks.css';
import { NotificationBell } from '../components/notifications/notification-bell';

/** The navigation, by role: later features add an entry here. */
export const NAV: { to: string; label: string; roles: Role[] | 'all' }[] = [
  { to: '/', label: 'nav.mine', roles: 'all' },
  { to: '/meetings', label: 'nav.meetings', roles: 'all' },
  { to: '/tasks', label: 'nav.tasks', roles: 'all' },
  { to: '/organizations', label: 'nav.organizations', roles: 'all' },
  { to: '/accounts', label: 'nav.accounts', roles: ['admin'] },
];

/** bull-board is a page of its own: the api gives administrators a cookie for it, then it opens in a new tab. */
async function openQueueDashboard(onError: (err: unknown) => void) {
  const tab = window.open('about:blank', '_blank');
  try {
    const { url } = await call('admin.queueSession');
    if (tab) tab.location.href = url;
  } catch (err) {
    tab?.close();
    onError(err);
  }
}

/** The live connection as the header shows it (api/socket.ts keeps it). */
function useConnection(): ConnectionState {
  useEffect(() => void connectSocket(), []);
  return useSyncExternalStore(subscribeConnection, connectionState);
}

const STATUS_CLASS: Record<ConnectionState, string> = { connecting: 'off', online: 'on', offline: 'lost', restored: 'on' };

/**
 * Why the server closed the connection, when it said (`socket:error`, e.g. a message over its
 * size limit) or the transport did (WebSocket close 1009, a message far over it). The socket
 * reconnects by itself; this only tells the person what was lost.
 */
function useSocketError(): [ApiError | null, () => void] {
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    const s = connectSocket();
    const onError = (e: ApiError) => setError(e);
    const onDisconnect = (_reason: string, details?: unknown) => {
      const code = (details as { context?: { code?: unknown } } | undefined)?.context?.code;
      if (code === 1009) setError({ statusCode: 413, code: 'payload_too_large', message: 'WebSocket closed: message too big (1009)', params: {}, correlationId: '' });
    };
    s.on('socket:error', onError);
    s.on('disconnect', onDisconnect);
    return () => {
      s.off('socket:error', onError);
      s.off('disconnect', onDisconnect);
    };
  }, []);
  return [error, () => setError(null)];
}

function ServerClock() {
  const [now, setNow] = useState(serverNow());
  useEffect(() => {
    const t = setInterval(() => setNow(serverNow()), 1000);
    return () => clearInterval(t);
  }, []);
  return <span data-testid="server-clock">{fmt(new Date(now).toISOString(), { hour: '2-digit', minute: '2-digit', second: '2-digit' })}</span>;
}

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { account } = useAuth();
  const connection = useConnection();
  const connected = connection === 'online' || connection === 'restored';
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setMenuOpen(false), [pathname]);
  const [socketError, clearSocketError] = useSocketError();
  const [org, setOrg] = useState<Organization | null>(null);
  const [changing, setChanging] = useState(false);
  const [queueError, setQueueError] = useState<unknown>(null);
  useEffect(() => {
    if (account) void call('organizations.get', { params: { id: account.organizationId } }).then(setOrg).catch(() => undefined);
  }, [account]);
  if (!account) return null;
  const nav = NAV.filter((n) => n.roles === 'all' || hasRole(account, ...n.roles));
  return (
    <div className="shell">
      <header className="topbar" data-menu-open={menuOpen}>
        <div className="brand">
          <span className="emblem small" aria-hidden>
            ★
          </span>
          {t('app.name')}
        </div>
        <span
          className={`dot conn-status ${STATUS_CLASS[connection]}`}
          data-testid="socket-status"
          data-connected={connected}
          data-state={connection}
          role="status"
          aria-live="polite"
        >
          {t(`connection.${connection}`)}
        </span>
        <NotificationBell />
        <button
          type="button"
          className="menu-toggle"
          data-testid="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="shell-menu"
          aria-label={menuOpen ? t('connection.closeMenu') : t('connection.menu')}
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden>{menuOpen ? '✕' : '☰'}</span>
        </button>
        <div className="topbar-menu" id="shell-menu">
          <nav>
            {nav.map((n) => (
              <NavLink key={n.to} to={n.to} end={n.to === '/'} data-testid={`nav-${n.to.replace('/', '') || 'home'}`}>
                {t(n.label)}
              </NavLink>
            ))}
            {hasRole(account, 'admin') && (
              <button className="link" data-testid="nav-queues" onClick={() => (setQueueError(null), void openQueueDashboard(setQueueError))}>
                {t('nav.queues')}
              </button>
            )}
          </nav>
          <div className="session">
            <span className="muted" title={t('shell.serverTime')}>
              <ServerClock />
            </span>
            <LanguageSwitch />
            <span className="who" data-testid="current-user">
              <strong><Name text={account.fullName} /></strong>
              <small>{org?.shortName ?? org?.name ?? ''}</small>
            </span>
            <button className="link" onClick={() => setChanging(true)}>
              {t('shell.changePassword')}
            </button>
            <button className="link" data-testid="logout" onClick={() => void logout()}>
              {t('shell.logout')}
            </button>
          </div>
        </div>
      </header>
      {(connection === 'offline' || connection === 'restored') && (
        <div className={`connection-banner ${connection}`} data-testid="connection-banner" data-state={connection} role="status">
          {t(connection === 'offline' ? 'connection.offlineBanner' : 'connection.restoredBanner')}
        </div>
      )}
      {!!queueError && (
        <div className="shell-alert" data-testid="shell-error">
          <ErrorBanner error={queueError} />
          <button className="link" onClick={() => setQueueError(null)} aria-label={t('common.close')}>
            ×
          </button>
        </div>
      )}
      {socketError && (
        <div className="shell-alert" data-testid="socket-error">
          <ErrorBanner error={socketError} />
          <button className="link" onClick={clearSocketError} aria-label={t('common.close')}>
            ×
          </button>
        </div>
      )}
      <main className="content">{children}</main>
      {changing && <ChangePasswordDialog onClose={() => setChanging(false)} />}
    </div>
  );
}
