import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderQueue, remainingSeconds, type MeetingSnapshot, type SpeakerTurn } from '@app/contracts';
import { serverNow } from '../../api/socket';
import { plainName } from '../name';
import { siteTurnOf, turnClock } from './site-turn.util';
import '../../styles/endpoint.css';

const SOUND_KEY = 'endpoint.turnSound';

/** A short two-tone chime from Web Audio (no file to load); silent where the browser has no audio or blocks it. */
function chime() {
  try {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    [660, 880].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      const start = ctx.currentTime + i * 0.22;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.2);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.21);
    });
    setTimeout(() => void ctx.close().catch(() => undefined), 800);
    document.documentElement.dataset.turnChimes = String(Number(document.documentElement.dataset.turnChimes ?? 0) + 1);
  } catch {
    // no audio here: the banner still shows
  }
}

/** The time left on the floor, then the overrun in red as +mm:ss; from the server's start time and clock offset. */
export function TurnClock({ turn }: { turn: SpeakerTurn }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(serverNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), 250);
    return () => clearInterval(timer);
  }, []);
  const left = remainingSeconds(turn, now);
  return (
    <span className={`turn-clock ${left < 0 ? 'over' : left < 30 ? 'soon' : ''}`} data-testid="turn-clock" data-seconds={left}>
      <span className="turn-clock-label">{left < 0 ? t('endpoint.overrun') : t('endpoint.remaining')}</span>
      <span className="turn-clock-time">{turnClock(left)}</span>
    </span>
  );
}

/**
 * On the endpoint console: "Đến lượt điểm cầu phát biểu" with a chime when the site's speaker gets the floor,
 * the countdown and the overrun; "Sắp đến lượt" when only one speaker is ahead of the site's first request.
 */
export function SiteTurn({ state, endpointId }: { state: MeetingSnapshot; endpointId: string }) {
  const { t } = useTranslation();
  const [sound, setSound] = useState(() => localStorage.getItem(SOUND_KEY) !== 'off');
  const order = orderQueue(state.speakers.requests, state.speakers.turns, state.speakers.settings);
  const turn = siteTurnOf(state.speakers.turns, order, endpointId);
  const speakingTurnId = turn.kind === 'speaking' ? turn.turn.id : null;
  const chimedFor = useRef<string | null>(speakingTurnId);
  useEffect(() => {
    if (speakingTurnId && chimedFor.current !== speakingTurnId && sound) chime();
    chimedFor.current = speakingTurnId;
  }, [speakingTurnId, sound]);

  const toggle = (
    <label className="inline small turn-sound">
      <input
        type="checkbox"
        data-testid="turn-sound"
        checked={sound}
        onChange={(e) => {
          setSound(e.target.checked);
          localStorage.setItem(SOUND_KEY, e.target.checked ? 'on' : 'off');
        }}
      />{' '}
      {t('endpoint.soundOn')}
    </label>
  );
  if (turn.kind === 'speaking') {
    return (
      <div className="turn-banner now" role="alert" data-testid="turn-banner">
        <div>
          <div className="turn-title">{t('endpoint.turnNow')}</div>
          <div className="turn-name" data-testid="turn-speaker">
            {t('endpoint.turnSpeaker', { name: plainName(turn.turn.attendeeName) })}
          </div>
          {turn.turn.topic && <div className="small">“{turn.turn.topic}”</div>}
          {toggle}
        </div>
        <TurnClock turn={turn.turn} />
      </div>
    );
  }
  if (turn.kind === 'next') {
    return (
      <div className="turn-banner next" role="status" data-testid="turn-next">
        <div>
          <div className="turn-title">{t('endpoint.upNext')}</div>
          <div className="small">
            {t(turn.ahead === 0 ? 'endpoint.upNextFirst' : state.speakers.turns.some((x) => x.endedAt === null) ? 'endpoint.upNextDetail' : 'endpoint.upNextAfterOne', { name: plainName(turn.request.attendeeName) })}
          </div>
        </div>
        {toggle}
      </div>
    );
  }
  return null;
}
