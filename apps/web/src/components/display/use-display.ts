import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  createApiClient,
  MeetingStateFollower,
  type Ack,
  type ClientToServerEvents,
  type DisplaySelf,
  type MeetingEvent,
  type MeetingSnapshot,
  type MeetingSyncResult,
  type ServerToClientEvents,
} from '@app/contracts';

/** No account on the hall PC: the display's own secret is its only credential (kept in this browser). */
const api = createApiClient({ credentials: 'omit' });
const STORAGE_KEY = 'htt.display.secret';
/** how often a display showing its code asks whether it was paired */
const POLL_MS = 2000;
/** after a refusal or a network failure */
const RETRY_MS = 5000;
const GAP_HOLD_MS = 300;

export type DisplayPhase =
  | { kind: 'starting' }
  | { kind: 'pairing'; code: string; expiresAt: string }
  | { kind: 'live'; self: DisplaySelf }
  | { kind: 'revoked' };

type DisplaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const readSecret = () => {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
};
const writeSecret = (secret: string | null) => {
  try {
    if (secret) localStorage.setItem(STORAGE_KEY, secret);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    /* private mode: the pairing lasts as long as the page */
  }
};

/**
 * The hall display's whole life: ask for a pairing and show its code, poll until someone
 * enters it, then follow the meeting over its own read-only socket (the shared reducer,
 * resyncing after a gap or a reconnect), until it is revoked.
 */
export function useDisplay() {
  const [phase, setPhase] = useState<DisplayPhase>({ kind: 'starting' });
  const [state, setState] = useState<MeetingSnapshot | null>(null);
  const [online, setOnline] = useState(false);
  const [offsetMs, setOffsetMs] = useState(0);
  const secret = useRef<string | null>(readSecret());
  const [round, setRound] = useState(0);

  const restart = useCallback(() => {
    writeSecret(null);
    secret.current = null;
    setState(null);
    setPhase({ kind: 'starting' });
    setRound((r) => r + 1);
  }, []);

  // pairing: show a code and wait for it to be entered
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = (fn: () => void, ms: number) => {
      timer = setTimeout(() => alive && fn(), ms);
    };
    const start = async () => {
      try {
        const p = await api.call('displays.startPairing');
        if (!alive) return;
        secret.current = p.secret;
        writeSecret(p.secret);
        setPhase({ kind: 'pairing', code: p.code, expiresAt: p.expiresAt });
        later(check, POLL_MS);
      } catch {
        later(start, RETRY_MS);
      }
    };
    const check = async () => {
      const s = secret.current;
      if (!s) return start();
      try {
        const answer = await api.call('displays.status', { body: { secret: s } });
        if (!alive) return;
        if (answer.status === 'pending') {
          setPhase({ kind: 'pairing', code: answer.code!, expiresAt: answer.expiresAt! });
          later(check, POLL_MS);
        } else if (answer.status === 'paired') setPhase({ kind: 'live', self: answer.display! });
        else if (answer.status === 'revoked') setPhase({ kind: 'revoked' });
        else {
          // expired or unknown: a new code
          secret.current = null;
          writeSecret(null);
          await start();
        }
      } catch {
        later(check, RETRY_MS);
      }
    };
    void check();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [round]);

  const live = phase.kind === 'live' ? phase.self : null;
  const meetingId = live?.meetingId;
  // following the meeting over the display's socket
  useEffect(() => {
    const token = secret.current;
    if (!meetingId || !token) return;
    let alive = true;
    let follower: MeetingStateFollower | null = null;
    let early: MeetingEvent[] = [];
    let gapTimer: ReturnType<typeof setTimeout> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const socket: DisplaySocket = io({ path: '/socket.io', transports: ['websocket'], auth: { displayToken: token } });
    const sync = async () => {
      const answer = (await socket.emitWithAck('meeting:subscribe', { meetingId, afterSeq: follower?.seq })) as Ack<MeetingSyncResult>;
      if (!alive || !answer.ok) return;
      const { snapshot, events } = answer.data;
      if (snapshot) {
        if (follower) follower.reset(snapshot);
        else follower = new MeetingStateFollower(snapshot);
      } else if (events && follower) events.forEach((e) => follower!.receive(e));
      if (follower) {
        early.forEach((e) => follower!.receive(e));
        early = [];
        setState(follower.state);
      }
    };
    const clock = async () => {
      const sent = Date.now();
      const answer = (await socket.emitWithAck('clock:sync', { clientTime: sent })) as Ack<{ serverTime: number }>;
      if (alive && answer.ok) setOffsetMs(answer.data.serverTime - (sent + Date.now()) / 2);
    };
    socket.on('connect', () => {
      setOnline(true);
      void clock();
      void sync();
    });
    socket.on('disconnect', () => setOnline(false));
    socket.on('meeting:event', (e) => {
      if (e.meetingId !== meetingId) return;
      if (!follower) return void early.push(e);
      const gap = follower.receive(e);
      setState(follower.state);
      if (gap && !gapTimer) {
        gapTimer = setTimeout(() => {
          gapTimer = undefined;
          if (alive && follower?.waiting) void sync();
        }, GAP_HOLD_MS);
      }
    });
    socket.on('session:ended', ({ reason }) => {
      if (reason === 'revoked' && alive) setPhase({ kind: 'revoked' });
    });
    // A refused handshake is not retried by socket.io: ask why, then try again or stop.
    socket.on('connect_error', () => {
      setOnline(false);
      void api.call('displays.status', { body: { secret: token } }).then(
        (answer) => {
          if (!alive) return;
          if (answer.status === 'revoked') setPhase({ kind: 'revoked' });
          else if (answer.status !== 'paired') restart();
          else if (!socket.active) retry = setTimeout(() => socket.connect(), RETRY_MS);
        },
        () => {
          if (alive && !socket.active) retry = setTimeout(() => socket.connect(), RETRY_MS);
        },
      );
    });
    return () => {
      alive = false;
      clearTimeout(gapTimer);
      clearTimeout(retry);
      socket.close();
    };
  }, [meetingId, restart]);

  return { phase, state, online, offsetMs, restart };
}
