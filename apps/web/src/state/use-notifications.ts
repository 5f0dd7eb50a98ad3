import { useEffect, useState } from 'react';
import type { AppNotification, NotificationNew } from '@app/contracts';
import { call } from '../api/http';
import { connectSocket } from '../api/socket';

/** The account's unread count and newest notifications: read on (re)connect, then followed live on the account room. */
export function useNotifications(): { unread: number; latest: AppNotification[]; setUnread: (n: number) => void; reload: () => void } {
  const [unread, setUnread] = useState(0);
  const [latest, setLatest] = useState<AppNotification[]>([]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const socket = connectSocket();
    let alive = true;
    const load = () =>
      void call('notifications.list', { query: { limit: 8 } }).then(
        (p) => alive && (setUnread(p.unread), setLatest(p.items)),
        () => undefined,
      );
    const on = (n: NotificationNew) => {
      setUnread(n.unread);
      setLatest((l) => [n.notification, ...l.filter((x) => x.id !== n.notification.id)].slice(0, 8));
    };
    socket.on('notification:new', on);
    socket.on('connect', load);
    load();
    return () => {
      alive = false;
      socket.off('notification:new', on);
      socket.off('connect', load);
    };
  }, [tick]);
  return { unread, latest, setUnread, reload: () => setTick((t) => t + 1) };
}
