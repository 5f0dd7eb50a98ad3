import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaItemTiming, type MeetingSnapshot } from '@app/contracts';
import { serverNow } from '../../api/socket';
import { Name } from '../name';
import { mmss } from './speakers.util';
import '../../styles/floor.css';

/** Time used on each agenda item (its speeches, a running one up to now) against its planned minutes. */
export function ItemTiming({ state }: { state: MeetingSnapshot }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(serverNow());
  const running = state.speakers.turns.some((x) => x.endedAt === null && x.pausedAt === null);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(serverNow()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const items = state.agenda.sessions.flatMap((s) => s.items.map((i) => ({ ...i, session: s.title })));
  if (!items.length) return null;
  const timing = new Map(agendaItemTiming(items, state.speakers.turns, running ? now : serverNow()).map((x) => [x.agendaItemId, x]));
  const current = state.speakers.turns.find((x) => x.endedAt === null)?.agendaItemId;
  return (
    <div className="card item-time">
      <h2 id="item-time-title">{t('floorConsole.itemTimeTitle')}</h2>
      <table className="table compact floor-table responsive" data-testid="item-timing" aria-labelledby="item-time-title">
        <thead>
          <tr>
            <th>{t('floorConsole.item')}</th>
            <th className="num">{t('floorConsole.used')}</th>
            <th className="num">{t('floorConsole.planned')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const x = timing.get(item.id)!;
            const over = x.overSeconds > 0;
            const share = x.plannedSeconds ? Math.min(100, Math.round((x.usedSeconds / x.plannedSeconds) * 100)) : 100;
            return (
              <tr key={item.id} className={over ? 'over' : ''} data-testid="item-time" data-item={item.title} data-used={x.usedSeconds} data-planned={x.plannedSeconds} aria-current={current === item.id ? 'true' : undefined}>
                <td>
                  <Name text={item.title} />
                  <div className="muted small">{t('floorConsole.itemTurns', { count: x.turns })}</div>
                  <div className="bar" aria-hidden>
                    <span style={{ width: `${share}%` }} />
                  </div>
                </td>
                <td className="num" data-testid="item-used">{mmss(x.usedSeconds)}</td>
                <td className="num">{mmss(x.plannedSeconds)}</td>
                <td className="num verdict small">{over ? t('floorConsole.over', { time: mmss(x.overSeconds) }) : t('floorConsole.left', { time: mmss(-x.overSeconds) })}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
