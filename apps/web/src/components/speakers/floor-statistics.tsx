import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { speakerStatistics, type MeetingSnapshot } from '@app/contracts';
import { call } from '../../api/http';
import { serverNow } from '../../api/socket';
import { clock, endpointName } from './speakers.util';

/** Speaking time per endpoint against its budget, and the waiting times, refreshed every second. */
export function FloorStatistics({ state, isChair, run }: { state: MeetingSnapshot; isChair: boolean; run: (p: Promise<unknown>) => void }) {
  const { t } = useTranslation();
  const base = `/meetings/${state.meeting.id}`;
  const [now, setNow] = useState(serverNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), 1000);
    return () => clearInterval(timer);
  }, []);
  const stats = speakerStatistics(state.speakers, state.endpoints.map((e) => e.id), now);
  return (
    <div className="card">
      <h2>{t('floor.statistics')}</h2>
      <p className="muted small">
        {t('floor.waiting', { average: clock(stats.waiting.averageSeconds), longest: clock(stats.waiting.longestSeconds) })}
      </p>
      <table className="table compact" data-testid="stats">
        <thead>
          <tr>
            <th>{t('endpoints.title')}</th>
            <th>{t('floor.turns')}</th>
            <th>{t('floor.spoken')}</th>
            <th>{t('floor.remaining')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {stats.byEndpoint
            .filter((s) => s.turns > 0 || (s.budgetSeconds !== null && s.remainingSeconds !== s.budgetSeconds))
            .map((s) => (
              <tr key={s.endpointId}>
                <td>{endpointName(state, s.endpointId)}</td>
                <td>{s.turns}</td>
                <td>{clock(s.seconds)}</td>
                <td>{s.remainingSeconds === null ? '' : clock(s.remainingSeconds)}</td>
                <td>
                  {isChair && s.budgetSeconds !== null && (
                    <button className="link" onClick={() => run(call('speakers.addTime', { params: { id: state.meeting.id, endpointId: s.endpointId }, body: { seconds: 60 } }))}>
                      +1 {t('agenda.minutes')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
