import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingSnapshot, Poll } from '@app/contracts';
import { call } from '../../api/http';
import { fmtTime } from '../../i18n';
import { ConfirmDialog, ErrorBanner } from '../ui';
import { endpointName } from '../speakers/speakers.util';
import { PollResults } from './poll-results';
import { optionLabel, ruleText } from './voting.util';

/**
 * One poll: what is asked, its live turnout (how many, never how), the chair's
 * open / close / publish / cancel, the operators' forms for their sites, and
 * the result once closed.
 */
export function PollCard({ poll, state, manage, countFor }: { poll: Poll; state: MeetingSnapshot; manage: boolean; countFor: string[] }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [asking, setAsking] = useState<'close' | 'cancel' | null>(null);
  const params = { id: state.meeting.id, pollId: poll.id };
  const act = (action: 'open' | 'publish') => {
    setError(null);
    call('polls.transition', { params, body: { action } }).catch(setError);
  };
  const siteCounts = poll.status === 'open' ? countFor.filter((id) => poll.mode === 'site' || (poll.mode === 'mixed' && poll.siteEndpointIds.includes(id))) : [];
  const named = poll.status === 'open' && !poll.secret ? countFor.filter((id) => !siteCounts.includes(id) && poll.mode !== 'site') : [];

  return (
    <article className="card poll" data-testid={`poll-${poll.status}`}>
      <header className="row">
        <h3>{poll.question}</h3>
        <span className="badge" data-testid="poll-status">{t(`voting.statuses.${poll.status}`)}</span>
        <span className="badge">{poll.secret ? t('voting.secretBadge') : t('voting.namedBadge')}</span>
        <span className="badge">{t(`voting.modes.${poll.mode}`)}</span>
      </header>
      <p className="muted">
        {poll.options.map((o) => optionLabel(poll, o, t)).join(' · ')} — {ruleText(poll, t)}
      </p>
      <ErrorBanner error={error} />
      {poll.status === 'open' && (
        <p className="turnout" data-testid="poll-turnout" aria-live="polite">
          {t('voting.turnout', { voted: poll.turnout.voted })}
          {poll.turnout.sitesExpected > 0 && <> · {t('voting.sitesCounted', { counted: poll.turnout.sitesCounted, expected: poll.turnout.sitesExpected })}</>}
          {poll.present !== null && <> · {t('voting.presentAtOpen', { present: poll.present, members: poll.members })}</>}
          {poll.closesAt && <> · {t('voting.closesAt', { time: fmtTime(poll.closesAt) })}</>}
        </p>
      )}
      {manage && (
        <div className="row">
          {poll.status === 'draft' && (
            <button className="primary" onClick={() => act('open')} data-testid="poll-open">
              {t('voting.openPoll')}
            </button>
          )}
          {poll.status === 'open' && (
            <button className="primary" onClick={() => setAsking('close')} data-testid="poll-close">
              {t('voting.close')}
            </button>
          )}
          {poll.status === 'closed' && (
            <button className="primary" onClick={() => act('publish')} data-testid="poll-publish">
              {t('voting.publish')}
            </button>
          )}
          {(poll.status === 'draft' || poll.status === 'open') && (
            <button className="danger" onClick={() => setAsking('cancel')} data-testid="poll-cancel">
              {t('voting.cancel')}
            </button>
          )}
        </div>
      )}
      {asking === 'close' && (
        <ConfirmDialog
          title={t('voting.closeTitle')}
          message={t('voting.closeMessage', { question: poll.question })}
          confirmLabel={t('voting.close')}
          onConfirm={() => call('polls.transition', { params, body: { action: 'close' } })}
          onClose={() => setAsking(null)}
        />
      )}
      {asking === 'cancel' && (
        <ConfirmDialog
          title={t('voting.cancelTitle')}
          message={t('voting.cancelMessage', { question: poll.question })}
          confirmLabel={t('voting.cancel')}
          reasonLabel={t('voting.cancelReason')}
          onConfirm={(reason) => call('polls.transition', { params, body: { action: 'cancel', reason } })}
          onClose={() => setAsking(null)}
        />
      )}
      {siteCounts.map((endpointId) => (
        <SiteCountForm key={endpointId} poll={poll} state={state} endpointId={endpointId} />
      ))}
      {named.map((endpointId) => (
        <RecordVote key={endpointId} poll={poll} state={state} endpointId={endpointId} />
      ))}
      <PollResults poll={poll} state={state} />
    </article>
  );
}

/** The operator's show of hands: a count per option, never more than the site's members checked in. */
function SiteCountForm({ poll, state, endpointId }: { poll: Poll; state: MeetingSnapshot; endpointId: string }) {
  const { t } = useTranslation();
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const present = state.attendees.filter((a) => a.endpointId === endpointId && a.votingMember && (a.status === 'present' || a.status === 'late')).length;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await call('polls.siteCount', { params: { id: state.meeting.id, pollId: poll.id }, body: { endpointId, counts: Object.fromEntries(poll.options.map((o) => [o.id, Number(counts[o.id] || 0)])) } });
      setSent(true);
    } catch (err) {
      setError(err);
    }
  };
  if (sent) return <p className="banner" data-testid="site-count-sent">{t('voting.counted')}</p>;
  return (
    <form className="site-count" onSubmit={submit} data-testid={`site-count-${endpointId}`}>
      <h4>
        {t('voting.siteCount')} — {endpointName(state, endpointId)}
      </h4>
      <p className="muted small">{t('voting.siteCountHint', { present })}</p>
      <ErrorBanner error={error} />
      <div className="row">
        {poll.options.map((o) => (
          <label key={o.id}>
            {optionLabel(poll, o, t)}
            <input type="number" min={0} max={present} inputMode="numeric" value={counts[o.id] ?? ''} onChange={(e) => setCounts({ ...counts, [o.id]: e.target.value })} data-testid={`count-${o.id}`} />
          </label>
        ))}
      </div>
      <button className="primary" type="submit" data-testid="site-count-send">
        {t('voting.send')}
      </button>
    </form>
  );
}

/** The operator records the vote of a named delegate of its site (named polls). */
function RecordVote({ poll, state, endpointId }: { poll: Poll; state: MeetingSnapshot; endpointId: string }) {
  const { t } = useTranslation();
  const people = state.attendees.filter((a) => a.endpointId === endpointId && a.votingMember);
  const [attendeeId, setAttendeeId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!people.length) return null;
  const record = async (optionId: string) => {
    setError(null);
    setDone(null);
    try {
      const r = await call('polls.recordVote', { params: { id: state.meeting.id, pollId: poll.id }, body: { endpointId, attendeeId, optionIds: [optionId] } });
      setDone(r.optionIds.map((id) => optionLabel(poll, poll.options.find((o) => o.id === id)!, t)).join(', '));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <details className="record-vote">
      <summary>
        {t('voting.recordFor')} — {endpointName(state, endpointId)}
      </summary>
      <ErrorBanner error={error} />
      {done && <p className="banner">{t('voting.recorded', { choice: done })}</p>}
      <label>
        {t('voting.delegate')}
        <select value={attendeeId} onChange={(e) => setAttendeeId(e.target.value)}>
          <option value="">—</option>
          {people.map((a) => (
            <option key={a.id} value={a.id}>
              {a.fullName}
            </option>
          ))}
        </select>
      </label>
      {poll.maxChoices === 1 && (
        <div className="row">
          {poll.options.map((o) => (
            <button key={o.id} disabled={!attendeeId} onClick={() => void record(o.id)}>
              {optionLabel(poll, o, t)}
            </button>
          ))}
        </div>
      )}
    </details>
  );
}
