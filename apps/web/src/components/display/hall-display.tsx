import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderQueue, remainingSeconds, type DisplaySelf, type MeetingSnapshot, type Poll } from '@app/contracts';
import { fmtDateTime, fmtTime } from '../../i18n';
import { clock, endpointName } from '../speakers/speakers.util';
import { optionLabel, percent } from '../voting/voting.util';
import { connectedCount, currentAgendaItem, currentTurn, hallPoll, nationalTotals, shareOf } from './hall-display.util';
import { fmtCount } from '../../state/use-sites-rollup';
import '../../styles/display.css';

/** The server's clock, ticking: countdowns are offsets from server timestamps. */
function useServerNow(offsetMs: number, everyMs = 250) {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now() + offsetMs), everyMs);
    return () => clearInterval(t);
  }, [offsetMs, everyMs]);
  return now;
}

/** Full screen, dark, large type, no controls: what the hall reads from 8 m. */
export function HallDisplay({ state, self, online, offsetMs }: { state: MeetingSnapshot; self: DisplaySelf; online: boolean; offsetMs: number }) {
  const { t } = useTranslation();
  const now = useServerNow(offsetMs);
  const { meeting } = state;
  const item = currentAgendaItem(state, now);
  const turn = currentTurn(state);
  const request = turn ? state.speakers.requests.find((r) => r.id === turn.requestId) : undefined;
  const next = orderQueue(state.speakers.requests, state.speakers.turns, state.speakers.settings).slice(0, 4);
  const poll = hallPoll(state);
  const count = connectedCount(state);
  const national = nationalTotals(state);
  const left = turn ? remainingSeconds(turn, now) : 0;
  return (
    <main className={`hall${poll ? ' with-poll' : ''}`} data-testid="hall-display" aria-live="polite">
      <header className="hall-head">
        <div className="hall-title">
          <h1 data-testid="hall-meeting-title">{meeting.title}</h1>
          <div className="hall-sub">
            {t(`display.statuses.${meeting.status}`)} · {self.name}
          </div>
        </div>
        <div className="hall-meta">
          <div className="hall-clock" data-testid="hall-clock">{fmtTime(new Date(now).toISOString())}</div>
          <div className={`hall-connected${!online ? ' offline' : count.connected < count.total ? ' partial' : ''}`} data-testid="hall-connected">
            {online ? t('display.connected', count) : t('display.reconnecting')}
          </div>
          {national && online && (
            <div className="hall-national" data-testid="hall-national">
              {t('sites.hallTotals', { connected: fmtCount(national.connected), sites: fmtCount(national.sites), people: fmtCount(national.people) })}
            </div>
          )}
        </div>
      </header>
      {item && (
        <div className="hall-item" data-testid="hall-agenda-item">
          <span className="hall-label">{t('display.agendaItem')}</span> {item.title}
        </div>
      )}
      <section className="hall-main">
        <div className={`hall-speaker${turn ? '' : ' empty'}`} data-testid="hall-speaker">
          {turn ? (
            <>
              <div className="hall-label">{t('display.speaking')}</div>
              <div className="hall-speaker-name" data-testid="hall-speaker-name">{turn.attendeeName}</div>
              <div className="hall-speaker-role" data-testid="hall-speaker-role">
                {[request?.attendeePosition, endpointName(state, turn.endpointId)].filter(Boolean).join(' — ')}
              </div>
              {turn.topic && <div className="hall-topic" data-testid="hall-topic">“{turn.topic}”</div>}
            </>
          ) : (
            <div className="hall-nobody">{t('display.nobody')}</div>
          )}
        </div>
        {turn && (
          <div className={`hall-countdown ${left < 0 ? 'over' : left < 30 ? 'soon' : ''}`} data-testid="hall-countdown" data-seconds={left}>
            <div className="hall-countdown-time">{clock(left)}</div>
            {left < 0 && <div className="hall-countdown-note">{t('display.overTime')}</div>}
          </div>
        )}
        <aside className="hall-next" data-testid="hall-next">
          <div className="hall-label">{t('display.next')}</div>
          {next.length === 0 ? (
            <div className="hall-muted">{t('display.noNext')}</div>
          ) : (
            <ol>
              {next.map((r) => (
                <li key={r.id}>
                  <div className="hall-next-name">{r.attendeeName}</div>
                  <div className="hall-muted">{[r.attendeePosition, endpointName(state, r.endpointId)].filter(Boolean).join(' — ')}</div>
                </li>
              ))}
            </ol>
          )}
        </aside>
      </section>
      {poll && <HallPoll poll={poll} now={now} />}
      <footer className="hall-foot">{fmtDateTime(new Date(now).toISOString())}</footer>
    </main>
  );
}

/** An open poll: the question and turnout. Closed: counts, shares and the outcome. Never a name. */
function HallPoll({ poll, now }: { poll: Poll; now: number }) {
  const { t } = useTranslation();
  const r = poll.result;
  const closesIn = poll.status === 'open' && poll.closesAt ? Math.max(0, Math.ceil((Date.parse(poll.closesAt) - now) / 1000)) : null;
  return (
    <section className={`hall-poll ${poll.status === 'open' ? 'open' : 'closed'}`} data-testid="hall-poll" data-status={poll.status}>
      <div className="hall-poll-head">
        <span className="hall-label">{poll.status === 'open' ? t('display.pollOpen') : t('display.pollClosed')}</span>
        {poll.secret && <span className="hall-badge">{t('display.pollSecret')}</span>}
        {closesIn !== null && <span className="hall-badge" data-testid="hall-poll-countdown">{clock(closesIn)}</span>}
      </div>
      <div className="hall-poll-question" data-testid="hall-poll-question">{poll.question}</div>
      {poll.status === 'open' || !r ? (
        <div className="hall-turnout" data-testid="hall-turnout">
          {poll.mode !== 'site' && (poll.present !== null ? t('display.turnoutDelegates', { voted: poll.turnout.voted, present: poll.present }) : t('display.turnoutVoted', { voted: poll.turnout.voted }))}
          {poll.turnout.sitesExpected > 0 && <div>{t('display.turnoutSites', { counted: poll.turnout.sitesCounted, expected: poll.turnout.sitesExpected })}</div>}
        </div>
      ) : (
        <>
          <ul className="hall-results" data-testid="hall-results">
            {r.options.map((o) => {
              const option = poll.options.find((x) => x.id === o.optionId);
              const share = shareOf(poll, o);
              return (
                <li key={o.optionId} data-testid={`hall-result-${o.optionId}`}>
                  <span className="hall-result-label">
                    {option ? optionLabel(poll, option, t) : o.optionId}
                    {o.elected && <span className="hall-badge elected">{t('display.elected')}</span>}
                  </span>
                  <span className="hall-result-count">{t('display.votes', { count: o.count })}</span>
                  <span className="hall-result-share">{percent(share)}</span>
                  <span className="hall-bar" aria-hidden="true">
                    <span style={{ width: `${Math.min(100, Math.max(0, share ?? 0))}%` }} />
                  </span>
                </li>
              );
            })}
          </ul>
          <div className="hall-poll-foot">
            {poll.choiceKind !== 'election' && (
              <span className={`hall-outcome ${r.passed ? 'passed' : 'failed'}`} data-testid="hall-outcome">
                {r.passed ? t('display.passed') : t('display.notPassed')}
              </span>
            )}
            <span className="hall-muted">
              {t('display.participants', { participants: r.participants, present: r.present, members: r.members })}
              {!r.quorumMet && <> · {t('display.noQuorum')}</>}
            </span>
          </div>
        </>
      )}
    </section>
  );
}
