import { useTranslation } from 'react-i18next';
import type { MeetingSnapshot } from '@app/contracts';
import { fmtTime } from '../../i18n';
import { Name } from '../name';
import { endpointName, mmss } from './speakers.util';
import '../../styles/floor.css';

/** "Đã phát biểu": every finished speech in the order given, with its site, kind and speaking time (pauses left out). */
export function SpokenList({ state }: { state: MeetingSnapshot }) {
  const { t } = useTranslation();
  const done = state.speakers.turns.filter((x) => x.endedAt !== null).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const positions = new Map(state.attendees.map((a) => [a.id, a.position]));
  return (
    <div className="card">
      <h2 id="spoken-title">
        {t('floorConsole.spokenTitle')} ({done.length})
      </h2>
      {done.length === 0 ? (
        <p className="muted">{t('floorConsole.spokenEmpty')}</p>
      ) : (
        <table className="table compact floor-table responsive" data-testid="spoken" aria-labelledby="spoken-title">
          <thead>
            <tr>
              <th>{t('floorConsole.speaker')}</th>
              <th>{t('floorConsole.site')}</th>
              <th>{t('floorConsole.kind')}</th>
              <th className="num">{t('floorConsole.at')}</th>
              <th className="num">{t('floorConsole.duration')}</th>
            </tr>
          </thead>
          <tbody>
            {done.map((turn) => (
              <tr key={turn.id} data-testid="spoken-item" data-name={turn.attendeeName} data-kind={turn.kind} data-seconds={turn.durationSeconds ?? 0}>
                <td>
                  <strong><Name text={turn.attendeeName} /></strong>
                  {positions.get(turn.attendeeId) && <div className="muted small"><Name text={positions.get(turn.attendeeId)} /></div>}
                </td>
                <td>{endpointName(state, turn.endpointId)}</td>
                <td><span className="badge">{t(`floor.kinds.${turn.kind}`)}</span></td>
                <td className="num">{fmtTime(turn.startedAt)}</td>
                <td className="num" data-testid="spoken-duration">{mmss(turn.durationSeconds ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
