import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isOrdinary, type MeetingSnapshot, type SpeechRequest } from '@app/contracts';
import { call } from '../../api/http';
import { Name, plainName } from '../name';
import { agendaItems, endpointName } from './speakers.util';
import { SpeechDocumentLink } from './speech-document';
import '../../styles/floor.css';

/** Where focus goes once a move has come back in the shared state: the row itself, or the arrow button pressed. */
interface PendingMove {
  id: string;
  focus: 'row' | 'up' | 'down';
  /** the order as it was when the move was asked; a different order means the move arrived */
  before: string;
}

/**
 * The ordered queue. The chair reorders ordinary requests by dragging, with the ↑/↓ buttons of a
 * row, or from the keyboard (a row has focus: Alt+↑ / Alt+↓). Every way uses the one move command;
 * focus stays on the moved row and a live region says where it went. Points of order and
 * interjections keep their place by rule (the server refuses to move them).
 */
/** `showDocuments`: the chair and the secretaries see each tham luận's document. */
export function SpeakerQueue({ state, order, isChair, showDocuments = isChair, run }: { state: MeetingSnapshot; order: SpeechRequest[]; isChair: boolean; showDocuments?: boolean; run: (p: Promise<unknown>) => void }) {
  const { t } = useTranslation();
  const [drag, setDrag] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingMove | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const rows = useRef(new Map<string, HTMLLIElement>());
  const skipped = state.speakers.requests.filter((r) => r.status === 'skipped');
  const ordinary = order.filter((r) => isOrdinary(r.kind));
  const ids = order.map((r) => r.id).join(',');
  const items = agendaItems(state);

  const moveTo = (r: SpeechRequest, position: number, focus: PendingMove['focus']) => {
    setPending({ id: r.id, focus, before: ids });
    run(
      call('speakers.move', { params: { id: state.meeting.id, requestId: r.id }, body: { position } }).catch((err: unknown) => {
        setPending(null);
        throw err;
      }),
    );
  };
  const step = (r: SpeechRequest, delta: -1 | 1, focus: PendingMove['focus']) => {
    const at = ordinary.findIndex((x) => x.id === r.id);
    const to = at + delta;
    if (at < 0 || to < 0 || to >= ordinary.length) return;
    moveTo(r, to, focus);
  };

  // The move came back (the order changed): focus follows the row, and the new place is announced.
  useEffect(() => {
    if (!pending || pending.before === ids) return;
    const index = order.findIndex((r) => r.id === pending.id);
    const row = rows.current.get(pending.id);
    if (index >= 0 && row) {
      const button = pending.focus === 'row' ? null : row.querySelector<HTMLButtonElement>(`[data-move=${pending.focus}]:not(:disabled)`);
      (button ?? row).focus();
      setAnnouncement(t('floorConsole.moved', { name: plainName(order[index].attendeeName), position: index + 1, count: order.length }));
    }
    setPending(null);
  }, [ids, pending, order, t]);

  const onKey = (e: KeyboardEvent<HTMLLIElement>, r: SpeechRequest) => {
    if (!isChair || !e.altKey || e.target !== e.currentTarget) return;
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      if (isOrdinary(r.kind)) step(r, e.key === 'ArrowUp' ? -1 : 1, 'row');
    }
  };

  return (
    <div className="card">
      <h2 id="queue-title">
        {t('floor.queue')} ({order.length})
      </h2>
      {isChair && ordinary.length > 1 && <p className="muted small" id="queue-hint">{t('floorConsole.reorderHint')}</p>}
      <p className="sr-only" role="status" aria-live="polite" data-testid="queue-announcer">
        {announcement}
      </p>
      <ol className="queue floor-rows" data-testid="queue" aria-labelledby="queue-title" aria-describedby={isChair ? 'queue-hint' : undefined}>
        {order.map((r, index) => {
          const movable = isChair && isOrdinary(r.kind);
          const at = ordinary.findIndex((x) => x.id === r.id);
          return (
            <li
              key={r.id}
              ref={(el) => {
                if (el) rows.current.set(r.id, el);
                else rows.current.delete(r.id);
              }}
              className="floor-row"
              data-testid="queue-item"
              data-name={r.attendeeName}
              data-kind={r.kind}
              tabIndex={isChair ? 0 : undefined}
              aria-label={isChair ? `${index + 1}. ${plainName(r.attendeeName)} — ${endpointName(state, r.endpointId)} — ${t(`floor.kinds.${r.kind}`)}` : undefined}
              draggable={movable}
              onKeyDown={(e) => onKey(e, r)}
              onDragStart={() => setDrag(r.id)}
              onDragOver={(e) => e.preventDefault()}
              onDrop={() => {
                const dragged = order.find((x) => x.id === drag);
                if (dragged && dragged.id !== r.id && isOrdinary(r.kind)) moveTo(dragged, at, 'row');
                setDrag(null);
              }}
            >
              <div className="floor-row-main">
                <span className="place">{index + 1}.</span> <span className="badge">{t(`floor.kinds.${r.kind}`)}</span> <strong><Name text={r.attendeeName} /></strong> — {endpointName(state, r.endpointId)}
                {r.topic && <div className="muted small"><Name text={r.topic} /></div>}
                {showDocuments && <SpeechDocumentLink meetingId={state.meeting.id} request={r} />}
                {isChair && !isOrdinary(r.kind) && <div className="muted small">{t('floorConsole.fixedPlace')}</div>}
              </div>
              {isChair && (
                <div className="floor-row-actions actions" data-testid="queue-actions">
                  {movable && (
                    <span className="reorder">
                      <button type="button" data-move="up" data-testid="move-up" aria-label={t('floorConsole.moveUp', { name: plainName(r.attendeeName) })} title={t('floorConsole.moveUp', { name: plainName(r.attendeeName) })} disabled={at <= 0} onClick={() => step(r, -1, 'up')}>
                        ↑
                      </button>
                      <button type="button" data-move="down" data-testid="move-down" aria-label={t('floorConsole.moveDown', { name: plainName(r.attendeeName) })} title={t('floorConsole.moveDown', { name: plainName(r.attendeeName) })} disabled={at >= ordinary.length - 1} onClick={() => step(r, 1, 'down')}>
                        ↓
                      </button>
                    </span>
                  )}
                  {items.length > 0 && (
                    <select
                      aria-label={t('floor.agendaItem')}
                      value={r.agendaItemId ?? ''}
                      onChange={(e) => run(call('speakers.changeAgendaItem', { params: { id: state.meeting.id, requestId: r.id }, body: { agendaItemId: e.target.value || null } }))}
                    >
                      <option value="">—</option>
                      {items.map((i) => (
                        <option key={i.id} value={i.id}>
                          {plainName(i.title)}
                        </option>
                      ))}
                    </select>
                  )}
                  <button className="link" data-testid="give-floor" onClick={() => run(call('speakers.giveFloor', { params: { id: state.meeting.id }, body: { requestId: r.id } }))}>
                    {t('floor.give')}
                  </button>
                  <button className="link" data-testid="skip" onClick={() => run(call('speakers.skip', { params: { id: state.meeting.id, requestId: r.id } }))}>
                    {t('floor.skip')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {skipped.length > 0 && (
        <>
          <h3>{t('floor.skipped')}</h3>
          <ul className="floor-rows">
            {skipped.map((r) => (
              <li key={r.id} className="floor-row" data-testid="skipped-item">
                <div className="floor-row-main">
                  <span className="badge">{t(`floor.kinds.${r.kind}`)}</span> <Name text={r.attendeeName} /> — {endpointName(state, r.endpointId)}
                </div>
                {isChair && (
                  <div className="floor-row-actions">
                    <button className="link" onClick={() => run(call('speakers.recall', { params: { id: state.meeting.id, requestId: r.id } }))}>
                      {t('floor.recall')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
