import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isOrdinary, type MeetingSnapshot, type SpeechRequest } from '@app/contracts';
import { call } from '../../api/http';
import { agendaItems, endpointName } from './speakers.util';

/** The ordered queue (the chair drags ordinary requests to reorder, gives the floor, skips) and the skipped requests to recall. */
export function SpeakerQueue({ state, order, isChair, run }: { state: MeetingSnapshot; order: SpeechRequest[]; isChair: boolean; run: (p: Promise<unknown>) => void }) {
  const { t } = useTranslation();
  const base = `/meetings/${state.meeting.id}`;
  const [drag, setDrag] = useState<string | null>(null);
  const skipped = state.speakers.requests.filter((r) => r.status === 'skipped');
  const ordinary = order.filter((r) => isOrdinary(r.kind));
  return (
    <div className="card">
      <h2>
        {t('floor.queue')} ({order.length})
      </h2>
      <ol className="queue" data-testid="queue">
        {order.map((r) => (
          <li
            key={r.id}
            data-testid="queue-item"
            data-name={r.attendeeName}
            draggable={isChair && isOrdinary(r.kind)}
            onDragStart={() => setDrag(r.id)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={() => {
              if (drag && drag !== r.id && isOrdinary(r.kind)) run(call('speakers.move', { params: { id: state.meeting.id, requestId: drag }, body: { position: ordinary.findIndex((x) => x.id === r.id) } }));
              setDrag(null);
            }}
          >
            <span className="badge">{t(`floor.kinds.${r.kind}`)}</span> <strong>{r.attendeeName}</strong> — {endpointName(state, r.endpointId)}
            {r.topic && <div className="muted small">{r.topic}</div>}
            {isChair && (
              <span className="actions">
                {agendaItems(state).length > 0 && (
                  <select
                    aria-label={t('floor.agendaItem')}
                    value={r.agendaItemId ?? ''}
                    onChange={(e) => run(call('speakers.changeAgendaItem', { params: { id: state.meeting.id, requestId: r.id }, body: { agendaItemId: e.target.value || null } }))}
                  >
                    <option value="">—</option>
                    {agendaItems(state).map((i) => (
                      <option key={i.id} value={i.id}>
                        {i.title}
                      </option>
                    ))}
                  </select>
                )}
                <button className="link" data-testid="give-floor" onClick={() => run(call('speakers.giveFloor', { params: { id: state.meeting.id }, body: { requestId: r.id } }))}>
                  {t('floor.give')}
                </button>
                <button className="link" onClick={() => run(call('speakers.skip', { params: { id: state.meeting.id, requestId: r.id } }))}>
                  {t('floor.skip')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
      {skipped.length > 0 && (
        <>
          <h3>{t('floor.skipped')}</h3>
          <ul>
            {skipped.map((r) => (
              <li key={r.id}>
                {r.attendeeName} — {endpointName(state, r.endpointId)}{' '}
                {isChair && (
                  <button className="link" onClick={() => run(call('speakers.recall', { params: { id: state.meeting.id, requestId: r.id } }))}>
                    {t('floor.recall')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
