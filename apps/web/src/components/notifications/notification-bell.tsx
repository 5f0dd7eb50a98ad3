import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/http';
import { fmtDateTime } from '../../i18n';
import { useNotifications } from '../../state/use-notifications';
import '../../styles/notifications.css';

/** The header's bell: the unread count, live; the newest notifications on click, each opening what it is about. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { unread, latest, setUnread, reload } = useNotifications();
  const [open, setOpen] = useState(false);
  const openOne = async (id: string, link: string | null) => {
    setOpen(false);
    setUnread((await call('notifications.markRead', { body: { ids: [id] } })).unread);
    reload();
    if (link) navigate(link);
  };
  return (
    <span className="bell">
      <button type="button" className="link bell-button" data-testid="notification-bell" aria-expanded={open} aria-label={t('notifications.bell', { count: unread })} onClick={() => setOpen((o) => !o)}>
        <svg aria-hidden width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.73 21a2 2 0 0 1-3.46 0" />
        </svg>
        {unread > 0 && (
          <span className="bell-count" data-testid="notification-count">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div className="bell-panel card" data-testid="notification-panel">
          {latest.length ? (
            <ul>
              {latest.map((n) => (
                <li key={n.id} className={n.readAt ? '' : 'unread'}>
                  <button type="button" className="link" data-testid="notification-item" onClick={() => void openOne(n.id, n.link)}>
                    {n.title}
                  </button>
                  <div className="muted small">{fmtDateTime(n.createdAt)}</div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('notifications.empty')}</p>
          )}
          <div className="row">
            <button type="button" className="link" onClick={() => void call('notifications.markRead', { body: { all: true } }).then((r) => (setUnread(r.unread), reload()))}>
              {t('notifications.markAll')}
            </button>
            <Link to="/notifications/preferences" onClick={() => setOpen(false)}>
              {t('notifications.preferences')}
            </Link>
          </div>
        </div>
      )}
    </span>
  );
}
