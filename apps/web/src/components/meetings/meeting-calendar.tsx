import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { localDateOf, localInputOf, type Meeting } from '@app/contracts';
import { fmtTime } from '../../i18n';
import '../../styles/scheduling.css';

/*
 * Days here are calendar days in Asia/Ho_Chi_Minh, written YYYY-MM-DD, and computed as UTC dates (a day is
 * always 24 h there: no daylight saving), so the browser's own zone never moves a meeting to another day.
 */
const DAY_MS = 86_400_000;
const toUtc = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const ofUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (day: string, n: number) => ofUtc(toUtc(day) + n * DAY_MS);
/** 0 = Monday … 6 = Sunday */
const weekdayOf = (day: string) => (new Date(toUtc(day)).getUTCDay() + 6) % 7;
export const mondayOf = (day: string) => addDays(day, -weekdayOf(day));
export const addMonths = (day: string, n: number) => {
  const d = new Date(toUtc(day.slice(0, 8) + '01'));
  d.setUTCMonth(d.getUTCMonth() + n);
  return ofUtc(d.getTime());
};
const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

export type CalendarMode = 'month' | 'week';

/** The days a view shows: whole weeks from Monday, covering the month (5 or 6 weeks) or the week of `anchor`. */
export function visibleDays(mode: CalendarMode, anchor: string): string[] {
  if (mode === 'week') return Array.from({ length: 7 }, (_, i) => addDays(mondayOf(anchor), i));
  const first = anchor.slice(0, 8) + '01';
  const last = addDays(addMonths(first, 1), -1);
  const start = mondayOf(first);
  const weeks = Math.ceil((toUtc(last) - toUtc(start) + DAY_MS) / (7 * DAY_MS));
  return Array.from({ length: weeks * 7 }, (_, i) => addDays(start, i));
}

/** The local days a meeting touches (a meeting ending at midnight does not touch the next day). */
function daysOf(m: Meeting): string[] {
  const first = localDateOf(m.scheduledStart);
  const last = localDateOf(new Date(new Date(m.scheduledEnd).getTime() - 1));
  const days: string[] = [];
  for (let d = first; d <= last && days.length < 7; d = addDays(d, 1)) days.push(d);
  return days;
}

function byDay(meetings: Meeting[]) {
  const map = new Map<string, Meeting[]>();
  for (const m of meetings) for (const d of daysOf(m)) map.set(d, [...(map.get(d) ?? []), m]);
  for (const list of map.values()) list.sort((a, b) => a.scheduledStart.localeCompare(b.scheduledStart));
  return map;
}

export function useNarrow(maxWidth = 640) {
  const query = `(max-width: ${maxWidth}px)`;
  const [narrow, setNarrow] = useState(() => typeof window !== 'undefined' && window.matchMedia(query).matches);
  useEffect(() => {
    const mq = window.matchMedia(query);
    const on = () => setNarrow(mq.matches);
    on();
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [query]);
  return narrow;
}

function Event({ m, compact }: { m: Meeting; compact?: boolean }) {
  return (
    <Link to={`/meetings/${m.id}`} className={`cal-event status-${m.status}`} data-testid="cal-event" title={`${fmtTime(m.scheduledStart)}–${fmtTime(m.scheduledEnd)} ${m.title}`}>
      <strong>{compact ? fmtTime(m.scheduledStart) : `${fmtTime(m.scheduledStart)}–${fmtTime(m.scheduledEnd)}`}</strong> {compact ? <span className="cal-event-title">{m.title}</span> : m.title}
    </Link>
  );
}

/** The title of a view: "Tháng 12/2026" or "Tuần 30/11/2026 – 06/12/2026". */
export function useCalendarTitle(mode: CalendarMode, anchor: string) {
  const { t } = useTranslation();
  if (mode === 'month') return t('scheduling.monthTitle', { month: Number(anchor.slice(5, 7)), year: anchor.slice(0, 4) });
  const days = visibleDays('week', anchor);
  return t('scheduling.weekTitle', { from: dmy(days[0]), to: dmy(days[6]) });
}

/** On a phone: the days that have meetings, one after another (the grid does not fit 390 px). */
function DayList({ days, meetings }: { days: string[]; meetings: Map<string, Meeting[]> }) {
  const { t } = useTranslation();
  const names = t('scheduling.weekdays', { returnObjects: true }) as string[];
  const today = localDateOf(new Date());
  const withMeetings = days.filter((d) => meetings.get(d)?.length);
  if (!withMeetings.length) return <p className="muted">{t('scheduling.noMeetingsRange')}</p>;
  return (
    <ol className="cal-daylist" data-testid="cal-daylist">
      {withMeetings.map((d) => (
        <li key={d} className={d === today ? 'today' : ''} data-day={d}>
          <h3>
            {names[weekdayOf(d)]}, {dmy(d)}
          </h3>
          {meetings.get(d)!.map((m) => (
            <Event key={m.id} m={m} />
          ))}
        </li>
      ))}
    </ol>
  );
}

const SHOWN_PER_DAY = 3;

function MonthGrid({ anchor, days, meetings }: { anchor: string; days: string[]; meetings: Map<string, Meeting[]> }) {
  const { t } = useTranslation();
  const names = t('scheduling.weekdays', { returnObjects: true }) as string[];
  const today = localDateOf(new Date());
  const month = anchor.slice(0, 7);
  return (
    <div className="cal-month" role="grid" data-testid="cal-month">
      <div className="cal-row cal-head" role="row">
        {names.map((n) => (
          <div key={n} role="columnheader" className="cal-dayname">
            {n}
          </div>
        ))}
      </div>
      {Array.from({ length: days.length / 7 }, (_, w) => (
        <div key={w} className="cal-row" role="row">
          {days.slice(w * 7, w * 7 + 7).map((d) => {
            const list = meetings.get(d) ?? [];
            return (
              <div key={d} role="gridcell" className={`cal-cell${d.slice(0, 7) !== month ? ' other-month' : ''}${d === today ? ' today' : ''}`} data-day={d} aria-label={`${names[weekdayOf(d)]} ${dmy(d)}`}>
                <span className="cal-date">{Number(d.slice(8, 10))}</span>
                {list.slice(0, SHOWN_PER_DAY).map((m) => (
                  <Event key={m.id} m={m} compact />
                ))}
                {list.length > SHOWN_PER_DAY && (
                  <Link className="small cal-more" to={`?view=week&date=${d}`} data-testid="cal-more">
                    {t('scheduling.moreInDay', { count: list.length - SHOWN_PER_DAY })}
                  </Link>
                )}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

const HOUR_PX = 44;

/** Side by side where meetings overlap: each gets a lane, and every meeting of an overlapping group shares the group's width. */
function lanes<T extends { from: number; to: number }>(events: T[]): (T & { lane: number; of: number })[] {
  const sorted = [...events].sort((a, b) => a.from - b.from || b.to - a.to);
  const out: (T & { lane: number; of: number })[] = [];
  let group: (T & { lane: number; of: number })[] = [];
  let groupEnd = -1;
  const close = () => {
    const of = Math.max(1, ...group.map((e) => e.lane + 1));
    group.forEach((e) => (e.of = of));
    out.push(...group);
    group = [];
  };
  for (const e of sorted) {
    if (e.from >= groupEnd && group.length) close();
    const ends: number[] = [];
    group.forEach((g) => (ends[g.lane] = Math.max(ends[g.lane] ?? -1, g.to)));
    let lane = ends.findIndex((end) => end <= e.from);
    if (lane < 0) lane = ends.length;
    group.push({ ...e, lane, of: 1 });
    groupEnd = Math.max(groupEnd, e.to);
  }
  if (group.length) close();
  return out;
}

/** Seven days side by side with hour slots; each meeting is a block from its start to its end (clipped to its day). */
function WeekGrid({ days, meetings }: { days: string[]; meetings: Map<string, Meeting[]> }) {
  const { t } = useTranslation();
  const names = t('scheduling.weekdays', { returnObjects: true }) as string[];
  const today = localDateOf(new Date());
  const minutesIn = (iso: string, d: string) => {
    const local = localInputOf(iso);
    if (local.slice(0, 10) < d) return 0;
    if (local.slice(0, 10) > d) return 24 * 60;
    return Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
  };
  const all = days.flatMap((d) => lanes((meetings.get(d) ?? []).map((m) => ({ d, m, from: minutesIn(m.scheduledStart, d), to: minutesIn(m.scheduledEnd, d) }))));
  // office hours, widened to whatever the week's meetings need
  const first = Math.min(7, ...all.map((e) => Math.floor(e.from / 60)));
  const last = Math.max(18, ...all.map((e) => Math.ceil(e.to / 60)));
  const hours = Array.from({ length: last - first }, (_, i) => first + i);
  return (
    <div className="cal-week" data-testid="cal-week">
      <div className="cal-week-head">
        <div />
        {days.map((d, i) => (
          <div key={d} className={`cal-dayname${d === today ? ' today' : ''}`}>
            {names[i]} <span className="cal-date">{dmy(d).slice(0, 5)}</span>
          </div>
        ))}
      </div>
      <div className="cal-week-body" style={{ height: hours.length * HOUR_PX }}>
        <div className="cal-hours">
          {hours.map((h) => (
            <div key={h} className="cal-hour" style={{ height: HOUR_PX }}>
              {String(h).padStart(2, '0')}:00
            </div>
          ))}
        </div>
        {days.map((d) => (
          <div key={d} className={`cal-week-day${d === today ? ' today' : ''}`} data-day={d}>
            {hours.map((h) => (
              <div key={h} className="cal-slot" style={{ height: HOUR_PX }} />
            ))}
            {all
              .filter((e) => e.d === d)
              .map(({ m, from, to, lane, of }) => (
                <div
                  key={m.id}
                  className="cal-block"
                  style={{ top: ((from - first * 60) / 60) * HOUR_PX, height: Math.max(((to - from) / 60) * HOUR_PX, 22), left: `calc(${(lane / of) * 100}% + 2px)`, width: `calc(${100 / of}% - 4px)` }}
                >
                  <Event m={m} />
                </div>
              ))}
          </div>
        ))}
      </div>
    </div>
  );
}

/** The meetings of a month or a week: a grid on a desktop, a list by day on a phone. */
export function MeetingCalendar({ mode, anchor, meetings }: { mode: CalendarMode; anchor: string; meetings: Meeting[] }) {
  const narrow = useNarrow();
  const days = visibleDays(mode, anchor);
  const map = byDay(meetings);
  if (narrow) return <DayList days={mode === 'month' ? days.filter((d) => d.slice(0, 7) === anchor.slice(0, 7)) : days} meetings={map} />;
  return mode === 'month' ? <MonthGrid anchor={anchor} days={days} meetings={map} /> : <WeekGrid days={days} meetings={map} />;
}
