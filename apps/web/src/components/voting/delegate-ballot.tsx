import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { io, type Socket } from 'socket.io-client';
import { createApiClient, type BallotView, type ClientToServerEvents, type Poll, type ServerToClientEvents } from '@app/contracts';
import { ErrorBanner } from '../ui';
import { optionLabel } from './voting.util';

/** No account on the phone: the link's token is the only credential, read from the fragment (never sent in a URL). */
const api = createApiClient({ credentials: 'omit' });
/** While the phone's socket is down (a weak link), it still asks again this often. */
const OFFLINE_REFRESH_MS = 15_000;

/** The delegate's phone ballot from the personal link: one big button per choice, and what was recorded. */
export function DelegateBallot({ token }: { token: string }) {
  const { t } = useTranslation();
  const [view, setView] = useState<BallotView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => api.call('ballot.view', { query: { token } }).then(setView, setError), [token]);
  useEffect(() => {
    void load();
    // The socket says when a poll opens or closes (never how anybody voted); the ballot is then read again.
    // Polling first, then upgraded: a commune's phone behind a proxy still gets through.
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ path: '/socket.io', auth: { ballotToken: token }, reconnectionDelayMax: 10_000 });
    socket.on('connect', () => void load());
    socket.on('ballot:changed', () => void load());
    // closed by the server: this slip was replaced; reading the ballot says so
    socket.on('disconnect', (reason) => reason === 'io server disconnect' && void load());
    const timer = setInterval(() => socket.connected || void load(), OFFLINE_REFRESH_MS);
    return () => {
      clearInterval(timer);
      socket.close();
    };
  }, [load, token]);
  if (!view) return <main className="ballot">{error ? <ErrorBanner error={error} /> : <p>{t('common.loading')}</p>}</main>;
  const open = view.polls.filter((p) => p.poll.status === 'open');
  return (
    <main className="ballot" data-testid="ballot">
      <h1>{t('voting.ballotTitle')}</h1>
      <p className="muted">{view.meetingTitle}</p>
      <p>
        <strong>{t('voting.ballotFor', { name: view.attendee.fullName, site: view.attendee.endpointName })}</strong>
      </p>
      <ErrorBanner error={error} />
      {open.length === 0 && (
        <p data-testid="ballot-waiting">
          {t('voting.noOpen')} <button onClick={() => void load()}>{t('voting.refresh')}</button>
        </p>
      )}
      {open.map(({ poll, mine, canVote }) => (
        <BallotFor key={poll.id} poll={poll} mine={mine} canVote={canVote} token={token} onVoted={load} onError={setError} />
      ))}
    </main>
  );
}

function BallotFor({ poll, mine, canVote, token, onVoted, onError }: { poll: Poll; mine: string[] | null; canVote: boolean; token: string; onVoted: () => Promise<void>; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>([]);
  const [recorded, setRecorded] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = recorded ?? mine;
  const vote = async (optionIds: string[]) => {
    setBusy(true);
    onError(null);
    try {
      setRecorded((await api.call('ballot.cast', { body: { token, pollId: poll.id, optionIds } })).optionIds);
      await onVoted();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  const label = (id: string) => optionLabel(poll, poll.options.find((o) => o.id === id) ?? { id, label: id, abstain: false }, t);
  return (
    <section className="ballot-poll">
      <h2>{poll.question}</h2>
      {!canVote && <p>{t('voting.cannotVote')}</p>}
      {canVote && poll.maxChoices === 1 && (
        <div className="ballot-choices">
          {poll.options.map((o) => (
            <button key={o.id} className={`big-choice${shown?.includes(o.id) ? ' chosen' : ''}`} disabled={busy} aria-pressed={!!shown?.includes(o.id)} onClick={() => void vote([o.id])} data-testid={`choose-${o.id}`}>
              {optionLabel(poll, o, t)}
            </button>
          ))}
        </div>
      )}
      {canVote && poll.maxChoices > 1 && (
        <div className="ballot-choices">
          <p>{t('voting.chooseUpTo', { max: poll.maxChoices })}</p>
          {poll.options.map((o) => (
            <label key={o.id} className="big-choice inline">
              <input
                type="checkbox"
                checked={chosen.includes(o.id)}
                disabled={!chosen.includes(o.id) && chosen.length >= poll.maxChoices}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, o.id] : chosen.filter((x) => x !== o.id))}
              />
              {o.label}
            </label>
          ))}
          <button className="primary big-choice" disabled={busy || !chosen.length} onClick={() => void vote(chosen)}>
            {t('voting.submitChoice')}
          </button>
        </div>
      )}
      {shown && shown.length > 0 && (
        <p className="banner" role="status" data-testid="ballot-recorded">
          {t('voting.recorded', { choice: shown.map(label).join(', ') })} {t('voting.change')}
        </p>
      )}
    </section>
  );
}
