import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agenda } from '@app/contracts';
import { HttpError, call } from '../../api/http';
import { ErrorBanner } from '../ui';
import { fmtTime } from '../../i18n';
import '../../styles/floor.css';

interface DraftItem {
  key: string;
  id?: string;
  title: string;
  durationMinutes: number;
  presenter: string;
}
interface DraftSession {
  key: string;
  id?: string;
  title: string;
  items: DraftItem[];
}

let counter = 0;
const key = () => `k${++counter}`;
const toDraft = (a: Agenda): DraftSession[] =>
  a.sessions.map((s) => ({ key: s.id, id: s.id, title: s.title, items: s.items.map((i) => ({ key: i.id, id: i.id, title: i.title, durationMinutes: i.durationMinutes, presenter: i.presenter ?? '' })) }));

/** Sessions and items, reordered by drag and drop; saved whole with the version it started from. */
export function AgendaBuilder({ meetingId, agenda, editable }: { meetingId: string; agenda: Agenda; editable: boolean }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DraftSession[]>(() => toDraft(agenda));
  const [version, setVersion] = useState(agenda.version);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [drag, setDrag] = useState<{ s: number; i?: number } | null>(null);
  // keyboard reordering: where focus goes after a move (the control pressed, on the moved row), and what is announced
  const [refocus, setRefocus] = useState<{ key: string; control: string } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!refocus || !root.current) return;
    const row = root.current.querySelector<HTMLElement>(`[data-key="${refocus.key}"]`);
    const control = row?.querySelector<HTMLElement>(`:scope > .row > [data-control="${refocus.control}"]:not(:disabled), :scope > [data-control="${refocus.control}"]:not(:disabled)`);
    const handle = row?.querySelector<HTMLElement>(`:scope > .row > [data-control="handle"], :scope > [data-control="handle"]`);
    (control ?? handle)?.focus();
    setRefocus(null);
  }, [refocus, draft]);
  const itemName = (it: DraftItem, ii: number) => it.title.trim() || `${t('agenda.item')} ${ii + 1}`;
  const sessionName = (s: DraftSession, si: number) => s.title.trim() || `${t('agenda.session')} ${si + 1}`;
  const stepSession = (si: number, delta: -1 | 1, control: string) => {
    const to = si + delta;
    if (to < 0 || to >= draft.length) return;
    moveSession(si, to);
    setRefocus({ key: draft[si].key, control });
    setAnnouncement(t('agendaOrder.sessionMoved', { title: sessionName(draft[si], si), position: to + 1 }));
  };
  const stepItem = (si: number, ii: number, delta: -1 | 1, control: string) => {
    const to = ii + delta;
    if (to < 0 || to >= draft[si].items.length) return;
    moveItem(si, ii, si, to);
    setRefocus({ key: draft[si].items[ii].key, control });
    setAnnouncement(t('agendaOrder.itemMoved', { title: itemName(draft[si].items[ii], ii), position: to + 1, session: sessionName(draft[si], si) }));
  };
  const altArrows = (e: KeyboardEvent, move: (delta: -1 | 1) => void) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    e.stopPropagation();
    move(e.key === 'ArrowUp' ? -1 : 1);
  };

  // Someone else's saved change arrives live; it replaces the draft unless we are mid-edit.
  useEffect(() => {
    if (agenda.version !== version && !dirty) {
      setDraft(toDraft(agenda));
      setVersion(agenda.version);
    }
  }, [agenda, version, dirty]);

  const change = (next: DraftSession[]) => (setDraft(next), setDirty(true));
  const moveSession = (from: number, to: number) => {
    const next = [...draft];
    const [s] = next.splice(from, 1);
    next.splice(to, 0, s);
    change(next);
  };
  const moveItem = (fromS: number, fromI: number, toS: number, toI: number) => {
    const next = draft.map((s) => ({ ...s, items: [...s.items] }));
    const [item] = next[fromS].items.splice(fromI, 1);
    next[toS].items.splice(toI, 0, item);
    change(next);
  };
  const save = async () => {
    setError(null);
    try {
      const saved = await call('agenda.put', { params: { id: meetingId }, body: {
        version,
        sessions: draft.map((s) => ({ id: s.id, title: s.title, items: s.items.map((i) => ({ id: i.id, title: i.title, durationMinutes: i.durationMinutes, presenter: i.presenter || null })) })),
      } });
      setDraft(toDraft(saved));
      setVersion(saved.version);
      setDirty(false);
      setNotice(t('common.saved'));
    } catch (err) {
      if (err instanceof HttpError && err.body.code === 'agenda_stale') {
        const current = err.body.params.agenda;
        setDraft(toDraft(current));
        setVersion(current.version);
        setDirty(false);
        setNotice(t('agenda.stale'));
      } else setError(err);
    }
  };
  const planned = new Map(agenda.sessions.flatMap((s) => [[s.id, s.plannedStart] as const, ...s.items.map((i) => [i.id, i.plannedStart] as const)]));

  return (
    <div className="agenda" data-testid="agenda" ref={root}>
      <p className="sr-only" role="status" aria-live="polite" data-testid="agenda-announcer">
        {announcement}
      </p>
      <div className="page-head">
        <h2>{t('agenda.title')}</h2>
        {editable && <span className="muted small">{t('agendaOrder.keyboardHint')}</span>}
      </div>
      {draft.map((s, si) => (
        <div
          key={s.key}
          data-key={s.key}
          className="agenda-session"
          data-testid="agenda-session"
          draggable={editable}
          onDragStart={(e) => (e.stopPropagation(), setDrag({ s: si }))}
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            e.stopPropagation();
            if (drag && drag.i === undefined && drag.s !== si) moveSession(drag.s, si);
            else if (drag && drag.i !== undefined) moveItem(drag.s, drag.i, si, s.items.length);
            setDrag(null);
          }}
        >
          <div className="row">
            {editable ? (
              <>
                <button type="button" className="handle" data-control="handle" aria-label={t('agendaOrder.handle', { title: sessionName(s, si) })} title={t('agendaOrder.handle', { title: sessionName(s, si) })} onKeyDown={(e) => altArrows(e, (d) => stepSession(si, d, 'handle'))}>
                  ⋮⋮
                </button>
                <button type="button" className="reorder" data-control="up" data-testid="agenda-session-up" aria-label={t('agendaOrder.up', { title: sessionName(s, si) })} disabled={si === 0} onClick={() => stepSession(si, -1, 'up')}>
                  ↑
                </button>
                <button type="button" className="reorder" data-control="down" data-testid="agenda-session-down" aria-label={t('agendaOrder.down', { title: sessionName(s, si) })} disabled={si === draft.length - 1} onClick={() => stepSession(si, 1, 'down')}>
                  ↓
                </button>
              </>
            ) : (
              <span className="handle" aria-hidden>
                ⋮⋮
              </span>
            )}
            <span className="muted small">{planned.get(s.id ?? '') ? fmtTime(planned.get(s.id ?? '')) : ''}</span>
            <input
              data-testid="agenda-session-title"
              value={s.title}
              disabled={!editable}
              placeholder={`${t('agenda.session')} ${si + 1}`}
              onChange={(e) => change(draft.map((x, i) => (i === si ? { ...x, title: e.target.value } : x)))}
            />
            {editable && (
              <button type="button" className="link danger" onClick={() => change(draft.filter((_, i) => i !== si))}>
                {t('common.delete')}
              </button>
            )}
          </div>
          <ol>
            {s.items.map((it, ii) => (
              <li
                key={it.key}
                draggable={editable}
                onDragStart={(e) => (e.stopPropagation(), setDrag({ s: si, i: ii }))}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => {
                  e.preventDefault();
                  e.stopPropagation();
                  if (drag?.i !== undefined) moveItem(drag.s, drag.i, si, ii);
                  setDrag(null);
                }}
                data-testid="agenda-item"
                data-key={it.key}
              >
                {editable ? (
                  <>
                    <button type="button" className="handle" data-control="handle" data-testid="agenda-item-handle" aria-label={t('agendaOrder.handle', { title: itemName(it, ii) })} title={t('agendaOrder.handle', { title: itemName(it, ii) })} onKeyDown={(e) => altArrows(e, (d) => stepItem(si, ii, d, 'handle'))}>
                      ⋮⋮
                    </button>
                    <button type="button" className="reorder" data-control="up" data-testid="agenda-item-up" aria-label={t('agendaOrder.up', { title: itemName(it, ii) })} disabled={ii === 0} onClick={() => stepItem(si, ii, -1, 'up')}>
                      ↑
                    </button>
                    <button type="button" className="reorder" data-control="down" data-testid="agenda-item-down" aria-label={t('agendaOrder.down', { title: itemName(it, ii) })} disabled={ii === s.items.length - 1} onClick={() => stepItem(si, ii, 1, 'down')}>
                      ↓
                    </button>
                  </>
                ) : (
                  <span className="handle" aria-hidden>
                    ⋮⋮
                  </span>
                )}
                <span className="muted small">{planned.get(it.id ?? '') ? fmtTime(planned.get(it.id ?? '')) : ''}</span>
                <input
                  className="grow"
                  data-testid="agenda-item-title"
                  value={it.title}
                  disabled={!editable}
                  onChange={(e) => change(draft.map((x, i) => (i === si ? { ...x, items: x.items.map((y, j) => (j === ii ? { ...y, title: e.target.value } : y)) } : x)))}
                />
                <input
                  className="narrow"
                  type="number"
                  min={1}
                  max={600}
                  value={it.durationMinutes}
                  disabled={!editable}
                  onChange={(e) => change(draft.map((x, i) => (i === si ? { ...x, items: x.items.map((y, j) => (j === ii ? { ...y, durationMinutes: Number(e.target.value) } : y)) } : x)))}
                />
                <span className="muted small">{t('agenda.minutes')}</span>
                <input
                  className="presenter"
                  placeholder={t('agenda.presenter')}
                  value={it.presenter}
                  disabled={!editable}
                  onChange={(e) => change(draft.map((x, i) => (i === si ? { ...x, items: x.items.map((y, j) => (j === ii ? { ...y, presenter: e.target.value } : y)) } : x)))}
                />
                {editable && (
                  <button type="button" className="link danger" onClick={() => change(draft.map((x, i) => (i === si ? { ...x, items: x.items.filter((_, j) => j !== ii) } : x)))}>
                    ×
                  </button>
                )}
              </li>
            ))}
          </ol>
          {editable && (
            <button
              type="button"
              className="link"
              data-testid="agenda-add-item"
              onClick={() => change(draft.map((x, i) => (i === si ? { ...x, items: [...x.items, { key: key(), title: '', durationMinutes: 15, presenter: '' }] } : x)))}
            >
              + {t('agenda.addItem')}
            </button>
          )}
        </div>
      ))}
      {editable && (
        <div className="row">
          <button type="button" data-testid="agenda-add-session" onClick={() => change([...draft, { key: key(), title: '', items: [] }])}>
            + {t('agenda.addSession')}
          </button>
          <button type="button" className="primary" data-testid="agenda-save" disabled={!dirty} onClick={() => void save()}>
            {t('agenda.save')}
          </button>
        </div>
      )}
      {notice && <p className="banner ok" data-testid="agenda-notice">{notice}</p>}
      <ErrorBanner error={error} />
    </div>
  );
}
