import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { MEETING_STATUSES, localDateOf, type Meeting, type MeetingStatus, type Page } from '@app/contracts';
import { call } from '../../api/http';
import { hasRole, useAuth } from '../../auth/auth';
import { timeRange } from './conflict-dialog';
import { MeetingCalendar, addDays, addMonths, useCalendarTitle, visibleDays, type CalendarMode } from './meeting-calendar';
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
      <td>{timeRange(m.scheduledStart, m.scheduledEnd)}</td>
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
  // the view and the day it shows live in the address, so a calendar page can be linked and comes back on reload
  const [search, setSearch] = useSearchParams();
  const view: 'list' | CalendarMode = search.get('view') === 'month' || search.get('view') === 'week' ? (search.get('view') as CalendarMode) : 'list';
  const today = localDateOf(new Date());
  const anchor = /^\d{4}-\d{2}-\d{2}$/.test(search.get('date') ?? '') ? search.get('date')! : today;
  const go = (next: { view?: 'list' | CalendarMode; date?: string }) => {
    const params = new URLSearchParams(search);
    if (next.view) params.set('view', next.view);
    if (next.date) params.set('date', next.date);
    if (params.get('view') === 'list') params.delete('date');
    setSearch(params, { replace: false });
  };
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<Meeting> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const debounced = useDebounced(q, 250);
  const days = view === 'list' ? null : visibleDays(view, anchor);
  const range = days ? { from: days[0], to: days[days.length - 1] } : { from: from || undefined, to: to || undefined };
  useEffect(() => {
    setError(null);
    void call('meetings.list', { query: { limit: days ? 500 : LIMIT, offset: days ? 0 : offset, q: debounced || undefined, status: status || undefined, from: range.from, to: range.to } })
      .then(setPage)
      .catch(setError);
  }, [debounced, status, range.from, range.to, offset, days?.length]);
  const step = (n: number) => go({ date: view === 'month' ? addMonths(anchor, n) : addDays(anchor, 7 * n) });
  const title = useCalendarTitle(view === 'list' ? 'month' : view, anchor);

  return (
    <section>
      <div className="page-head">
        <h1>{t(view === 'list' ? 'meetings.title' : 'scheduling.calendarTitle')}</h1>
        <div className="segmented" role="group" aria-label={t('scheduling.calendarTitle')}>
          {(['list', 'month', 'week'] as const).map((v) => (
            <button key={v} className={view === v ? 'active' : ''} aria-pressed={view === v} data-testid={`view-${v}`} onClick={() => go({ view: v })}>
              {t(v === 'list' ? 'scheduling.viewList' : v === 'month' ? 'scheduling.viewMonth' : 'scheduling.viewWeek')}
            </button>
          ))}
        </div>
        {hasRole(account, 'organizer', 'admin') && (
          <Link className="button primary" to="/meetings/new" data-testid="meeting-create">
            {t('meetings.create')}
          </Link>
        )}
      </div>
      <div className="filters">
        <input type="search" aria-label={t('common.search')} placeholder={t('common.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        <select aria-label={t('a11y.meetingStatus')} value={status} onChange={(e) => setStatus(e.target.value as MeetingStatus | '')}>
          <option value="">{t('common.all')}</option>
          {MEETING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </select>
        {view === 'list' && (
          <>
            <label className="inline">
              {t('meetings.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            </label>
            <label className="inline">
              {t('meetings.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </label>
          </>
        )}
      </div>
      {view !== 'list' && (
        <div className="cal-nav" data-testid="cal-nav">
          <button type="button" data-testid="cal-prev" aria-label={t(view === 'month' ? 'scheduling.prevMonth' : 'scheduling.prevWeek')} onClick={() => step(-1)}>
            ‹ {t('scheduling.prev')}
          </button>
          <button type="button" data-testid="cal-today" onClick={() => go({ date: today })} disabled={visibleDays(view, today)[0] === days![0]}>
            {t('scheduling.today')}
          </button>
          <button type="button" data-testid="cal-next" aria-label={t(view === 'month' ? 'scheduling.nextMonth' : 'scheduling.nextWeek')} onClick={() => step(1)}>
            {t('scheduling.next')} ›
          </button>
          <h2 data-testid="cal-title">{title}</h2>
        </div>
      )}
      <ErrorBanner error={error} />
      {page && view === 'list' && page.items.length === 0 && <p className="muted">{t('meetings.noMeetings')}</p>}
      {page && view === 'list' && page.items.length > 0 && (
        <div className="table-scroll">
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
        </div>
      )}
      {page && view !== 'list' && <MeetingCalendar mode={view} anchor={anchor} meetings={page.items} />}
      {page && view === 'list' && <Pager offset={offset} limit={LIMIT} total={page.total} onChange={setOffset} />}
    </section>
  );
}
