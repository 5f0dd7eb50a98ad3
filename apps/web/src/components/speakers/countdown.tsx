import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { remainingSeconds, type SpeakerTurn } from '@app/contracts';
import { serverNow } from '../../api/socket';
import { clock } from './speakers.util';
import '../../styles/floor.css';

/**
 * Seconds left on the floor, from the server's start time, the server's pauses and the server
 * clock offset: the same on every screen (chair, live view, endpoint consoles, hall display).
 * While the chair has paused it the figure stands still and says "Tạm dừng".
 */
export function Countdown({ turn }: { turn: SpeakerTurn }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(serverNow());
  const paused = turn.pausedAt !== null;
  useEffect(() => {
    if (paused) return;
    const timer = setInterval(() => setNow(serverNow()), 250);
    return () => clearInterval(timer);
  }, [paused]);
  const left = remainingSeconds(turn, paused ? Date.parse(turn.pausedAt!) : now);
  return (
    <span className="countdown-box">
      <span className={`countdown ${paused ? 'paused' : left < 0 ? 'over' : left < 30 ? 'soon' : ''}`} data-testid="countdown" data-seconds={left} data-paused={paused ? 'true' : undefined}>
        {clock(left)}
      </span>
      {paused && (
        <span className="badge paused-badge" data-testid="countdown-paused">
          {t('floorConsole.paused')}
        </span>
      )}
    </span>
  );
}
