import { useEffect, useState } from 'react';
import { remainingSeconds, type SpeakerTurn } from '@app/contracts';
import { serverNow } from '../../api/socket';
import { clock } from './speakers.util';

/** Seconds left on the floor, from the server's start time and the server clock offset: the same on every screen. */
export function Countdown({ turn }: { turn: SpeakerTurn }) {
  const [now, setNow] = useState(serverNow());
  useEffect(() => {
    const t = setInterval(() => setNow(serverNow()), 250);
    return () => clearInterval(t);
  }, []);
  const left = remainingSeconds(turn, now);
  return (
    <span className={`countdown ${left < 0 ? 'over' : left < 30 ? 'soon' : ''}`} data-testid="countdown" data-seconds={left}>
      {clock(left)}
    </span>
  );
}
