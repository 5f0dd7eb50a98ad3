import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingSnapshot, SpeechRequest } from '@app/contracts';
import { plainName } from '../name';
import { endpointName } from './speakers.util';
import '../../styles/floor.css';

const SOUND_KEY = 'floor.sound';

interface Alert {
  id: string;
  point: boolean;
  text: string;
  sounded: boolean;
}

let audio: AudioContext | null = null;
/** A short chime with Web Audio (no file to load): one tone for a request, two higher ones for a point of order. */
function chime(point: boolean): boolean {
  try {
    audio ??= new AudioContext();
    void audio.resume();
    const tones = point ? [988, 1319] : [880];
    tones.forEach((hz, i) => {
      const at = audio!.currentTime + i * 0.18;
      const osc = audio!.createOscillator();
      const gain = audio!.createGain();
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
      osc.connect(gain).connect(audio!.destination);
      osc.start(at);
      osc.stop(at + 0.17);
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Tells the chair when a request to speak or a point of order arrives: a banner that stays until
 * seen and, when the chair has turned it on (remembered in this browser), a chime. Requests
 * already there when the console opened do not ring.
 */
export function FloorAlerts({ state }: { state: MeetingSnapshot }) {
  const { t } = useTranslation();
  const [sound, setSound] = useState(() => localStorage.getItem(SOUND_KEY) === 'on');
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const seen = useRef<Set<string> | null>(null);
  const soundRef = useRef(sound);
  soundRef.current = sound;

  useEffect(() => {
    const requests = state.speakers.requests;
    if (!seen.current) {
      seen.current = new Set(requests.map((r) => r.id));
      return;
    }
    const fresh: SpeechRequest[] = [];
    for (const r of requests) {
      if (seen.current.has(r.id)) continue;
      seen.current.add(r.id);
      if (r.status === 'pending' || r.kind === 'point_of_order') fresh.push(r);
    }
    if (!fresh.length) return;
    const point = fresh.some((r) => r.kind === 'point_of_order');
    const sounded = soundRef.current ? chime(point) : false;
    const made = fresh.map((r) => ({
      id: r.id,
      point: r.kind === 'point_of_order',
      sounded,
      text:
        r.kind === 'point_of_order'
          ? t('floorConsole.alertPoint', { name: plainName(r.attendeeName), site: endpointName(state, r.endpointId) })
          : t('floorConsole.alertRequest', { name: plainName(r.attendeeName), site: endpointName(state, r.endpointId), kind: t(`floor.kinds.${r.kind}`) }),
    }));
    setAlerts((old) => [...made.reverse(), ...old].slice(0, 4));
  }, [state, t]);

  const toggle = (on: boolean) => {
    setSound(on);
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
    if (on) {
      // the click that turns it on lets the browser start audio; later chimes need no gesture
      try {
        audio ??= new AudioContext();
        void audio.resume();
      } catch {
        /* no Web Audio: the banner still shows */
      }
    }
  };

  return (
    <>
      <label className="inline">
        <input type="checkbox" data-testid="floor-sound" checked={sound} onChange={(e) => toggle(e.target.checked)} /> {t('floorConsole.sound')}
      </label>
      <div className="floor-alerts stack" role="status" aria-live="assertive" data-testid="floor-alerts">
        {alerts.map((a) => (
          <div key={a.id} className={`card floor-alert${a.point ? ' point' : ''}`} data-testid="floor-alert" data-sounded={a.sounded ? 'true' : 'false'}>
            <strong>{a.text}</strong>
            <button type="button" className="link" onClick={() => setAlerts((old) => old.filter((x) => x.id !== a.id))}>
              {t('floorConsole.dismiss')}
            </button>
          </div>
        ))}
      </div>
    </>
  );
}
