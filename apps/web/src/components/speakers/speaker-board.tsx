import { useTranslation } from 'react-i18next';
import { orderQueue, type MeetingSnapshot } from '@app/contracts';
import { fmtTime } from '../../i18n';
import { Countdown } from './countdown';
import { endpointName } from './speakers.util';

/** Who has the floor now, and since when, with the time left. */
export function CurrentSpeaker({ state }: { state: MeetingSnapshot }) {
  const { t } = useTranslation();
  const turn = state.speakers.turns.find((x) => x.endedAt === null);
  if (!turn) return <div className="card current empty" data-testid="current-speaker">{t('floor.nobody')}</div>;
  return (
    <div className={`card current${turn.pausedAt ? ' paused' : ''}`} data-testid="current-speaker" data-paused={turn.pausedAt ? 'true' : undefined}>
      <div>
        <div className="muted small">{t(`floor.kinds.${turn.kind}`)} · {endpointName(state, turn.endpointId)}</div>
        <div className="speaker-name" data-testid="current-speaker-name">{turn.attendeeName}</div>
        {turn.topic && <div className="topic">“{turn.topic}”</div>}
        <div className="muted small">
          {t('floor.since', { time: fmtTime(turn.startedAt) })}
          {turn.pausedAt && <> · {t('floorConsole.pausedSince', { time: fmtTime(turn.pausedAt) })}</>}
        </div>
      </div>
      <Countdown turn={turn} />
    </div>
  );
}

/** The next speakers in queue order. */
export function NextSpeakers({ state, limit = 5 }: { state: MeetingSnapshot; limit?: number }) {
  const { t } = useTranslation();
  const order = orderQueue(state.speakers.requests, state.speakers.turns, state.speakers.settings).slice(0, limit);
  return (
    <ol className="next-speakers" data-testid="next-speakers">
      {order.map((r) => (
        <li key={r.id}>
          <strong>{r.attendeeName}</strong> — {endpointName(state, r.endpointId)} <span className="badge">{t(`floor.kinds.${r.kind}`)}</span>
          {r.topic && <div className="muted small">{r.topic}</div>}
        </li>
      ))}
    </ol>
  );
}
