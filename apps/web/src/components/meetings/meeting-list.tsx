import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { MEETING_STATUSES, localDateOf, type Meeting, type MeetingStatus, type Page } from '@app/contracts';
import { call } from '../../api/http';
import { hasRole, useAuth } from '../../auth/auth';
import { fmt, fmtTime } from '../../i18n';
import { ErrorBanner, Pager, useDebounced } from '../ui';
import { StatusBadge } from './status-badge';

const LIMIT = 50;

function MeetingRow({ m }: { m: Meeting }) {
  const { t } = useTranslation();
  return (
    <tr data-testid="meeting-row">
      <td>
        <Link to={`/meetings/${m.id}`}>{m.title}</Link>
        <div className="muted small">{m.hostOrganizationName}</div>
      </td>
      <td>{t(`meetingKinds.${m.kind}`)}</td>
      <td>
        {fmt(m.scheduledStart)} – {fmtTime(m.scheduledEnd)}
      </td>
      <td>{m.endpointCount}</td>
      <td>
        <StatusBadge status={m.status} />
      </td>
    </tr>
  );
}

/** All meetings: search, filters, list or calendar. */
export function MeetingList() {
  const { t } = useTranslation();
  const { account } = useAuth();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<MeetingStatus | ''>('');
  const [from, setFrom] = useState(localDateOf(new Date()).slice(0, 8) + '01');
  const [to, setTo] = useState('');
  const [view, setView] = useState<'list' | 'calendar'>('list');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<Meeting> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const debounced = useDebounced(q, 250);
  useEffect(() => {
    void call('meetings.list', { query: { limit: LIMIT, offset, q: debounced || undefined, status: status || undefined, from: from || undefined, to: to || undefined } })
      .then(setPage)
      .catch(setError);
  }, [debounced, status, from, to, offset]);

  return (
    <section>
      <div className="page-head">
        <h1>{t('meetings.title')}</h1>
        <div className="segmented">
          <button className={view === 'list' ? 'active' : ''} onClick={() => setView('list')}>
            {t('meetings.list')}
          </button>
          <button className={view === 'calendar' ? 'active' : ''} onClick={() => setView('calendar')}>
            {t('meetings.calendar')}
          </button>
        </div>
        {hasRole(account, 'organizer', 'admin') && (
          <Link className="button primary" to="/meetings/new" data-testid="meeting-create">
            {t('meetings.create')}
          </Link>
        )}
      </div>
      <div className="filters">
        <input type="search" placeholder={t('common.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        <select value={status} onChange={(e) => setStatus(e.target.value as MeetingStatus | '')}>
          <option value="">{t('common.all')}</option>
          {MEETING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </select>
        <label className="inline">
          {t('meetings.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="inline">
          {t('meetings.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      <ErrorBanner error={error} />
      {page && page.items.length === 0 && <p className="muted">{t('meetings.noMeetings')}</p>}
      {page && view === 'list' && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('meetings.name')}</th>
              <th>{t('meetings.kind')}</th>
              <th>{t('meetings.start')}</th>
              <th>{t('meetings.endpoints')}</th>
              <th>{t('meetings.status')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((m) => (
              <MeetingRow key={m.id} m={m} />
            ))}
          </tbody>
        </table>
      )}
      {page && view === 'calendar' && <CalendarView meetings={page.items} />}
      {page && <Pager offset={offset} limit={LIMIT} total={page.total} onChange={setOffset} />}
    </section>
  );
}

/** Meetings grouped by their local day (Asia/Ho_Chi_Minh). */
function CalendarView({ meetings }: { meetings: Meeting[] }) {
  const days = useMemo(() => {
    const map = new Map<string, Meeting[]>();
    for (const m of meetings) {
      const d = localDateOf(m.scheduledStart);
      map.set(d, [...(map.get(d) ?? []), m]);
    }
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [meetings]);
  return (
    <div className="calendar">
      {days.map(([d, list]) => (
        <div key={d} className="day">
          <h3>{fmt(`${d}T05:00:00Z`, { weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' })}</h3>
          {list.map((m) => (
            <Link key={m.id} to={`/meetings/${m.id}`} className={`event status-${m.status}`}>
              <strong>{fmtTime(m.scheduledStart)}</strong> {m.title}
            </Link>
          ))}
        </div>
      ))}
    </div>
  );
}
